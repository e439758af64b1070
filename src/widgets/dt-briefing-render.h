/* dt-briefing-render.h — lays the briefing out on pages and draws them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout pass decides what goes on which page; the same drawing code
 * then serves the PDF writer and GtkPrintOperation's draw-page. Text is
 * drawn with PangoCairo, so a PDF holds real, selectable text with its
 * fonts embedded; charts are drawn by dt_chart_render(), as vectors.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "dt-briefing-data.h"

G_BEGIN_DECLS

/* A4 in points, the unit the layout works in. */
#define DT_BRIEFING_PAGE_WIDTH  595.276
#define DT_BRIEFING_PAGE_HEIGHT 841.890

typedef struct _DtBriefingLayout DtBriefingLayout;

/* Lays @briefing out on pages of @width × @height points; @briefing must
 * outlive the layout. */
DtBriefingLayout *dt_briefing_layout_new         (const DtBriefing *briefing,
                                                  double            width,
                                                  double            height);
guint             dt_briefing_layout_get_n_pages (DtBriefingLayout *self);
/* Draws page @page (from 0) on @cr, whose unit is the point. */
void              dt_briefing_layout_draw_page   (DtBriefingLayout *self,
                                                  cairo_t          *cr,
                                                  guint             page);
void              dt_briefing_layout_free        (DtBriefingLayout *self);

/* Writes @briefing as an A4 PDF to @stream. */
gboolean          dt_briefing_write_pdf          (const DtBriefing *briefing,
                                                  GOutputStream    *stream,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtBriefingLayout, dt_briefing_layout_free)

G_END_DECLS
