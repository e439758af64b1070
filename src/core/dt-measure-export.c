/* dt-measure-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-measure-export"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-columns.h"
#include "dt-error.h"
#include "dt-measure-export.h"
#include "dt-output.h"
#include "dt-table-writer.h"

static const char *
measure_text (const DtMeasure *m,
              const char      *key)
{
  const struct { const char *key; gsize offset; } fields[] = {
    { "title_zh", G_STRUCT_OFFSET (DtMeasure, title_zh) },
    { "title_en", G_STRUCT_OFFSET (DtMeasure, title_en) },
    { "category", G_STRUCT_OFFSET (DtMeasure, category) },
    { "support", G_STRUCT_OFFSET (DtMeasure, support) },
    { "department", G_STRUCT_OFFSET (DtMeasure, department) },
    { "contact", G_STRUCT_OFFSET (DtMeasure, contact) },
    { "body_zh", G_STRUCT_OFFSET (DtMeasure, body_zh) },
    { "body_en", G_STRUCT_OFFSET (DtMeasure, body_en) },
    { "source", G_STRUCT_OFFSET (DtMeasure, source) },
    { "criteria", G_STRUCT_OFFSET (DtMeasure, criteria) },
    { "status", G_STRUCT_OFFSET (DtMeasure, status) },
    { "notes", G_STRUCT_OFFSET (DtMeasure, notes) },
    { "follow_up", G_STRUCT_OFFSET (DtMeasure, follow_up) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return G_STRUCT_MEMBER (const char *, m, fields[i].offset);
  g_return_val_if_reached (NULL);
}

gboolean
dt_measure_export_write_table (DtStore         *store,
                               DtMeasureQuery  *query,
                               DtTableWriter   *writer,
                               gboolean         header_keys,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GPtrArray) measures = NULL;
  guint n_columns = 0;
  /* Every column of the measures, the tracking included, in the contract's order. */
  const DtColumn *columns = dt_columns_for_kind ("measures", &n_columns);

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  measures = dt_measure_query_run (query, store, error);
  if (measures == NULL)
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    dt_table_writer_add_header (writer, &columns[i], header_keys);
  if (!dt_table_writer_end_row (writer, cancellable, error))
    return FALSE;

  for (guint i = 0; i < measures->len; i++)
    {
      DtMeasure *m = g_ptr_array_index (measures, i);

      for (guint c = 0; c < n_columns; c++)
        {
          if (g_str_equal (columns[c].key, "no"))
            dt_table_writer_add_int (writer, m->no);
          else if (g_str_equal (columns[c].key, "progress"))
            dt_table_writer_add_int (writer, m->progress);
          else
            /* The criteria as stored: the JSON text the data pack holds,
             * which import reads back as it is. */
            dt_table_writer_add_text (writer, dt_columns_value_text (&columns[c], measure_text (m, columns[c].key),
                                                                     header_keys));
        }
      if (!dt_table_writer_end_row (writer, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
dt_measure_export_write (DtStore         *store,
                         DtMeasureQuery  *query,
                         GOutputStream   *stream,
                         gboolean         header_keys,
                         gboolean         with_bom,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(DtTableWriter) writer = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = dt_table_writer_new_csv (stream, with_bom);
  return dt_measure_export_write_table (store, query, writer, header_keys, cancellable, error) &&
         dt_table_writer_finish (writer, cancellable, error);
}

gboolean
dt_measure_export_to_file (DtStore         *store,
                           DtMeasureQuery  *query,
                           const char      *path,
                           gboolean         header_keys,
                           gboolean         with_bom,
                           GCancellable    *cancellable,
                           GError         **error)
{
  return dt_measure_export_to_file_full (store, query, path, DT_TABLE_FORMAT_CSV, header_keys, with_bom,
                                         cancellable, error);
}

gboolean
dt_measure_export_to_file_full (DtStore         *store,
                                DtMeasureQuery  *query,
                                const char      *path,
                                DtTableFormat    format,
                                gboolean         header_keys,
                                gboolean         with_bom,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(DtOutput) output = NULL;
  g_autoptr(DtTableWriter) writer = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* A failed export leaves an earlier file as it was. */
  output = dt_output_open_arg (path, cancellable, error);
  if (output == NULL)
    return FALSE;

  /* Translators: name of the sheet of an Excel export of the measures */
  writer = dt_table_writer_new (dt_output_get_stream (output), format,
                                dt_table_sheet_name (N_("Measures")), with_bom, error);
  if (writer == NULL ||
      !dt_measure_export_write_table (store, query, writer, header_keys, cancellable, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }
  if (format == DT_TABLE_FORMAT_XLSX)
    {
      const char *search = dt_measure_query_get_search (query);

      dt_table_writer_add_about (writer, NULL, _("The 36 measures for digital trade of the Binjiang block, with their tracking"));
      dt_table_writer_add_about (writer, _("Search"), search != NULL && search[0] != '\0' ? search : _("None"));
      dt_table_writer_add_about_sources (writer, dt_store_get_db (store), dt_store_get_path (store), "measures");
    }
  if (!dt_table_writer_finish (writer, cancellable, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }

  return dt_output_close (output, cancellable, error);
}
