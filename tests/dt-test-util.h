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

/* A SHA-256 over every row of every table. With @content_only, the import
 * time and file checksum of datasets are left out (they differ between two
 * imports of the same content). */
char   *dt_test_database_checksum (DtStore  *store,
                                   gboolean  content_only);
/* Removes the backup snapshots of @database and their folder. */
void    dt_test_remove_backups    (const char *database);

G_END_DECLS
