/* dt-table-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export writes its rows once, through this; whether they become
 * CSV or a workbook is the caller's choice.
 */

#define G_LOG_DOMAIN "dt-table-writer"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-csv-writer.h"
#include "dt-table-writer.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtTableWriter
{
  DtTableFormat  format;
  GOutputStream *stream;
  DtCsvWriter   *csv;
  DtXlsxWriter  *xlsx;
  guint          n_headers;
};

DtTableFormat
dt_table_format_for_name (const char    *file_name,
                          DtTableFormat  fallback)
{
  g_autofree char *lower = file_name != NULL ? g_ascii_strdown (file_name, -1) : NULL;

  if (lower != NULL && g_str_has_suffix (lower, ".xlsx"))
    return DT_TABLE_FORMAT_XLSX;
  if (lower != NULL && g_str_has_suffix (lower, ".csv"))
    return DT_TABLE_FORMAT_CSV;
  return fallback;
}

gboolean
dt_table_format_parse (const char    *text,
                       DtTableFormat *out_format)
{
  if (g_strcmp0 (text, "csv") == 0)
    *out_format = DT_TABLE_FORMAT_CSV;
  else if (g_strcmp0 (text, "xlsx") == 0)
    *out_format = DT_TABLE_FORMAT_XLSX;
  else
    return FALSE;
  return TRUE;
}

const char *
dt_table_sheet_name (const char *name)
{
  return g_dgettext (GETTEXT_PACKAGE, name);
}

DtTableWriter *
dt_table_writer_new_csv (GOutputStream *stream,
                         gboolean       with_bom)
{
  DtTableWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (DtTableWriter, 1);
  self->format = DT_TABLE_FORMAT_CSV;
  self->stream = g_object_ref (stream);
  self->csv = dt_csv_writer_new (stream, with_bom);
  return self;
}

DtTableWriter *
dt_table_writer_new_xlsx (GOutputStream  *stream,
                          const char     *sheet_name,
                          GError        **error)
{
  DtXlsxWriter *xlsx;
  DtTableWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  xlsx = dt_xlsx_writer_new (sheet_name, error);
  if (xlsx == NULL)
    return NULL;
  self = g_new0 (DtTableWriter, 1);
  self->format = DT_TABLE_FORMAT_XLSX;
  self->stream = g_object_ref (stream);
  self->xlsx = xlsx;
  return self;
}

DtTableWriter *
dt_table_writer_new (GOutputStream  *stream,
                     DtTableFormat   format,
                     const char     *sheet_name,
                     gboolean        with_bom,
                     GError        **error)
{
  if (format == DT_TABLE_FORMAT_XLSX)
    return dt_table_writer_new_xlsx (stream, sheet_name, error);
  return dt_table_writer_new_csv (stream, with_bom);
}

DtTableFormat
dt_table_writer_get_format (DtTableWriter *self)
{
  return self->format;
}

void
dt_table_writer_free (DtTableWriter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->csv, dt_csv_writer_free);
  g_clear_object (&self->xlsx);
  g_clear_object (&self->stream);
  g_free (self);
}

static DtXlsxColumn
xlsx_column_for (const DtColumn *column)
{
  switch (column->type)
    {
    case DT_COLUMN_INT:
    case DT_COLUMN_BOOL:
      return DT_XLSX_COLUMN_INT;
    case DT_COLUMN_DOUBLE:
      /* Volumes are in 万元: one decimal, thousands apart. */
      return g_str_has_suffix (column->key, "volume") ? DT_XLSX_COLUMN_VOLUME : DT_XLSX_COLUMN_DECIMAL;
    case DT_COLUMN_TEXT:
      return g_str_has_suffix (column->key, "follow_up") || g_str_has_suffix (column->key, "_date")
             ? DT_XLSX_COLUMN_DATE : DT_XLSX_COLUMN_TEXT;
    case DT_COLUMN_JSON:
    case DT_COLUMN_REGION:
    default:
      return DT_XLSX_COLUMN_TEXT;
    }
}

void
dt_table_writer_add_header (DtTableWriter  *self,
                            const DtColumn *column,
                            gboolean        keys)
{
  g_return_if_fail (self != NULL && column != NULL);

  if (self->xlsx != NULL)
    dt_xlsx_writer_set_column (self->xlsx, self->n_headers, xlsx_column_for (column));
  self->n_headers++;
  dt_table_writer_add_text (self, dt_columns_header (column, keys));
}

void
dt_table_writer_add_text (DtTableWriter *self,
                          const char    *text)
{
  if (self->csv != NULL)
    dt_csv_writer_add_text (self->csv, text);
  else
    dt_xlsx_writer_add_text (self->xlsx, text);
}

void
dt_table_writer_add_int (DtTableWriter *self,
                         gint64         value)
{
  if (self->csv != NULL)
    dt_csv_writer_add_int (self->csv, value);
  else
    dt_xlsx_writer_add_int (self->xlsx, value);
}

void
dt_table_writer_add_double (DtTableWriter *self,
                            double         value)
{
  if (self->csv != NULL)
    dt_csv_writer_add_double (self->csv, value);
  else
    dt_xlsx_writer_add_double (self->xlsx, value);
}

void
dt_table_writer_add_double_full (DtTableWriter *self,
                                 double         value)
{
  if (self->csv != NULL)
    dt_csv_writer_add_double_full (self->csv, value);
  else
    dt_xlsx_writer_add_double (self->xlsx, value);
}

void
dt_table_writer_add_empty (DtTableWriter *self)
{
  if (self->csv != NULL)
    dt_csv_writer_add_empty (self->csv);
  else
    dt_xlsx_writer_add_empty (self->xlsx);
}

gboolean
dt_table_writer_end_row (DtTableWriter  *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  if (self->csv != NULL)
    return dt_csv_writer_end_row (self->csv, cancellable, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return dt_xlsx_writer_end_row (self->xlsx, error);
}

void
dt_table_writer_add_about (DtTableWriter *self,
                           const char    *label,
                           const char    *value)
{
  if (self->xlsx != NULL)
    dt_xlsx_writer_add_about (self->xlsx, label, value);
}

void
dt_table_writer_add_about_sources (DtTableWriter *self,
                                   sqlite3       *db,
                                   const char    *db_path,
                                   const char    *kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  sqlite3_stmt *stmt = NULL;
  gboolean sample = FALSE;

  if (self->xlsx == NULL)
    return;

  dt_table_writer_add_about (self, _("Exported"), when);
  dt_table_writer_add_about (self, _("Database"), db_path);

  dt_table_writer_add_about (self, NULL, _("Sources"));
  if (db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT title, title_zh, source, provenance, imported_at, source_zh FROM datasets "
                          "WHERE kind = ? ORDER BY id", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *title = dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                            (const char *)sqlite3_column_text (stmt, 0));
          const char *provenance = (const char *)sqlite3_column_text (stmt, 3);
          const char *imported = (const char *)sqlite3_column_text (stmt, 4);
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (imported, NULL);
          g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
          g_autofree char *imported_text = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                                         : g_strdup (imported);
          /* Translators: provenance (Sample/Official/User), source, date of import */
          g_autofree char *text = g_strdup_printf (_("%s data. Source: %s. Imported %s."),
                                                   dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, provenance),
                                                   dt_source_label ((const char *)sqlite3_column_text (stmt, 5),
                                                                    (const char *)sqlite3_column_text (stmt, 2)),
                                                   imported_text);

          dt_table_writer_add_about (self, title, text);
          sample |= g_strcmp0 (provenance, "sample") == 0;
        }
    }
  sqlite3_finalize (stmt);

  if (sample)
    dt_table_writer_add_about (self, NULL,
                               _("This is sample data: fictional figures that demonstrate the app. Do not use them in a report."));
}

gboolean
dt_table_writer_finish (DtTableWriter  *self,
                        GCancellable   *cancellable,
                        GError        **error)
{
  if (self->csv != NULL)
    return dt_csv_writer_flush (self->csv, cancellable, error);
  return dt_xlsx_writer_write_to (self->xlsx, self->stream, cancellable, error);
}
