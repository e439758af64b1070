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

char *
dt_test_query_checksum (DtStore    *store,
                        const char *sql)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        const char *text;

        if (sqlite3_column_type (stmt, c) == SQLITE_FLOAT)
          text = g_ascii_dtostr (buffer, sizeof buffer, sqlite3_column_double (stmt, c));
        else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
          text = "\x01NULL";
        else
          text = (const char *)sqlite3_column_text (stmt, c);
        g_checksum_update (checksum, (const guchar *)text, -1);
        g_checksum_update (checksum, (const guchar *)"\x1f", 1);
      }
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (checksum));
}

char *
dt_test_kind_checksum (DtStore    *store,
                       const char *kind)
{
  static const struct { const char *kind; const char *sql; } contents[] = {
    { "regions", "SELECT code, name_zh, name_en, level, parent, position FROM regions ORDER BY code" },
    { "framework", "SELECT code, name_zh, name_en, level, parent, direction, weight, position"
                   " FROM index_nodes ORDER BY code" },
    { "index", "SELECT region, year, code, value, status, source FROM index_values"
               " ORDER BY region, year, code, status" },
    { "enterprises", "SELECT l.year, l.rank, e.name_zh, e.name_en, e.credit_code, e.founded, l.city,"
                     " l.district, l.category, l.sector, l.trade_volume, l.in_ftz, l.prev_rank,"
                     " (SELECT count(*) FROM enterprises)"
                     " FROM listings l JOIN enterprises e ON e.id = l.enterprise_id ORDER BY l.year, l.rank" },
    { "measures", "SELECT no, title_zh, title_en, category, support, department, contact, body_zh,"
                  " body_en, source, criteria FROM measures ORDER BY no" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    if (g_str_equal (contents[i].kind, kind))
      return dt_test_query_checksum (store, contents[i].sql);
  g_assert_not_reached ();
}
