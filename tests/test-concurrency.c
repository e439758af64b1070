/* test-concurrency.c — the real window and command-line runs on one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real program (DT_BINARY): a window under the Xvfb and session
 * bus of build-aux/test.sh, and command-line runs beside it.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-test-util.h"
#include "dt-test-widgets.h"
#include "dt-application.h"
#include "dt-error.h"
#include "dt-import-dialog.h"
#include "dt-store-lock.h"
#include "dt-window.h"

#define N_ROUNDS 10

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("dt-concurrency-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "shared.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs digital-trade with @args in @cwd; returns its exit status. */
static int
run_cli (const char         *cwd,
         gboolean            without_bus,
         const char * const *args,
         GBytes            **out,
         char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  if (without_bus)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);

  g_ptr_array_add (argv, (char *)g_getenv ("DT_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  stderr_text = g_strndup (g_bytes_get_size (stderr_bytes) > 0 ? g_bytes_get_data (stderr_bytes, NULL) : "",
                           g_bytes_get_size (stderr_bytes));
  if (stderr_text[0] != '\0')
    g_test_message ("%s: %s", args[1], stderr_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_bytes);

  return g_subprocess_get_exit_status (process);
}

/* TRUE when someone holds DB.lock exclusively (the window). */
static gboolean
window_lock_held (const char *database)
{
  g_autofree char *path = dt_store_lock_path (database);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean held;

  if (fd < 0)
    return FALSE;
  held = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  return held;
}

/* A failed test must not leave its window running (and holding the
 * test's output open). */
static void
die_with_test (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
start_window (const char *database,
              const char *lock_wait_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *option = g_strconcat ("--database=", database, NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *window;

  /* Not the callers' folder: relative names must be resolved with theirs. */
  g_subprocess_launcher_set_cwd (launcher, "/");
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  if (lock_wait_ms != NULL)
    g_subprocess_launcher_setenv (launcher, "DT_LOCK_WAIT_MS", lock_wait_ms, TRUE);
  window = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("DT_BINARY"), option, NULL);
  g_assert_no_error (error);
  return window;
}

static void
wait_for_window (const char  *database,
                 GSubprocess *window)
{
  for (guint i = 0; i < 600 && !window_lock_held (database); i++)
    {
      g_assert_nonnull (g_subprocess_get_identifier (window));
      g_usleep (50 * 1000);
    }
  g_assert_true (window_lock_held (database));

  /* The lock comes first, then a new database gets its sample data: wait
   * for that commit, or a "before" taken now would see an empty database. */
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(DtStore) store = dt_store_open_read_only (database, NULL);

      if (store != NULL && dt_test_query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'datasets'") > 0 &&
          dt_test_query_int (store, "SELECT count(*) FROM datasets") > 0)
        return;
      g_usleep (50 * 1000);
    }
  g_assert_not_reached ();
}

static gboolean
wait_for_exit (GSubprocess *process)
{
  /* GSubprocess reaps its child on GLib's worker thread. */
  for (guint i = 0; i < 600 && g_subprocess_get_identifier (process) != NULL; i++)
    g_usleep (50 * 1000);
  if (g_subprocess_get_identifier (process) == NULL)
    return TRUE;
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  return FALSE;
}

/* Quits the window like Ctrl+Q, through its exported actions. */
static void
quit_window (const char  *database,
             GSubprocess *window)
{
  g_autofree char *id = dt_application_id_for_database (database);
  g_autofree char *object_path = g_strconcat ("/", id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  g_strdelimit (object_path, ".", '/');
  reply = g_dbus_connection_call_sync (bus, id, object_path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for_exit (window));
  g_assert_true (g_subprocess_get_if_exited (window));
  g_assert_cmpint (g_subprocess_get_exit_status (window), ==, 0);
}

typedef struct
{
  gint64  n_listings;
  char   *checksum;   /* of everything but the English names */
  gint64  n_named;    /* listings whose enterprise has the round's name */
} Content;

/* Checks the database the way another program would: through SQLite. */
static void
check_database (const char *database,
                const char *name_en,
                Content    *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (database, &error);
  g_autofree char *check = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  check = dt_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  content->n_listings = dt_test_query_int (store, "SELECT count(*) FROM listings");
  g_free (content->checksum);
  content->checksum = dt_test_query_text (store,
                                          "SELECT count(*) || ':' || total(year * 1000 + rank) || ':' || "
                                          "total(trade_volume) || ':' || group_concat(name_zh || credit_code, '') "
                                          "FROM (SELECT l.year, l.rank, l.trade_volume, e.name_zh, e.credit_code "
                                          "      FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                                          "      ORDER BY l.year, l.rank)");
  sql = g_strdup_printf ("SELECT count(*) FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                         "WHERE e.name_en = '%s'", name_en != NULL ? name_en : "");
  content->n_named = dt_test_query_int (store, sql);
}

static char *
read_text (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The reported bug: window open, imports from the window and from the
 * command line in turn, exports between them; the database ended up
 * "malformed". The window's imports now include the command-line ones it
 * is handed, on a second connection in the window's process. */
static void
test_window_and_command_line_rounds (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *database_option = g_strconcat ("--database=", f->path, NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *original_path = g_build_filename (f->dir, "original.csv", NULL);
  g_autofree char *original_option = g_strconcat ("--output=", original_path, NULL);
  g_autofree char *original = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *first_name_cell = NULL;
  g_autoptr(GSubprocess) window = NULL;
  Content before = { 0 };
  Content after = { 0 };
  gint64 n_first_name;

  /* The app's own export, before the window exists. */
  {
    const char *args[] = { database_option, "--export=enterprises", "--header=keys", original_option, NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(DtStore) store = NULL;

    g_assert_cmpint (run_cli (NULL, FALSE, args, NULL, NULL), ==, 0);
    store = dt_store_open (f->path, &error);
    g_assert_no_error (error);
    first_name = dt_test_query_text (store,
                                     "SELECT e.name_en FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                                     "WHERE e.name_en NOT LIKE '%\"%' ORDER BY l.year DESC, l.rank LIMIT 1");
  }
  original = read_text (original_path);
  g_assert_nonnull (first_name);
  /* As the CSV writes it: quoted when it holds a comma. */
  first_name_cell = strchr (first_name, ',') != NULL ? g_strdup_printf ("\"%s\"", first_name)
                                                     : g_strdup (first_name);
  check_database (f->path, first_name, &before);
  g_assert_cmpint (before.n_listings, >, 0);
  n_first_name = before.n_named;
  g_assert_cmpint (n_first_name, >, 0);

  window = start_window (f->path, NULL);
  wait_for_window (f->path, window);

  for (guint round = 1; round <= N_ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("Round %u Trading Co", round);
      g_autofree char *import_path = g_strdup_printf ("%s/round-%u.csv", f->dir, round);
      g_autofree char *import_option = g_strconcat ("--import=", import_path, NULL);
      g_autofree char *export_path = g_strdup_printf ("%s/export-%u.csv", f->dir, round);
      g_autofree char *export_option = g_strconcat ("--output=", export_path, NULL);
      g_autofree char *measures_option = g_strdup_printf ("--output=%s/measures-%u.csv", f->dir, round);
      g_autofree char *exported = NULL;
      g_autofree char *changed = NULL;
      g_autoptr(GBytes) printed = NULL;
      g_auto(GStrv) pieces = NULL;
      const char *import_args[] = { database_option, import_option, NULL };
      const char *export_args[] = { database_option, "--export=enterprises", "--header=keys", export_option, NULL };
      const char *print_args[] = { database_option, "--export=enterprises", "--header=keys", NULL };
      const char *measures_args[] = { database_option, "--export=measures", measures_option, NULL };

      /* One English name changed, everything else as exported. */
      pieces = g_strsplit (original, first_name_cell, -1);
      changed = g_strjoinv (name, pieces);
      write_text (import_path, changed);

      g_assert_cmpint (run_cli (NULL, FALSE, import_args, NULL, NULL), ==, 0);
      g_assert_cmpint (run_cli (NULL, FALSE, measures_args, NULL, NULL), ==, 0);
      g_assert_cmpint (run_cli (NULL, FALSE, export_args, NULL, NULL), ==, 0);
      g_assert_cmpint (run_cli (NULL, FALSE, print_args, &printed, NULL), ==, 0);

      /* What was imported is what is exported, to a file or to stdout. */
      exported = read_text (export_path);
      g_assert_true (g_str_equal (exported, changed));
      g_assert_cmpuint (g_bytes_get_size (printed), ==, strlen (exported));
      g_assert_true (memcmp (g_bytes_get_data (printed, NULL), exported, strlen (exported)) == 0);

      check_database (f->path, name, &after);
      g_assert_cmpint (after.n_listings, ==, before.n_listings);
      g_assert_cmpstr (after.checksum, ==, before.checksum);
      g_assert_cmpint (after.n_named, ==, n_first_name);
      /* The window's connection still holds its write-ahead log: nobody
       * believed they were alone and deleted it. */
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_true (window_lock_held (f->path));
    }

  quit_window (f->path, window);
  g_assert_false (window_lock_held (f->path));
  check_database (f->path, "Round 10 Trading Co", &after);
  g_assert_cmpint (after.n_named, ==, n_first_name);
  g_assert_cmpstr (after.checksum, ==, before.checksum);

  g_free (before.checksum);
  g_free (after.checksum);
}

/* While the window has the database, a headless run hands its command to
 * it (relative names meaning the caller's folder), or without a session
 * bus refuses and changes nothing; a second window start presents the
 * first one and ends. */
static void
test_handed_to_window_or_refused (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *lock_path = dt_store_lock_path (f->path);
  g_autofree char *relative_out = g_build_filename (f->dir, "relative.csv", NULL);
  g_autofree char *refused_out = g_build_filename (f->dir, "refused.csv", NULL);
  g_autofree char *refused_option = g_strconcat ("--output=", refused_out, NULL);
  g_autofree char *import_path = g_build_filename (f->dir, "import.csv", NULL);
  g_autofree char *import_option = g_strconcat ("--import=", import_path, NULL);
  g_autofree char *database_option = g_strconcat ("--database=", f->path, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) window = NULL;
  g_autoptr(GSubprocess) second = NULL;
  Content before = { 0 };
  Content after = { 0 };

  window = start_window (f->path, NULL);
  wait_for_window (f->path, window);
  check_database (f->path, NULL, &before);

  /* Handed over: the window writes relative.csv into the caller's folder. */
  {
    const char *args[] = { "--database=shared.db", "--export=enterprises", "--header=keys", "--output=relative.csv", NULL };
    g_autofree char *contents = NULL;

    g_assert_cmpint (run_cli (f->dir, FALSE, args, NULL, NULL), ==, 0);
    contents = read_text (relative_out);
    write_text (import_path, contents);
  }

  /* Same exit status as a run of its own: a missing file is an error. */
  {
    const char *args[] = { "--database=shared.db", "--import=no-such-file.csv", NULL };

    g_assert_cmpint (run_cli (f->dir, FALSE, args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no-such-file.csv"));
    g_clear_pointer (&err, g_free);
  }

  /* No session bus: refused, with the reason, and nothing written. */
  {
    const char *export_args[] = { database_option, "--export=enterprises", refused_option, NULL };
    const char *import_args[] = { database_option, import_option, NULL };

    g_assert_cmpint (run_cli (NULL, TRUE, export_args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "the Digital Trade window has this database open"));
    g_assert_false (g_file_test (refused_out, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli (NULL, TRUE, import_args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "the Digital Trade window has this database open"));
    check_database (f->path, NULL, &after);
    g_assert_cmpstr (after.checksum, ==, before.checksum);
  }

  /* A second window on the same database only presents the first. */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
    g_autoptr(GError) error = NULL;

    g_subprocess_launcher_set_cwd (launcher, f->dir);
    second = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("DT_BINARY"), "--database=./shared.db", NULL);
    g_assert_no_error (error);
    g_assert_true (wait_for_exit (second));
    g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
    g_assert_true (window_lock_held (f->path));
    g_assert_nonnull (g_subprocess_get_identifier (window));
  }

  quit_window (f->path, window);

  /* The window is gone: its lock with it, the lock file stays. */
  g_assert_false (window_lock_held (f->path));
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  {
    const char *args[] = { database_option, import_option, NULL };

    g_assert_cmpint (run_cli (NULL, TRUE, args, NULL, NULL), ==, 0);
  }

  g_free (before.checksum);
  g_free (after.checksum);
}

/* A window started while a command-line run holds the database waits for
 * it to finish, then takes the database. */
static void
test_window_waits_for_command_line (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStoreLock) headless = dt_store_lock_acquire (f->path, DT_STORE_LOCK_SHARED, 0, &error);
  g_autoptr(DtStoreLock) other = NULL;
  g_autoptr(GSubprocess) window = NULL;

  g_assert_no_error (error);
  window = start_window (f->path, "30000");

  /* Until the run ends, other runs still get in. */
  g_usleep (G_USEC_PER_SEC);
  other = dt_store_lock_acquire (f->path, DT_STORE_LOCK_SHARED, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&other, dt_store_lock_release);
  g_assert_false (window_lock_held (f->path));

  g_clear_pointer (&headless, dt_store_lock_release);
  wait_for_window (f->path, window);
  quit_window (f->path, window);
}

/* Run in a child process: an application of our own whose wait for the
 * lock runs out explains that in its window. */
static void
window_explains_busy_database (void)
{
  g_autoptr(DtApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status;
  GList *windows;

  if (!g_test_subprocess ())
    return;

  g_setenv ("DT_LOCK_WAIT_MS", "200", TRUE);
  app = dt_application_new (g_getenv ("DT_TEST_DATABASE"), NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (dt_application_get_store (app));

  g_application_activate (G_APPLICATION (app));
  dt_test_iterate_until_idle ();
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  status = dt_test_find_descendant (GTK_WIDGET (g_list_last (windows)->data), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "is using this database"));
  g_assert_false (g_file_test (g_getenv ("DT_TEST_DATABASE"), G_FILE_TEST_EXISTS));
}

static void
test_window_explains_busy_database (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStoreLock) headless = dt_store_lock_acquire (f->path, DT_STORE_LOCK_SHARED, 0, &error);

  g_assert_no_error (error);
  g_setenv ("DT_TEST_DATABASE", f->path, TRUE);
  g_test_trap_subprocess ("/concurrency/window/explains-busy-database/child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* digital-trade FILE.csv, or opening it from Files: its import preview. */
static void
opened_file_shows_import_preview (void)
{
  g_autoptr(DtApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListModel) toplevels = NULL;
  gboolean found = FALSE;

  if (!g_test_subprocess ())
    return;

  app = dt_application_new (g_getenv ("DT_TEST_DATABASE"), NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (dt_application_get_store (app));

  file = g_file_new_for_path (g_getenv ("DT_TEST_IMPORT_FILE"));
  g_application_open (G_APPLICATION (app), &file, 1, "");
  dt_test_iterate_until_idle ();

  toplevels = gtk_window_get_toplevels ();
  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      found |= DT_IS_IMPORT_DIALOG (window);
    }
  g_assert_true (found);
}

static void
test_opened_file_shows_import_preview (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "list.csv", NULL);

  write_text (csv, "year,rank,name_zh,credit_code,city\r\n2023,1,示例企业,91330100MA27XK0Q3U,杭州市\r\n");
  g_setenv ("DT_TEST_DATABASE", f->path, TRUE);
  g_setenv ("DT_TEST_IMPORT_FILE", csv, TRUE);
  g_test_trap_subprocess ("/concurrency/window/opened-file-shows-import-preview/child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/concurrency/window-and-command-line/rounds", Fixture, NULL,
              fixture_set_up, test_window_and_command_line_rounds, fixture_tear_down);
  g_test_add ("/concurrency/command-line/handed-to-window-or-refused", Fixture, NULL,
              fixture_set_up, test_handed_to_window_or_refused, fixture_tear_down);
  g_test_add ("/concurrency/window/waits-for-command-line", Fixture, NULL,
              fixture_set_up, test_window_waits_for_command_line, fixture_tear_down);
  g_test_add ("/concurrency/window/explains-busy-database", Fixture, NULL,
              fixture_set_up, test_window_explains_busy_database, fixture_tear_down);
  g_test_add_func ("/concurrency/window/explains-busy-database/child", window_explains_busy_database);
  g_test_add ("/concurrency/window/opened-file-shows-import-preview", Fixture, NULL,
              fixture_set_up, test_opened_file_shows_import_preview, fixture_tear_down);
  g_test_add_func ("/concurrency/window/opened-file-shows-import-preview/child", opened_file_shows_import_preview);

  return g_test_run ();
}
