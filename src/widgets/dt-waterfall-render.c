/* dt-waterfall-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-waterfall-render"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "dt-render-file.h"
#include "dt-waterfall-render.h"

#define MARGIN 16.0
#define AXIS_WIDTH 56.0

void
dt_waterfall_style_init_light (DtWaterfallStyle *style)
{
  *style = (DtWaterfallStyle) {
    .foreground = { 0.13, 0.13, 0.13, 1 },
    .background = { 1, 1, 1, 1 },
    .up = { 0.15, 0.64, 0.41, 1 },      /* GNOME green 4 */
    .down = { 0.75, 0.11, 0.16, 1 },    /* GNOME red 4 */
    .total = { 0.21, 0.52, 0.89, 1 },   /* GNOME blue 3, the default accent */
    .focus = { 0.21, 0.52, 0.89, 0.5 },
    .fill_background = FALSE,
    .show_focus = FALSE,
    .font = pango_font_description_from_string ("Sans 10"),
  };
}

void
dt_waterfall_style_clear (DtWaterfallStyle *style)
{
  g_clear_pointer (&style->font, pango_font_description_free);
}

static void
set_colour (cairo_t                 *cr,
            const DtWaterfallColour *colour,
            double                   alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

static PangoLayout *
make_layout (cairo_t                *cr,
             const DtWaterfallStyle *style,
             const char             *text,
             gboolean                bold,
             double                  width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = style->font != NULL ? pango_font_description_copy (style->font)
                                                   : pango_font_description_from_string ("Sans 10");

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_height (layout, -3);   /* at most three lines */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The text at (@x, @y): @x is the centre when @width > 0. */
static double
draw_text (cairo_t                *cr,
           const DtWaterfallStyle *style,
           const char             *text,
           gboolean                bold,
           double                  x,
           double                  y,
           double                  width)
{
  PangoLayout *layout = make_layout (cr, style, text, bold, width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, width > 0 ? x - width / 2 : x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return h;
}

static double
text_height (cairo_t                *cr,
             const DtWaterfallStyle *style,
             const char             *text,
             double                  width)
{
  PangoLayout *layout = make_layout (cr, style, text, FALSE, width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  return h;
}

/* A step of 1, 2 or 5 × 10ⁿ giving about five grid lines. */
static double
nice_step (double range)
{
  double raw = range / 5, magnitude = pow (10, floor (log10 (raw))), f = raw / magnitude;

  return magnitude * (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10);
}

void
dt_waterfall_render (cairo_t                *cr,
                     const DtWaterfallData  *data,
                     int                     width,
                     int                     height,
                     const DtWaterfallStyle *style,
                     DtWaterfallLayout      *out_layout)
{
  double lo, hi, running, step, axis_lo, axis_hi, plot_x, plot_y, plot_w, plot_h, slot, bar;
  double title_h = 0, label_h = 0, note_h = 0;
  guint n_slots = data->n_steps + 2;

  if (out_layout != NULL)
    out_layout->valid = FALSE;
  cairo_save (cr);
  if (style->fill_background)
    {
      set_colour (cr, &style->background, 1);
      cairo_paint (cr);
    }

  set_colour (cr, &style->foreground, 1);
  if (data->title != NULL)
    title_h = draw_text (cr, style, data->title, TRUE, MARGIN, MARGIN, 0) + 10;
  if (data->note != NULL)
    note_h = text_height (cr, style, data->note, 0) + 6;

  plot_x = MARGIN + AXIS_WIDTH;
  plot_w = MAX (width - plot_x - MARGIN, 10);
  slot = plot_w / n_slots;
  /* The tallest label decides the room under the bars. */
  label_h = MAX (text_height (cr, style, data->start_label, slot - 6), text_height (cr, style, data->end_label, slot - 6));
  for (guint i = 0; i < data->n_steps; i++)
    label_h = MAX (label_h, text_height (cr, style, data->steps[i].label, slot - 6));
  plot_y = MARGIN + title_h + 18;   /* room for a value above the top bar */
  plot_h = MAX (height - plot_y - MARGIN - label_h - 8 - note_h - 18, 10);

  /* The axis spans the totals and every running total; an index around
   * 150 moving by 10 would show nothing from 0, so it starts near the
   * lowest value (the axis says where). */
  lo = MIN (data->start, data->end);
  hi = MAX (data->start, data->end);
  running = data->start;
  for (guint i = 0; i < data->n_steps; i++)
    if (!isnan (data->steps[i].value))
      {
        running += data->steps[i].value;
        lo = MIN (lo, running);
        hi = MAX (hi, running);
      }
  if (!(hi > lo))
    {
      hi += 1;
      lo -= 1;
    }
  step = nice_step ((hi - lo) * 1.6);
  axis_lo = floor ((lo - (hi - lo) * 0.3) / step) * step;
  axis_hi = ceil ((hi + (hi - lo) * 0.1) / step) * step;
  if (axis_lo < 0 && lo >= 0)
    axis_lo = 0;

#define Y(v) (plot_y + plot_h - ((v) - axis_lo) / (axis_hi - axis_lo) * plot_h)

  /* Grid and axis labels. */
  cairo_set_line_width (cr, 1);
  for (double v = axis_lo; v <= axis_hi + step / 2; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%.*f", step < 1 ? 1 : 0, v);
      PangoLayout *layout = make_layout (cr, style, text, FALSE, 0);
      int w, h;

      set_colour (cr, &style->foreground, 0.12);
      cairo_move_to (cr, plot_x, round (Y (v)) + 0.5);
      cairo_line_to (cr, plot_x + plot_w, round (Y (v)) + 0.5);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_colour (cr, &style->foreground, 0.7);
      cairo_move_to (cr, plot_x - 6 - w, Y (v) - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  bar = slot * 0.6;
  running = data->start;
  for (guint k = 0; k < n_slots; k++)
    {
      double cx = plot_x + slot * (k + 0.5);
      double top, bottom, value;
      const char *label;
      gboolean is_total = k == 0 || k == n_slots - 1;
      const DtWaterfallStep *s = is_total ? NULL : &data->steps[k - 1];
      g_autofree char *value_text = NULL;

      if (is_total)
        {
          value = k == 0 ? data->start : data->end;
          top = Y (value);
          bottom = Y (axis_lo);
          label = k == 0 ? data->start_label : data->end_label;
          value_text = g_strdup_printf ("%.2f", value);
          set_colour (cr, &style->total, 1);
        }
      else
        {
          value = s->value;
          label = s->label;
          if (isnan (value))
            {
              top = bottom = Y (running);
              value_text = g_strdup ("—");
            }
          else
            {
              top = Y (MAX (running, running + value));
              bottom = Y (MIN (running, running + value));
              /* A hairline at least, so that a zero step still shows. */
              if (bottom - top < 1.5)
                bottom = top + 1.5;
              running += value;
              value_text = g_strdup_printf ("%+.2f", value);
            }
          set_colour (cr, value < 0 ? &style->down : &style->up, 1);
        }

      cairo_rectangle (cr, cx - bar / 2, top, bar, bottom - top);
      cairo_fill (cr);
      if (s != NULL && s->missing)
        {
          /* Hatched: some values under it are missing. */
          cairo_save (cr);
          cairo_rectangle (cr, cx - bar / 2, top, bar, bottom - top);
          cairo_clip (cr);
          set_colour (cr, &style->background, 0.6);
          cairo_set_line_width (cr, 2);
          for (double d = -plot_h; d < bar + plot_h; d += 7)
            {
              cairo_move_to (cr, cx - bar / 2 + d, bottom);
              cairo_line_to (cr, cx - bar / 2 + d + (bottom - top), top);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
        }

      /* The connector to the next bar. */
      if (k + 1 < n_slots)
        {
          set_colour (cr, &style->foreground, 0.35);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, cx + bar / 2, round (Y (is_total ? value : running)) + 0.5);
          cairo_line_to (cr, cx + slot - bar / 2, round (Y (is_total ? value : running)) + 0.5);
          cairo_stroke (cr);
        }

      set_colour (cr, &style->foreground, 1);
      {
        PangoLayout *layout = make_layout (cr, style, value_text, is_total, 0);
        int w, h;

        pango_layout_get_pixel_size (layout, &w, &h);
        cairo_move_to (cr, cx - w / 2.0, top - h - 2);
        pango_cairo_show_layout (cr, layout);
        g_object_unref (layout);
      }
      draw_text (cr, style, label, s != NULL && s->has_children, cx, plot_y + plot_h + 6, slot - 6);
      if (s != NULL && s->has_children)
        {
          /* A small triangle under the label: it opens. */
          double ty = plot_y + plot_h + 6 + label_h + 3;

          set_colour (cr, &style->foreground, 0.5);
          cairo_move_to (cr, cx - 4, ty);
          cairo_line_to (cr, cx + 4, ty);
          cairo_line_to (cr, cx, ty + 5);
          cairo_close_path (cr);
          cairo_fill (cr);
        }

      if (style->show_focus && s != NULL && data->selected == (int)k - 1)
        {
          set_colour (cr, &style->focus, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, cx - slot / 2 + 2, plot_y - 16, slot - 4, plot_h + 16 + label_h + 14);
          cairo_stroke (cr);
        }
    }

  /* The base line. */
  set_colour (cr, &style->foreground, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, plot_x, round (Y (axis_lo)) + 0.5);
  cairo_line_to (cr, plot_x + plot_w, round (Y (axis_lo)) + 0.5);
  cairo_stroke (cr);

  if (data->note != NULL)
    {
      set_colour (cr, &style->foreground, 0.7);
      draw_text (cr, style, data->note, FALSE, MARGIN, height - MARGIN - note_h + 6, 0);
    }
#undef Y

  cairo_restore (cr);
  if (out_layout != NULL)
    *out_layout = (DtWaterfallLayout) {
      .valid = TRUE,
      .plot_x = plot_x,
      .plot_width = plot_w,
      .plot_y = plot_y,
      .plot_height = plot_h + label_h + 14,
      .slot_width = slot,
    };
}

int
dt_waterfall_hit_test (const DtWaterfallLayout *layout,
                       const DtWaterfallData   *data,
                       double                   x,
                       double                   y)
{
  int slot;

  if (!layout->valid || x < layout->plot_x || x >= layout->plot_x + layout->plot_width ||
      y < layout->plot_y - 18 || y > layout->plot_y + layout->plot_height)
    return -1;
  slot = (int)((x - layout->plot_x) / layout->slot_width);
  if (slot < 1 || slot > (int)data->n_steps)
    return -1;
  return slot - 1;
}

typedef struct
{
  const DtWaterfallData  *data;
  const DtWaterfallStyle *style;
} SaveClosure;

static void
draw_for_save (cairo_t  *cr,
               int       width,
               int       height,
               gpointer  user_data)
{
  SaveClosure *closure = user_data;

  dt_waterfall_render (cr, closure->data, width, height, closure->style, NULL);
}

gboolean
dt_waterfall_render_to_file (const DtWaterfallData  *data,
                             const DtWaterfallStyle *style,
                             const char             *path,
                             int                     width,
                             int                     height,
                             GError                **error)
{
  SaveClosure closure = { data, style };

  return dt_render_save_file (path, width, height, NULL, draw_for_save, &closure, error);
}
