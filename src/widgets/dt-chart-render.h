/* dt-chart-render.h — the one drawing function behind DtChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a chart on any cairo_t: the widget's snapshot and PNG/SVG/PDF
 * export call the same function with the same data and colours.
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "dt-chart.h"

G_BEGIN_DECLS

#define DT_CHART_PALETTE_SIZE 12

typedef struct
{
  char   *name;
  double *values;     /* n_values entries, NAN for a missing value */
  guint   n_values;
  /* Added later; zero keeps the earlier behaviour. */
  char   *key;        /* what the series is, for a stable colour; may be NULL */
  DtChartSeriesFlags flags;
} DtChartSeries;

typedef struct
{
  DtChartKind           kind;
  const char           *title;            /* may be NULL */
  const char           *unit;             /* may be NULL */
  const char           *value_format;     /* printf format for one double */
  const char * const   *categories;       /* n_categories entries */
  guint                 n_categories;
  const DtChartSeries  *series;           /* n_series entries */
  guint                 n_series;
  int                   highlight_series; /* -1 for none */
  int                   highlight_category;
  /* Added later; zero keeps the earlier behaviour. */
  DtChartValues         values;
  const char * const   *colour_keys;      /* NULL-terminated, may be NULL */
  /* Context, drawn when set (saved charts, the briefing). */
  const char           *selection;        /* the filter or selection shown */
  const char           *source;           /* the source line */
  gboolean              sample;           /* marks the chart "Sample data" */
} DtChartData;

typedef struct
{
  GdkRGBA                foreground;
  GdkRGBA                background;      /* used for callouts and, if set, the whole area */
  gboolean               fill_background;
  gboolean               show_focus;      /* draw a focus ring around the chart */
  GdkRGBA                focus;
  GdkRGBA                palette[DT_CHART_PALETTE_SIZE];
  PangoFontDescription  *font;            /* owned; NULL means "Sans 10" */
} DtChartStyle;

/* Where things were drawn, kept by the widget for hit testing. */
typedef struct
{
  gboolean valid;
  double   plot_x;
  double   plot_y;
  double   plot_width;
  double   plot_height;
  double   axis_min;
  double   axis_max;
  double   slot_width;     /* width given to each category */
  double   group_width;    /* bars: width of one category's group of bars */
  double   bar_width;
  gboolean inverted;       /* the lowest value at the top (ranks) */
  double   tick_step;      /* between value-axis ticks, in the data's units */
  guint    n_ticks;
  double   ticks[16];      /* value-axis ticks, in the data's units */
  double   label_scale;    /* of the category labels, against the base font */
  double   label_angle;    /* of the category labels, radians (0, -π/4, -π/2) */
  guint    label_every;    /* 1 when every category is labelled */
} DtChartLayout;

void     dt_chart_style_init_light   (DtChartStyle        *style);
void     dt_chart_style_clear        (DtChartStyle        *style);

void     dt_chart_render             (cairo_t             *cr,
                                      const DtChartData   *data,
                                      int                  width,
                                      int                  height,
                                      const DtChartStyle  *style,
                                      DtChartLayout       *out_layout);

/* Finds the bar or line point at (@x, @y) in a layout from dt_chart_render(). */
gboolean dt_chart_layout_hit_test    (const DtChartLayout *layout,
                                      const DtChartData   *data,
                                      double               x,
                                      double               y,
                                      guint               *out_series,
                                      guint               *out_category);

/* Formats one value with @format (a printf format taking one double); a bad
 * format falls back to "%.1f" rather than crash. */
char    *dt_chart_format_value       (const char          *format,
                                      double               value);
gboolean dt_chart_value_format_is_valid (const char       *format);

/* The palette entry of a series: its key's place in colour_keys, else a
 * hash of its key, else its position. */
guint    dt_chart_series_colour_index (const DtChartData  *data,
                                      guint                series);

/* One value as text with its unit, as the description and callout say it. */
char    *dt_chart_format_value_full  (const DtChartData   *data,
                                      double               value);

/* "Hangzhou, Count: 58 家" — what the callout says. */
char    *dt_chart_describe_point     (const DtChartData   *data,
                                      guint                series,
                                      guint                category);
/* The plain-text account of the whole chart. */
char    *dt_chart_describe_data      (const DtChartData   *data);

/* Nice round axis ticks covering [@lo, @hi] with about @target ticks. */
void     dt_chart_nice_range         (double               lo,
                                      double               hi,
                                      int                  target,
                                      double              *out_min,
                                      double              *out_max,
                                      double              *out_step);

G_END_DECLS
