/* dt-data-pack.h — JSON data packs (docs/data-pack.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-csv-import.h"
#include "dt-dataset-import.h"
#include "dt-store.h"
#include "dt-table-writer.h"

G_BEGIN_DECLS

#define DT_DATA_PACK_FORMAT  "digital-trade-pack"
#define DT_DATA_PACK_VERSION 1

/* Validates the pack in @bytes and imports it as one dataset, replacing
 * what its rows cover in datasets of its kind (never anything of another
 * kind). It is stored as "user" data whatever it claims. On error nothing
 * is written. @file_name is used in messages; @out_kind receives the
 * pack's kind. */
gboolean dt_data_pack_import_bytes (DtStore       *store,
                                    GBytes        *bytes,
                                    const char    *file_name,
                                    GCancellable  *cancellable,
                                    char         **out_kind,
                                    GError       **error);

/* The same, with @options (may be NULL: the kind the pack must hold, the
 * provenance a trusted caller vouches for, flags), progress, the number of
 * rows imported and what the import did (or, with DT_IMPORT_PLAN_ONLY,
 * would do). */
gboolean dt_data_pack_import_bytes_full (DtStore               *store,
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

/* Every row of @kind as a pack, in the order imported, so that importing
 * it again gives the same tables. */
GBytes  *dt_data_pack_export_bytes (DtStore       *store,
                                    const char    *kind,
                                    GError       **error);
/* The same rows as CSV (DESIGN.md's rules), with the columns of
 * dt-columns.c that import reads: headers, terms and region names in the
 * user's language, or keys and codes with @header_keys. */
gboolean dt_data_pack_export_csv   (DtStore       *store,
                                    const char    *kind,
                                    GOutputStream *stream,
                                    gboolean       header_keys,
                                    gboolean       with_bom,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* The same rows through @writer (CSV or a workbook), header first; the
 * caller finishes it. */
gboolean dt_data_pack_write_table  (DtStore       *store,
                                    const char    *kind,
                                    DtTableWriter *writer,
                                    gboolean       header_keys,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* The pack written to @file, replacing a file only once it is whole; a
 * pipe gets it as it goes. */
gboolean dt_data_pack_export       (DtStore       *store,
                                    const char    *kind,
                                    GFile         *file,
                                    GError       **error);

G_END_DECLS
