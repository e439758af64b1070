/* dt-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-csv-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-csv-reader.h"
#include "dt-error.h"

struct _DtCsvReader
{
  char      *file_name;
  char      *text;        /* the whole file as UTF-8 */
  gsize      length;
  gsize      pos;
  guint      line;        /* line at pos */
  guint      row_line;    /* line the last row started on */
  char       separator;
  const char *encoding;
  GPtrArray *fields;
  GArray    *field_lines; /* guint: line on which each field starts */
  GString   *cell;
};

/* Which line holds byte @offset (1-based). */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* A file whose lines are partly valid UTF-8 with non-ASCII text and partly
 * not is a paste of two encodings: decoding it either way loses text. */
static gboolean
check_not_mixed (const char  *data,
                 gsize        size,
                 const char  *file_name,
                 GError     **error)
{
  gboolean seen_utf8_text = FALSE;
  gssize first_invalid = -1;
  gsize start = 0;

  while (start < size)
    {
      const char *nl = memchr (data + start, '\n', size - start);
      gsize end = nl != NULL ? (gsize)(nl - data) : size;
      gboolean ascii = TRUE;

      for (gsize i = start; i < end && ascii; i++)
        ascii = (guchar)data[i] < 0x80;

      if (!ascii)
        {
          if (g_utf8_validate (data + start, end - start, NULL))
            seen_utf8_text = TRUE;
          else if (first_invalid < 0)
            first_invalid = start;
        }

      start = end + 1;
    }

  if (seen_utf8_text && first_invalid >= 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: the file mixes encodings (some lines are UTF-8, this one is not); save it again in one encoding, UTF-8 or GB18030"),
                   file_name, line_of_offset (data, first_invalid));
      return FALSE;
    }

  return TRUE;
}

static char *
decode (const char   *data,
        gsize         size,
        const char   *file_name,
        const char  **encoding,
        gsize        *out_length,
        GError      **error)
{
  g_autoptr(GError) convert_error = NULL;
  const char *nul = memchr (data, '\0', size);
  char *text;

  if (size >= 2 && ((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE))
    {
      *encoding = "UTF-16LE";
      text = g_convert (data + 2, size - 2, "UTF-8", "UTF-16LE", NULL, out_length, &convert_error);
    }
  else if (size >= 2 && ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF))
    {
      *encoding = "UTF-16BE";
      text = g_convert (data + 2, size - 2, "UTF-8", "UTF-16BE", NULL, out_length, &convert_error);
    }
  else
    {
      if (nul != NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the file holds a NUL byte; expected text (is it a spreadsheet saved as .xlsx rather than CSV?)"),
                       file_name, line_of_offset (data, nul - data));
          return NULL;
        }

      if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          *encoding = "UTF-8";
          data += 3;
          size -= 3;
          if (!g_utf8_validate (data, size, NULL))
            {
              const char *end = NULL;
              g_utf8_validate (data, size, &end);
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                           _("%s:%u:1: the file says it is UTF-8 but holds bytes that are not"),
                           file_name, line_of_offset (data, end - data));
              return NULL;
            }
          *out_length = size;
          return g_strndup (data, size);
        }

      if (g_utf8_validate (data, size, NULL))
        {
          *encoding = "UTF-8";
          *out_length = size;
          return g_strndup (data, size);
        }

      if (!check_not_mixed (data, size, file_name, error))
        return NULL;

      *encoding = "GB18030";
      text = g_convert (data, size, "UTF-8", "GB18030", NULL, out_length, &convert_error);
    }

  if (text == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is neither UTF-8 nor GB18030 text (%s)"),
                   file_name, convert_error->message);
      return NULL;
    }

  if (memchr (text, '\0', *out_length) != NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: the file holds a NUL character; expected text"),
                   file_name, line_of_offset (text, (const char *)memchr (text, '\0', *out_length) - text));
      g_free (text);
      return NULL;
    }

  return text;
}

/* Binary files (spreadsheets saved as .xls/.xlsx, images, archives) often
 * decode as GB18030 without error; their control characters give them away. */
static gboolean
check_no_control_characters (const char  *text,
                             gsize        length,
                             const char  *file_name,
                             GError     **error)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the file holds the control character 0x%02X; expected CSV text (is it a binary file, such as an .xlsx workbook?)"),
                       file_name, line_of_offset (text, i), c);
          return FALSE;
        }
    }

  return TRUE;
}

/* The separator is the one of , ; TAB that is most frequent on the first
 * line outside quotes; comma when none is. */
static char
detect_separator (const char *text,
                  gsize       length)
{
  guint counts[3] = { 0 };
  static const char candidates[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          if (c == candidates[k])
            counts[k]++;
    }

  for (guint k = 0; k < 3; k++)
    if (counts[k] > best_count)
      {
        best = candidates[k];
        best_count = counts[k];
      }

  return best;
}

DtCsvReader *
dt_csv_reader_new (GBytes      *bytes,
                   const char  *file_name,
                   GError     **error)
{
  DtCsvReader *self;
  const char *encoding = NULL;
  gsize size, length = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  char *text;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (file_name == NULL)
    file_name = "-";

  if (size == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is empty; expected a header row and data rows"), file_name);
      return NULL;
    }

  text = decode (data, size, file_name, &encoding, &length, error);
  if (text == NULL)
    return NULL;

  if (!check_no_control_characters (text, length, file_name, error))
    {
      g_free (text);
      return NULL;
    }

  self = g_new0 (DtCsvReader, 1);
  self->file_name = g_strdup (file_name);
  self->text = text;
  self->length = length;
  self->line = 1;
  self->encoding = encoding;
  self->separator = detect_separator (text, length);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cell = g_string_new (NULL);
  return self;
}

DtCsvReader *
dt_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s: %s", path, local_error->message);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  return dt_csv_reader_new (bytes, path, error);
}

void
dt_csv_reader_free (DtCsvReader *self)
{
  if (self == NULL)
    return;

  g_free (self->file_name);
  g_free (self->text);
  g_ptr_array_unref (self->fields);
  g_array_unref (self->field_lines);
  g_string_free (self->cell, TRUE);
  g_free (self);
}

static void
end_cell (DtCsvReader *self,
          guint        start_line)
{
  g_array_append_val (self->field_lines, start_line);
  g_ptr_array_add (self->fields, g_strndup (self->cell->str, self->cell->len));
  g_string_truncate (self->cell, 0);
}

GPtrArray *
dt_csv_reader_next_row (DtCsvReader  *self,
                        GError      **error)
{
  const char *t = self->text;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint quote_line = 0;
  guint field_line;
  gsize row_start;

  g_return_val_if_fail (self != NULL, NULL);

  g_ptr_array_set_size (self->fields, 0);
  g_array_set_size (self->field_lines, 0);
  g_string_truncate (self->cell, 0);

  /* Skip blank lines between rows: spreadsheets leave them at the end. */
  while (self->pos < self->length && (t[self->pos] == '\r' || t[self->pos] == '\n'))
    {
      if (t[self->pos] == '\n')
        self->line++;
      self->pos++;
    }

  if (self->pos >= self->length)
    return NULL;

  self->row_line = self->line;
  field_line = self->line;
  row_start = self->pos;

  while (self->pos < self->length)
    {
      char c = t[self->pos];

      if (quoted)
        {
          if (c == '"')
            {
              if (self->pos + 1 < self->length && t[self->pos + 1] == '"')
                {
                  g_string_append_c (self->cell, '"');
                  self->pos += 2;
                  continue;
                }
              quoted = FALSE;
              self->pos++;
              continue;
            }
          if (c == '\n')
            self->line++;
          g_string_append_c (self->cell, c);
          self->pos++;
          continue;
        }

      if (c == '"' && self->cell->len == 0 && !was_quoted)
        {
          quoted = TRUE;
          was_quoted = TRUE;
          quote_line = self->line;
          self->pos++;
        }
      else if (c == self->separator)
        {
          end_cell (self, field_line);
          field_line = self->line;
          was_quoted = FALSE;
          self->pos++;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && self->pos + 1 < self->length && t[self->pos + 1] == '\n')
            self->pos++;
          self->pos++;
          self->line++;
          break;
        }
      else
        {
          g_string_append_c (self->cell, c);
          self->pos++;
        }
    }

  if (quoted)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:%u: a quoted cell is never closed; expected a closing \" before the end of the file"),
                   self->file_name, quote_line, self->fields->len + 1);
      return NULL;
    }

  /* A "row" this long is not a spreadsheet row: refuse it before it is
   * handed on (a measure's full text is a few kilobytes). */
  if (self->pos - row_start > DT_CSV_MAX_ROW_BYTES)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   _("%s:%u:1: the row is %lu bytes long; expected at most %u bytes per row (is this really a CSV table?)"),
                   self->file_name, self->row_line, (unsigned long)(self->pos - row_start), (guint)DT_CSV_MAX_ROW_BYTES);
      return NULL;
    }

  end_cell (self, field_line);
  return self->fields;
}

guint
dt_csv_reader_get_field_line (DtCsvReader *self,
                              guint        index)
{
  g_return_val_if_fail (self != NULL, 0);

  return index < self->field_lines->len ? g_array_index (self->field_lines, guint, index) : self->row_line;
}

guint
dt_csv_reader_get_line (DtCsvReader *self)
{
  return self->row_line;
}

const char *
dt_csv_reader_get_file_name (DtCsvReader *self)
{
  return self->file_name;
}

const char *
dt_csv_reader_get_encoding (DtCsvReader *self)
{
  return self->encoding;
}

char
dt_csv_reader_get_separator (DtCsvReader *self)
{
  return self->separator;
}

double
dt_csv_reader_get_fraction (DtCsvReader *self)
{
  return self->length > 0 ? (double)self->pos / self->length : 1.0;
}
