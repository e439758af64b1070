/* dt-app-util.h — small helpers shared by the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Call before GTK opens the display: draws with cairo, and keeps OpenGL
 * unloaded, on a machine without a GPU device (see dt-app-util.c). */
void dt_choose_renderer   (void);

/* For build-aux/bench.sh: prints "first-frame SECONDS", the time since
 * DT_LAUNCHED_NS (the launch, in ns of the real-time clock), when set. */
void dt_report_first_frame (void);

/* Shows @toast in the window's toast overlay above @widget (takes it). */
void dt_widget_add_toast  (GtkWidget    *widget,
                           AdwToast     *toast);
/* A message dialog over @widget's window: @heading, then the error. */
void dt_widget_show_error (GtkWidget    *widget,
                           const char   *heading,
                           const GError *error);

/* Saves to @path (ending in .png, .svg or .pdf); the dialog shows @error. */
typedef gboolean (*DtSaveChartFunc) (const char  *path,
                                     gpointer     data,
                                     GError     **error);

void dt_save_chart_dialog (GtkWidget       *parent,
                           const char      *title,
                           const char      *default_name,
                           DtSaveChartFunc  save,
                           gpointer         data);

G_END_DECLS
