/* dt-briefing-render.c — lays the briefing out on pages and draws them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-briefing-render"

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "dt-briefing-render.h"
#include "dt-chart-render.h"
#include "dt-error.h"

#define MARGIN         56.0   /* about 2 cm */
#define FOOTER_GAP     22.0
#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.0
#define CHART_HEIGHT  230.0
#define MIN_COLUMN     36.0

#define FONT_TITLE     "Sans Bold 26"
#define FONT_SUBTITLE  "Sans 12"
#define FONT_HEADING   "Sans Bold 15"
#define FONT_CAPTION   "Sans Bold 10"
#define FONT_BODY      "Sans 10.5"
#define FONT_NOTE      "Sans 8.5"
#define FONT_CELL      "Sans 9"
#define FONT_CELL_BOLD "Sans Bold 9"
#define FONT_FOOTER    "Sans 8"

typedef enum
{
  ITEM_TEXT,          /* a block's text (title, heading, paragraph, note, caption) */
  ITEM_SUBTITLE,      /* line @row of a title block */
  ITEM_TABLE_HEADER,
  ITEM_TABLE_ROW,
  ITEM_CHART,
} ItemKind;

typedef struct
{
  ItemKind kind;
  guint    block;
  guint    row;
  double   y;
  double   height;
} Item;

typedef struct
{
  double *widths;     /* per column */
} TableMetrics;

struct _DtBriefingLayout
{
  const DtBriefing *briefing;
  double            width;
  double            height;
  PangoContext     *context;
  TableMetrics     *tables;   /* per block */
  guint             n_tables;
  GPtrArray        *pages;    /* GArray of Item per page */
};

static const char *
text_font (const DtBriefingBlock *block)
{
  switch (block->kind)
    {
    case DT_BRIEFING_TITLE:
      return FONT_TITLE;
    case DT_BRIEFING_HEADING:
      return FONT_HEADING;
    case DT_BRIEFING_NOTE:
      return FONT_NOTE;
    case DT_BRIEFING_TABLE:
    case DT_BRIEFING_CHART:
      return FONT_CAPTION;
    case DT_BRIEFING_PARAGRAPH:
    default:
      return FONT_BODY;
    }
}

static PangoLayout *
make_layout (DtBriefingLayout *self,
             const char       *font,
             const char       *text,
             double            width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double)h / PANGO_SCALE;
}

static double
text_height (DtBriefingLayout *self,
             const char       *font,
             const char       *text,
             double            width)
{
  g_autoptr(PangoLayout) layout = make_layout (self, font, text, width);

  return layout_height (layout);
}

static double
text_width (DtBriefingLayout *self,
            const char       *font,
            const char       *text)
{
  g_autoptr(PangoLayout) layout = make_layout (self, font, text, -1);
  int w;

  pango_layout_get_size (layout, &w, NULL);
  return (double)w / PANGO_SCALE;
}

static double
content_width (DtBriefingLayout *self)
{
  return self->width - 2 * MARGIN;
}

/* The widest word of @text: a header may wrap between its words. */
static double
widest_word (DtBriefingLayout *self,
             const char       *font,
             const char       *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    w = MAX (w, text_width (self, font, words[i]));
  return w;
}

/* Columns get their natural width. When the table is too wide, numbers
 * and narrow text columns keep theirs, and the widest text columns share
 * what is left in proportion and wrap. */
static void
measure_table (DtBriefingLayout      *self,
               const DtBriefingBlock *block,
               TableMetrics          *metrics)
{
  double available = content_width (self);
  double total = 0, text_total = 0, left;
  guint n_text = 0;
  g_autofree gboolean *shrinks = g_new0 (gboolean, block->n_columns);
  gboolean changed;

  metrics->widths = g_new0 (double, block->n_columns);
  for (guint c = 0; c < block->n_columns; c++)
    {
      /* Numbers are narrow: their header may wrap, but not word by word. */
      double w = MAX (widest_word (self, FONT_CELL_BOLD, block->header[c]),
                      MIN (text_width (self, FONT_CELL_BOLD, block->header[c]), 80));

      for (guint r = 0; r < block->rows->len; r++)
        w = MAX (w, text_width (self, FONT_CELL, ((char **)g_ptr_array_index (block->rows, r))[c]));
      metrics->widths[c] = w + 2 * CELL_PAD_X;
      total += metrics->widths[c];
      if (!(block->numeric_columns & (1u << c)))
        {
          shrinks[c] = TRUE;
          text_total += metrics->widths[c];
          n_text++;
        }
    }

  if (total <= available)
    {
      /* The spare width goes to the text columns, so tables span the page. */
      double spare = available - total;

      for (guint c = 0; c < block->n_columns; c++)
        if (n_text == 0)
          metrics->widths[c] += spare / block->n_columns;
        else if (shrinks[c])
          metrics->widths[c] += spare * metrics->widths[c] / text_total;
      return;
    }

  left = available;
  for (guint c = 0; c < block->n_columns; c++)
    if (!shrinks[c])
      left -= metrics->widths[c];
  /* A text column narrower than its fair share keeps its width. */
  do
    {
      changed = FALSE;
      for (guint c = 0; c < block->n_columns && n_text > 0; c++)
        if (shrinks[c] && metrics->widths[c] <= left / n_text)
          {
            shrinks[c] = FALSE;
            left -= metrics->widths[c];
            text_total -= metrics->widths[c];
            n_text--;
            changed = TRUE;
          }
    }
  while (changed);

  for (guint c = 0; c < block->n_columns; c++)
    if (shrinks[c])
      metrics->widths[c] = MAX (MIN_COLUMN, left * metrics->widths[c] / text_total);
}

static double
row_height (DtBriefingLayout      *self,
            const DtBriefingBlock *block,
            TableMetrics          *metrics,
            char                 **cells,
            const char            *font)
{
  double h = 0;

  for (guint c = 0; c < block->n_columns; c++)
    h = MAX (h, text_height (self, font, cells[c], metrics->widths[c] - 2 * CELL_PAD_X));
  return h + 2 * CELL_PAD_Y;
}

typedef struct
{
  DtBriefingLayout *self;
  GArray           *page;
  double            y;
} Cursor;

static double
page_bottom (DtBriefingLayout *self)
{
  return self->height - MARGIN;
}

static void
new_page (Cursor *cursor)
{
  cursor->page = g_array_new (FALSE, FALSE, sizeof (Item));
  g_ptr_array_add (cursor->self->pages, cursor->page);
  cursor->y = MARGIN;
}

static void
place (Cursor   *cursor,
       ItemKind  kind,
       guint     block,
       guint     row,
       double    height)
{
  Item item = { kind, block, row, cursor->y, height };

  g_array_append_val (cursor->page, item);
  cursor->y += height;
}

/* Starts a new page unless @height fits below the cursor (or the page is
 * still empty, where nothing would fit better). */
static void
ensure_room (Cursor *cursor,
             double  height)
{
  if (cursor->page->len > 0 && cursor->y + height > page_bottom (cursor->self))
    new_page (cursor);
}

static void
lay_out_table (Cursor                *cursor,
               guint                  b,
               const DtBriefingBlock *block)
{
  DtBriefingLayout *self = cursor->self;
  TableMetrics *metrics = &self->tables[b];
  double caption_h = 0, header_h, first_row_h = 0;

  measure_table (self, block, metrics);
  header_h = row_height (self, block, metrics, block->header, FONT_CELL_BOLD);
  if (block->text != NULL)
    caption_h = text_height (self, FONT_CAPTION, block->text, content_width (self)) + 4;
  if (block->rows->len > 0)
    first_row_h = row_height (self, block, metrics, g_ptr_array_index (block->rows, 0), FONT_CELL);

  /* The caption and the header stay with the first row. */
  ensure_room (cursor, caption_h + header_h + first_row_h);
  if (block->text != NULL)
    place (cursor, ITEM_TEXT, b, 0, caption_h);
  place (cursor, ITEM_TABLE_HEADER, b, 0, header_h);

  for (guint r = 0; r < block->rows->len; r++)
    {
      double h = row_height (self, block, metrics, g_ptr_array_index (block->rows, r), FONT_CELL);

      if (cursor->y + h > page_bottom (self))
        {
          /* The header repeats on every page the table runs on. */
          new_page (cursor);
          place (cursor, ITEM_TABLE_HEADER, b, 0, header_h);
        }
      place (cursor, ITEM_TABLE_ROW, b, r, h);
    }
  cursor->y += 12;
}

static void
lay_out (DtBriefingLayout *self)
{
  Cursor cursor = { self, NULL, 0 };
  double width = content_width (self);

  new_page (&cursor);
  for (guint b = 0; b < self->briefing->blocks->len; b++)
    {
      const DtBriefingBlock *block = g_ptr_array_index (self->briefing->blocks, b);
      double h;

      switch (block->kind)
        {
        case DT_BRIEFING_TITLE:
          cursor.y = MAX (cursor.y, self->height * 0.22);
          place (&cursor, ITEM_TEXT, b, 0, text_height (self, FONT_TITLE, block->text, width) + 18);
          for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
            place (&cursor, ITEM_SUBTITLE, b, r,
                   text_height (self, FONT_SUBTITLE, g_ptr_array_index (block->rows, r), width) + 6);
          cursor.y += 40;
          break;

        case DT_BRIEFING_HEADING:
          if (block->new_page && cursor.page->len > 0)
            new_page (&cursor);
          h = text_height (self, FONT_HEADING, block->text, width);
          /* A heading is not left alone at the foot of a page. */
          ensure_room (&cursor, h + 80);
          if (cursor.page->len > 0)
            cursor.y += 10;
          place (&cursor, ITEM_TEXT, b, 0, h + 10);
          break;

        case DT_BRIEFING_PARAGRAPH:
        case DT_BRIEFING_NOTE:
          h = text_height (self, text_font (block), block->text, width) + 8;
          ensure_room (&cursor, h);
          place (&cursor, ITEM_TEXT, b, 0, h);
          break;

        case DT_BRIEFING_TABLE:
          lay_out_table (&cursor, b, block);
          break;

        case DT_BRIEFING_CHART:
          ensure_room (&cursor, CHART_HEIGHT);
          place (&cursor, ITEM_CHART, b, 0, CHART_HEIGHT);
          cursor.y += 12;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

DtBriefingLayout *
dt_briefing_layout_new (const DtBriefing *briefing,
                        double            width,
                        double            height)
{
  DtBriefingLayout *self = g_new0 (DtBriefingLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  g_return_val_if_fail (briefing != NULL, NULL);

  self->briefing = briefing;
  self->width = width;
  self->height = height;
  /* Measured once at 72 dpi without hinting, so a point is a unit and the
   * layout is the same on a PDF surface and on a printer's. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  self->n_tables = briefing->blocks->len;
  self->tables = g_new0 (TableMetrics, self->n_tables);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  lay_out (self);
  return self;
}

guint
dt_briefing_layout_get_n_pages (DtBriefingLayout *self)
{
  return self->pages->len;
}

void
dt_briefing_layout_free (DtBriefingLayout *self)
{
  if (self == NULL)
    return;
  /* The briefing may be gone already (freed with the print operation). */
  for (guint b = 0; b < self->n_tables; b++)
    g_free (self->tables[b].widths);
  g_free (self->tables);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self);
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_table_row (DtBriefingLayout      *self,
                cairo_t               *cr,
                const DtBriefingBlock *block,
                const Item            *item)
{
  TableMetrics *metrics = &self->tables[item->block];
  gboolean header = item->kind == ITEM_TABLE_HEADER;
  char **cells = header ? block->header : g_ptr_array_index (block->rows, item->row);
  double x = MARGIN;

  if (header)
    {
      cairo_set_source_rgb (cr, 0.90, 0.92, 0.95);
      cairo_rectangle (cr, MARGIN, item->y, content_width (self), item->height);
      cairo_fill (cr);
    }
  else if (item->row % 2 == 1)
    {
      cairo_set_source_rgb (cr, 0.97, 0.97, 0.98);
      cairo_rectangle (cr, MARGIN, item->y, content_width (self), item->height);
      cairo_fill (cr);
    }

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (guint c = 0; c < block->n_columns; c++)
    {
      double w = metrics->widths[c] - 2 * CELL_PAD_X;
      g_autoptr(PangoLayout) layout = make_layout (self, header ? FONT_CELL_BOLD : FONT_CELL, cells[c], w);

      if (block->numeric_columns & (1u << c))
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      show (cr, layout, x + CELL_PAD_X, item->y + CELL_PAD_Y);
      x += metrics->widths[c];
    }

  cairo_set_source_rgb (cr, 0.75, 0.77, 0.80);
  cairo_set_line_width (cr, header ? 0.8 : 0.3);
  cairo_move_to (cr, MARGIN, item->y + item->height);
  cairo_line_to (cr, MARGIN + content_width (self), item->y + item->height);
  cairo_stroke (cr);
}

static void
draw_chart (DtBriefingLayout      *self,
            cairo_t               *cr,
            const DtBriefingBlock *block,
            const Item            *item)
{
  g_autofree DtChartSeries *series = g_new0 (DtChartSeries, MAX (block->series->len, 1));
  DtChartData data = {
    .kind = block->line ? DT_CHART_LINE : DT_CHART_BAR,
    .title = block->text,
    .unit = block->unit,
    .value_format = block->value_format,
    .categories = (const char * const *)block->categories,
    .n_categories = block->n_categories,
    .series = series,
    .n_series = block->series->len,
    .highlight_series = -1,
    .highlight_category = -1,
  };
  DtChartStyle style;

  for (guint s = 0; s < block->series->len; s++)
    {
      DtBriefingSeries *one = g_ptr_array_index (block->series, s);

      series[s].name = one->name;
      series[s].values = one->values;
      series[s].n_values = block->n_categories;
    }

  dt_chart_style_init_light (&style);
  /* The chart measures text at 96 dpi; 7 there is about 9.3 points. */
  g_clear_pointer (&style.font, pango_font_description_free);
  style.font = pango_font_description_from_string ("Sans 7");
  style.fill_background = FALSE;

  cairo_save (cr);
  cairo_translate (cr, MARGIN, item->y);
  dt_chart_render (cr, &data, (int)content_width (self), (int)item->height, &style, NULL);
  cairo_restore (cr);
  dt_chart_style_clear (&style);
}

static void
draw_footer (DtBriefingLayout *self,
             cairo_t          *cr,
             guint             page)
{
  double y = self->height - MARGIN + FOOTER_GAP - 8;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autoptr(PangoLayout) footer = make_layout (self, FONT_FOOTER, self->briefing->footer,
                                               content_width (self) - 80);
  g_autoptr(PangoLayout) page_number = make_layout (self, FONT_FOOTER, number, 80);

  cairo_set_source_rgb (cr, 0.75, 0.77, 0.80);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, y - 4);
  cairo_line_to (cr, self->width - MARGIN, y - 4);
  cairo_stroke (cr);

  if (self->briefing->sample)
    cairo_set_source_rgb (cr, 0.70, 0.25, 0.0);
  else
    cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show (cr, footer, MARGIN, y);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  pango_layout_set_alignment (page_number, PANGO_ALIGN_RIGHT);
  show (cr, page_number, self->width - MARGIN - 80, y);

  if (self->briefing->sample)
    {
      /* The sample mark also stands at the top of every page. */
      g_autoptr(PangoLayout) mark = make_layout (self, "Sans Bold 9", _("SAMPLE DATA"), -1);
      int w;

      pango_layout_get_size (mark, &w, NULL);
      cairo_set_source_rgb (cr, 0.70, 0.25, 0.0);
      show (cr, mark, self->width - MARGIN - (double)w / PANGO_SCALE, MARGIN - 26);
    }
}

void
dt_briefing_layout_draw_page (DtBriefingLayout *self,
                              cairo_t          *cr,
                              guint             page)
{
  GArray *items;

  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < self->pages->len);

  items = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const DtBriefingBlock *block = g_ptr_array_index (self->briefing->blocks, item->block);
      double width = content_width (self);

      switch (item->kind)
        {
        case ITEM_TEXT:
          {
            g_autoptr(PangoLayout) layout = make_layout (self, text_font (block), block->text, width);
            double y = item->y + (block->kind == DT_BRIEFING_HEADING ? item->height - layout_height (layout) - 6 : 0);

            if (block->kind == DT_BRIEFING_NOTE)
              cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
            else if (block->kind == DT_BRIEFING_TITLE || block->kind == DT_BRIEFING_HEADING)
              cairo_set_source_rgb (cr, 0.09, 0.27, 0.50);
            else
              cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
            show (cr, layout, MARGIN, y);
            if (block->kind == DT_BRIEFING_HEADING)
              {
                cairo_set_line_width (cr, 1.2);
                cairo_move_to (cr, MARGIN, item->y + item->height - 3);
                cairo_line_to (cr, MARGIN + width, item->y + item->height - 3);
                cairo_stroke (cr);
              }
          }
          break;

        case ITEM_SUBTITLE:
          {
            g_autoptr(PangoLayout) layout = make_layout (self, FONT_SUBTITLE,
                                                         g_ptr_array_index (block->rows, item->row), width);

            cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
            show (cr, layout, MARGIN, item->y);
          }
          break;

        case ITEM_TABLE_HEADER:
        case ITEM_TABLE_ROW:
          draw_table_row (self, cr, block, item);
          break;

        case ITEM_CHART:
          draw_chart (self, cr, block, item);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} PdfSink;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
dt_briefing_write_pdf (const DtBriefing  *briefing,
                       GOutputStream     *stream,
                       GError           **error)
{
  g_autoptr(DtBriefingLayout) layout = NULL;
  PdfSink sink = { stream, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (briefing != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  layout = dt_briefing_layout_new (briefing, DT_BRIEFING_PAGE_WIDTH, DT_BRIEFING_PAGE_HEIGHT);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sink,
                                                 DT_BRIEFING_PAGE_WIDTH, DT_BRIEFING_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, briefing->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Digital Trade");
  cr = cairo_create (surface);
  for (guint page = 0; page < dt_briefing_layout_get_n_pages (layout); page++)
    {
      dt_briefing_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED, _("Could not draw the briefing: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
