/* dt-chart-render.c — the one drawing function behind DtChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-chart-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "dt-chart-render.h"
#include "dt-number-format.h"

#define MARGIN 12.0
#define POINT_RADIUS 3.5
#define HIGHLIGHT_RADIUS 6.0

/* Hex colours of libadwaita's palette, used when no theme is at hand
 * (export before the widget is shown, tests). Mid tones read on light
 * and dark backgrounds alike. */
static const char * const light_palette[DT_CHART_PALETTE_SIZE] = {
  "#3584e4", /* blue_3, the default accent */
  "#2ec27e", /* green_4 */
  "#ff7800", /* orange_3 */
  "#9141ac", /* purple_3 */
  "#e01b24", /* red_3 */
  "#e5a50a", /* yellow_5 */
  "#986a44", /* brown_3 */
  /* Twelve hues apart, for the province and its 11 cities: beyond
   * libadwaita's seven, a teal, a pink and an olive of the same weight. */
  "#2190a4", /* teal */
  "#d56199", /* pink */
  "#8f9a1c", /* olive */
  "#1a5fb4", /* blue_5, far in the list from the accent */
  "#77767b", /* dark_1, last: grey reads as "inactive" */
};

void
dt_chart_style_init_light (DtChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  gdk_rgba_parse (&style->foreground, "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&style->background, "#ffffff");
  gdk_rgba_parse (&style->focus, "rgba(53,132,228,0.5)");
  style->fill_background = TRUE;
  for (guint i = 0; i < DT_CHART_PALETTE_SIZE; i++)
    gdk_rgba_parse (&style->palette[i], light_palette[i]);
  style->font = pango_font_description_from_string ("Sans 10");
}

void
dt_chart_style_clear (DtChartStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font, pango_font_description_free);
}

/* Accepts exactly one floating-point conversion, with flags, width and
 * precision, and any text around it: the format comes from callers. */
gboolean
dt_chart_value_format_is_valid (const char *format)
{
  guint conversions = 0;

  if (format == NULL)
    return FALSE;
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      p++;
      if (*p == '%')
        continue;
      while (*p != '\0' && strchr ("-+ #0'", *p) != NULL)
        p++;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
      if (*p == '\0' || strchr ("fFeEgG", *p) == NULL)
        return FALSE;
      conversions++;
    }
  return conversions == 1;
}

char *
dt_chart_format_value (const char *format,
                       double      value)
{
  if (!dt_chart_value_format_is_valid (format))
    format = "%.1f";
  /* The format was checked above to take exactly one double. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, value);
#pragma GCC diagnostic pop
}

/* A value without its unit, as bar labels show it. */
static char *
format_bare (const DtChartData *data,
             double             value)
{
  switch (data->values)
    {
    case DT_CHART_VALUES_COUNT:
    case DT_CHART_VALUES_RANK:
      return dt_number_format (value, 0);
    case DT_CHART_VALUES_AMOUNT:
      return dt_number_format (value, 1);
    case DT_CHART_VALUES_PLAIN:
    default:
      return dt_chart_format_value (data->value_format, value);
    }
}

char *
dt_chart_format_value_full (const DtChartData *data,
                            double             value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!isfinite (value))
    return g_strdup (_("no data"));
  if (data->values == DT_CHART_VALUES_AMOUNT)
    return dt_amount_format (value, DT_NUMBER_STYLE_AUTO);
  number = format_bare (data, value);
  if (data->values == DT_CHART_VALUES_RANK)
    /* TRANSLATORS: a place on a ranked list, e.g. "No. 38" */
    return g_strdup_printf (C_("rank", "No. %s"), number);
  if (data->unit == NULL || data->unit[0] == '\0')
    return g_steal_pointer (&number);
  /* TRANSLATORS: a value and its unit, e.g. "58 万元"; drop the space if your language does */
  return g_strdup_printf (C_("value with unit", "%s %s"), number, data->unit);
}

#define format_with_unit dt_chart_format_value_full

static double
value_at (const DtChartData *data,
          guint              series,
          guint              category)
{
  const DtChartSeries *s = &data->series[series];

  if (category >= s->n_values)
    return NAN;
  return s->values[category];
}

static gboolean
data_is_empty (const DtChartData *data)
{
  if (data->n_categories == 0 || data->n_series == 0)
    return TRUE;
  for (guint s = 0; s < data->n_series; s++)
    for (guint c = 0; c < data->n_categories; c++)
      if (isfinite (value_at (data, s, c)))
        return FALSE;
  return TRUE;
}

char *
dt_chart_describe_point (const DtChartData *data,
                         guint              series,
                         guint              category)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (series < data->n_series && category < data->n_categories, NULL);

  value = format_with_unit (data, value_at (data, series, category));
  /* A lone series is named by the title already. */
  if (data->n_series > 1)
    /* TRANSLATORS: category, series name: value — e.g. "2020, Hangzhou: 126.6" */
    return g_strdup_printf (_("%s, %s: %s"), data->categories[category],
                            data->series[series].name ? data->series[series].name : "", value);
  /* TRANSLATORS: category: value — e.g. "Hangzhou: 58" */
  return g_strdup_printf (_("%s: %s"), data->categories[category], value);
}

char *
dt_chart_describe_data (const DtChartData *data)
{
  GString *text = g_string_new (NULL);
  gboolean has_title = data->title != NULL && data->title[0] != '\0';

  if (data->kind == DT_CHART_BAR)
    {
      if (has_title)
        g_string_append_printf (text, _("Bar chart: %s."), data->title);
      else
        g_string_append (text, _("Bar chart."));
    }
  else
    {
      if (has_title)
        g_string_append_printf (text, _("Line chart: %s."), data->title);
      else
        g_string_append (text, _("Line chart."));
    }

  if (data->selection != NULL && data->selection[0] != '\0')
    {
      g_string_append_c (text, ' ');
      /* TRANSLATORS: what a chart shows, e.g. "Shows: 2023 list, Hangzhou." */
      g_string_append_printf (text, _("Shows: %s."), data->selection);
    }
  if (data->sample)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Sample data."));
    }

  if (data_is_empty (data))
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("No data."));
      return g_string_free (text, FALSE);
    }

  for (guint s = 0; s < data->n_series; s++)
    {
      const char *name = data->series[s].name;

      g_string_append_c (text, ' ');
      if (data->n_series > 1 && name != NULL && name[0] != '\0')
        /* TRANSLATORS: introduces the values of one series, e.g. "Hangzhou: " */
        g_string_append_printf (text, _("%s: "), name);
      for (guint c = 0; c < data->n_categories; c++)
        {
          g_autofree char *value = format_with_unit (data, value_at (data, s, c));

          if (c > 0)
            /* TRANSLATORS: separates the values in a chart's description */
            g_string_append (text, _(", "));
          /* TRANSLATORS: one category and its value, e.g. "Hangzhou 58" */
          g_string_append_printf (text, _("%s %s"), data->categories[c], value);
        }
      g_string_append (text, _("."));
    }
  return g_string_free (text, FALSE);
}

static double
nice_number (double x,
             gboolean round)
{
  double exponent = floor (log10 (x));
  double fraction = x / pow (10, exponent);
  double nice;

  if (round)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * pow (10, exponent);
}

void
dt_chart_nice_range (double  lo,
                     double  hi,
                     int     target,
                     double *out_min,
                     double *out_max,
                     double *out_step)
{
  double step;

  if (!(hi > lo))
    {
      double pad = fabs (lo) > 0 ? fabs (lo) * 0.1 : 1.0;
      lo -= pad;
      hi += pad;
    }
  target = MAX (target, 2);
  step = nice_number ((hi - lo) / (target - 1), TRUE);
  if (step <= 0 || !isfinite (step))
    step = 1;
  *out_min = floor (lo / step + 1e-9) * step;
  *out_max = ceil (hi / step - 1e-9) * step;
  if (*out_max <= *out_min)
    *out_max = *out_min + step;
  *out_step = step;
}

static PangoLayout *
make_layout (PangoContext               *context,
             const PangoFontDescription *font,
             const char                 *text,
             double                      scale,
             gboolean                    bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_copy (font);

  if (scale != 1.0)
    {
      int size = pango_font_description_get_size (desc);
      if (pango_font_description_get_size_is_absolute (desc))
        pango_font_description_set_absolute_size (desc, size * scale);
      else
        pango_font_description_set_size (desc, (int) (size * scale));
    }
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width)
    *width = w;
  if (height)
    *height = h;
}

static void
set_colour (cairo_t       *cr,
            const GdkRGBA *colour,
            double         alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

guint
dt_chart_series_colour_index (const DtChartData *data,
                              guint              series)
{
  const char *key;

  g_return_val_if_fail (data != NULL && series < data->n_series, 0);

  key = data->series[series].key;
  if (key == NULL || key[0] == '\0')
    return series % DT_CHART_PALETTE_SIZE;
  if (data->colour_keys != NULL)
    for (guint i = 0; data->colour_keys[i] != NULL; i++)
      if (g_str_equal (data->colour_keys[i], key))
        return i % DT_CHART_PALETTE_SIZE;
  /* Not among the keys given: still the same colour every time. */
  return g_str_hash (key) % DT_CHART_PALETTE_SIZE;
}

static const GdkRGBA *
series_colour (const DtChartData  *data,
               const DtChartStyle *style,
               guint               series)
{
  return &style->palette[dt_chart_series_colour_index (data, series)];
}

/* Tick labels are grouped ("4,000,000") and, for amounts, in the axis's
 * unit (@divisor), with as many decimals as the step needs. */
static char *
tick_label (double value,
            double step,
            double divisor)
{
  double shown = value / divisor, shown_step = step / divisor;
  int decimals = shown_step >= 1 ? 0 : (int) ceil (-log10 (shown_step) - 1e-9);

  if (fabs (shown) < shown_step * 1e-6)
    shown = 0;  /* no "-0" */
  return dt_number_format (shown, decimals);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The value range the axis must cover: bars grow from zero; lines only
 * include zero when it is close anyway, so that an index around 100–130
 * shows its movement instead of a flat band. */
static void
data_range (const DtChartData *data,
            double            *out_lo,
            double            *out_hi)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint s = 0; s < data->n_series; s++)
    for (guint c = 0; c < data->n_categories; c++)
      {
        double v = value_at (data, s, c);
        if (!isfinite (v))
          continue;
        lo = MIN (lo, v);
        hi = MAX (hi, v);
      }

  if (data->values == DT_CHART_VALUES_RANK)
    ; /* the axis runs from rank 1 whatever the data */
  else if (data->kind == DT_CHART_BAR)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }
  else
    {
      double span = hi - lo;

      if (lo > 0 && lo < span * 0.5)
        lo = 0;
      else if (hi < 0 && -hi < span * 0.5)
        hi = 0;
      else
        {
          /* Keep points off the edges of the plot. */
          double pad = span > 0 ? span * 0.08 : MAX (fabs (lo) * 0.05, 1.0);
          lo -= pad;
          hi += pad;
        }
    }
  *out_lo = lo;
  *out_hi = hi;
}

static double
value_to_y (const DtChartLayout *layout,
            double               value)
{
  double t = (value - layout->axis_min) / (layout->axis_max - layout->axis_min);

  if (layout->inverted)
    return layout->plot_y + layout->plot_height * t;
  return layout->plot_y + layout->plot_height * (1 - t);
}

static double
category_x (const DtChartLayout *layout,
            guint                category)
{
  return layout->plot_x + layout->slot_width * (category + 0.5);
}

static void
bar_rect (const DtChartLayout *layout,
          const DtChartData   *data,
          guint                series,
          guint                category,
          double              *x,
          double              *w)
{
  double group_x = category_x (layout, category) - layout->group_width / 2;
  double gap = layout->bar_width > 8 && data->n_series > 1 ? 1.5 : 0;

  *x = group_x + layout->bar_width * series + gap / 2;
  *w = MAX (layout->bar_width - gap, 1);
}

gboolean
dt_chart_layout_hit_test (const DtChartLayout *layout,
                          const DtChartData   *data,
                          double               x,
                          double               y,
                          guint               *out_series,
                          guint               *out_category)
{
  g_return_val_if_fail (layout != NULL && data != NULL, FALSE);

  if (!layout->valid || data->n_categories == 0 || data->n_series == 0)
    return FALSE;
  if (y < layout->plot_y - HIGHLIGHT_RADIUS || y > layout->plot_y + layout->plot_height + HIGHLIGHT_RADIUS)
    return FALSE;

  if (data->kind == DT_CHART_BAR)
    {
      /* The whole column above a bar counts, so short bars are easy to hit. */
      for (guint c = 0; c < data->n_categories; c++)
        for (guint s = 0; s < data->n_series; s++)
          {
            double bx, bw;

            bar_rect (layout, data, s, c, &bx, &bw);
            if (x >= bx && x < bx + MAX (bw, 4) && isfinite (value_at (data, s, c)))
              {
                *out_series = s;
                *out_category = c;
                return TRUE;
              }
          }
      return FALSE;
    }
  else
    {
      double best = 16 * 16;
      gboolean found = FALSE;

      for (guint s = 0; s < data->n_series; s++)
        for (guint c = 0; c < data->n_categories; c++)
          {
            double v = value_at (data, s, c);
            double dx, dy, d;

            if (!isfinite (v))
              continue;
            dx = category_x (layout, c) - x;
            dy = value_to_y (layout, v) - y;
            d = dx * dx + dy * dy;
            if (d < best)
              {
                best = d;
                *out_series = s;
                *out_category = c;
                found = TRUE;
              }
          }
      return found;
    }
}

static void
draw_centred_message (cairo_t            *cr,
                      PangoContext       *context,
                      const DtChartStyle *style,
                      const char         *message,
                      double              x,
                      double              y,
                      double              w,
                      double              h)
{
  g_autoptr(PangoLayout) layout = make_layout (context, style->font, message, 1.2, FALSE);
  double tw, th;

  layout_size (layout, &tw, &th);
  set_colour (cr, &style->foreground, 0.55);
  cairo_move_to (cr, x + (w - tw) / 2, y + (h - th) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_callout (cairo_t            *cr,
              PangoContext       *context,
              const DtChartStyle *style,
              const char         *text,
              double              anchor_x,
              double              anchor_y,
              int                 width,
              int                 height)
{
  g_autoptr(PangoLayout) layout = make_layout (context, style->font, text, 1.0, TRUE);
  double tw, th, bx, by, bw, bh;

  layout_size (layout, &tw, &th);
  bw = tw + 12;
  bh = th + 8;
  bx = CLAMP (anchor_x - bw / 2, 2, MAX (2, width - bw - 2));
  by = anchor_y - bh - 10;
  if (by < 2)
    by = anchor_y + 12;
  by = CLAMP (by, 2, MAX (2, height - bh - 2));

  rounded_rectangle (cr, bx, by, bw, bh, 5);
  set_colour (cr, &style->background, 0.96);
  cairo_fill_preserve (cr);
  set_colour (cr, &style->foreground, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  set_colour (cr, &style->foreground, 1.0);
  cairo_move_to (cr, bx + 6, by + 4);
  pango_cairo_show_layout (cr, layout);
}

/* The value axis: its range and ticks in @layout, and the divisor and unit
 * its labels are in (amounts read in 亿元 or billions, not raw 万元). */
static void
compute_axis (const DtChartData *data,
              int                target_ticks,
              DtChartLayout     *layout,
              double            *out_divisor,
              const char       **out_unit)
{
  double lo, hi, min, max, step, divisor = 1;
  gboolean whole = data->values == DT_CHART_VALUES_COUNT || data->values == DT_CHART_VALUES_RANK;

  *out_unit = data->unit;
  data_range (data, &lo, &hi);
  if (data->values == DT_CHART_VALUES_AMOUNT)
    {
      DtAmountScale scale;

      dt_amount_scale_choose (MAX (fabs (lo), fabs (hi)), DT_NUMBER_STYLE_AUTO, &scale);
      divisor = scale.divisor;
      *out_unit = scale.unit;
    }
  layout->n_ticks = 0;

  if (data->values == DT_CHART_VALUES_RANK)
    {
      /* Rank 1 at the top and the lowest rank shown at the bottom, so a
       * firm that climbs the list is drawn as a rising line. */
      hi = MAX (ceil (hi), 2);
      dt_chart_nice_range (0, hi, target_ticks, &min, &max, &step);
      step = MAX (round (step), 1);
      max = ceil (hi / step) * step;
      layout->axis_min = 1;
      layout->axis_max = max;
      layout->inverted = TRUE;
      layout->tick_step = step;
      layout->ticks[layout->n_ticks++] = 1;
      for (double v = step; v <= max + step / 2 && layout->n_ticks < G_N_ELEMENTS (layout->ticks); v += step)
        if (v - 1 >= step * 0.4)
          layout->ticks[layout->n_ticks++] = v;
      *out_divisor = 1;
      return;
    }

  dt_chart_nice_range (lo / divisor, hi / divisor, target_ticks, &min, &max, &step);
  if (whole && step < 1)
    {
      /* Counts have no halves. */
      step = 1;
      min = floor (min);
      max = MAX (ceil (max), min + 1);
    }
  layout->inverted = FALSE;
  layout->axis_min = min * divisor;
  layout->axis_max = max * divisor;
  layout->tick_step = step * divisor;
  for (double v = min; v <= max + step / 2 && layout->n_ticks < G_N_ELEMENTS (layout->ticks); v += step)
    layout->ticks[layout->n_ticks++] = v * divisor;
  *out_divisor = divisor;
}

/* A text block of the given scale, wrapped to @width, at most @lines lines. */
static PangoLayout *
make_wrapped (PangoContext               *context,
              const PangoFontDescription *font,
              const char                 *text,
              double                      scale,
              gboolean                    bold,
              double                      width,
              int                         lines)
{
  PangoLayout *layout = make_layout (context, font, text, scale, bold);

  pango_layout_set_width (layout, (int) (MAX (width, 10) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

void
dt_chart_render (cairo_t             *cr,
                 const DtChartData   *data,
                 int                  width,
                 int                  height,
                 const DtChartStyle  *style,
                 DtChartLayout       *out_layout)
{
  PangoContext *context = NULL;
  DtChartLayout layout = { 0 };
  DtChartStyle fallback = { 0 };
  double top = MARGIN, bottom = height - MARGIN, left = MARGIN, right = width - MARGIN;
  double label_height, y_label_width = 0, cat_label_height, max_cat_width = 0;
  double cat_max_width, divisor = 1;
  const char *axis_unit = NULL;
  int target_ticks;
  g_autofree guint *order = NULL;

  g_return_if_fail (cr != NULL && data != NULL);

  if (style == NULL)
    {
      dt_chart_style_init_light (&fallback);
      style = &fallback;
    }
  if (out_layout != NULL)
    *out_layout = layout;
  if (width <= 2 * MARGIN || height <= 2 * MARGIN)
    goto out;

  cairo_save (cr);
  context = pango_cairo_create_context (cr);

  if (style->fill_background)
    {
      set_colour (cr, &style->background, 1.0);
      cairo_paint (cr);
    }
  if (style->show_focus)
    {
      rounded_rectangle (cr, 1, 1, width - 2, height - 2, 6);
      set_colour (cr, &style->focus, 1.0);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* Title: wrapped, not cut. */
  if (data->title != NULL && data->title[0] != '\0')
    {
      g_autoptr(PangoLayout) title = make_wrapped (context, style->font, data->title, 1.15, TRUE,
                                                   right - left, 3);
      double th;

      layout_size (title, NULL, &th);
      set_colour (cr, &style->foreground, 1.0);
      cairo_move_to (cr, left, top);
      pango_cairo_show_layout (cr, title);
      top += th + 4;
    }
  /* What the chart shows (the filter or selection), under the title. */
  if (data->selection != NULL && data->selection[0] != '\0')
    {
      g_autoptr(PangoLayout) selection = make_wrapped (context, style->font, data->selection, 0.95, FALSE,
                                                       right - left, 3);
      double sh;

      layout_size (selection, NULL, &sh);
      set_colour (cr, &style->foreground, 0.75);
      cairo_move_to (cr, left, top);
      pango_cairo_show_layout (cr, selection);
      top += sh + 4;
    }
  top += 4;

  /* Footer: the source on the left, the sample mark on the right. */
  if ((data->source != NULL && data->source[0] != '\0') || data->sample)
    {
      g_autoptr(PangoLayout) mark = NULL;
      double mw = 0, mh = 0, footer_height = 0;

      if (data->sample)
        {
          mark = make_layout (context, style->font, _("Sample data"), 0.9, TRUE);
          layout_size (mark, &mw, &mh);
          footer_height = mh;
        }
      if (data->source != NULL && data->source[0] != '\0')
        {
          g_autoptr(PangoLayout) source = make_wrapped (context, style->font, data->source, 0.8, FALSE,
                                                        right - left - (mw > 0 ? mw + 16 : 0), 3);
          double sh;

          layout_size (source, NULL, &sh);
          footer_height = MAX (footer_height, sh);
          set_colour (cr, &style->foreground, 0.7);
          cairo_move_to (cr, left, bottom - sh);
          pango_cairo_show_layout (cr, source);
        }
      if (mark != NULL)
        {
          /* Red, the colour of the palette's warning, so it is not missed. */
          set_colour (cr, &style->palette[4], 1.0);
          cairo_move_to (cr, right - mw, bottom - mh);
          pango_cairo_show_layout (cr, mark);
        }
      bottom -= footer_height + 8;
    }

  if (data_is_empty (data))
    {
      draw_centred_message (cr, context, style, _("No data"), left, top, right - left, bottom - top);
      cairo_restore (cr);
      goto out;
    }

  /* Legend: a swatch and the name of each series, wrapping onto more rows. */
  if (data->n_series > 1)
    {
      double x = left, row_height = 0;

      for (guint s = 0; s < data->n_series; s++)
        {
          g_autoptr(PangoLayout) name = make_layout (context, style->font,
                                                     data->series[s].name ? data->series[s].name : "",
                                                     1.0, FALSE);
          double nw, nh, item_width;

          pango_layout_set_width (name, (int) ((right - left - 20) * PANGO_SCALE));
          pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
          layout_size (name, &nw, &nh);
          item_width = 14 + 6 + nw + 16;
          if (x > left && x + item_width > right)
            {
              x = left;
              top += row_height + 4;
            }
          row_height = MAX (row_height, nh);

          set_colour (cr, series_colour (data, style, s), 1.0);
          if (data->kind == DT_CHART_LINE)
            {
              cairo_set_line_width (cr, data->series[s].flags & DT_CHART_SERIES_EMPHASIS ? 3.5 : 2);
              cairo_move_to (cr, x, top + nh / 2);
              cairo_line_to (cr, x + 14, top + nh / 2);
              cairo_stroke (cr);
              cairo_arc (cr, x + 7, top + nh / 2, POINT_RADIUS, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else
            {
              rounded_rectangle (cr, x, top + nh / 2 - 6, 12, 12, 2);
              cairo_fill (cr);
            }
          set_colour (cr, &style->foreground, 0.9);
          cairo_move_to (cr, x + 20, top);
          pango_cairo_show_layout (cr, name);
          x += item_width;
        }
      top += row_height + 10;
    }

  {
    g_autoptr(PangoLayout) probe = make_layout (context, style->font, "0123456789", 0.9, FALSE);
    layout_size (probe, NULL, &label_height);
  }

  /* Value axis: ticks roughly every 40 px of the height left. */
  target_ticks = CLAMP ((int) ((bottom - top - 4 * label_height) / 40), 4, 8);
  compute_axis (data, target_ticks, &layout, &divisor, &axis_unit);

  /* The unit sits above the value axis. */
  if (axis_unit != NULL && axis_unit[0] != '\0')
    {
      g_autoptr(PangoLayout) unit = make_layout (context, style->font, axis_unit, 0.9, FALSE);

      set_colour (cr, &style->foreground, 0.65);
      cairo_move_to (cr, left, top);
      pango_cairo_show_layout (cr, unit);
      top += label_height + 4;
    }
  top += label_height / 2;  /* room for the top tick label */

  for (guint i = 0; i < layout.n_ticks; i++)
    {
      g_autofree char *text = tick_label (layout.ticks[i], layout.tick_step, divisor);
      g_autoptr(PangoLayout) tick = make_layout (context, style->font, text, 0.9, FALSE);
      double tw;

      layout_size (tick, &tw, NULL);
      y_label_width = MAX (y_label_width, tw);
    }
  layout.plot_x = left + y_label_width + 8;
  layout.plot_width = right - layout.plot_x;
  layout.slot_width = layout.plot_width / data->n_categories;

  /* Category labels: level if they fit, else slanted, else upright, else
   * smaller; only when even the smallest upright labels overlap is a
   * label left out. Long names are cut with an ellipsis rather than eat
   * the plot. */
  for (guint c = 0; c < data->n_categories; c++)
    {
      g_autoptr(PangoLayout) cat = make_layout (context, style->font, data->categories[c], 0.9, FALSE);
      double cw;

      layout_size (cat, &cw, NULL);
      max_cat_width = MAX (max_cat_width, cw);
    }
  layout.label_scale = 0.9;
  layout.label_angle = 0;
  layout.label_every = 1;
  if (max_cat_width <= layout.slot_width - 4)
    cat_label_height = label_height;
  else
    {
      double line_height;

      if (layout.slot_width >= label_height * 1.3 / sin (G_PI / 4))
        layout.label_angle = -G_PI / 4;
      else
        {
          layout.label_angle = -G_PI / 2;
          if (layout.slot_width < label_height * 1.05)
            {
              layout.label_scale = MAX (0.9 * layout.slot_width / (label_height * 1.05), 0.6);
              layout.label_every = (guint) ceil (label_height * 1.05 * layout.label_scale / 0.9 / layout.slot_width);
              layout.label_every = MAX (layout.label_every, 1);
            }
        }
      line_height = label_height * layout.label_scale / 0.9;
      cat_max_width = MIN (max_cat_width * layout.label_scale / 0.9,
                           (bottom - top) * 0.35 / sin (-layout.label_angle));
      cat_label_height = cat_max_width * sin (-layout.label_angle) + line_height * cos (layout.label_angle);
      if (layout.label_angle > -G_PI / 2 + 0.01)
        {
          /* A slanted first label reaches left of its bar: keep it inside. */
          double reach = cat_max_width * cos (layout.label_angle) + line_height / 2 - layout.slot_width / 2;

          if (layout.plot_x < left + reach)
            {
              layout.plot_x = left + reach;
              layout.plot_width = right - layout.plot_x;
              layout.slot_width = layout.plot_width / data->n_categories;
            }
        }
    }
  cat_max_width = layout.label_angle == 0 ? max_cat_width : cat_max_width;
  layout.plot_y = top;
  layout.plot_height = bottom - top - cat_label_height - 6;
  if (layout.plot_height < 20)
    {
      draw_centred_message (cr, context, style, _("Too small to show"), left, top, right - left, bottom - top);
      cairo_restore (cr);
      goto out;
    }
  layout.valid = TRUE;

  /* Gridlines and tick labels */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout.n_ticks; i++)
    {
      double v = layout.ticks[i];
      g_autofree char *text = tick_label (v, layout.tick_step, divisor);
      g_autoptr(PangoLayout) tick = make_layout (context, style->font, text, 0.9, FALSE);
      double y = round (value_to_y (&layout, v)) + 0.5;
      double tw, th;

      set_colour (cr, &style->foreground, fabs (v) < layout.tick_step * 1e-6 ? 0.45 : 0.12);
      cairo_move_to (cr, layout.plot_x, y);
      cairo_line_to (cr, layout.plot_x + layout.plot_width, y);
      cairo_stroke (cr);

      layout_size (tick, &tw, &th);
      set_colour (cr, &style->foreground, 0.7);
      cairo_move_to (cr, layout.plot_x - 8 - tw, y - th / 2);
      pango_cairo_show_layout (cr, tick);
    }

  /* Category labels */
  for (guint c = 0; c < data->n_categories; c += layout.label_every)
    {
      g_autoptr(PangoLayout) cat = make_layout (context, style->font, data->categories[c],
                                                layout.label_scale, FALSE);
      double cx = category_x (&layout, c);
      double label_top = layout.plot_y + layout.plot_height + 6;
      double cw, ch;

      if (layout.label_angle == 0)
        pango_layout_set_width (cat, (int) (MAX (layout.slot_width - 2, 10) * PANGO_SCALE));
      else
        pango_layout_set_width (cat, (int) (ceil (cat_max_width) * PANGO_SCALE));
      pango_layout_set_ellipsize (cat, PANGO_ELLIPSIZE_END);
      layout_size (cat, &cw, &ch);
      set_colour (cr, &style->foreground, 0.8);
      if (layout.label_angle == 0)
        {
          cairo_move_to (cr, cx - cw / 2, label_top);
          pango_cairo_show_layout (cr, cat);
        }
      else
        {
          /* Turned so that the label ends under its bar. */
          cairo_save (cr);
          cairo_translate (cr, cx, label_top);
          cairo_rotate (cr, layout.label_angle);
          cairo_move_to (cr, -cw, -ch / 2);
          pango_cairo_show_layout (cr, cat);
          cairo_restore (cr);
        }
    }

  cairo_save (cr);
  cairo_rectangle (cr, layout.plot_x - HIGHLIGHT_RADIUS, layout.plot_y - HIGHLIGHT_RADIUS,
                   layout.plot_width + 2 * HIGHLIGHT_RADIUS, layout.plot_height + 2 * HIGHLIGHT_RADIUS);
  cairo_clip (cr);

  if (data->kind == DT_CHART_BAR)
    {
      double zero_y = value_to_y (&layout, CLAMP (0, layout.axis_min, layout.axis_max));
      gboolean show_values;

      layout.group_width = layout.slot_width * (data->n_series > 1 ? 0.8 : 0.65);
      layout.bar_width = layout.group_width / data->n_series;

      /* Exact values above the bars when each fits over its own bar. */
      show_values = TRUE;
      for (guint s = 0; s < data->n_series && show_values; s++)
        for (guint c = 0; c < data->n_categories && show_values; c++)
          {
            double v = value_at (data, s, c);
            g_autofree char *text = NULL;
            g_autoptr(PangoLayout) probe = NULL;
            double tw;

            if (!isfinite (v))
              continue;
            text = format_bare (data, v / divisor);
            probe = make_layout (context, style->font, text, 0.8, FALSE);
            layout_size (probe, &tw, NULL);
            if (tw > layout.bar_width + 4)
              show_values = FALSE;
          }

      for (guint c = 0; c < data->n_categories; c++)
        for (guint s = 0; s < data->n_series; s++)
          {
            double v = value_at (data, s, c);
            gboolean highlighted = (int) s == data->highlight_series && (int) c == data->highlight_category;
            double bx, bw, vy;

            if (!isfinite (v))
              continue;
            bar_rect (&layout, data, s, c, &bx, &bw);
            vy = value_to_y (&layout, v);
            cairo_rectangle (cr, bx, MIN (vy, zero_y), bw, MAX (fabs (zero_y - vy), 1));
            set_colour (cr, series_colour (data, style, s), highlighted || data->highlight_series < 0 ? 1.0 : 0.75);
            cairo_fill (cr);
            if (highlighted)
              {
                cairo_rectangle (cr, bx - 1.5, MIN (vy, zero_y) - 1.5, bw + 3, MAX (fabs (zero_y - vy), 1) + 3);
                set_colour (cr, &style->foreground, 0.9);
                cairo_set_line_width (cr, 2);
                cairo_stroke (cr);
              }
            if (show_values)
              {
                g_autofree char *text = format_bare (data, v / divisor);
                g_autoptr(PangoLayout) label = make_layout (context, style->font, text, 0.8, FALSE);
                double tw, th;

                layout_size (label, &tw, &th);
                set_colour (cr, &style->foreground, 0.8);
                cairo_move_to (cr, bx + bw / 2 - tw / 2, v >= 0 ? vy - th - 1 : vy + 1);
                pango_cairo_show_layout (cr, label);
              }
          }
    }
  else
    {
      guint n_order = 0;

      /* Emphasised series (the province) last, so they lie on top. */
      order = g_new (guint, data->n_series);
      for (guint pass = 0; pass < 2; pass++)
        for (guint s = 0; s < data->n_series; s++)
          if (((data->series[s].flags & DT_CHART_SERIES_EMPHASIS) != 0) == (pass == 1))
            order[n_order++] = s;

      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint i = 0; i < n_order; i++)
        {
          guint s = order[i];
          gboolean emphasis = (data->series[s].flags & DT_CHART_SERIES_EMPHASIS) != 0;
          gboolean drawing = FALSE;

          /* A missing value breaks the line instead of bridging the gap. */
          for (guint c = 0; c < data->n_categories; c++)
            {
              double v = value_at (data, s, c);

              if (!isfinite (v))
                {
                  drawing = FALSE;
                  continue;
                }
              if (drawing)
                cairo_line_to (cr, category_x (&layout, c), value_to_y (&layout, v));
              else
                cairo_move_to (cr, category_x (&layout, c), value_to_y (&layout, v));
              drawing = TRUE;
            }
          set_colour (cr, series_colour (data, style, s), 1.0);
          cairo_set_line_width (cr, ((int) s == data->highlight_series ? 1 : 0) + (emphasis ? 3.5 : 2));
          cairo_stroke (cr);

          for (guint c = 0; c < data->n_categories; c++)
            {
              double v = value_at (data, s, c);

              if (!isfinite (v))
                continue;
              cairo_arc (cr, category_x (&layout, c), value_to_y (&layout, v),
                         emphasis ? POINT_RADIUS + 1 : POINT_RADIUS, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }

      if (data->highlight_series >= 0 && (guint) data->highlight_series < data->n_series &&
          data->highlight_category >= 0 && (guint) data->highlight_category < data->n_categories)
        {
          double v = value_at (data, data->highlight_series, data->highlight_category);

          if (isfinite (v))
            {
              double x = category_x (&layout, data->highlight_category);
              double y = value_to_y (&layout, v);

              cairo_arc (cr, x, y, HIGHLIGHT_RADIUS, 0, 2 * G_PI);
              set_colour (cr, &style->background, 1.0);
              cairo_fill_preserve (cr);
              set_colour (cr, series_colour (data, style, data->highlight_series), 1.0);
              cairo_set_line_width (cr, 3);
              cairo_stroke (cr);
            }
        }
    }
  cairo_restore (cr);

  /* The exact value of the highlighted mark, so that the keyboard reaches
   * it too. It is the only place the value is shown: no tooltip repeats it. */
  if (data->highlight_series >= 0 && (guint) data->highlight_series < data->n_series &&
      data->highlight_category >= 0 && (guint) data->highlight_category < data->n_categories)
    {
      double v = value_at (data, data->highlight_series, data->highlight_category);

      if (isfinite (v))
        {
          g_autofree char *text = dt_chart_describe_point (data, data->highlight_series, data->highlight_category);
          double ax = category_x (&layout, data->highlight_category);
          double anchor = data->kind == DT_CHART_BAR && !layout.inverted ? MAX (v, 0) : v;

          if (data->kind == DT_CHART_BAR)
            {
              double bx, bw;

              bar_rect (&layout, data, data->highlight_series, data->highlight_category, &bx, &bw);
              ax = bx + bw / 2;
            }
          draw_callout (cr, context, style, text, ax, value_to_y (&layout, anchor), width, height);
        }
    }

  cairo_restore (cr);

out:
  g_clear_object (&context);
  if (out_layout != NULL)
    *out_layout = layout;
  dt_chart_style_clear (&fallback);
}
