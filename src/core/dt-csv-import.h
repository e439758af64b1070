/* dt-csv-import.h — maps a CSV table onto a dataset of the data contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-dataset-import.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef struct _DtCsvImport DtCsvImport;

/* Larger files are refused before they are read: the largest official
 * table (90 counties × 77 indicators × years) is a few megabytes, a
 * million-row list under 200. */
#define DT_IMPORT_MAX_BYTES (256 * 1024 * 1024)

/* Called from the thread that runs the import, with the fraction done. */
typedef void (*DtImportProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Reads the header row of @bytes and maps it onto the columns of @kind (or
 * of the kind the headers fit best when @kind is NULL). Writes nothing.
 * Only the first chunk is decoded here: problems further on (an encoding
 * changing, a NUL byte) are reported by dt_csv_import_run_full(), which
 * reads the whole table. Index values may come in long form (region, year, code, value)
 * or wide form (uCode[, Time], <code>…); @year stands in for a missing Time
 * column (0: none). */
DtCsvImport *dt_csv_import_new             (GBytes                *bytes,
                                            const char            *file_name,
                                            const char            *kind,
                                            int                    year,
                                            GError               **error);
/* The same for a file, read as a stream whenever it is read (here only
 * its first chunk): memory does not grow with the file. Files over
 * DT_IMPORT_MAX_BYTES, folders and devices are refused. */
DtCsvImport *dt_csv_import_new_for_file    (GFile                 *file,
                                            const char            *file_name,
                                            const char            *kind,
                                            int                    year,
                                            GError               **error);
void         dt_csv_import_free            (DtCsvImport           *self);

const char  *dt_csv_import_get_kind        (DtCsvImport           *self);
const char  *dt_csv_import_get_encoding    (DtCsvImport           *self);
char         dt_csv_import_get_separator   (DtCsvImport           *self);
/* The name of the sheet read when the file is an Excel workbook, else NULL. */
const char  *dt_csv_import_get_sheet_name  (DtCsvImport           *self);
gboolean     dt_csv_import_is_wide         (DtCsvImport           *self);
guint        dt_csv_import_get_n_columns   (DtCsvImport           *self);
/* The header of column @index as written in the file. */
const char  *dt_csv_import_get_header      (DtCsvImport           *self,
                                            guint                  index);
/* The data-contract key column @index is read as (for wide index tables,
 * "value of CODE" columns give the indicator code), or NULL when the column
 * is ignored. */
const char  *dt_csv_import_get_column_key  (DtCsvImport           *self,
                                            guint                  index);
/* Up to @max data rows as they are in the file (a GPtrArray of GStrv), for
 * a preview; stops silently at the first malformed row. */
GPtrArray   *dt_csv_import_get_first_rows  (DtCsvImport           *self,
                                            guint                  max);

/* Validates every row and writes the dataset in one transaction, replacing
 * what the rows cover (dt-dataset-import.h) and any sample data of the
 * kind. On any error or cancellation nothing is written. */
gboolean     dt_csv_import_run             (DtCsvImport           *self,
                                            DtStore               *store,
                                            const char            *provenance,
                                            GCancellable          *cancellable,
                                            DtImportProgressFunc   progress,
                                            gpointer               progress_data,
                                            guint                 *out_n_rows,
                                            GError               **error);

/* The same, with @flags (DT_IMPORT_REPLACE_ALL, DT_IMPORT_PLAN_ONLY: write
 * nothing) and what the import did or would do in @out_plan. */
gboolean     dt_csv_import_run_full        (DtCsvImport           *self,
                                            DtStore               *store,
                                            const char            *provenance,
                                            DtImportFlags          flags,
                                            GCancellable          *cancellable,
                                            DtImportProgressFunc   progress,
                                            gpointer               progress_data,
                                            guint                 *out_n_rows,
                                            DtImportPlan         **out_plan,
                                            GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtCsvImport, dt_csv_import_free)

G_END_DECLS
