/* dt-rank-interval-render.h — draws rank intervals on any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per region, sorted as given: a bar from the 5th to the 95th
 * percentile rank, a dot at the median rank and a tick at the nominal
 * rank; rank 1 on the left. Knows nothing of GTK, so the widget, file
 * export and tests draw the same picture.
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  const char *label;
  guint       nominal;
  guint       median;
  guint       low;       /* 5th percentile */
  guint       high;      /* 95th percentile */
} DtRankIntervalItem;

typedef struct
{
  const char           *title;       /* may be NULL */
  const DtRankIntervalItem *items;
  guint                 n_items;
  guint                 n_ranks;     /* the axis runs from 1 to this */
  guint                 replications;
} DtRankIntervalData;

typedef struct
{
  double                foreground[4];  /* RGBA, 0 to 1 */
  double                background[4];
  double                accent[4];
  gboolean              fill_background;
  PangoFontDescription *font;           /* not owned; NULL: Sans 10 */
} DtRankIntervalStyle;

void      dt_rank_interval_style_init_light (DtRankIntervalStyle      *style);
/* The height at which every row reads well. */
int       dt_rank_interval_natural_height   (const DtRankIntervalData *data);
void      dt_rank_interval_render           (cairo_t                  *cr,
                                             const DtRankIntervalData *data,
                                             int                       width,
                                             int                       height,
                                             const DtRankIntervalStyle *style);
/* The chart in words, for screen readers. */
char     *dt_rank_interval_describe         (const DtRankIntervalData *data);
/* PNG, SVG or PDF, after the file name's extension. */
gboolean  dt_rank_interval_save             (const DtRankIntervalData  *data,
                                             const DtRankIntervalStyle *style,
                                             const char                *path,
                                             int                        width,
                                             int                        height,
                                             GError                   **error);

G_END_DECLS
