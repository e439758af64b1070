/* test-crash-safety.c — SIGKILL during a large import and during edits of
 * measure tracking never leaves a damaged or half-written database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import of a 200 000-row CSV of enterprises runs in the real program
 * (DT_BINARY --import), killed at a random moment of its run; the edits run
 * in a forked child that saves them through the tracking API of the
 * measures page and reports each saved edit through a pipe. After every
 * kill the database is reopened and checked: integrity_check is "ok", the
 * import is all there or not at all, every tracking row holds one whole
 * edit, and no edit reported as saved is missing.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-measure-tracking.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"

#define N_ROWS   200000
#define N_KILLS  12
#define N_TRACKED 36

typedef struct
{
  char *dir;
  char *pristine;   /* a database with the sample data, closed */
  char *path;       /* the database each run works on */
} Fixture;

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_remove (lock);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;

  f->dir = g_dir_make_tmp ("dt-crash-XXXXXX", &error);
  g_assert_no_error (error);
  f->pristine = g_build_filename (f->dir, "pristine.db", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);

  store = dt_sample_data_open (f->pristine, &error);
  g_assert_no_error (error);
  /* Leave everything in the main file, so one copy is a whole database. */
  g_assert_true (dt_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pack = g_build_filename (f->dir, "big.csv", NULL);

  remove_database (f->pristine);
  remove_database (f->path);
  g_remove (pack);
  g_rmdir (f->dir);
  g_free (f->pristine);
  g_free (f->path);
  g_free (f->dir);
}

static void
reset_database (Fixture *f)
{
  g_autoptr(GFile) from = g_file_new_for_path (f->pristine);
  g_autoptr(GFile) to = g_file_new_for_path (f->path);
  g_autoptr(GError) error = NULL;

  remove_database (f->path);
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Reopens after a kill; the open itself recovers the WAL. */
static DtStore *
reopen_checked (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (path, &error);
  g_autofree char *integrity = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  integrity = dt_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  return g_steal_pointer (&store);
}

/* A CSV of enterprises, as officials import them; it replaces the sample
 * enterprises: "none of it" then means the sample list, untouched, and
 * "all of it" the 200 000 new rows. */
static char *
write_big_csv (Fixture  *f,
               char    **out_checksum)
{
  g_autoptr(GString) csv = g_string_sized_new (N_ROWS * 60);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "big.csv", NULL);

  g_string_append (csv, "年份,排名,企业名称,所在地市,数字贸易额（万元）\r\n");
  for (guint i = 1; i <= N_ROWS; i++)
    g_string_append_printf (csv, "2024,%u,压测企业%06u有限公司,杭州,%u.5\r\n", i, i, i);

  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  *out_checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)csv->str, csv->len);
  return path;
}

static GPid
spawn_import (const char *binary,
              const char *database,
              const char *pack)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { binary, "--database", database, "--import", pack, NULL };
  GPid pid = 0;

  g_spawn_async (NULL, (char **)argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static int
wait_child (GPid pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  return status;
}

static void
test_import_killed (Fixture       *f,
                    gconstpointer  data)
{
  const char *binary = g_getenv ("DT_BINARY");
  g_autofree char *checksum = NULL;
  g_autofree char *pack = NULL;
  g_autofree char *old_checksum = NULL;
  gint64 old_listings, old_enterprises;
  gint64 start, duration;
  guint kills = 0, all = 0, none = 0;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not set to the built digital-trade");
      return;
    }

  pack = write_big_csv (f, &checksum);

  {
    g_autoptr(DtStore) store = reopen_checked (f->pristine);

    old_checksum = dt_test_query_text (store, "SELECT checksum FROM datasets WHERE key = 'enterprises'");
    old_listings = dt_test_query_int (store, "SELECT count(*) FROM listings");
    old_enterprises = dt_test_query_int (store, "SELECT count(*) FROM enterprises");
    g_assert_cmpint (old_listings, >, 0);
  }

  /* One undisturbed run: it must succeed, and its length sets the window
   * in which the kills fall. */
  reset_database (f);
  start = g_get_monotonic_time ();
  {
    int status = wait_child (spawn_import (binary, f->path, pack));

    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  }
  duration = g_get_monotonic_time () - start;
  g_test_message ("an undisturbed import of %d rows takes %.2f s", N_ROWS, duration / 1e6);
  {
    g_autoptr(DtStore) store = reopen_checked (f->path);
    g_autofree char *new_checksum = dt_test_query_text (store, "SELECT checksum FROM datasets WHERE key = 'enterprises'");

    g_assert_cmpstr (new_checksum, ==, checksum);
    g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM listings"), ==, N_ROWS);
  }

  for (guint attempt = 0; kills < N_KILLS; attempt++)
    {
      GPid pid;
      int status;
      gint64 delay = g_test_rand_int_range (0, (gint32)MIN (duration, G_MAXINT32));

      g_assert_cmpuint (attempt, <, N_KILLS * 3);

      reset_database (f);
      pid = spawn_import (binary, f->path, pack);
      g_usleep (delay);
      kill (pid, SIGKILL);
      status = wait_child (pid);
      if (!WIFSIGNALED (status))
        continue; /* it finished first: not a kill */
      kills++;

      {
        g_autoptr(DtStore) store = reopen_checked (f->path);
        g_autofree char *now_checksum = dt_test_query_text (store, "SELECT checksum FROM datasets WHERE key = 'enterprises'");
        gint64 listings = dt_test_query_int (store, "SELECT count(*) FROM listings");
        gint64 enterprises = dt_test_query_int (store, "SELECT count(*) FROM enterprises");

        g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets"), ==, 5);
        if (g_strcmp0 (now_checksum, checksum) == 0)
          {
            g_assert_cmpint (listings, ==, N_ROWS);
            g_assert_cmpint (enterprises, ==, N_ROWS);
            all++;
            g_test_message ("kill %u after %.3f s: all of the import", kills, delay / 1e6);
          }
        else
          {
            g_assert_cmpstr (now_checksum, ==, old_checksum);
            g_assert_cmpint (listings, ==, old_listings);
            g_assert_cmpint (enterprises, ==, old_enterprises);
            none++;
            g_test_message ("kill %u after %.3f s: none of the import", kills, delay / 1e6);
          }
      }
    }

  g_test_message ("%u kills survived: %u with all of the import, %u with none of it", kills, all, none);
  g_assert_cmpuint (kills, >=, N_KILLS);
}

/* Edit k of row 1 + k % N_TRACKED sets its notes, progress and status, each
 * through the tracking API the measures page uses (one transaction per
 * field), all derived from k. The notes are long enough to span overflow
 * pages: a torn write would show as notes that are no edit's. */
static const char * const statuses[] = { "not-started", "in-progress", "in-effect", "suspended", "expired" };

static char *
notes_for (guint k)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  while (notes->len < 6000)
    g_string_append_printf (notes, "edit %u 第%u次修改; ", k, k);
  return g_string_free (g_steal_pointer (&notes), FALSE);
}

G_GNUC_NORETURN static void
edit_forever (const char *path,
              int         report_fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (path, &error);

  if (store == NULL)
    _exit (2);

  for (guint32 k = 1; ; k++)
    {
      g_autofree char *notes = notes_for (k);
      gint64 no = 1 + k % N_TRACKED;

      if (!dt_measure_tracking_set_notes (store, no, notes, NULL, NULL) ||
          !dt_measure_tracking_set_progress (store, no, k % 101, NULL, NULL) ||
          !dt_measure_tracking_set_status (store, no, statuses[k % G_N_ELEMENTS (statuses)], NULL, NULL))
        _exit (4);
      /* Saved: tell the parent, which then expects to find it. */
      if (write (report_fd, &k, sizeof k) != sizeof k)
        _exit (5);
    }
}

static void
test_tracking_edits_killed (Fixture       *f,
                            gconstpointer  data)
{
  guint kills = 0;
  guint32 total_edits = 0;

  reset_database (f);
  {
    g_autoptr(DtStore) store = reopen_checked (f->path);

    g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM measures"), >=, N_TRACKED);
    g_assert_true (dt_store_exec (store, "DELETE FROM measure_tracking", NULL));
  }

  for (; kills < N_KILLS; kills++)
    {
      int fds[2];
      pid_t pid;
      guint32 k, last_saved = 0;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          edit_forever (f->path, fds[1]);
        }
      close (fds[1]);

      g_usleep (g_test_rand_int_range (20000, 400000));
      kill (pid, SIGKILL);
      g_assert_true (WIFSIGNALED (wait_child (pid)));

      while (read (fds[0], &k, sizeof k) == sizeof k)
        last_saved = k;
      close (fds[0]);
      total_edits += last_saved;

      {
        g_autoptr(DtStore) store = reopen_checked (f->path);

        for (gint64 no = 1; no <= N_TRACKED; no++)
          {
            g_auto(DtMeasureTracking) tracking = { 0 };
            g_autoptr(GError) error = NULL;
            g_autofree char *expected = NULL;
            guint32 edit = 0;

            g_assert_true (dt_measure_tracking_get (store, no, &tracking, &error));
            g_assert_no_error (error);
            g_assert_cmpint (tracking.progress, >=, 0);
            g_assert_cmpint (tracking.progress, <=, 100);
            g_assert_true (g_strv_contains (statuses, tracking.status));
            if (tracking.notes[0] == '\0')
              {
                /* Never edited by this child: nothing it reported saved. */
                g_assert_false (last_saved > 0 && 1 + last_saved % N_TRACKED == no);
                continue;
              }

            /* The notes are exactly one edit's, of this row. */
            g_assert_cmpint (sscanf (tracking.notes, "edit %u ", &edit), ==, 1);
            expected = notes_for (edit);
            g_assert_cmpstr (tracking.notes, ==, expected);
            g_assert_cmpint (1 + edit % N_TRACKED, ==, no);

            /* No edit reported as saved is lost, and the last one of this
             * row is whole. */
            if (last_saved > 0 && 1 + last_saved % N_TRACKED == no)
              {
                g_assert_cmpuint (edit, >=, last_saved);
                if (edit == last_saved)
                  {
                    g_assert_cmpint (tracking.progress, ==, last_saved % 101);
                    g_assert_cmpstr (tracking.status, ==, statuses[last_saved % G_N_ELEMENTS (statuses)]);
                  }
              }
          }

        /* Start the next child from clean rows, so that its edits are
         * told apart from this one's. */
        g_assert_true (dt_store_exec (store, "DELETE FROM measure_tracking", NULL));
      }
    }

  g_test_message ("%u kills survived during %u saved edits of measure tracking", kills, total_edits);
  g_assert_cmpuint (total_edits, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash-safety/import/sigkill", Fixture, NULL, fixture_set_up, test_import_killed, fixture_tear_down);
  g_test_add ("/crash-safety/tracking/sigkill", Fixture, NULL, fixture_set_up, test_tracking_edits_killed, fixture_tear_down);

  return g_test_run ();
}
