/* dt-app-util.h — small helpers shared by the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast in the window's toast overlay above @widget (takes it). */
void dt_widget_add_toast  (GtkWidget    *widget,
                           AdwToast     *toast);
/* A message dialog over @widget's window: @heading, then the error. */
void dt_widget_show_error (GtkWidget    *widget,
                           const char   *heading,
                           const GError *error);

G_END_DECLS
