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

G_END_DECLS
