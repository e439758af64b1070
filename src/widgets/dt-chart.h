/* dt-chart.h — bar and line charts drawn with cairo, on screen and to files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knows nothing of the database: pages give it categories and series.
 * The same drawing function serves the screen (via GtkSnapshot) and
 * PNG/SVG/PDF export; colours come from the theme so dark mode works.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DT_CHART_BAR,   /* one bar per category and series, grouped */
  DT_CHART_LINE,  /* one line per series across the categories (e.g. years) */
} DtChartKind;

/* What the values are; decides the axis, the ticks and how values read. */
typedef enum
{
  DT_CHART_VALUES_PLAIN,   /* formatted with the value format, then the unit */
  DT_CHART_VALUES_COUNT,   /* whole numbers, grouped: "1,234 家" */
  DT_CHART_VALUES_RANK,    /* places on a list: rank 1 at the top, whole-number ticks */
  DT_CHART_VALUES_AMOUNT,  /* money in 万元, shown in 亿元/万元 or billion/million yuan */
} DtChartValues;

/* Flags of one series. */
typedef enum
{
  DT_CHART_SERIES_NONE     = 0,
  DT_CHART_SERIES_EMPHASIS = 1 << 0,  /* drawn last and thicker, e.g. the province line */
} DtChartSeriesFlags;

#define DT_TYPE_CHART (dt_chart_get_type ())

G_DECLARE_FINAL_TYPE (DtChart, dt_chart, DT, CHART, GtkWidget)

GtkWidget  *dt_chart_new             (DtChartKind          kind);
DtChartKind dt_chart_get_kind        (DtChart             *self);
void        dt_chart_set_kind        (DtChart             *self,
                                      DtChartKind          kind);
/* Shown above the chart and used in its accessible description. */
void        dt_chart_set_title       (DtChart             *self,
                                      const char          *title);
/* A unit for values in tooltips and the description, e.g. "万元"; may be NULL. */
void        dt_chart_set_unit        (DtChart             *self,
                                      const char          *unit);
/* printf format for one value, default "%.1f". */
void        dt_chart_set_value_format (DtChart            *self,
                                      const char          *format);
/* The x-axis: bar categories, or the points of a line (years). NULL-terminated. */
void        dt_chart_set_categories  (DtChart             *self,
                                      const char * const  *categories);
void        dt_chart_clear_series    (DtChart             *self);
/* @values has one value per category; NAN marks a missing value. */
void        dt_chart_add_series      (DtChart             *self,
                                      const char          *name,
                                      const double        *values,
                                      guint                n_values);
/* The same with a @key that names what the series is (a region code): its
 * colour follows the key, not the series' place in the chart. */
void        dt_chart_add_series_full (DtChart             *self,
                                      const char          *key,
                                      const char          *name,
                                      const double        *values,
                                      guint                n_values,
                                      DtChartSeriesFlags   flags);
/* Every key a series may have, in a fixed order (NULL-terminated): key i
 * gets palette colour i, whichever of them are shown. */
void        dt_chart_set_colour_keys (DtChart             *self,
                                      const char * const  *keys);
/* The palette entry series @series is drawn in. */
guint       dt_chart_get_series_colour (DtChart           *self,
                                      guint                series);
void        dt_chart_set_values      (DtChart             *self,
                                      DtChartValues        values);
DtChartValues dt_chart_get_values    (DtChart             *self);
/* What a saved chart carries besides its title and unit: the filter or
 * selection it shows (e.g. "2023 list · Hangzhou"), a source line, and
 * whether the data is sample data. Any may be NULL/FALSE. */
void        dt_chart_set_context     (DtChart             *self,
                                      const char          *selection,
                                      const char          *source,
                                      gboolean             sample);
/* A plain-text account of what the chart shows (also its accessible description). */
char       *dt_chart_describe        (DtChart             *self);
/* Saves at @width × @height; the format follows the extension: .png, .svg or .pdf. */
gboolean    dt_chart_save            (DtChart             *self,
                                      const char          *path,
                                      int                  width,
                                      int                  height,
                                      GError             **error);
/* The bar or point shown with its exact value (hover or arrow keys).
 * Returns FALSE when nothing is highlighted; either out pointer may be NULL. */
gboolean    dt_chart_get_highlight   (DtChart             *self,
                                      guint               *series,
                                      guint               *category);
/* Highlights one value; a negative @series or @category clears the highlight. */
void        dt_chart_set_highlight   (DtChart             *self,
                                      int                  series,
                                      int                  category);
/* The widget's own values, for pages that label or export alongside it. */
guint       dt_chart_get_n_series    (DtChart             *self);
guint       dt_chart_get_n_categories (DtChart            *self);

G_END_DECLS
