/* dt-tile-map-render.c — the one drawing function behind DtTileMap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-tile-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "dt-tile-map-render.h"

#define COLUMNS 5
#define ROWS 4
#define GAP 4.0
#define MARGIN 8.0
#define LEGEND_HEIGHT 34.0

/* Tiles, not outlines: one equal cell per city keeps small cities
 * (Zhoushan) as readable as large ones, and needs no boundary data. */
static const struct
{
  const char *code;
  int         column;
  int         row;
} positions[] = {
  { "huzhou", 1, 0 },   { "jiaxing", 2, 0 },
  { "hangzhou", 1, 1 }, { "shaoxing", 2, 1 }, { "ningbo", 3, 1 }, { "zhoushan", 4, 1 },
  { "quzhou", 0, 2 },   { "jinhua", 1, 2 },   { "taizhou", 3, 2 },
  { "lishui", 1, 3 },   { "wenzhou", 2, 3 },
};

gboolean
dt_tile_map_position (const char *code,
                      int        *column,
                      int        *row)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (positions); i++)
    if (g_str_equal (positions[i].code, code))
      {
        *column = positions[i].column;
        *row = positions[i].row;
        return TRUE;
      }
  return FALSE;
}

void
dt_tile_map_style_init_light (DtTileMapStyle *style)
{
  *style = (DtTileMapStyle) {
    .foreground = { 0.12, 0.12, 0.12, 1 },
    .background = { 1, 1, 1, 1 },
    .accent = { 0.21, 0.52, 0.89, 1 },   /* Adwaita's blue */
    .fill_background = TRUE,
  };
}

void
dt_tile_map_style_clear (DtTileMapStyle *style)
{
  g_clear_pointer (&style->font, pango_font_description_free);
}

/* A format with exactly one floating conversion, or the default: a bad
 * format from a caller must not reach printf. */
static char *
format_value (const char *format,
              double      value)
{
  const char *percent = format != NULL ? strchr (format, '%') : NULL;
  gsize span;

  if (percent == NULL || strchr (percent + 1, '%') != NULL)
    format = "%.1f";
  else
    {
      span = strspn (percent + 1, ".0123456789");
      if (strchr ("fg", percent[1 + span]) == NULL || percent[1 + span] == '\0')
        format = "%.1f";
    }
  return g_strdup_printf (format, value);
}

static gboolean
value_range (const DtTileMapData *data,
             double              *lo,
             double              *hi)
{
  gboolean any = FALSE;

  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; i < data->n_regions; i++)
    {
      double v = data->regions[i].value;

      if (isnan (v))
        continue;
      any = TRUE;
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
  return any;
}

static DtTileMapColor
mix (DtTileMapColor a,
     DtTileMapColor b,
     double         t)
{
  return (DtTileMapColor) {
    a.red + (b.red - a.red) * t,
    a.green + (b.green - a.green) * t,
    a.blue + (b.blue - a.blue) * t,
    1,
  };
}

static double
luminance (DtTileMapColor c)
{
  return 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
}

/* From a faint tint of the accent (lowest) to the full accent (highest). */
static DtTileMapColor
ramp (const DtTileMapStyle *style,
      double               t)
{
  return mix (style->background, style->accent, 0.15 + 0.85 * CLAMP (t, 0, 1));
}

DtTileMapColor
dt_tile_map_tile_color (const DtTileMapData  *data,
                        const DtTileMapStyle *style,
                        guint                 index)
{
  double lo, hi, v;

  g_return_val_if_fail (index < data->n_regions, style->background);

  v = data->regions[index].value;
  if (isnan (v) || !value_range (data, &lo, &hi))
    return mix (style->background, style->foreground, 0.06);
  return ramp (style, hi > lo ? (v - lo) / (hi - lo) : 1);
}

/* Text that reads on @fill, in light mode and dark alike. */
static DtTileMapColor
text_on (const DtTileMapStyle *style,
         DtTileMapColor       fill)
{
  if (luminance (fill) < 0.45)
    return (DtTileMapColor) { 1, 1, 1, 1 };
  return (DtTileMapColor) { 0.1, 0.1, 0.1, 1 };
}

static void
set_color (cairo_t        *cr,
           DtTileMapColor  c)
{
  cairo_set_source_rgba (cr, c.red, c.green, c.blue, c.alpha);
}

static PangoLayout *
make_layout (cairo_t              *cr,
             const DtTileMapStyle *style,
             double                scale,
             gboolean              bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = style->font != NULL ? pango_font_description_copy (style->font)
                                                   : pango_font_description_from_string ("Sans 10");
  int size = pango_font_description_get_size (font);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int)(size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           double       xalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x + (width > 0 ? MAX (0, (width - w) * xalign) : -w * xalign), y);
  pango_cairo_show_layout (cr, layout);
}

static void
rounded_rect (cairo_t *cr,
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

void
dt_tile_map_render (cairo_t              *cr,
                    const DtTileMapData  *data,
                    int                   width,
                    int                   height,
                    const DtTileMapStyle *style,
                    DtTileMapLayout      *out_layout)
{
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) name_layout = NULL;
  g_autoptr(PangoLayout) value_layout = NULL;
  g_autoptr(PangoLayout) small_layout = NULL;
  double title_height = 0, tile, origin_x, origin_y, lo = 0, hi = 0;
  gboolean has_values;
  int tw, th;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  cairo_save (cr);
  if (style->fill_background)
    {
      set_color (cr, style->background);
      cairo_paint (cr);
    }

  if (data->title != NULL && data->title[0] != '\0')
    {
      title_layout = make_layout (cr, style, 1.1, TRUE);
      set_color (cr, style->foreground);
      pango_layout_set_wrap (title_layout, PANGO_WRAP_WORD_CHAR);
      draw_text (cr, title_layout, data->title, MARGIN, MARGIN, width - 2 * MARGIN, 0);
      pango_layout_get_pixel_size (title_layout, &tw, &th);
      title_height = th + 6;
    }

  tile = MIN ((width - 2 * MARGIN) / COLUMNS,
              (height - 2 * MARGIN - title_height - LEGEND_HEIGHT) / ROWS);
  tile = MAX (tile, 8);
  origin_x = (width - tile * COLUMNS) / 2;
  origin_y = MARGIN + title_height;
  if (out_layout != NULL)
    *out_layout = (DtTileMapLayout) { TRUE, origin_x, origin_y, tile };

  name_layout = make_layout (cr, style, tile < 70 ? 0.8 : 0.95, FALSE);
  value_layout = make_layout (cr, style, tile < 70 ? 0.9 : 1.1, TRUE);
  small_layout = make_layout (cr, style, 0.85, FALSE);

  for (guint i = 0; i < data->n_regions; i++)
    {
      const DtTileMapRegion *region = &data->regions[i];
      DtTileMapColor fill = dt_tile_map_tile_color (data, style, i);
      g_autofree char *value = isnan (region->value) ? g_strdup ("–") : format_value (data->value_format, region->value);
      double x, y, side = tile - GAP;
      int column, row, nh, vh;

      if (!dt_tile_map_position (region->code, &column, &row))
        continue;
      x = origin_x + column * tile + GAP / 2;
      y = origin_y + row * tile + GAP / 2;

      rounded_rect (cr, x, y, side, side, MIN (8, side / 6));
      set_color (cr, fill);
      cairo_fill_preserve (cr);
      if ((int)i == data->selected || (int)i == data->hover)
        {
          set_color (cr, style->foreground);
          cairo_set_line_width (cr, (int)i == data->selected ? 3 : 1.5);
          cairo_stroke (cr);
        }
      else
        cairo_new_path (cr);
      if (style->show_focus && (int)i == data->focus)
        {
          rounded_rect (cr, x + 3, y + 3, side - 6, side - 6, MIN (6, side / 8));
          set_color (cr, text_on (style, fill));
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      pango_layout_set_text (name_layout, region->name, -1);
      pango_layout_get_pixel_size (name_layout, &tw, &nh);
      pango_layout_set_text (value_layout, value, -1);
      pango_layout_get_pixel_size (value_layout, &tw, &vh);
      set_color (cr, text_on (style, fill));
      draw_text (cr, name_layout, region->name, x + 3, y + (side - nh - vh) / 2, side - 6, 0.5);
      draw_text (cr, value_layout, value, x + 3, y + (side - nh - vh) / 2 + nh, side - 6, 0.5);
    }

  /* The legend: the ramp from the lowest to the highest value. */
  has_values = value_range (data, &lo, &hi);
  if (has_values)
    {
      double lx = origin_x + GAP / 2, ly = origin_y + ROWS * tile + 8;
      double lw = MIN (tile * 2.5, width - 2 * MARGIN), lh = 10;
      g_autofree char *low = format_value (data->value_format, lo);
      g_autofree char *high = format_value (data->value_format, hi);
      g_autofree char *high_unit = data->unit != NULL && data->unit[0] != '\0'
                                     ? g_strdup_printf ("%s %s", high, data->unit) : g_strdup (high);
      cairo_pattern_t *gradient = cairo_pattern_create_linear (lx, 0, lx + lw, 0);
      DtTileMapColor a = ramp (style, 0), b = ramp (style, 1);

      cairo_pattern_add_color_stop_rgb (gradient, 0, a.red, a.green, a.blue);
      cairo_pattern_add_color_stop_rgb (gradient, 1, b.red, b.green, b.blue);
      rounded_rect (cr, lx, ly, lw, lh, 3);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);

      set_color (cr, style->foreground);
      draw_text (cr, small_layout, low, lx, ly + lh + 2, 0, 0);
      draw_text (cr, small_layout, high_unit, lx + lw, ly + lh + 2, 0, 1);
    }
  cairo_restore (cr);
}

int
dt_tile_map_layout_hit_test (const DtTileMapLayout *layout,
                             const DtTileMapData   *data,
                             double                 x,
                             double                 y)
{
  int column, row;

  if (layout == NULL || !layout->valid || layout->tile <= 0)
    return -1;
  column = (int)floor ((x - layout->origin_x) / layout->tile);
  row = (int)floor ((y - layout->origin_y) / layout->tile);
  for (guint i = 0; i < data->n_regions; i++)
    {
      int c, r;

      if (dt_tile_map_position (data->regions[i].code, &c, &r) && c == column && r == row)
        return i;
    }
  return -1;
}

char *
dt_tile_map_describe_region (const DtTileMapData *data,
                             guint                index)
{
  const DtTileMapRegion *region;
  g_autofree char *value = NULL;

  g_return_val_if_fail (index < data->n_regions, NULL);

  region = &data->regions[index];
  if (isnan (region->value))
    /* Translators: a city on the map that has no value */
    return g_strdup_printf (_("%s: no value"), region->name);
  value = format_value (data->value_format, region->value);
  if (data->unit != NULL && data->unit[0] != '\0')
    /* Translators: a city, its value and the unit, e.g. "Hangzhou: 169.4 points" */
    return g_strdup_printf (_("%s: %s %s"), region->name, value, data->unit);
  /* Translators: a city and its value, e.g. "Hangzhou: 169.4" */
  return g_strdup_printf (_("%s: %s"), region->name, value);
}

static int
by_value_desc (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const DtTileMapData *data = user_data;
  double x = data->regions[*(const guint *)a].value;
  double y = data->regions[*(const guint *)b].value;

  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y);
  return (x < y) - (x > y);
}

char *
dt_tile_map_describe_data (const DtTileMapData *data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree guint *order = g_new (guint, MAX (data->n_regions, 1));

  for (guint i = 0; i < data->n_regions; i++)
    order[i] = i;
  g_qsort_with_data (order, data->n_regions, sizeof (guint), by_value_desc, (gpointer)data);

  if (data->title != NULL && data->title[0] != '\0')
    /* Translators: the start of a map's description, before its values */
    g_string_append_printf (text, _("Map of the cities of Zhejiang, %s, highest first: "), data->title);
  else
    g_string_append (text, _("Map of the cities of Zhejiang, highest first: "));
  for (guint i = 0; i < data->n_regions; i++)
    {
      g_autofree char *region = dt_tile_map_describe_region (data, order[i]);

      if (i > 0)
        /* Translators: between the cities of a map's description */
        g_string_append (text, _("; "));
      g_string_append (text, region);
    }
  g_string_append (text, ".");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
