/* dt-render-file.h — saves a cairo drawing as PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart saves itself the same way: the file name's suffix picks
 * the surface, the chart draws on it, and cairo's status becomes a
 * GError. Knows nothing of GTK, so the render files can use it.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef void (*DtRenderFunc) (cairo_t  *cr,
                              int       width,
                              int       height,
                              gpointer  data);

gboolean dt_render_save_file (const char    *path,
                              int            width,
                              int            height,
                              const char    *pdf_title,
                              DtRenderFunc   draw,
                              gpointer       data,
                              GError       **error);

G_END_DECLS
