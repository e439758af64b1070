/* dt-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-csv-writer"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dt-csv-writer.h"

#define FLUSH_THRESHOLD (64 * 1024)

struct _DtCsvWriter
{
  GOutputStream *stream;
  GString       *buffer;
  gboolean       bom_pending;
  gboolean       row_started;
};

DtCsvWriter *
dt_csv_writer_new (GOutputStream *stream,
                   gboolean       with_bom)
{
  DtCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (DtCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_string_sized_new (FLUSH_THRESHOLD + 4096);
  self->bom_pending = with_bom;
  return self;
}

void
dt_csv_writer_free (DtCsvWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

gboolean
dt_csv_text_needs_guard (const char *text)
{
  static const char * const fullwidth[] = { "＝", "＋", "－", "＠" };

  if (text == NULL || text[0] == '\0')
    return FALSE;

  if (strchr ("=+-@\t\r\n", text[0]) != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fullwidth); i++)
    if (g_str_has_prefix (text, fullwidth[i]))
      return TRUE;

  return FALSE;
}

static void
begin_cell (DtCsvWriter *self)
{
  if (self->bom_pending)
    {
      g_string_append (self->buffer, "\xEF\xBB\xBF");
      self->bom_pending = FALSE;
    }

  if (self->row_started)
    g_string_append_c (self->buffer, ',');
  self->row_started = TRUE;
}

void
dt_csv_writer_add_text (DtCsvWriter *self,
                        const char  *text)
{
  gboolean guard;

  g_return_if_fail (self != NULL);

  begin_cell (self);
  if (text == NULL || text[0] == '\0')
    return;

  guard = dt_csv_text_needs_guard (text);
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (self->buffer, '"');
      if (guard)
        g_string_append_c (self->buffer, '\'');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (self->buffer, '"');
          g_string_append_c (self->buffer, *p);
        }
      g_string_append_c (self->buffer, '"');
    }
  else
    {
      if (guard)
        g_string_append_c (self->buffer, '\'');
      g_string_append (self->buffer, text);
    }
}

void
dt_csv_writer_add_int (DtCsvWriter *self,
                       gint64       value)
{
  g_return_if_fail (self != NULL);

  begin_cell (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

char *
dt_csv_format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");

  /* Prefer 15 digits (what people typed), fall back to 17 when needed to
   * read back exactly. */
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

void
dt_csv_writer_add_double (DtCsvWriter *self,
                          double       value)
{
  g_autofree char *text = dt_csv_format_double (value);

  g_return_if_fail (self != NULL);

  begin_cell (self);
  g_string_append (self->buffer, text);
}

/* Always 17 significant digits, for files that analysts compare
 * digit by digit (--compute-index). */
void
dt_csv_writer_add_double_full (DtCsvWriter *self,
                               double       value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (self != NULL);

  begin_cell (self);
  if (isfinite (value))
    g_string_append (self->buffer, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

void
dt_csv_writer_add_empty (DtCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  begin_cell (self);
}

gboolean
dt_csv_writer_flush (DtCsvWriter   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->bom_pending)
    {
      g_string_append (self->buffer, "\xEF\xBB\xBF");
      self->bom_pending = FALSE;
    }

  if (self->buffer->len > 0 &&
      !g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, error))
    return FALSE;

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

gboolean
dt_csv_writer_end_row (DtCsvWriter   *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_string_append (self->buffer, "\r\n");
  self->row_started = FALSE;

  if (self->buffer->len >= FLUSH_THRESHOLD)
    return dt_csv_writer_flush (self, cancellable, error);

  return TRUE;
}
