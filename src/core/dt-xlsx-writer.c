/* dt-xlsx-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Excel turns an all-digit credit code in a CSV file into a float and
 * drops its last digits; a workbook says which cell is text and which a
 * number. libxlsxwriter builds it, in a temporary file (it writes only to
 * file names), copied to the export's stream at the end, so that the
 * target is replaced whole (dt-output.c) or a pipe gets it as it is.
 */

#define G_LOG_DOMAIN "dt-xlsx-writer"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "dt-error.h"
#include "dt-util.h"
#include "dt-xlsx-writer.h"

/* Excel's widths are in characters of its default font. */
#define MIN_WIDTH 6.0
#define MAX_WIDTH 60.0

struct _DtXlsxWriter
{
  GObject        parent_instance;

  char          *path;        /* the temporary file */
  lxw_workbook  *workbook;
  lxw_worksheet *sheet;
  lxw_worksheet *about;
  lxw_format    *header_format;
  lxw_format    *formats[DT_XLSX_COLUMN_DATE + 1];
  lxw_format    *about_label_format;
  GArray        *types;       /* DtXlsxColumn per column */
  GArray        *widths;      /* guint per column: the widest cell */
  guint          row;
  guint          column;
  guint          n_columns;
  guint          about_row;
  gboolean       row_limit_reached;
};

G_DEFINE_FINAL_TYPE (DtXlsxWriter, dt_xlsx_writer, G_TYPE_OBJECT)

static void
dt_xlsx_writer_finalize (GObject *object)
{
  DtXlsxWriter *self = DT_XLSX_WRITER (object);

  /* A workbook never finished is freed without writing it. */
  if (self->workbook != NULL)
    lxw_workbook_free (self->workbook);
  if (self->path != NULL)
    g_unlink (self->path);
  g_free (self->path);
  g_clear_pointer (&self->types, g_array_unref);
  g_clear_pointer (&self->widths, g_array_unref);

  G_OBJECT_CLASS (dt_xlsx_writer_parent_class)->finalize (object);
}

static void
dt_xlsx_writer_class_init (DtXlsxWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_xlsx_writer_finalize;
}

static void
dt_xlsx_writer_init (DtXlsxWriter *self)
{
  self->types = g_array_new (FALSE, TRUE, sizeof (DtXlsxColumn));
  self->widths = g_array_new (FALSE, TRUE, sizeof (guint));
}

guint
dt_xlsx_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
static char *
sheet_name_for (const char *name)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = name; p != NULL && *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_utf8_strchr ("[]:*?/\\", -1, c) != NULL ? '_' : c);
    }
  if (out->len == 0)
    g_string_append (out, "Sheet1");
  return g_string_free (out, FALSE);
}

DtXlsxWriter *
dt_xlsx_writer_new (const char  *sheet_name,
                    GError     **error)
{
  g_autoptr(DtXlsxWriter) self = g_object_new (DT_TYPE_XLSX_WRITER, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = sheet_name_for (sheet_name);
  int fd;

  fd = g_file_open_tmp ("digital-trade-XXXXXX.xlsx", &self->path, &local_error);
  if (fd < 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot make the workbook: %s"), local_error->message);
      return NULL;
    }
  close (fd);

  {
    /* Rows go to a temporary file as they are written, so memory does not
     * grow with the export; strings are then written inline. */
    lxw_workbook_options options = { .constant_memory = LXW_TRUE };

    self->workbook = workbook_new_opt (self->path, &options);
  }
  if (self->workbook == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot make the workbook in “%s”"), self->path);
      return NULL;
    }
  self->sheet = workbook_add_worksheet (self->workbook, name);
  self->about = workbook_add_worksheet (self->workbook, C_("sheet name", "About"));

  self->header_format = workbook_add_format (self->workbook);
  format_set_bold (self->header_format);
  format_set_bg_color (self->header_format, 0xE8EEF4);
  format_set_bottom (self->header_format, LXW_BORDER_THIN);
  self->formats[DT_XLSX_COLUMN_TEXT] = NULL;
  self->formats[DT_XLSX_COLUMN_INT] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[DT_XLSX_COLUMN_INT], "0");
  self->formats[DT_XLSX_COLUMN_VOLUME] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[DT_XLSX_COLUMN_VOLUME], "#,##0.0");
  self->formats[DT_XLSX_COLUMN_DECIMAL] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[DT_XLSX_COLUMN_DECIMAL], "#,##0.0##");
  self->formats[DT_XLSX_COLUMN_DATE] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[DT_XLSX_COLUMN_DATE], "yyyy-mm-dd");
  self->about_label_format = workbook_add_format (self->workbook);
  format_set_bold (self->about_label_format);

  return g_steal_pointer (&self);
}

void
dt_xlsx_writer_set_column (DtXlsxWriter *self,
                           guint         index,
                           DtXlsxColumn  type)
{
  g_return_if_fail (DT_IS_XLSX_WRITER (self));

  if (self->types->len <= index)
    g_array_set_size (self->types, index + 1);
  g_array_index (self->types, DtXlsxColumn, index) = type;
}

static DtXlsxColumn
column_type (DtXlsxWriter *self)
{
  if (self->column < self->types->len)
    return g_array_index (self->types, DtXlsxColumn, self->column);
  return DT_XLSX_COLUMN_TEXT;
}

/* Counts the cell's width and moves on to the next column. */
static void
next_cell (DtXlsxWriter *self,
           guint         width)
{
  if (self->widths->len <= self->column)
    g_array_set_size (self->widths, self->column + 1);
  if (width > g_array_index (self->widths, guint, self->column))
    g_array_index (self->widths, guint, self->column) = width;
  self->column++;
  self->n_columns = MAX (self->n_columns, self->column);
}

static gboolean
parse_date (const char   *text,
            lxw_datetime *date)
{
  unsigned year, month, day;
  char end;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year) || year < 1900)
    return FALSE;
  *date = (lxw_datetime) { .year = year, .month = month, .day = day };
  return TRUE;
}

void
dt_xlsx_writer_add_text (DtXlsxWriter *self,
                         const char   *text)
{
  lxw_datetime date;

  g_return_if_fail (DT_IS_XLSX_WRITER (self));

  if (self->row_limit_reached)
    return;
  if (text == NULL || text[0] == '\0')
    {
      next_cell (self, 0);
      return;
    }
  if (self->row == 0)
    {
      worksheet_write_string (self->sheet, 0, self->column, text, self->header_format);
      /* Room for the autofilter's button. */
      next_cell (self, dt_xlsx_text_width (text) + 3);
      return;
    }
  if (column_type (self) == DT_XLSX_COLUMN_DATE && parse_date (text, &date))
    {
      worksheet_write_datetime (self->sheet, self->row, self->column, &date,
                                self->formats[DT_XLSX_COLUMN_DATE]);
      next_cell (self, 10);
      return;
    }
  worksheet_write_string (self->sheet, self->row, self->column, text, NULL);
  next_cell (self, dt_xlsx_text_width (text));
}

void
dt_xlsx_writer_add_int (DtXlsxWriter *self,
                        gint64        value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  g_return_if_fail (DT_IS_XLSX_WRITER (self));

  if (self->row_limit_reached)
    return;
  worksheet_write_number (self->sheet, self->row, self->column, (double)value,
                          self->formats[DT_XLSX_COLUMN_INT]);
  next_cell (self, strlen (text));
}

void
dt_xlsx_writer_add_double (DtXlsxWriter *self,
                           double        value)
{
  DtXlsxColumn type = column_type (self);
  char text[64];

  g_return_if_fail (DT_IS_XLSX_WRITER (self));

  if (self->row_limit_reached)
    return;
  if (!isfinite (value))
    {
      next_cell (self, 0);
      return;
    }
  if (type != DT_XLSX_COLUMN_VOLUME && type != DT_XLSX_COLUMN_INT)
    type = DT_XLSX_COLUMN_DECIMAL;
  worksheet_write_number (self->sheet, self->row, self->column, value, self->formats[type]);
  /* The width as shown: separators every three digits, at most three decimals. */
  g_snprintf (text, sizeof text, "%.3f", fabs (value));
  next_cell (self, strlen (text) + strlen (text) / 4 + 1);
}

void
dt_xlsx_writer_add_empty (DtXlsxWriter *self)
{
  g_return_if_fail (DT_IS_XLSX_WRITER (self));

  next_cell (self, 0);
}

gboolean
dt_xlsx_writer_end_row (DtXlsxWriter  *self,
                        GError       **error)
{
  g_return_val_if_fail (DT_IS_XLSX_WRITER (self), FALSE);

  if (self->row + 1 >= DT_XLSX_MAX_ROWS)
    {
      self->row_limit_reached = TRUE;
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   ngettext ("The table has more than %u row, more than an Excel sheet holds; narrow it with a filter or export it as CSV",
                             "The table has more than %u rows, more than an Excel sheet holds; narrow it with a filter or export it as CSV",
                             (guint)DT_XLSX_MAX_ROWS - 1),
                   (guint)DT_XLSX_MAX_ROWS - 1);
      return FALSE;
    }
  self->row++;
  self->column = 0;
  return TRUE;
}

guint
dt_xlsx_writer_get_n_rows (DtXlsxWriter *self)
{
  g_return_val_if_fail (DT_IS_XLSX_WRITER (self), 0);

  return self->row;
}

void
dt_xlsx_writer_add_about (DtXlsxWriter *self,
                          const char   *label,
                          const char   *value)
{
  g_return_if_fail (DT_IS_XLSX_WRITER (self));

  if (label == NULL)
    {
      if (self->about_row > 0)
        self->about_row++;
      worksheet_write_string (self->about, self->about_row++, 0, value, self->about_label_format);
      return;
    }
  worksheet_write_string (self->about, self->about_row, 0, label, self->about_label_format);
  if (value != NULL && value[0] != '\0')
    worksheet_write_string (self->about, self->about_row, 1, value, NULL);
  self->about_row++;
}

gboolean
dt_xlsx_writer_write_to (DtXlsxWriter  *self,
                         GOutputStream *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  lxw_workbook *workbook;
  lxw_error rc;

  g_return_val_if_fail (DT_IS_XLSX_WRITER (self), FALSE);
  g_return_val_if_fail (self->workbook != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  /* The header stays in view and filters the table; the rows written so
   * far end the range (a row begun but not ended is not one). */
  worksheet_freeze_panes (self->sheet, 1, 0);
  if (self->n_columns > 0)
    worksheet_autofilter (self->sheet, 0, 0, self->row > 0 ? self->row - 1 : 0, self->n_columns - 1);
  for (guint i = 0; i < self->widths->len; i++)
    {
      double width = CLAMP (g_array_index (self->widths, guint, i) + 1.0, MIN_WIDTH, MAX_WIDTH);

      worksheet_set_column (self->sheet, i, i, width, NULL);
    }
  worksheet_set_column (self->about, 0, 0, 24, NULL);
  worksheet_set_column (self->about, 1, 1, 80, NULL);

  workbook = g_steal_pointer (&self->workbook);
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot write the workbook: %s"), lxw_strerror (rc));
      return FALSE;
    }

  file = g_file_new_for_path (self->path);
  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return FALSE;
  return g_output_stream_splice (stream, G_INPUT_STREAM (input), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                 cancellable, error) >= 0;
}
