/* test-backup.c — snapshots before changes, rotation, restore and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dt-backup.h"
#include "dt-error.h"
#include "dt-import-file.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dt-backup-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dt_test_remove_backups (f->path);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_unsetenv ("DT_BACKUP_MAX_BYTES");
}

static gboolean
import_measure (Fixture  *f,
                int       no,
                GError  **error)
{
  g_autofree char *csv = g_strdup_printf ("no,title_zh,title_en\n%d,测试措施,Test measure\n", no);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));

  return dt_import_bytes (f->store, bytes, "m.csv", "measures", 0, NULL, NULL, NULL, NULL, NULL, error);
}

/* The checksum of the database at @path, opened on its own. */
static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (path, &error);

  g_assert_no_error (error);
  return dt_test_database_checksum (store, FALSE);
}

static void
test_import_makes_snapshot (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = dt_backup_list (f->path);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *original = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *copy = NULL;

  /* Loading the samples into a new database is not worth a snapshot. */
  g_assert_cmpuint (before->len, ==, 0);

  g_assert_true (import_measure (f, 901, &error));
  g_assert_no_error (error);

  after = dt_backup_list (f->path);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (dt_backup_get_reason (g_ptr_array_index (after, 0)), ==, "import");
  copy = file_checksum (dt_backup_get_path (g_ptr_array_index (after, 0)));
  g_assert_cmpstr (copy, ==, original);
}

static void
test_failed_backup_aborts_import (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = dt_backup_folder (f->path);
  g_autofree char *original = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *now = NULL;

  /* A file where the folder should be: the snapshot cannot be written. */
  g_assert_true (g_file_set_contents (folder, "in the way", -1, NULL));

  g_assert_false (import_measure (f, 902, &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "No backup could be made, so nothing was changed") != NULL);
  now = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (now, ==, original);
  g_remove (folder);
}

static void
test_rotation_keeps_ten (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(DtBackup) last = NULL;

  for (guint i = 0; i < DT_BACKUP_KEEP + 3; i++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&last);
      g_assert_true (dt_backup_create (f->store, "sync", &last, &error));
      g_assert_no_error (error);
      g_assert_nonnull (last);
    }

  backups = dt_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, DT_BACKUP_KEEP);
  /* Number 1 is the newest. */
  g_assert_cmpstr (dt_backup_get_path (g_ptr_array_index (backups, 0)), ==, dt_backup_get_path (last));
}

static void
test_size_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtBackup) first = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *cap = NULL;

  g_assert_true (dt_backup_create (f->store, "import", &first, &error));
  g_assert_no_error (error);

  /* Room for two and a half snapshots of this size. */
  cap = g_strdup_printf ("%" G_GUINT64_FORMAT, dt_backup_get_size (first) * 5 / 2);
  g_setenv ("DT_BACKUP_MAX_BYTES", cap, TRUE);
  for (guint i = 0; i < 4; i++)
    g_assert_true (dt_backup_create (f->store, "import", NULL, &error));

  backups = dt_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 2);

  /* The newest is kept even when it alone is over the cap. */
  g_setenv ("DT_BACKUP_MAX_BYTES", "1", TRUE);
  g_assert_true (dt_backup_create (f->store, "import", NULL, &error));
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = dt_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
}

static void
test_restore_exact (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(DtStore) other = NULL;
  g_autofree char *original = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *changed = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *seen_by_other = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *source = NULL;

  g_assert_true (import_measure (f, 903, &error));
  g_assert_no_error (error);
  changed = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (changed, !=, original);

  /* Another connection, like the window's, stays open meanwhile. */
  other = dt_store_open (f->path, &error);
  g_assert_no_error (error);

  source = dt_backup_find (f->path, "1", &error);
  g_assert_no_error (error);
  g_assert_true (dt_backup_restore (f->store, source, &error));
  g_assert_no_error (error);

  restored = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (restored, ==, original);
  seen_by_other = dt_test_database_checksum (other, FALSE);
  g_assert_cmpstr (seen_by_other, ==, original);

  /* The restore was itself backed up first: number 1 holds the import. */
  backups = dt_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (dt_backup_get_reason (g_ptr_array_index (backups, 0)), ==, "restore");
  kept = file_checksum (dt_backup_get_path (g_ptr_array_index (backups, 0)));
  g_assert_cmpstr (kept, ==, changed);
}

static void
assert_refused (Fixture    *f,
                const char *source,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dt_test_database_checksum (f->store, FALSE);
  g_autoptr(GPtrArray) backups_before = dt_backup_list (f->path);
  g_autoptr(GPtrArray) backups_after = NULL;
  g_autofree char *after = NULL;

  g_assert_false (dt_backup_restore (f->store, source, &error));
  g_assert_error (error, DT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, source));

  after = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (after, ==, before);
  backups_after = dt_backup_list (f->path);
  g_assert_cmpuint (backups_after->len, ==, backups_before->len);
}

static void
test_bad_source_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  char *sql;
  char noise[8192];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char)g_random_int ();
  g_assert_true (g_file_set_contents (garbage, noise, sizeof noise, NULL));

  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  sql = sqlite3_mprintf ("VACUUM INTO %Q", newer);
  g_assert_true (dt_store_exec (f->store, sql, &error));
  sqlite3_free (sql);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  assert_refused (f, garbage, DT_ERROR_NOT_A_DATABASE);
  assert_refused (f, foreign, DT_ERROR_NOT_A_DATABASE);
  assert_refused (f, newer, DT_ERROR_NEWER_SCHEMA);
  assert_refused (f, missing, DT_ERROR_INVALID_INPUT);
  assert_refused (f, f->path, DT_ERROR_INVALID_INPUT);
}

static void
test_recover_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autofree char *original = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *moved = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *kept = NULL;
  gsize kept_size = 0;

  g_assert_true (dt_backup_create (f->store, "import", NULL, &error));
  g_clear_object (&f->store);
  g_assert_true (g_file_set_contents (f->path, "this is no database, it was overwritten", -1, NULL));

  store = dt_store_open (f->path, &error);
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  store = dt_backup_recover (f->path, NULL, &moved, &error);
  g_assert_no_error (error);
  recovered = dt_test_database_checksum (store, FALSE);
  g_assert_cmpstr (recovered, ==, original);

  /* The damaged file is kept, not deleted. */
  g_assert_true (g_str_has_prefix (moved, f->path));
  g_assert_true (strstr (moved, ".damaged-") != NULL);
  g_assert_true (g_file_get_contents (moved, &kept, &kept_size, NULL));
  g_assert_cmpstr (kept, ==, "this is no database, it was overwritten");
}

static void
test_start_fresh (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autofree char *moved = NULL;

  g_clear_object (&f->store);
  g_assert_true (g_file_set_contents (f->path, "garbage", -1, NULL));

  store = dt_backup_start_fresh (f->path, &moved, &error);
  g_assert_no_error (error);
  g_assert_true (dt_store_has_sample_data (store));
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));
}

static gint64
count_measures (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (path, &error);

  g_assert_no_error (error);
  return dt_test_query_int (store, "SELECT count(*) FROM measures");
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "m.csv", NULL);
  g_autofree char *db_arg = g_strconcat ("--database=", db, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", csv, NULL);
  g_autofree char *out = NULL, *err = NULL;
  gint64 before;

  g_assert_true (g_file_set_contents (csv, "no,title_zh,title_en\n990,测试措施,Test measure\n", -1, NULL));

  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--backups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "has no backups yet"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The first run fills a new database with the samples: no snapshot for
   * that; the import makes one. */
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--export=measures", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  before = count_measures (db);
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, import_arg, "--kind=measures", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--backups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  1  "));
  g_assert_nonnull (strstr (out, "Before an import"));
  g_assert_null (strstr (out, "  2  "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (count_measures (db), !=, before);
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--restore=1", NULL), ==, 0);
  g_assert_cmpint (count_measures (db), ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--backups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "  1  "));
  g_assert_nonnull (strstr (out, "Before a restore"));
  g_assert_nonnull (strstr (out, "  2  "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--restore=7", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "expected a backup number from 1 to 2"));
  g_assert_cmpint (count_measures (db), ==, before);
}

static void
test_cli_damaged (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "m.csv", NULL);
  g_autofree char *db_arg = g_strconcat ("--database=", db, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", csv, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *content = NULL;

  g_assert_true (g_file_set_contents (csv, "no,title_zh,title_en\n990,测试措施,Test measure\n", -1, NULL));
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, import_arg, "--kind=measures", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (db, "damaged beyond repair", -1, NULL));

  /* Refused, untouched, and the backups still listed. */
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, import_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a Digital Trade database"));
  g_assert_true (g_file_get_contents (db, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "damaged beyond repair");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--backups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Before an import"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Restoring moves the damaged file aside and brings back backup 1. */
  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, db_arg, "--restore=1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, ".damaged-"));
  g_assert_cmpint (count_measures (db), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/import-makes-snapshot", test_import_makes_snapshot);
  ADD ("/backup/failed-backup-aborts-import", test_failed_backup_aborts_import);
  ADD ("/backup/rotation-keeps-ten", test_rotation_keeps_ten);
  ADD ("/backup/size-cap", test_size_cap);
  ADD ("/backup/restore/exact-content", test_restore_exact);
  ADD ("/backup/restore/bad-source-refused", test_bad_source_refused);
  ADD ("/backup/recover/damaged-database", test_recover_damaged);
  ADD ("/backup/recover/start-fresh", test_start_fresh);
  ADD ("/backup/cli/list-and-restore", test_cli);
  ADD ("/backup/cli/damaged-database", test_cli_damaged);
#undef ADD

  return g_test_run ();
}
