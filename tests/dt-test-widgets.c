/* dt-test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dt-enterprise-row.h"
#include "dt-test-widgets.h"

void
dt_test_iterate_until_idle (void)
{
  for (guint i = 0; i < 50; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
dt_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dt_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
wake (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

void
dt_test_wait_for (gboolean (*done) (gpointer data),
                  gpointer   data,
                  guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, wake, &timed_out);

  while (!done (data) && !timed_out)
    {
      gboolean ticked = FALSE;
      guint tick = g_timeout_add (20, wake, &ticked);

      g_main_context_iteration (NULL, TRUE);
      if (!ticked)
        g_source_remove (tick);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
row_loaded (gpointer row)
{
  return !dt_enterprise_row_get_loading (row);
}

gpointer
dt_test_get_loaded_row (GListModel *model,
                        guint       position)
{
  gpointer row = g_list_model_get_item (model, position);

  g_assert_nonnull (row);
  dt_test_wait_for (row_loaded, row, 10);
  return row;
}

GtkWidget *
dt_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dt_test_find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
dt_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

GtkWidget *
dt_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  /* Table cells are inscriptions */
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL &&
      strstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dt_test_find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
dt_test_find_actionable (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *target)
{
  g_autoptr(GVariant) owned = target != NULL ? g_variant_ref_sink (target) : NULL;

  return dt_test_find_actionable_ref (widget, action_name, owned);
}

GtkWidget *
dt_test_find_actionable_ref (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *target)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    {
      GVariant *own = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target == NULL || (own != NULL && g_variant_equal (own, target)))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dt_test_find_actionable_ref (child, action_name, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}
