/* dt-screenshot.h — render a window to PNG for --screenshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders @widget into a texture with its own renderer. */
GdkTexture *dt_screenshot_render          (GtkWidget   *widget);
gboolean    dt_screenshot_save_png        (GtkWidget   *widget,
                                           const char  *path,
                                           GError     **error);
/* Once @window has drawn and settled, saves it to @path and quits the
 * application (exit status 1 when saving failed). */
void        dt_screenshot_take_and_quit   (GtkWidget   *window,
                                           const char  *path);

G_END_DECLS
