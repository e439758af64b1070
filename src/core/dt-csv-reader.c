/* dt-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a stream a chunk at a time: memory holds one chunk and the row being
 * read, whatever the size of the file. Encoding is settled by the first line
 * holding non-ASCII text (ASCII reads the same in UTF-8 and GB18030); a later
 * line in the other encoding refuses the file, naming the line.
 */

#define G_LOG_DOMAIN "dt-csv-reader"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-csv-reader.h"
#include "dt-error.h"

#define CHUNK_BYTES (256 * 1024)

typedef enum
{
  MODE_UNDECIDED, /* only ASCII so far */
  MODE_UTF8,
  MODE_UTF8_BOM,  /* says it is UTF-8: every byte must be */
  MODE_GB18030,
  MODE_UTF16,     /* converted as a whole, not line by line */
} Mode;

struct _DtCsvReader
{
  char         *file_name;
  GInputStream *stream;
  goffset       total;        /* bytes expected, for progress; 0 when unknown */
  goffset       max_bytes;    /* 0: no limit */
  goffset       n_read;       /* raw bytes read so far */
  gboolean      eof;
  gboolean      started;      /* BOM looked for */
  GChecksum    *checksum;     /* of the raw bytes */
  char         *checksum_text;
  GByteArray   *raw;          /* read, not yet decoded */
  guint         raw_line;     /* line of raw->data[0] */
  Mode          mode;
  GIConv        conv;
  guint         first_gb_line;
  guint         text_line;    /* line at the end of text, for control characters */

  char         *text;         /* decoded UTF-8 not yet parsed past pos */
  gsize         length;
  gsize         capacity;
  gsize         pos;
  goffset       base;         /* offset of text[0] in the decoded stream */
  GError       *pending;      /* an error met while reading ahead */

  guint         line;         /* line at pos */
  guint         row_line;     /* line the last row started on */
  char          separator;
  const char   *encoding;
  GPtrArray    *fields;
  GArray       *field_lines;  /* guint: line on which each field starts */
  GString      *cell;
};

static void
set_mixed_error (DtCsvReader  *self,
                 guint         line,
                 GError      **error)
{
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("%s:%u:1: the file mixes encodings (some lines are UTF-8, this one is not); save it again in one encoding, UTF-8 or GB18030"),
               self->file_name, line);
}

static void
append_text (DtCsvReader *self,
             const char  *data,
             gsize        size)
{
  if (self->length + size + 1 > self->capacity)
    {
      self->capacity = MAX (self->capacity * 2, self->length + size + 1);
      self->text = g_realloc (self->text, self->capacity);
    }
  memcpy (self->text + self->length, data, size);
  self->length += size;
}

/* Converts @size bytes through self->conv onto the text; returns the bytes
 * used (fewer when the input ends inside a character). */
static gboolean
convert (DtCsvReader  *self,
         const char   *data,
         gsize         size,
         gsize        *out_used,
         GError      **error)
{
  char *in = (char *)data;
  gsize in_left = size;

  while (in_left > 0)
    {
      char *out;
      gsize out_left, before;

      if (self->capacity - self->length < in_left * 2 + 16)
        {
          self->capacity = MAX (self->capacity * 2, self->length + in_left * 2 + 16);
          self->text = g_realloc (self->text, self->capacity);
        }
      out = self->text + self->length;
      out_left = before = self->capacity - self->length - 1;
      if (g_iconv (self->conv, &in, &in_left, &out, &out_left) == (gsize)-1)
        {
          self->length += before - out_left;
          if (errno == E2BIG)
            {
              self->capacity *= 2;
              self->text = g_realloc (self->text, self->capacity);
              continue;
            }
          if (errno == EINVAL)
            break; /* a character cut by the chunk's end */
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the file is neither UTF-8 nor GB18030 text; expected one of them (or UTF-16 with a byte order mark)"),
                       self->file_name, self->text_line);
          return FALSE;
        }
      self->length += before - out_left;
    }

  *out_used = size - in_left;
  return TRUE;
}

/* Looks at every raw line of @data (complete lines, or the file's end):
 * NUL bytes, and which encoding each line with non-ASCII text is in. */
static gboolean
check_lines (DtCsvReader  *self,
             const char   *data,
             gsize         size,
             GError      **error)
{
  const char *nul = memchr (data, '\0', size);
  guint line = self->raw_line;
  gsize start = 0;

  if (nul != NULL)
    {
      for (const char *p = data; p < nul; p++)
        line += *p == '\n';
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: the file holds a NUL byte; expected text (is it a spreadsheet saved as .xlsx rather than CSV?)"),
                   self->file_name, line);
      return FALSE;
    }

  while (start < size)
    {
      const char *nl = memchr (data + start, '\n', size - start);
      gsize end = nl != NULL ? (gsize)(nl - data) : size;
      gboolean ascii = TRUE;

      for (gsize i = start; i < end && ascii; i++)
        ascii = (guchar)data[i] < 0x80;

      if (!ascii)
        {
          gboolean utf8 = g_utf8_validate (data + start, end - start, NULL);

          switch (self->mode)
            {
            case MODE_UNDECIDED:
              if (utf8)
                {
                  self->mode = MODE_UTF8;
                  self->encoding = "UTF-8";
                }
              else
                {
                  self->mode = MODE_GB18030;
                  self->encoding = "GB18030";
                  self->first_gb_line = line;
                  self->conv = g_iconv_open ("UTF-8", "GB18030");
                }
              break;
            case MODE_UTF8_BOM:
              if (!utf8)
                {
                  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                               _("%s:%u:1: the file says it is UTF-8 but holds bytes that are not"),
                               self->file_name, line);
                  return FALSE;
                }
              break;
            case MODE_UTF8:
              if (!utf8)
                {
                  set_mixed_error (self, line, error);
                  return FALSE;
                }
              break;
            case MODE_GB18030:
              if (utf8)
                {
                  set_mixed_error (self, self->first_gb_line, error);
                  return FALSE;
                }
              break;
            case MODE_UTF16:
            default:
              g_assert_not_reached ();
            }
        }

      line++;
      start = end + 1;
    }

  return TRUE;
}

/* Binary files (spreadsheets saved as .xls/.xlsx, images, archives) often
 * decode as GB18030 without error; their control characters give them away. */
static gboolean
check_decoded (DtCsvReader  *self,
               gsize         from,
               GError      **error)
{
  for (gsize i = from; i < self->length; i++)
    {
      guchar c = self->text[i];

      if (c >= 0x20 && c != 0x7F)
        continue;
      if (c == '\n')
        self->text_line++;
      else if (c == '\0')
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the file holds a NUL character; expected text"),
                       self->file_name, self->text_line);
          return FALSE;
        }
      else if (c != '\t' && c != '\r')
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the file holds the control character 0x%02X; expected CSV text (is it a binary file, such as an .xlsx workbook?)"),
                       self->file_name, self->text_line, c);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reads one more chunk and decodes what of it is complete. FALSE on error
 * (then @error is set) and at the end of the stream. */
static gboolean
read_more (DtCsvReader  *self,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize old_size = self->raw->len;
  gsize old_length;
  gsize block = 0;
  gssize n;

  if (self->eof)
    return FALSE;

  g_byte_array_set_size (self->raw, old_size + CHUNK_BYTES);
  n = g_input_stream_read (self->stream, self->raw->data + old_size, CHUNK_BYTES, NULL, &local_error);
  g_byte_array_set_size (self->raw, old_size + MAX (n, 0));
  if (n < 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s: %s", self->file_name, local_error->message);
      return FALSE;
    }
  if (n == 0)
    self->eof = TRUE;
  self->n_read += n;
  if (self->checksum != NULL && n > 0)
    g_checksum_update (self->checksum, self->raw->data + old_size, n);

  /* The size a file reports is not trusted: it may grow while it is read. */
  if (self->max_bytes > 0 && self->n_read > self->max_bytes)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d bytes, the most accepted"),
                   self->file_name, (int)self->max_bytes);
      return FALSE;
    }

  if (!self->started)
    {
      const guint8 *d = self->raw->data;
      gsize len = self->raw->len;

      if (len < 3 && !self->eof)
        return TRUE;
      self->started = TRUE;
      if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
        {
          self->encoding = d[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
          self->mode = MODE_UTF16;
          self->conv = g_iconv_open ("UTF-8", self->encoding);
          g_byte_array_remove_range (self->raw, 0, 2);
        }
      else if (len >= 3 && memcmp (d, "\xEF\xBB\xBF", 3) == 0)
        {
          self->mode = MODE_UTF8_BOM;
          g_byte_array_remove_range (self->raw, 0, 3);
        }
    }

  old_length = self->length;
  if (self->mode == MODE_UTF16)
    {
      if (!convert (self, (const char *)self->raw->data, self->raw->len, &block, error))
        return FALSE;
      if (self->eof && block < self->raw->len)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the file is neither UTF-8 nor GB18030 text; expected one of them (or UTF-16 with a byte order mark)"),
                       self->file_name, self->text_line);
          return FALSE;
        }
    }
  else
    {
      gsize last_nl = self->raw->len;

      while (last_nl > 0 && self->raw->data[last_nl - 1] != '\n')
        last_nl--;

      /* Whole lines only, so that each is checked in one piece. */
      if (self->eof)
        block = self->raw->len;
      else if (last_nl > 0)
        block = last_nl;
      else if (self->raw->len > DT_CSV_MAX_ROW_BYTES)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                       _("%s:%u:1: the row is %lu bytes long; expected at most %u bytes per row (is this really a CSV table?)"),
                       self->file_name, self->raw_line, (unsigned long)self->raw->len, (guint)DT_CSV_MAX_ROW_BYTES);
          return FALSE;
        }

      if (block > 0)
        {
          const char *data = (const char *)self->raw->data;

          if (!check_lines (self, data, block, error))
            return FALSE;
          if (self->mode == MODE_GB18030)
            {
              gsize used = 0;

              if (!convert (self, data, block, &used, error))
                return FALSE;
              if (used < block)
                {
                  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                               _("%s:%u:1: the file is neither UTF-8 nor GB18030 text; expected one of them (or UTF-16 with a byte order mark)"),
                               self->file_name, self->text_line);
                  return FALSE;
                }
            }
          else
            append_text (self, data, block);
          for (gsize i = 0; i < block; i++)
            self->raw_line += data[i] == '\n';
        }
    }

  if (block > 0)
    g_byte_array_remove_range (self->raw, 0, block);

  return check_decoded (self, old_length, error) && (n > 0 || self->length > old_length);
}

/* Makes at least @n bytes of text available at pos, dropping what was
 * parsed. FALSE at the end of the text or on an error (kept in pending). */
static gboolean
have (DtCsvReader *self,
      gsize        n)
{
  while (self->length - self->pos < n)
    {
      if (self->pending != NULL || self->eof)
        return FALSE;
      if (self->pos > 0)
        {
          memmove (self->text, self->text + self->pos, self->length - self->pos);
          self->length -= self->pos;
          self->base += self->pos;
          self->pos = 0;
        }
      if (!read_more (self, &self->pending) && self->pending != NULL)
        return FALSE;
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
dt_csv_reader_new_for_stream (GInputStream  *stream,
                              goffset        size,
                              goffset        max_bytes,
                              const char    *file_name,
                              GError       **error)
{
  g_autoptr(DtCsvReader) self = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (DtCsvReader, 1);
  self->file_name = g_strdup (file_name != NULL ? file_name : "-");
  self->stream = g_object_ref (stream);
  self->total = size;
  self->max_bytes = max_bytes;
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->raw = g_byte_array_new ();
  self->raw_line = 1;
  self->text_line = 1;
  self->line = 1;
  self->conv = (GIConv)-1;
  self->mode = MODE_UNDECIDED;
  self->encoding = "UTF-8";
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cell = g_string_new (NULL);

  /* The first chunk settles the BOM, most often the encoding, and the
   * separator (from the header row). */
  do
    {
      g_autoptr(GError) local_error = NULL;

      if (!read_more (self, &local_error) && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  while (!self->eof && (self->length == 0 || memchr (self->text, '\n', self->length) == NULL) &&
         self->length < DT_CSV_MAX_ROW_BYTES);

  if (self->n_read == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is empty; expected a header row and data rows"), self->file_name);
      return NULL;
    }

  self->separator = detect_separator (self->text, self->length);
  return g_steal_pointer (&self);
}

DtCsvReader *
dt_csv_reader_new (GBytes      *bytes,
                   const char  *file_name,
                   GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return dt_csv_reader_new_for_stream (stream, g_bytes_get_size (bytes), 0, file_name, error);
}

GInputStream *
dt_csv_open_file (GFile         *file,
                  goffset        max_bytes,
                  goffset       *out_size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: this is a folder; expected a CSV or JSON file"), name);
      return NULL;
    }
  /* A device (/dev/zero), a pipe or a socket never ends or may block for
   * ever: only a file on disk is read. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: this is not a regular file (but a device, a pipe or a socket); expected a CSV or JSON file"),
                   name);
      return NULL;
    }
  if (max_bytes > 0 && g_file_info_get_size (info) > max_bytes)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   _("%s: the file is %lld bytes; expected at most %d bytes"),
                   name, (long long)g_file_info_get_size (info), (int)max_bytes);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
      return NULL;
    }

  if (out_size != NULL)
    *out_size = g_file_info_get_size (info);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

DtCsvReader *
dt_csv_reader_new_for_file (GFile         *file,
                            const char    *file_name,
                            goffset        max_bytes,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  goffset size = 0;

  stream = dt_csv_open_file (file, max_bytes, &size, cancellable, error);
  if (stream == NULL)
    return NULL;
  if (file_name == NULL)
    file_name = name = g_file_get_parse_name (file);
  return dt_csv_reader_new_for_stream (stream, size, max_bytes, file_name, error);
}

DtCsvReader *
dt_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return dt_csv_reader_new_for_file (file, path, 0, NULL, error);
}

void
dt_csv_reader_free (DtCsvReader *self)
{
  if (self == NULL)
    return;

  g_free (self->file_name);
  g_clear_object (&self->stream);
  g_checksum_free (self->checksum);
  g_free (self->checksum_text);
  g_byte_array_unref (self->raw);
  if (self->conv != (GIConv)-1)
    g_iconv_close (self->conv);
  g_free (self->text);
  g_clear_error (&self->pending);
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

static gboolean
row_too_long (DtCsvReader  *self,
              goffset       row_start,
              GError      **error)
{
  goffset row_bytes = self->base + (goffset)self->pos - row_start;

  if (row_bytes <= DT_CSV_MAX_ROW_BYTES)
    return FALSE;

  /* A "row" this long is not a spreadsheet row: refuse it before it is
   * handed on (a measure's full text is a few kilobytes). */
  g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
               _("%s:%u:1: the row is %lu bytes long; expected at most %u bytes per row (is this really a CSV table?)"),
               self->file_name, self->row_line, (unsigned long)row_bytes, (guint)DT_CSV_MAX_ROW_BYTES);
  return TRUE;
}

GPtrArray *
dt_csv_reader_next_row (DtCsvReader  *self,
                        GError      **error)
{
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint quote_line = 0;
  guint field_line;
  goffset row_start;
  char sep;

  g_return_val_if_fail (self != NULL, NULL);

  g_ptr_array_set_size (self->fields, 0);
  g_array_set_size (self->field_lines, 0);
  g_string_truncate (self->cell, 0);
  sep = self->separator;

  /* Skip blank lines between rows: spreadsheets leave them at the end. */
  while (have (self, 1) && (self->text[self->pos] == '\r' || self->text[self->pos] == '\n'))
    {
      if (self->text[self->pos] == '\n')
        self->line++;
      self->pos++;
    }

  if (self->pending != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->pending));
      return NULL;
    }
  if (!have (self, 1))
    return NULL;

  self->row_line = self->line;
  field_line = self->line;
  row_start = self->base + self->pos;

  for (;;)
    {
      const char *t;
      gsize run;
      char c;

      if (self->pos >= self->length)
        {
          if (row_too_long (self, row_start, error))
            return NULL;
          if (!have (self, 1))
            break;
        }

      t = self->text;
      c = t[self->pos];

      if (quoted)
        {
          if (c == '"')
            {
              if (have (self, 2) && self->text[self->pos + 1] == '"')
                {
                  g_string_append_c (self->cell, '"');
                  self->pos += 2;
                  continue;
                }
              quoted = FALSE;
              self->pos++;
              continue;
            }
          /* Copy up to the next quote in one go. */
          for (run = self->pos; run < self->length && t[run] != '"'; run++)
            if (t[run] == '\n')
              self->line++;
          g_string_append_len (self->cell, t + self->pos, run - self->pos);
          self->pos = run;
          continue;
        }

      if (c == '"' && self->cell->len == 0 && !was_quoted)
        {
          quoted = TRUE;
          was_quoted = TRUE;
          quote_line = self->line;
          self->pos++;
        }
      else if (c == sep)
        {
          end_cell (self, field_line);
          field_line = self->line;
          was_quoted = FALSE;
          self->pos++;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && have (self, 2) && self->text[self->pos + 1] == '\n')
            self->pos++;
          self->pos++;
          self->line++;
          break;
        }
      else
        {
          for (run = self->pos + 1;
               run < self->length && t[run] != sep && t[run] != '\r' && t[run] != '\n' && t[run] != '"';
               run++)
            ;
          g_string_append_len (self->cell, t + self->pos, run - self->pos);
          self->pos = run;
        }
    }

  if (self->pending != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->pending));
      return NULL;
    }

  if (quoted)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:%u: a quoted cell is never closed; expected a closing \" before the end of the file"),
                   self->file_name, quote_line, self->fields->len + 1);
      return NULL;
    }

  if (row_too_long (self, row_start, error))
    return NULL;

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
  goffset done = self->n_read - self->raw->len;

  if (self->total <= 0)
    return self->eof ? 1.0 : 0.0;
  return CLAMP ((double)done / self->total, 0.0, 1.0);
}

const char *
dt_csv_reader_get_checksum (DtCsvReader *self)
{
  if (!self->eof)
    return NULL;
  if (self->checksum_text == NULL)
    self->checksum_text = g_strdup (g_checksum_get_string (self->checksum));
  return self->checksum_text;
}
