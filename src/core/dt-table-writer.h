/* dt-table-writer.h — one table written as CSV or as an Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "dt-columns.h"
#include "dt-xlsx-writer.h"

G_BEGIN_DECLS

typedef enum
{
  DT_TABLE_FORMAT_CSV,
  DT_TABLE_FORMAT_XLSX,
} DtTableFormat;

typedef struct _DtTableWriter DtTableWriter;

/* A sheet's name (marked with N_()) in the user's language. */
const char    *dt_table_sheet_name          (const char     *name);

/* The format a file name's extension asks for (.xlsx: Excel), else @fallback. */
DtTableFormat  dt_table_format_for_name     (const char     *file_name,
                                             DtTableFormat   fallback);
/* "csv" or "xlsx" as a format; FALSE for any other. */
gboolean       dt_table_format_parse        (const char     *text,
                                             DtTableFormat  *out_format);

/* CSV to @stream (dt-csv-writer.h), UTF-8 with a BOM unless @with_bom is FALSE. */
DtTableWriter *dt_table_writer_new_csv      (GOutputStream  *stream,
                                             gboolean        with_bom);
/* A workbook whose table sheet is @sheet_name, written to @stream by
 * dt_table_writer_finish(). */
DtTableWriter *dt_table_writer_new_xlsx     (GOutputStream  *stream,
                                             const char     *sheet_name,
                                             GError        **error);
DtTableWriter *dt_table_writer_new          (GOutputStream  *stream,
                                             DtTableFormat   format,
                                             const char     *sheet_name,
                                             gboolean        with_bom,
                                             GError        **error);
DtTableFormat  dt_table_writer_get_format   (DtTableWriter  *self);

/* A header cell for @column (dt_columns_header()); in a workbook it also
 * sets how the column's numbers and dates look. */
void           dt_table_writer_add_header   (DtTableWriter  *self,
                                             const DtColumn *column,
                                             gboolean        keys);
void           dt_table_writer_add_text     (DtTableWriter  *self,
                                             const char     *text);
void           dt_table_writer_add_int      (DtTableWriter  *self,
                                             gint64          value);
void           dt_table_writer_add_double   (DtTableWriter  *self,
                                             double          value);
/* In CSV with 17 significant digits (dt_csv_writer_add_double_full()). */
void           dt_table_writer_add_double_full (DtTableWriter *self,
                                             double          value);
void           dt_table_writer_add_empty    (DtTableWriter  *self);
gboolean       dt_table_writer_end_row      (DtTableWriter  *self,
                                             GCancellable   *cancellable,
                                             GError        **error);

/* A line of a workbook's About sheet (ignored for CSV); see
 * dt_xlsx_writer_add_about(). */
void           dt_table_writer_add_about    (DtTableWriter  *self,
                                             const char     *label,
                                             const char     *value);
/* The About sheet's account of where the rows come from: the export's
 * time and database (@db_path), then each dataset of @kind in @db with
 * its source and provenance, saying so plainly when any is sample data. */
void           dt_table_writer_add_about_sources (DtTableWriter *self,
                                             sqlite3        *db,
                                             const char     *db_path,
                                             const char     *kind);
/* Writes what is left (CSV: the buffer; a workbook: all of it). Does not
 * close the stream. */
gboolean       dt_table_writer_finish       (DtTableWriter  *self,
                                             GCancellable   *cancellable,
                                             GError        **error);
void           dt_table_writer_free         (DtTableWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTableWriter, dt_table_writer_free)

G_END_DECLS
