/* dt-enterprise-export.h — the query an export of enterprises writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-enterprise-query.h"

G_BEGIN_DECLS

/* Builds the query of an export: @year (0: every year), @filters as
 * KEY=VALUE (values may be codes or Chinese or English names), @search
 * and @sort may each be NULL. */
DtEnterpriseQuery *dt_enterprise_export_query_new (int                year,
                                                   const char *const *filters,
                                                   const char        *search,
                                                   const char        *sort,
                                                   sqlite3           *db,
                                                   GError           **error);

/* Writes what @query selects in @format to @stream, reading the database
 * at @db_path on a connection of its own (so it can run on a thread). A
 * workbook's About sheet tells the query, the export's time and database,
 * and the lists' sources. Does not close @stream. */
gboolean dt_enterprise_export_write     (DtEnterpriseQuery    *query,
                                         const char           *db_path,
                                         GOutputStream        *stream,
                                         DtTableFormat         format,
                                         DtEnterpriseHeader    header,
                                         gboolean              with_bom,
                                         DtEnterpriseProgress  progress,
                                         gpointer              progress_data,
                                         GCancellable         *cancellable,
                                         gint64               *n_rows,
                                         GError              **error);
/* A file name that says what the export holds: "top100-2023-hangzhou-data.xlsx"
 * for the 2023 list filtered to Hangzhou's data-trade firms. @db (may be
 * NULL) gives the English names of regions. */
char    *dt_enterprise_export_file_name (DtEnterpriseQuery    *query,
                                         sqlite3              *db,
                                         DtTableFormat         format);

G_END_DECLS
