/* dt-measure-export.h — the measures, with their tracking, as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-measure-query.h"
#include "dt-table-writer.h"

G_BEGIN_DECLS

/* Writes what @query shows, in its order, through DtCsvWriter, with the
 * columns of dt-columns.c (the tracking and the criteria included). With
 * @header_keys the header and the category and status cells hold keys;
 * otherwise labels in the user's language. */
gboolean  dt_measure_export_write  (DtStore         *store,
                                    DtMeasureQuery  *query,
                                    GOutputStream   *stream,
                                    gboolean         header_keys,
                                    gboolean         with_bom,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* Writes to @path, replacing a file only once everything is written; a
 * pipe or "-" (standard output) is written as it goes. */
gboolean  dt_measure_export_to_file (DtStore        *store,
                                     DtMeasureQuery *query,
                                     const char     *path,
                                     gboolean        header_keys,
                                     gboolean        with_bom,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* The same with @format (CSV or an Excel workbook with an About sheet). */
gboolean  dt_measure_export_to_file_full (DtStore        *store,
                                          DtMeasureQuery *query,
                                          const char     *path,
                                          DtTableFormat   format,
                                          gboolean        header_keys,
                                          gboolean        with_bom,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* The rows through @writer, header first; the caller finishes it. */
gboolean  dt_measure_export_write_table (DtStore        *store,
                                         DtMeasureQuery *query,
                                         DtTableWriter  *writer,
                                         gboolean        header_keys,
                                         GCancellable   *cancellable,
                                         GError        **error);

G_END_DECLS
