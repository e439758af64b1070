/* dt-import-file.h — import a CSV table or a JSON data pack, whichever a file holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-csv-import.h"
#include "dt-store.h"

G_BEGIN_DECLS

/* TRUE when @bytes hold a JSON data pack rather than CSV: the name ends in
 * .json, or the text starts with '{' (after a BOM and blanks). */
gboolean  dt_import_looks_like_json (GBytes                *bytes,
                                     const char            *file_name);
/* Sets @out_json to whether @file holds a JSON data pack (its name, or its
 * first bytes); FALSE with @error set when the file cannot be read, is no
 * regular file or is over DT_IMPORT_MAX_BYTES. */
gboolean  dt_import_file_is_json    (GFile                 *file,
                                     const char            *file_name,
                                     GCancellable          *cancellable,
                                     gboolean              *out_json,
                                     GError               **error);
/* Reads @path whole (JSON packs), refusing files over DT_IMPORT_MAX_BYTES. */
GBytes   *dt_import_load_file       (GFile                 *file,
                                     GCancellable          *cancellable,
                                     GError               **error);
/* Imports @bytes as a CSV table (provenance "official": an official's own
 * file) or a JSON data pack (provenance "user", whatever the pack claims),
 * in one transaction: on any error, and on cancellation, the database is
 * exactly as before. The rows replace only what they cover (the list
 * years, the measures by number, the index cells, nodes and regions by
 * code) and any sample data of the kind. @kind (may be NULL) names the
 * kind the data must be; @year stands in for a wide index table's missing
 * Time column. */
gboolean  dt_import_bytes           (DtStore               *store,
                                     GBytes                *bytes,
                                     const char            *file_name,
                                     const char            *kind,
                                     int                    year,
                                     GCancellable          *cancellable,
                                     DtImportProgressFunc   progress,
                                     gpointer               progress_data,
                                     char                 **out_kind,
                                     guint                 *out_n_rows,
                                     GError               **error);
/* The same with @options (kind, year, a provenance trusted callers vouch
 * for, DT_IMPORT_REPLACE_ALL) and what the import did in @out_plan. */
gboolean  dt_import_bytes_full      (DtStore               *store,
                                     GBytes                *bytes,
                                     const char            *file_name,
                                     const DtImportOptions *options,
                                     GCancellable          *cancellable,
                                     DtImportProgressFunc   progress,
                                     gpointer               progress_data,
                                     char                 **out_kind,
                                     guint                 *out_n_rows,
                                     DtImportPlan         **out_plan,
                                     GError               **error);
/* What dt_import_bytes_full() would add, replace and keep, without writing
 * anything (the import preview, --import). NULL with @error set when the
 * file would be refused. See dt_import_plan_describe(). */
DtImportPlan *dt_import_plan_bytes  (DtStore               *store,
                                     GBytes                *bytes,
                                     const char            *file_name,
                                     const DtImportOptions *options,
                                     GCancellable          *cancellable,
                                     GError               **error);

/* dt_import_bytes_full() and dt_import_plan_bytes() for a file: a CSV
 * table is read as a stream (once for the import, once for a plan), so
 * memory does not grow with the file; a JSON pack is read whole.
 * @file_name (NULL: the file's own) names it in messages. */
gboolean  dt_import_file_full       (DtStore               *store,
                                     GFile                 *file,
                                     const char            *file_name,
                                     const DtImportOptions *options,
                                     GCancellable          *cancellable,
                                     DtImportProgressFunc   progress,
                                     gpointer               progress_data,
                                     char                 **out_kind,
                                     guint                 *out_n_rows,
                                     DtImportPlan         **out_plan,
                                     GError               **error);
DtImportPlan *dt_import_plan_file   (DtStore               *store,
                                     GFile                 *file,
                                     const char            *file_name,
                                     const DtImportOptions *options,
                                     GCancellable          *cancellable,
                                     GError               **error);

G_END_DECLS
