/* dt-test-util.h — small helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

/* The first column of the first row of @sql, or -1 / NULL when there is no row. */
gint64  dt_test_query_int  (DtStore    *store,
                            const char *sql);
char   *dt_test_query_text (DtStore    *store,
                            const char *sql);

/* A SHA-256 over the rows @sql selects, every column as text (REAL
 * columns with 17 digits, so that a value that changed at all differs). */
char   *dt_test_query_checksum (DtStore    *store,
                                const char *sql);
/* A SHA-256 over the content of @kind's tables (regions, framework,
 * index, enterprises, measures) in an order of their own keys, leaving out
 * row ids and dataset ids: two databases that hold the same data give the
 * same checksum, whatever order it was imported in. */
char   *dt_test_kind_checksum  (DtStore    *store,
                                const char *kind);
/* A SHA-256 over every row of every table. With @content_only, the import
 * time, file checksum and provenance of datasets are left out (they differ
 * between two imports of the same content: a pack re-imported from a file
 * is "user" data whatever it says). */
char   *dt_test_database_checksum (DtStore  *store,
                                   gboolean  content_only);
/* Removes the backup snapshots of @database and their folder. */
void    dt_test_remove_backups    (const char *database);

/* Runs the program under test ($DT_BINARY) on @database (unless NULL)
 * with the NULL-terminated options after @err; returns its exit status
 * and, where asked, what it printed. */
int     dt_test_run_program       (const char  *database,
                                   char       **out,
                                   char       **err,
                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
