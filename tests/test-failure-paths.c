/* test-failure-paths.c — a full disk, a read-only folder, a locked database
 * and an export that cannot be written each fail with a clear message and
 * lose nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How each is simulated:
 * - disk full: SQLite's page limit (PRAGMA max_page_count) always, and a
 *   real 1 MiB tmpfs when a private mount namespace can be made;
 * - read-only folder: a tmpfs remounted read-only inside a private mount
 *   namespace (tests run as root in CI, where chmod stops nothing); skipped
 *   with a message only where mounting is not allowed;
 * - locked: a second process holds the write lock; DT_BUSY_TIMEOUT_MS
 *   shortens the wait so that the bound can be checked quickly;
 * - exports: DtAtomicFile into a missing folder, a read-only folder and a
 *   full tmpfs.
 * The mount tests run in a g_test_trap_subprocess() so the mounts vanish
 * with it.
 */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-test-util.h"
#include "dt-output.h"
#include "dt-csv-writer.h"
#include "dt-data-pack.h"
#include "dt-error.h"
#include "dt-store.h"

#define BUSY_TIMEOUT_MS 400

/* Helpers */

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* Removes @dir and the files in it (no subfolders are made here). */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_integrity (DtStore *store)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "PRAGMA integrity_check", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static GBytes *
sample_pack (const char *name)
{
  g_autofree char *resource = g_strconcat ("/com/example/DigitalTrade/sample/", name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (resource, 0, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
import_ok (DtStore    *store,
           GBytes     *bytes,
           const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_data_pack_import_bytes (store, bytes, name, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A store with the regions only: enterprises can be imported against it. */
static DtStore *
open_with_regions (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (path, &error);
  g_autoptr(GBytes) regions = sample_pack ("regions.json");

  g_assert_no_error (error);
  import_ok (store, regions, "regions.json");
  return g_steal_pointer (&store);
}

static GBytes *
enterprises_pack (guint n_rows)
{
  GString *json = g_string_new (
    "{\"format\":\"digital-trade-pack\",\"version\":1,\"kind\":\"enterprises\","
    "\"dataset\":{\"key\":\"enterprises\",\"title\":\"Failure test\",\"provenance\":\"user\"},"
    "\"rows\":[\n");

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (json,
                            "{\"year\":2024,\"rank\":%u,\"name_zh\":\"测试企业%06u有限公司\",\"name_en\":\"Test enterprise number %u of a long list\",\"city\":\"hangzhou\"}%s\n",
                            i, i, i, i < n_rows ? "," : "");
  g_string_append (json, "]}\n");
  return g_string_free_to_bytes (json);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* Private mount namespaces: probed once in a child, as unshare() changes
 * the calling process for good. */

static gboolean
enter_private_mounts (void)
{
  return unshare (CLONE_NEWNS) == 0 &&
         mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0;
}

static gboolean
mount_tmpfs (const char *dir,
             const char *options)
{
  return mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}

static gboolean
remount_read_only (const char *dir)
{
  return mount ("none", dir, "none", MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) == 0;
}

static gboolean
can_mount (void)
{
  static int result = -1;

  if (result < 0)
    {
      g_autofree char *dir = g_dir_make_tmp ("dt-probe-XXXXXX", NULL);
      int fds[2];
      char answer = 'n';
      pid_t pid;

      /* The answer comes through a pipe, not the exit status, which a
       * checker such as valgrind may change in a forked child. */
      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      if (pid == 0)
        {
          char yes = enter_private_mounts () && mount_tmpfs (dir, "size=64k") &&
                     remount_read_only (dir) ? 'y' : 'n';

          if (write (fds[1], &yes, 1) != 1)
            _exit (1);
          _exit (0);
        }
      close (fds[1]);
      if (read (fds[0], &answer, 1) != 1)
        answer = 'n';
      close (fds[0]);
      waitpid (pid, NULL, 0);
      g_rmdir (dir);
      result = answer == 'y';
    }

  return result;
}

/* Runs the current test again in a subprocess with @dir (made here) in
 * DT_TEST_DIR; the subprocess mounts what it needs there. */
static gboolean
run_in_mount_namespace (void)
{
  g_autofree char *dir = NULL;

  if (!can_mount ())
    {
      g_test_skip ("cannot make a private mount namespace here (needs root with CAP_SYS_ADMIN); "
                   "the page-limit test still covers a full disk");
      return FALSE;
    }

  dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_setenv ("DT_TEST_DIR", dir, TRUE);
  /* No timeout of its own: meson's bounds the test, and valgrind is slow. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("DT_TEST_DIR");
  remove_dir (dir);
  g_test_trap_assert_passed ();
  return TRUE;
}

/* Disk full */

static void
test_disk_full_page_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(DtStore) store = open_with_regions (path);
  g_autoptr(GBytes) big = enterprises_pack (20000);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  gint64 regions = dt_test_query_int (store, "SELECT count(*) FROM regions");

  /* Room for a few more pages only: the import runs out half-way. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           dt_test_query_int (store, "PRAGMA page_count") + 50);
  g_assert_true (dt_store_exec (store, limit, NULL));

  g_assert_false (dt_data_pack_import_bytes (store, big, "big.json", NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "big.json"));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "nothing was changed"));

  /* Nothing lost, nothing half-written, and the store still works. */
  assert_integrity (store);
  g_assert_true (sqlite3_get_autocommit (dt_store_get_db (store)));
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM regions"), ==, regions);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM enterprises"), ==, 0);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings"), ==, 0);

  g_assert_true (dt_store_exec (store, "PRAGMA max_page_count = 1073741823", NULL));
  import_ok (store, big, "big.json");
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings"), ==, 20000);

  g_clear_object (&store);
  remove_database (path);
  g_rmdir (dir);
}

static void
test_disk_full_tmpfs (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("DT_TEST_DIR");
      g_autofree char *path = g_build_filename (dir, "test.db", NULL);
      g_autoptr(DtStore) store = NULL;
      g_autoptr(GBytes) big = enterprises_pack (15000);
      g_autoptr(GError) error = NULL;
      gint64 regions;

      g_assert_true (enter_private_mounts ());
      g_assert_true (mount_tmpfs (dir, "size=1m"));
      store = open_with_regions (path);
      regions = dt_test_query_int (store, "SELECT count(*) FROM regions");

      g_assert_false (dt_data_pack_import_bytes (store, big, "big.json", NULL, NULL, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_DISK_FULL);
      g_printerr ("# %s\n", error->message);
      g_assert_nonnull (strstr (error->message, "disk is full"));

      assert_integrity (store);
      g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM regions"), ==, regions);
      g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings"), ==, 0);

      /* Reopened from disk, the database holds what it held before. */
      g_clear_error (&error);
      g_clear_object (&store);
      store = dt_store_open (path, &error);
      g_assert_no_error (error);
      assert_integrity (store);
      g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM regions"), ==, regions);
      g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets"), ==, 1);
      g_clear_object (&store);
      g_assert_true (umount (dir) == 0 || errno == EBUSY);
      return;
    }

  run_in_mount_namespace ();
}

/* Read-only folder */

static void
test_read_only_folder (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("DT_TEST_DIR");
      g_autofree char *path = g_build_filename (dir, "test.db", NULL);
      g_autofree char *new_path = g_build_filename (dir, "new.db", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DtStore) store = NULL;

      g_assert_true (enter_private_mounts ());
      g_assert_true (mount_tmpfs (dir, "size=8m"));
      g_clear_object (&store);
      store = open_with_regions (path);
      g_clear_object (&store);
      before = file_checksum (path);
      g_assert_nonnull (before);
      g_assert_true (remount_read_only (dir));

      /* An existing database in a read-only folder is refused, untouched. */
      store = dt_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, DT_ERROR, DT_ERROR_READ_ONLY);
      g_printerr ("# %s\n", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "cannot be written"));
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_clear_error (&error);

      /* So is a new database there. */
      store = dt_store_open (new_path, &error);
      g_assert_null (store);
      g_assert_error (error, DT_ERROR, DT_ERROR_READ_ONLY);
      g_printerr ("# %s\n", error->message);
      g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
      return;
    }

  run_in_mount_namespace ();
}

/* Locked by another process */

typedef struct
{
  pid_t pid;
  int   release_fd;   /* closing it lets the holder go */
} LockHolder;

/* Starts a process that takes the write lock of @path and keeps it until
 * released, with a write of its own pending. */
static LockHolder
hold_lock (const char *path)
{
  LockHolder holder = { 0 };
  int ready[2], release[2];
  char byte;
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      close (ready[0]);
      close (release[1]);
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "BEGIN IMMEDIATE; INSERT INTO measure_tracking (no) VALUES (99)", NULL, NULL, NULL) != SQLITE_OK)
        _exit (2);
      if (write (ready[1], "r", 1) != 1)
        _exit (3);
      while (read (release[0], &byte, 1) > 0)
        ;
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (db);
      _exit (0);
    }

  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  holder.pid = pid;
  holder.release_fd = release[1];
  return holder;
}

static void
release_lock (LockHolder *holder)
{
  int status = 0;

  /* Its exit status is not checked: the ready byte already showed that it
   * held the lock, and valgrind's leak check of a forked child can change
   * the status. */
  close (holder->release_fd);
  waitpid (holder->pid, &status, 0);
  g_assert_true (WIFEXITED (status));
}

static void
assert_busy_error (const GError *error,
                   gint64        waited_us)
{
  g_assert_error (error, DT_ERROR, DT_ERROR_BUSY);
  g_test_message ("after %.2f s: %s", waited_us / 1e6, error->message);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  /* It waited for the other process, but not for long. */
  g_assert_cmpint (waited_us, >=, (BUSY_TIMEOUT_MS - 50) * 1000);
  g_assert_cmpint (waited_us, <, (BUSY_TIMEOUT_MS + 3000) * 1000);
}

static void
test_locked_on_open (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = open_with_regions (path);
  LockHolder holder;
  gint64 start;

  g_clear_object (&store);
  holder = hold_lock (path);

  start = g_get_monotonic_time ();
  store = dt_store_open (path, &error);
  g_assert_null (store);
  assert_busy_error (error, g_get_monotonic_time () - start);
  g_clear_error (&error);

  release_lock (&holder);
  store = dt_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measure_tracking"), ==, 0);
  g_clear_object (&store);
  remove_database (path);
  g_rmdir (dir);
}

static void
test_locked_on_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = open_with_regions (path);
  g_autoptr(GBytes) measures = sample_pack ("measures.json");
  LockHolder holder;
  gint64 start;

  holder = hold_lock (path);

  start = g_get_monotonic_time ();
  g_assert_false (dt_data_pack_import_bytes (store, measures, "measures.json", NULL, NULL, &error));
  assert_busy_error (error, g_get_monotonic_time () - start);
  g_assert_true (sqlite3_get_autocommit (dt_store_get_db (store)));
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures"), ==, 0);

  /* Once the other process is gone, the same import goes through. */
  release_lock (&holder);
  import_ok (store, measures, "measures.json");
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures"), >, 0);
  assert_integrity (store);
  g_clear_object (&store);
  remove_database (path);
  g_rmdir (dir);
}

/* Exports */

static gboolean
write_export (const char  *path,
              guint        n_rows,
              GError     **error)
{
  g_autoptr(DtOutput) file = dt_output_open_arg (path, NULL, error);
  g_autoptr(DtCsvWriter) writer = NULL;

  if (file == NULL)
    return FALSE;

  writer = dt_csv_writer_new (dt_output_get_stream (file), TRUE);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("导出企业%06u有限公司", i);

      dt_csv_writer_add_int (writer, i + 1);
      dt_csv_writer_add_text (writer, name);
      dt_csv_writer_add_double (writer, i * 1.25);
      if (!dt_csv_writer_end_row (writer, NULL, error))
        {
          dt_output_abandon (file, error);
          return FALSE;
        }
    }

  if (!dt_csv_writer_flush (writer, NULL, error))
    {
      dt_output_abandon (file, error);
      return FALSE;
    }
  return dt_output_close (file, NULL, error);
}

static void
test_export_replaces_whole_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (write_export (path, 10, &error));
  g_assert_no_error (error);
  g_assert_true (write_export (path, 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "1,导出企业000000有限公司,0\r\n"));
  g_assert_true (g_str_has_suffix (contents, "3,导出企业000002有限公司,2.5\r\n"));
  g_assert_cmpuint (count_files (dir), ==, 1); /* no temporary file left */

  remove_dir (dir);
}

static void
test_export_abandoned_leaves_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  DtOutput *file = dt_output_open_arg (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (dt_output_get_stream (file), "half", 4, NULL, NULL, NULL));
  dt_output_free (file); /* e.g. cancelled by the user */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);

  remove_dir (dir);
}

static void
test_export_missing_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "out.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (write_export (path, 10, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_cmpuint (count_files (dir), ==, 0);

  remove_dir (dir);
}

static void
test_export_folder_is_a_file_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-failure-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (write_export (dir, 10, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "it is a folder"));
  g_assert_cmpuint (count_files (dir), ==, 0);

  remove_dir (dir);
}

static void
test_export_read_only_folder (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("DT_TEST_DIR");
      g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (enter_private_mounts ());
      g_assert_true (mount_tmpfs (dir, "size=1m"));
      g_assert_true (write_export (path, 5, &error));
      before = file_checksum (path);
      g_assert_true (remount_read_only (dir));

      g_assert_false (write_export (path, 10, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_READ_ONLY);
      g_printerr ("# %s\n", error->message);
      g_assert_nonnull (strstr (error->message, "cannot be written"));
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (count_files (dir), ==, 1);
      return;
    }

  run_in_mount_namespace ();
}

static void
test_export_disk_full (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("DT_TEST_DIR");
      g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (enter_private_mounts ());
      g_assert_true (mount_tmpfs (dir, "size=256k"));
      g_assert_true (write_export (path, 100, &error));
      before = file_checksum (path);

      /* About 4 MB into 256 KiB: the disk fills up half-way. */
      g_assert_false (write_export (path, 100000, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_DISK_FULL);
      g_printerr ("# %s\n", error->message);
      g_assert_nonnull (strstr (error->message, "disk is full"));
      g_assert_nonnull (strstr (error->message, "earlier file"));

      /* The earlier export is whole, and no partial file is left. */
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (count_files (dir), ==, 1);

      /* The same for a new file written in one go. */
      {
        g_autofree char *new_path = g_build_filename (dir, "new.json", NULL);
        gsize size = 1024 * 1024;
        g_autofree char *data = g_malloc (size);

        memset (data, '7', size);
        g_clear_error (&error);
        g_assert_false (dt_output_set_contents (new_path, data, size, &error));
        g_assert_error (error, DT_ERROR, DT_ERROR_DISK_FULL);
        g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
        g_assert_cmpuint (count_files (dir), ==, 1);
        g_clear_error (&error);
        g_assert_true (dt_output_set_contents (new_path, data, 1000, &error));
        g_assert_no_error (error);
      }
      return;
    }

  run_in_mount_namespace ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *timeout = g_strdup_printf ("%d", BUSY_TIMEOUT_MS);

  g_setenv ("DT_BUSY_TIMEOUT_MS", timeout, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/failure/disk-full/page-limit", test_disk_full_page_limit);
  g_test_add_func ("/failure/disk-full/tmpfs", test_disk_full_tmpfs);
  g_test_add_func ("/failure/read-only/folder", test_read_only_folder);
  g_test_add_func ("/failure/locked/on-open", test_locked_on_open);
  g_test_add_func ("/failure/locked/on-import", test_locked_on_import);
  g_test_add_func ("/failure/export/replaces-whole-file", test_export_replaces_whole_file);
  g_test_add_func ("/failure/export/abandoned-leaves-nothing", test_export_abandoned_leaves_nothing);
  g_test_add_func ("/failure/export/missing-folder", test_export_missing_folder);
  g_test_add_func ("/failure/export/folder-as-file-name", test_export_folder_is_a_file_name);
  g_test_add_func ("/failure/export/read-only-folder", test_export_read_only_folder);
  g_test_add_func ("/failure/export/disk-full", test_export_disk_full);

  return g_test_run ();
}
