/* dt-waterfall-render.h — the drawing of a waterfall chart, on any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A start bar, one floating bar per step (up or down from the running
 * total) and an end bar. No GTK: the widget's snapshot and PNG/SVG/PDF
 * saving call the same function.
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} DtWaterfallColour;

typedef struct
{
  const char *label;
  double      value;         /* the step; NAN when it cannot be given */
  gboolean    has_children;  /* drawn with a mark: it can be opened */
  gboolean    missing;       /* values are missing under it: drawn hatched */
} DtWaterfallStep;

typedef struct
{
  const char            *title;         /* may be NULL */
  const char            *start_label;
  double                 start;
  const char            *end_label;
  double                 end;
  const DtWaterfallStep *steps;
  guint                  n_steps;
  int                    selected;      /* the step with the keyboard focus, or -1 */
  const char            *note;          /* a line under the chart, e.g. the source; may be NULL */
} DtWaterfallData;

typedef struct
{
  DtWaterfallColour      foreground;
  DtWaterfallColour      background;
  DtWaterfallColour      up;
  DtWaterfallColour      down;
  DtWaterfallColour      total;
  DtWaterfallColour      focus;
  gboolean               fill_background;
  gboolean               show_focus;
  PangoFontDescription  *font;          /* owned; NULL: Sans 10 */
} DtWaterfallStyle;

typedef struct
{
  gboolean valid;
  double   plot_x;
  double   plot_width;
  double   plot_y;
  double   plot_height;
  double   slot_width;    /* one slot per bar: start, the steps, end */
} DtWaterfallLayout;

void     dt_waterfall_style_init_light (DtWaterfallStyle        *style);
void     dt_waterfall_style_clear      (DtWaterfallStyle        *style);
void     dt_waterfall_render           (cairo_t                 *cr,
                                        const DtWaterfallData   *data,
                                        int                      width,
                                        int                      height,
                                        const DtWaterfallStyle  *style,
                                        DtWaterfallLayout       *out_layout);
/* The step under (@x, @y), or -1. */
int      dt_waterfall_hit_test         (const DtWaterfallLayout *layout,
                                        const DtWaterfallData   *data,
                                        double                   x,
                                        double                   y);
/* Draws to @path: .png, .svg or .pdf. */
gboolean dt_waterfall_render_to_file   (const DtWaterfallData   *data,
                                        const DtWaterfallStyle  *style,
                                        const char              *path,
                                        int                      width,
                                        int                      height,
                                        GError                 **error);

G_END_DECLS
