/* test-import-memory.c — a CSV import is read as a stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports a generated 200 MB table with the real program (DT_BINARY
 * --import) and asserts that its peak resident memory stays far below the
 * file's size. The rows carry their bulk in a column no kind knows (which
 * is read, decoded and validated, but not stored), so the test is about
 * reading the file, and quick.
 */

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "dt-store.h"
#include "dt-test-util.h"

#define FILE_BYTES  (200 * 1024 * 1024)
#define PAD_BYTES   (100 * 1024)
#define MAX_RSS_KB  (150 * 1024)

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Written a row at a time: the test itself need not hold 200 MB either. */
static guint
write_big_csv (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_autoptr(GString) pad = g_string_new (NULL);
  gsize written = 0;
  guint n_rows = 0;

  g_assert_no_error (error);
  /* UTF-8 text, so that every line is checked for its encoding. */
  while (pad->len < PAD_BYTES)
    g_string_append (pad, "数字贸易 digital trade, \"quoted\" ");

  g_output_stream_printf (G_OUTPUT_STREAM (out), NULL, NULL, &error,
                          "年份,排名,企业名称,所在地市,数字贸易额（万元）,备注\r\n");
  g_assert_no_error (error);
  while (written < FILE_BYTES)
    {
      g_autofree char *escaped = NULL;
      g_autofree char *row = NULL;
      g_auto(GStrv) parts = g_strsplit (pad->str, "\"", -1);

      escaped = g_strjoinv ("\"\"", parts);
      n_rows++;
      row = g_strdup_printf ("2024,%u,压测企业%06u有限公司,杭州,%u.5,\"%s\"\r\n", n_rows, n_rows, n_rows, escaped);
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), row, strlen (row), NULL, NULL, &error));
      g_assert_no_error (error);
      written += strlen (row);
    }
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  return n_rows;
}

static void
test_import_bounded_memory (void)
{
  const char *binary = g_getenv ("DT_BINARY");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *database = NULL;
  struct rusage usage = { 0 };
  GPid pid = 0;
  int status = 0;
  guint n_rows;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not set to the built digital-trade");
      return;
    }

  dir = g_dir_make_tmp ("dt-import-memory-XXXXXX", &error);
  g_assert_no_error (error);
  csv = g_build_filename (dir, "big.csv", NULL);
  database = g_build_filename (dir, "memory.db", NULL);
  n_rows = write_big_csv (csv);

  {
    const char *argv[] = { binary, "--database", database, "--import", csv, "--kind", "enterprises", NULL };

    g_spawn_async (NULL, (char **)argv, NULL,
                   G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                   NULL, NULL, &pid, &error);
    g_assert_no_error (error);
  }
  while (wait4 (pid, &status, 0, &usage) < 0)
    g_assert_cmpint (errno, ==, EINTR);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  /* ru_maxrss is in kilobytes on Linux. The file is 200 MB. */
  g_test_message ("peak RSS %ld KB for a %d-byte file", usage.ru_maxrss, FILE_BYTES);
  g_assert_cmpint (usage.ru_maxrss, <, MAX_RSS_KB);

  {
    g_autoptr(DtStore) store = dt_store_open (database, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings"), ==, n_rows);
  }

  dt_test_remove_backups (database);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/stream/bounded-memory", test_import_bounded_memory);

  return g_test_run ();
}
