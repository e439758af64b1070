/* dt-test-widgets.h — small helpers shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop until nothing is pending, a few times over. */
void       dt_test_iterate_until_idle    (void);
/* @widget itself or its first descendant (depth first) of @type, or NULL. */
GtkWidget *dt_test_find_descendant       (GtkWidget *widget,
                                          GType      type);

/* The first button below @widget whose label (with its underline) is @label. */
GtkWidget *dt_test_find_button           (GtkWidget  *widget,
                                          const char *label);
/* The first open window of @type, or NULL. */
GtkWidget *dt_test_find_toplevel         (GType       type);
/* Runs the main loop until @done (@data) is TRUE; fails the test after
 * @seconds. */
void       dt_test_wait_for              (gboolean (*done) (gpointer data),
                                          gpointer   data,
                                          guint      seconds);
/* Item @position of a DtEnterpriseListModel, once its page has arrived
 * (a placeholder until then). */
gpointer   dt_test_get_loaded_row        (GListModel *model,
                                          guint       position);
/* The first label below @widget whose text contains @text, or NULL. */
GtkWidget *dt_test_find_label            (GtkWidget  *widget,
                                          const char *text);

/* The first actionable below @widget (itself included) with @action_name
 * and, unless @target is NULL, that target (a floating @target is sunk
 * and released; the _ref form leaves @target alone). */
GtkWidget *dt_test_find_actionable       (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *target);
GtkWidget *dt_test_find_actionable_ref   (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *target);

G_END_DECLS
