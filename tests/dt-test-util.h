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

G_END_DECLS
