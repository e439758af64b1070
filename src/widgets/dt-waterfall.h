/* dt-waterfall.h — a waterfall chart whose steps can be opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knows nothing of the index: a page gives it a start, steps and an end.
 * A click on a step, or Enter on the step chosen with the arrow keys,
 * emits ::step-activated.
 */

#pragma once

#include <gtk/gtk.h>

#include "dt-waterfall-render.h"

G_BEGIN_DECLS

#define DT_TYPE_WATERFALL (dt_waterfall_get_type ())

G_DECLARE_FINAL_TYPE (DtWaterfall, dt_waterfall, DT, WATERFALL, GtkWidget)

GtkWidget *dt_waterfall_new             (void);
/* Copies everything. @note (may be NULL) is drawn under the chart. */
void       dt_waterfall_set_data        (DtWaterfall           *self,
                                         const char            *title,
                                         const char            *start_label,
                                         double                 start,
                                         const char            *end_label,
                                         double                 end,
                                         const DtWaterfallStep *steps,
                                         guint                  n_steps,
                                         const char            *note);
/* What the chart states, for screen readers (its accessible description). */
void       dt_waterfall_set_description (DtWaterfall           *self,
                                         const char            *description);
int        dt_waterfall_get_selected    (DtWaterfall           *self);
guint      dt_waterfall_get_n_steps     (DtWaterfall           *self);
/* Saves at @width × @height; .png, .svg or .pdf. */
gboolean   dt_waterfall_save            (DtWaterfall           *self,
                                         const char            *path,
                                         int                    width,
                                         int                    height,
                                         GError               **error);

G_END_DECLS
