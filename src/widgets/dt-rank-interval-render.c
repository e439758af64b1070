/* dt-rank-interval-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-rank-interval"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "dt-rank-interval-render.h"
#include "dt-render-file.h"

#define ROW_HEIGHT 26
#define TOP 44
#define BOTTOM 58
#define PAD 16

void
dt_rank_interval_style_init_light (DtRankIntervalStyle *style)
{
  const DtRankIntervalStyle light = {
    { 0.12, 0.12, 0.14, 1 },
    { 1, 1, 1, 1 },
    { 0.21, 0.52, 0.89, 1 },   /* Adwaita blue */
    FALSE,
    NULL,
  };

  *style = light;
}

int
dt_rank_interval_natural_height (const DtRankIntervalData *data)
{
  return TOP + BOTTOM + ROW_HEIGHT * MAX (data->n_items, 1);
}

static void
set_colour (cairo_t      *cr,
            const double *rgba,
            double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

static PangoLayout *
make_layout (cairo_t                   *cr,
             const DtRankIntervalStyle *style,
             const char                *text,
             gboolean                   bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = style->font != NULL ? pango_font_description_copy (style->font)
                                                   : pango_font_description_from_string ("Sans 10");

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

/* Draws @text with its (x, y) at the given alignment: 0 left, 0.5 centre,
 * 1 right; vertically centred on @y. */
static void
draw_text (cairo_t                   *cr,
           const DtRankIntervalStyle *style,
           const char                *text,
           double                     x,
           double                     y,
           double                     align,
           gboolean                   bold)
{
  PangoLayout *layout = make_layout (cr, style, text, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static int
text_width (cairo_t                   *cr,
            const DtRankIntervalStyle *style,
            const char                *text)
{
  PangoLayout *layout = make_layout (cr, style, text, FALSE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  return w;
}

void
dt_rank_interval_render (cairo_t                   *cr,
                         const DtRankIntervalData  *data,
                         int                        width,
                         int                        height,
                         const DtRankIntervalStyle *style)
{
  guint n_ranks = MAX (data->n_ranks, 2);
  double label_width = 0, plot_x, plot_width, row_height, step;
  guint tick_step;

  cairo_save (cr);
  if (style->fill_background)
    {
      set_colour (cr, style->background, 1);
      cairo_paint (cr);
    }
  if (data->title != NULL)
    {
      set_colour (cr, style->foreground, 1);
      draw_text (cr, style, data->title, PAD, 16, 0, TRUE);
    }
  if (data->n_items == 0)
    {
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < data->n_items; i++)
    label_width = MAX (label_width, text_width (cr, style, data->items[i].label));
  label_width = MIN (label_width, width / 3.0);
  plot_x = PAD + label_width + 24;
  plot_width = MAX (width - plot_x - PAD - 8, 40);
  row_height = MAX ((height - TOP - BOTTOM) / (double)data->n_items, 6);
  step = plot_width / (n_ranks - 1);
#define X_OF(rank) (plot_x + ((double)(rank) - 1) * step)

  /* Integer rank ticks, thinned so their labels do not touch. */
  tick_step = 1;
  while (step * tick_step < 28)
    tick_step = tick_step == 1 ? 2 : tick_step == 2 ? 5 : tick_step * 2;
  for (guint r = 1; r <= n_ranks; r++)
    {
      g_autofree char *label = NULL;

      if (r != 1 && r % tick_step != 0)
        continue;
      set_colour (cr, style->foreground, 0.12);
      cairo_rectangle (cr, X_OF (r) - 0.5, TOP - 4, 1, row_height * data->n_items + 4);
      cairo_fill (cr);
      set_colour (cr, style->foreground, 0.7);
      label = g_strdup_printf ("%u", r);
      draw_text (cr, style, label, X_OF (r), TOP - 14, 0.5, FALSE);
    }

  for (guint i = 0; i < data->n_items; i++)
    {
      const DtRankIntervalItem *item = &data->items[i];
      double y = TOP + (i + 0.5) * row_height;
      double bar = MIN (row_height * 0.45, 12);
      double x0 = X_OF (item->low), x1 = X_OF (item->high);

      set_colour (cr, style->foreground, 1);
      draw_text (cr, style, item->label, plot_x - 20, y, 1, FALSE);

      /* The 5th to 95th percentile. */
      set_colour (cr, style->accent, 0.35);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x0, y, bar / 2, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, x1, y, bar / 2, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);

      /* The nominal rank: an outlined diamond, so it shows on the dot. */
      set_colour (cr, style->foreground, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, X_OF (item->nominal), y - bar * 0.9);
      cairo_line_to (cr, X_OF (item->nominal) + bar * 0.9, y);
      cairo_line_to (cr, X_OF (item->nominal), y + bar * 0.9);
      cairo_line_to (cr, X_OF (item->nominal) - bar * 0.9, y);
      cairo_close_path (cr);
      cairo_stroke (cr);

      /* The median rank. */
      set_colour (cr, style->accent, 1);
      cairo_arc (cr, X_OF (item->median), y, bar * 0.42, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* The legend says what the marks mean. */
  {
    double y = TOP + row_height * data->n_items + 20;
    double x = plot_x;
    g_autofree char *runs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", data->replications),
                                             data->replications);

    set_colour (cr, style->accent, 1);
    cairo_arc (cr, x + 5, y, 5, 0, 2 * G_PI);
    cairo_fill (cr);
    set_colour (cr, style->foreground, 0.85);
    draw_text (cr, style, _("median rank"), x + 16, y, 0, FALSE);
    x += 16 + text_width (cr, style, _("median rank")) + 24;

    set_colour (cr, style->accent, 0.35);
    cairo_rectangle (cr, x, y - 5, 28, 10);
    cairo_fill (cr);
    set_colour (cr, style->foreground, 0.85);
    draw_text (cr, style, _("5th to 95th percentile"), x + 36, y, 0, FALSE);
    x += 36 + text_width (cr, style, _("5th to 95th percentile")) + 24;

    set_colour (cr, style->foreground, 1);
    cairo_set_line_width (cr, 1.5);
    cairo_move_to (cr, x + 6, y - 6);
    cairo_line_to (cr, x + 12, y);
    cairo_line_to (cr, x + 6, y + 6);
    cairo_line_to (cr, x, y);
    cairo_close_path (cr);
    cairo_stroke (cr);
    set_colour (cr, style->foreground, 0.85);
    draw_text (cr, style, _("rank with the published weights and methods"), x + 20, y, 0, FALSE);

    set_colour (cr, style->foreground, 0.6);
    draw_text (cr, style, runs, PAD, y + 20, 0, FALSE);
    draw_text (cr, style, _("Rank 1 is the best"), width - PAD, y + 20, 1, FALSE);
  }
#undef X_OF
  cairo_restore (cr);
}

char *
dt_rank_interval_describe (const DtRankIntervalData *data)
{
  GString *text = g_string_new (NULL);

  if (data->title != NULL)
    g_string_append_printf (text, "%s. ", data->title);
  for (guint i = 0; i < data->n_items; i++)
    {
      const DtRankIntervalItem *item = &data->items[i];

      /* Translators: a region, then its ranks, e.g. “Hangzhou: rank 1, median 1, 5th to 95th percentile 1 to 2.” */
      g_string_append_printf (text, _("%s: rank %u, median %u, 5th to 95th percentile %u to %u."),
                              item->label, item->nominal, item->median, item->low, item->high);
      if (i + 1 < data->n_items)
        g_string_append_c (text, ' ');
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  const DtRankIntervalData  *data;
  const DtRankIntervalStyle *style;
} SaveClosure;

static void
draw_for_save (cairo_t  *cr,
               int       width,
               int       height,
               gpointer  user_data)
{
  SaveClosure *closure = user_data;

  dt_rank_interval_render (cr, closure->data, width, height, closure->style);
}

gboolean
dt_rank_interval_save (const DtRankIntervalData  *data,
                       const DtRankIntervalStyle *style,
                       const char                *path,
                       int                        width,
                       int                        height,
                       GError                   **error)
{
  DtRankIntervalStyle filled = *style;
  SaveClosure closure = { data, &filled };

  filled.fill_background = TRUE;
  return dt_render_save_file (path, width, height, NULL, draw_for_save, &closure, error);
}
