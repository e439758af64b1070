/* dt-index-compute.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-compute"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-index-compute.h"
#include "dt-index-engine.h"
#include "dt-output.h"

gboolean
dt_index_compute_files (const char  *framework_path,
                        const char  *data_path,
                        const char  *normalise,
                        const char  *aggregate,
                        int          base_year,
                        const char  *output_path,
                        gboolean     with_bom,
                        GError     **error)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(DtTableWriter) writer = NULL;
  DtTableFormat format;
  DtIndexNormalise normalise_method = DT_INDEX_NORMALISE_MINMAX;
  DtIndexAggregate aggregate_method = DT_INDEX_AGGREGATE_AMEAN;

  if (framework_path == NULL || data_path == NULL || output_path == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--compute-index needs --framework=META.csv, --data=DATA.csv and --output=OUT.csv"));
      return FALSE;
    }
  if (!dt_index_methods_parse (normalise, aggregate, base_year, &normalise_method, &aggregate_method, error))
    return FALSE;

  framework = dt_index_framework_new_from_path (framework_path, error);
  if (framework == NULL)
    return FALSE;
  table = dt_index_table_new_from_path (framework, data_path, error);
  if (table == NULL)
    return FALSE;
  if (!dt_index_normalise (table, normalise_method, base_year, error) ||
      !dt_index_aggregate (table, aggregate_method, error))
    return FALSE;

  /* Everything is computed before the file is touched, and the file is
   * replaced in one step, so a failure leaves no partial output. */
  stream = g_memory_output_stream_new_resizable ();
  /* OUT.xlsx: a workbook, with the method on its About sheet. */
  format = dt_table_format_for_name (output_path, DT_TABLE_FORMAT_CSV);
  writer = dt_table_writer_new (stream, format, dt_table_sheet_name (N_("Computed index")),
                                with_bom, error);
  if (writer == NULL || !dt_index_table_write_table (table, writer, error))
    return FALSE;
  dt_table_writer_add_about (writer, NULL, _("Composite index computed from files"));
  dt_table_writer_add_about (writer, _("Framework"), framework_path);
  dt_table_writer_add_about (writer, _("Data"), data_path);
  dt_table_writer_add_about (writer, _("Normalisation"), normalise != NULL ? normalise : "minmax");
  dt_table_writer_add_about (writer, _("Aggregation"), aggregate != NULL ? aggregate : "amean");
  if (!dt_table_writer_finish (writer, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return FALSE;

  /* Whole or nothing: a full disk must not leave half a result. */
  return dt_output_set_contents (output_path,
                                 g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                                 g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                                 error);
}
