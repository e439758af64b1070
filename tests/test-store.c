/* test-store.c — opening, migrating and refusing databases; sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-data-pack.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-schema.h"
#include "dt-store.h"
#include "dt-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("dt-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_new_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (f->path, &error);
  g_autofree char *journal = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (dt_store_get_schema_version (store), ==, dt_schema_latest_version ());
  g_assert_cmpint (dt_test_query_int (store, "PRAGMA user_version"), ==, dt_schema_latest_version ());
  g_assert_cmpint (dt_test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  journal = dt_test_query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_true (dt_store_is_empty (store));
}

static void
test_default_path (void)
{
  g_autofree char *path = dt_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "com.example.DigitalTrade",
                                                "digital-trade.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* Builds a database as an older version left it: migrations 1..@version. */
static void
make_database_at_version (const char *path,
                          guint       version)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= version; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u", v);
      g_assert_cmpint (sqlite3_exec (db, dt_schema_migration_sql (v), NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  if (version >= 1)
    g_assert_cmpint (sqlite3_exec (db,
                                   "INSERT INTO datasets (key, kind, title, provenance, imported_at, checksum) "
                                   "VALUES ('regions', 'regions', 'Regions', 'user', '2024-01-01', 'x')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migrate_from (Fixture       *f,
                   gconstpointer  data)
{
  guint from = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;

  make_database_at_version (f->path, from);
  store = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "PRAGMA user_version"), ==, dt_schema_latest_version ());
  /* Every table of the latest schema is there, and older rows survived. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                     "('datasets','regions','index_nodes','index_values','enterprises',"
                                     "'listings','measures','measure_tracking')"), ==, 8);
  if (from >= 1)
    g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets"), ==, 1);
}

/* Migration 7 drops the indexes the facet index made unneeded; the rows
 * stay, and filtering and sorting by those columns still answer. */
static void
test_migrate_drops_facet_indexes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  sqlite3 *db = NULL;

  make_database_at_version (f->path, 6);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO enterprises (id, name_zh, name_en, dataset_id) VALUES"
                                 "  (1, '甲', 'A', 1), (2, '乙', 'B', 1);"
                                 "INSERT INTO listings (year, rank, enterprise_id, city, trade_volume, dataset_id) VALUES"
                                 "  (2024, 1, 1, 'hangzhou', 5, 1), (2024, 2, 2, 'ningbo', 9, 1),"
                                 "  (2025, 1, 2, 'ningbo', 7, 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT 1 FROM listings INDEXED BY listings_city WHERE year = 2024", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                     "('listings_city','listings_category','listings_sector','listings_volume',"
                                     "'listings_district','listings_ftz','listings_change','enterprises_name_en')"), ==, 0);
  /* What imports look up row by row stays. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                     "('listings_enterprise','listings_dataset','enterprises_name_zh','enterprises_credit_code')"), ==, 4);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings WHERE year = 2024 AND city = 'ningbo'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT enterprise_id FROM listings WHERE year = 2024 ORDER BY trade_volume DESC"), ==, 2);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings l JOIN enterprises e ON e.id = l.enterprise_id"
                                     " WHERE e.name_en = 'B'"), ==, 2);
}

/* Migration 5 gives the samples a Chinese source and strips the English
 * in brackets from their departments; everything else stays as it was. */
static void
test_migrate_source_zh_keeps_data (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  sqlite3 *db = NULL;

  make_database_at_version (f->path, 4);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO datasets (key, kind, title, source, provenance, imported_at, checksum)"
                                 "  VALUES ('measures', 'measures', 'Measures', 'Fictional', 'sample', '2024-01-01', 'y'),"
                                 "         ('official-measures', 'measures', 'Official', 'Binjiang', 'official', '2024-01-01', 'z');"
                                 "INSERT INTO measures (no, title_zh, department, support, dataset_id) VALUES"
                                 "  (1, '甲', '区商务局（District Commerce Bureau）', '最高100万元（up to CNY 1 million）',"
                                 "   (SELECT id FROM datasets WHERE key = 'measures')),"
                                 "  (2, '乙', '区商务局（District Commerce Bureau）', NULL,"
                                 "   (SELECT id FROM datasets WHERE key = 'official-measures')),"
                                 "  (3, '丙', '区商务局（区口岸办）', NULL, (SELECT id FROM datasets WHERE key = 'measures'));"
                                 "INSERT INTO measure_tracking (no, status, progress, notes) VALUES (1, 'in-progress', 40, '跟进');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets"), ==, 3);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE key = 'measures'"
                                      " AND source = 'Fictional' AND source_zh LIKE '虚构%'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE source_zh IS NULL"), ==, 2);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures WHERE no = 1"
                                      " AND department = '区商务局' AND support = '最高100万元'"), ==, 1);
  /* Official text is the bureau's own; Chinese in brackets is part of a name. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures WHERE no = 2"
                                      " AND department = '区商务局（District Commerce Bureau）'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures WHERE no = 3"
                                      " AND department = '区商务局（区口岸办）'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measure_tracking WHERE no = 1"
                                      " AND status = 'in-progress' AND progress = 40 AND notes = '跟进'"), ==, 1);
}

static GBytes *
read_file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
test_newer_version_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *db = NULL;

  sqlite3_open (f->path, &db);
  sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close (db);
  before = read_file_bytes (f->path);

  store = dt_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DT_ERROR, DT_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, f->path));

  after = read_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_sqlite_refused (Fixture       *f,
                         gconstpointer  data)
{
  static const char text[] = "year,rank,name\n2023,1,Example\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  store = dt_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE);
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
}

static void
test_corrupt_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* A real database whose page structure has been overwritten. */
  store = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);
  memset (contents + 16, 0xAB, length - 16);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  before = read_file_bytes (f->path);

  store = dt_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE);

  after = read_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Run in a child process by test_second_open_keeps_locks: another program
 * (the command line) opens and closes the database. When it believes it is
 * alone, SQLite checkpoints and deletes the -wal file on close. */
static void
other_process_opens_and_closes (void)
{
  sqlite3 *db = NULL;

  if (!g_test_subprocess ())
    return;

  g_assert_cmpint (sqlite3_open_v2 (g_getenv ("DT_TEST_DATABASE"), &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The import dialog and the sync open a second store while the window's
 * is open. Nothing but SQLite may open the file: closing any other
 * descriptor on it drops every POSIX lock of the process
 * (sqlite.org/howtocorrupt.html 2.2), and another process would then
 * delete the window's write-ahead log under it. */
static void
test_second_open_keeps_locks (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (f->path, &error);
  g_autoptr(DtStore) second = NULL;
  g_autofree char *check = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  second = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&second);

  g_setenv ("DT_TEST_DATABASE", f->path, TRUE);
  g_test_trap_subprocess ("/store/open/second-open-keeps-locks/other-process", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  check = dt_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

typedef struct
{
  const char *path;
  DtStore    *store;
  GError     *error;
} OpenData;

static gpointer
open_thread (gpointer data)
{
  OpenData *open = data;

  open->store = dt_sample_data_open (open->path, &open->error);
  return NULL;
}

/* Two programs start on the same new database at once (two command-line
 * runs, or one and the window): the second must not apply the migrations
 * or load the samples again once the first has. */
static void
test_concurrent_first_open (Fixture       *f,
                            gconstpointer  data)
{
  OpenData open = { f->path, NULL, NULL };
  g_autoptr(DtStore) first = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  sqlite3 *db = NULL;

  /* The first program is half-way: everything written, not committed. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint v = 1; v <= dt_schema_latest_version (); v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u", v);
      g_assert_cmpint (sqlite3_exec (db, dt_schema_migration_sql (v), NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
    }

  /* The second reads version 0 meanwhile and waits for the write lock. */
  thread = g_thread_new ("second-program", open_thread, &open);
  g_usleep (300 * 1000);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_thread_join (thread);

  g_assert_no_error (open.error);
  g_assert_nonnull (open.store);
  g_assert_cmpuint (dt_store_get_schema_version (open.store), ==, dt_schema_latest_version ());
  g_assert_true (dt_store_has_sample_data (open.store));
  g_clear_object (&open.store);

  /* And a third finds the samples loaded once. */
  first = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (first, "SELECT count(*) FROM datasets"), ==,
                   dt_test_query_int (first, "SELECT count(DISTINCT key) FROM datasets"));
}

static void
test_samples_fill_empty_database (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (dt_store_has_sample_data (store));
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM regions WHERE level = 'city'"), ==, 11);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM regions WHERE level = 'province'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM index_nodes WHERE level = 3"), ==, 5);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures"), ==, 36);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings WHERE year = (SELECT max(year) FROM listings)"), ==, 100);
  /* Fictional datasets are marked; checksums and import times are kept. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE kind IN ('enterprises','measures','index') AND provenance <> 'sample'"), ==, 0);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE length(checksum) <> 64 OR imported_at = ''"), ==, 0);
}

static void
test_samples_carry_published_figures (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (f->path, &error);
  g_autofree char *source = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT round(value * 10) FROM index_values WHERE region = 'ZJ' AND year = 2020 AND code = 'OI' AND status = 'published'"), ==, 1108);
  g_assert_cmpint (dt_test_query_int (store, "SELECT round(value * 10) FROM index_values WHERE region = 'hangzhou' AND year = 2020 AND code = 'OI' AND status = 'published'"), ==, 1266);
  g_assert_cmpint (dt_test_query_int (store, "SELECT round(value * 10) FROM index_values WHERE region = 'ningbo' AND year = 2020 AND code = 'OI' AND status = 'published'"), ==, 1232);
  g_assert_cmpint (dt_test_query_int (store, "SELECT round(value * 10) FROM index_values WHERE region = 'jinhua' AND year = 2020 AND code = 'OI' AND status = 'published'"), ==, 1156);
  g_assert_cmpint (dt_test_query_int (store, "SELECT round(value * 10) FROM index_values WHERE region = 'ZJ' AND year = 2022 AND code = 'OI' AND status = 'published'"), ==, 1199);
  source = dt_test_query_text (store, "SELECT source FROM index_values WHERE region = 'ZJ' AND year = 2022 AND status = 'published'");
  g_assert_nonnull (strstr (source, "Zhejiang Academy of Commerce"));
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM index_values WHERE status = 'published' AND source = ''"), ==, 0);
}

static void
test_samples_not_into_filled_database (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;

  make_database_at_version (f->path, dt_schema_latest_version ());
  store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (dt_store_has_sample_data (store));
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures"), ==, 0);
}

static void
test_samples_loaded_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) first = dt_sample_data_open (f->path, &error);
  g_autoptr(DtStore) second = NULL;

  g_assert_no_error (error);
  g_clear_object (&first);
  second = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (second, "SELECT count(*) FROM datasets WHERE key = 'measures'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (second, "SELECT count(*) FROM measures"), ==, 36);
}

/* An official pack under its own key still takes the place of the sample
 * data of its kind, and of nothing else. */
static void
test_samples_replaced_by_official_pack (Fixture       *f,
                                        gconstpointer  data)
{
  static const char pack[] =
    "{\"format\": \"digital-trade-pack\", \"version\": 1, \"kind\": \"measures\",\n"
    " \"dataset\": {\"key\": \"binjiang-measures-2021\", \"title\": \"Binjiang measures\",\n"
    "             \"source\": \"Binjiang District\", \"provenance\": \"official\"},\n"
    " \"rows\": [{\"no\": 1, \"title_zh\": \"第一条\"}, {\"no\": 2, \"title_zh\": \"第二条\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (f->path, &error);
  g_autoptr(GBytes) bytes = g_bytes_new_static (pack, sizeof pack - 1);

  g_assert_no_error (error);
  g_assert_true (dt_data_pack_import_bytes (store, bytes, "official.json", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures"), ==, 2);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE kind = 'measures'"), ==, 1);
  /* The other sample datasets are still there, and still marked. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings"), ==, 300);
  g_assert_true (dt_store_has_sample_data (store));
}

static void
test_missing_folder_created (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "test.db", NULL);
  g_autofree char *a = g_build_filename (f->dir, "a", NULL);
  g_autofree char *b = g_build_filename (f->dir, "a", "b", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (nested, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (nested, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (nested, "-wal", NULL);
    g_autofree char *shm = g_strconcat (nested, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_remove (nested);
  g_rmdir (b);
  g_rmdir (a);
}

static void
count_changed (DtStore    *store,
               const char *kind,
               guint      *n)
{
  g_assert_null (kind);
  (*n)++;
}

/* Another connection's commit is noticed (PRAGMA data_version) and said
 * with "changed"; this connection's own writes and a quiet database are not. */
static void
test_changes_by_others_noticed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (f->path, &error);
  g_autoptr(DtStore) other = NULL;
  guint n_changed = 0;

  g_assert_no_error (error);
  other = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &n_changed);

  g_assert_false (dt_store_check_for_changes (store));
  g_assert_true (dt_store_exec (store, "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)", &error));
  g_assert_no_error (error);
  g_assert_false (dt_store_check_for_changes (store));
  g_assert_cmpuint (n_changed, ==, 0);

  g_assert_true (dt_store_exec (other, "DELETE FROM scratch", &error));
  g_assert_no_error (error);
  g_assert_true (dt_store_check_for_changes (store));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (dt_store_check_for_changes (store));
  g_assert_cmpuint (n_changed, ==, 1);
}

/* A write that may not wait fails at once, as busy, while another
 * connection holds the write lock. */
static void
test_try_begin_busy (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (f->path, &error);
  g_autoptr(DtStore) other = NULL;

  g_assert_no_error (error);
  other = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (dt_store_begin (other, &error));

  g_assert_false (dt_store_try_begin (store, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_BUSY);
  g_clear_error (&error);

  dt_store_rollback (other);
  g_assert_true (dt_store_try_begin (store, &error));
  g_assert_no_error (error);
  dt_store_rollback (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/default-path", test_default_path);
  g_test_add ("/store/open/new-database", Fixture, NULL, fixture_set_up, test_new_database, fixture_tear_down);
  g_test_add ("/store/open/missing-folder-created", Fixture, NULL, fixture_set_up, test_missing_folder_created, fixture_tear_down);
  for (guint v = 0; v < dt_schema_latest_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("/store/migrate/from-version-%u", v);
      g_test_add (path, Fixture, GUINT_TO_POINTER (v), fixture_set_up, test_migrate_from, fixture_tear_down);
    }
  g_test_add ("/store/migrate/source-zh-keeps-data", Fixture, NULL, fixture_set_up, test_migrate_source_zh_keeps_data, fixture_tear_down);
  g_test_add ("/store/migrate/drops-facet-indexes", Fixture, NULL, fixture_set_up, test_migrate_drops_facet_indexes, fixture_tear_down);
  g_test_add ("/store/migrate/concurrent-first-open", Fixture, NULL, fixture_set_up, test_concurrent_first_open, fixture_tear_down);
  g_test_add ("/store/migrate/future-version-refused", Fixture, NULL, fixture_set_up, test_newer_version_refused, fixture_tear_down);
  g_test_add ("/store/open/not-sqlite-refused", Fixture, NULL, fixture_set_up, test_not_sqlite_refused, fixture_tear_down);
  g_test_add ("/store/open/second-open-keeps-locks", Fixture, NULL, fixture_set_up, test_second_open_keeps_locks, fixture_tear_down);
  g_test_add_func ("/store/open/second-open-keeps-locks/other-process", other_process_opens_and_closes);
  g_test_add ("/store/open/corrupt-refused", Fixture, NULL, fixture_set_up, test_corrupt_refused, fixture_tear_down);
  g_test_add ("/store/samples/fill-empty-database", Fixture, NULL, fixture_set_up, test_samples_fill_empty_database, fixture_tear_down);
  g_test_add ("/store/samples/published-figures-with-source", Fixture, NULL, fixture_set_up, test_samples_carry_published_figures, fixture_tear_down);
  g_test_add ("/store/samples/not-into-filled-database", Fixture, NULL, fixture_set_up, test_samples_not_into_filled_database, fixture_tear_down);
  g_test_add ("/store/samples/replaced-by-official-pack", Fixture, NULL, fixture_set_up, test_samples_replaced_by_official_pack, fixture_tear_down);
  g_test_add ("/store/changes/by-others-noticed", Fixture, NULL, fixture_set_up, test_changes_by_others_noticed, fixture_tear_down);
  g_test_add ("/store/changes/try-begin-busy", Fixture, NULL, fixture_set_up, test_try_begin_busy, fixture_tear_down);
  g_test_add ("/store/samples/loaded-once", Fixture, NULL, fixture_set_up, test_samples_loaded_once, fixture_tear_down);

  return g_test_run ();
}
