/* dt-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dt-test-util.h"

gint64
dt_test_query_int (DtStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, NULL);
  gint64 value = -1;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
dt_test_query_text (DtStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}
