/* dt-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-backup.h"
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

/* Datasets are compared by key: re-importing gives one a new id. */
char *
dt_test_database_checksum (DtStore  *store,
                           gboolean  content_only)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) dataset_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  /* Re-importing gives a dataset a new id: compare by its key instead. */
  stmt = dt_store_prepare (store, "SELECT id, key FROM datasets", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (dataset_keys, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  /* The search index (FTS5 and its shadow tables, some WITHOUT ROWID) is
   * derived from enterprises by triggers: checking enterprises covers it. */
  stmt = dt_store_prepare (store, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT LIKE 'enterprise\\_search%' ESCAPE '\\' ORDER BY name", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >=, 7);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *sql = NULL;

      if (content_only && g_str_equal (table, "datasets"))
        sql = g_strdup ("SELECT key, kind, title, title_zh, source FROM datasets ORDER BY key");
      else
        sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
      stmt = dt_store_prepare (store, sql, NULL);
      g_assert_nonnull (stmt);
      g_checksum_update (checksum, (const guchar *)table, -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *)sqlite3_column_text (stmt, c);

            if (content_only && text != NULL && g_str_equal (sqlite3_column_name (stmt, c), "dataset_id"))
              text = g_hash_table_lookup (dataset_keys, text);

            g_checksum_update (checksum, (const guchar *)(text != NULL ? text : "\x01NULL"), -1);
            g_checksum_update (checksum, (const guchar *)"\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

void
dt_test_remove_backups (const char *database)
{
  g_autofree char *folder = dt_backup_folder (database);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_remove (path);
    }
  g_rmdir (folder);
}

int
dt_test_run_program (const char  *database,
                     char       **out,
                     char       **err,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("DT_BINARY")));
  if (database != NULL)
    g_ptr_array_add (argv, g_strconcat ("--database=", database, NULL));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out_text, &err_text, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out_text, err_text);
  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}
