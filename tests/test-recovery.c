/* test-recovery.c — the recovery page for a damaged database, and the
 * Restore from Backup dialog, in the real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dt-application.h"
#include "dt-backup.h"
#include "dt-error.h"
#include "dt-recovery-page.h"
#include "dt-restore-dialog.h"
#include "dt-sample-data.h"
#include "dt-screenshot.h"
#include "dt-test-widgets.h"
#include "dt-window.h"

static char *db_dir;
static DtApplication *app;

/* Runs the main loop until the window shows its pages (recovery runs on a
 * thread). */
static AdwViewStack *
wait_for_pages (DtWindow *window)
{
  GtkWidget *stack = NULL;

  for (guint tries = 0; tries < 200 && stack == NULL; tries++)
    {
      g_usleep (20000);
      dt_test_iterate_until_idle ();
      stack = dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
    }
  g_assert_nonnull (stack);
  return ADW_VIEW_STACK (stack);
}

static char *
damaged_database (const char *name)
{
  char *path = g_build_filename (db_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "overwritten by something else", -1, NULL));
  return path;
}

static DtWindow *
open_recovery_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);
  DtWindow *window;

  g_assert_null (store);
  g_assert_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE);

  window = dt_window_new_for_recovery (app, path, error);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  g_assert_nonnull (dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_RECOVERY_PAGE));
  g_assert_null (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  /* A header bar, hence a close button; and no modal dialog in front. */
  g_assert_nonnull (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR));
  g_assert_null (dt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  return window;
}

static char *
find_moved_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
test_start_fresh (void)
{
  g_autofree char *path = damaged_database ("fresh.db");
  g_autofree char *moved = NULL;
  g_autofree char *kept = NULL;
  DtWindow *window = open_recovery_window (path);
  GtkWidget *fresh;
  AdwViewStack *stack;

  /* No backup yet: only starting afresh (and quitting) is offered. */
  g_assert_false (gtk_widget_get_visible (dt_test_find_button (GTK_WIDGET (window), _("_Restore Latest Backup"))));
  fresh = dt_test_find_button (GTK_WIDGET (window), _("_Start Fresh"));
  g_assert_nonnull (fresh);
  gtk_widget_activate (fresh);

  stack = wait_for_pages (window);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "overview");
  g_assert_nonnull (dt_window_get_store (window));
  g_assert_true (dt_store_has_sample_data (dt_window_get_store (window)));

  moved = find_moved_aside (path);
  g_assert_nonnull (moved);
  g_assert_true (g_file_get_contents (moved, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "overwritten by something else");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_restore_latest (void)
{
  g_autofree char *path = g_build_filename (db_dir, "restore.db", NULL);
  g_autoptr(GError) error = NULL;
  DtWindow *window;
  GtkWidget *restore;
  gint64 n_measures;

  {
    g_autoptr(DtStore) store = dt_sample_data_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (dt_store_exec (store, "DELETE FROM measures WHERE no > 10", &error));
    g_assert_true (dt_backup_create (store, "import", NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_set_contents (path, "damaged", -1, NULL));

  window = open_recovery_window (path);
  restore = dt_test_find_button (GTK_WIDGET (window), _("_Restore Latest Backup"));
  g_assert_true (gtk_widget_get_visible (restore));
  gtk_widget_activate (restore);
  wait_for_pages (window);

  {
    sqlite3_stmt *stmt = dt_store_prepare (dt_window_get_store (window), "SELECT count(*) FROM measures", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n_measures = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  g_assert_cmpint (n_measures, ==, 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_changed (DtStore    *store,
            const char *kind,
            guint      *n_changed)
{
  (*n_changed)++;
}

static void
test_restore_dialog (void)
{
  g_autofree char *path = g_build_filename (db_dir, "dialog.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);
  const char *shot_dir = g_getenv ("DT_TEST_SCREENSHOT_DIR");
  DtWindow *window;
  GtkWidget *dialog;
  GtkWidget *button;
  GtkWidget *confirm;
  g_autoptr(GPtrArray) backups = NULL;
  guint n_changed = 0;
  gint64 n_measures = -1;

  g_assert_no_error (error);
  g_assert_true (dt_backup_create (store, "import", NULL, &error));
  g_assert_true (dt_store_exec (store, "DELETE FROM measures", &error));
  g_assert_true (dt_backup_create (store, "sync", NULL, &error));
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &n_changed);

  window = dt_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  dt_test_iterate_until_idle ();
  dialog = dt_test_find_toplevel (DT_TYPE_RESTORE_DIALOG);
  g_assert_nonnull (dialog);
  if (shot_dir != NULL)
    {
      g_autofree char *png = g_build_filename (shot_dir, "restore-dialog.png", NULL);

      for (guint i = 0; i < 20; i++)
        {
          g_usleep (20000);
          dt_test_iterate_until_idle ();
        }
      g_assert_true (dt_screenshot_save_png (dialog, png, &error));
    }

  /* One keyboard-reachable button per backup, newest first, each named
   * for people using a screen reader. */
  button = dt_test_find_button (dialog, _("_Restore…"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focusable (button));
  gtk_widget_activate (button);

  /* A button activated from the keyboard clicks after a short delay. */
  confirm = NULL;
  for (guint tries = 0; tries < 100 && confirm == NULL; tries++)
    {
      g_usleep (20000);
      dt_test_iterate_until_idle ();
      confirm = dt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    }

  /* Nothing happens before the confirmation. */
  g_assert_nonnull (confirm);
  g_assert_cmpuint (n_changed, ==, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "restore");

  for (guint tries = 0; tries < 200 && dt_test_find_toplevel (DT_TYPE_RESTORE_DIALOG) != NULL; tries++)
    {
      g_usleep (20000);
      dt_test_iterate_until_idle ();
    }
  g_assert_null (dt_test_find_toplevel (DT_TYPE_RESTORE_DIALOG));
  g_assert_cmpuint (n_changed, >=, 5);

  {
    sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT count(*) FROM measures", &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n_measures = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  /* Backup 1 was taken just after all measures were deleted. */
  g_assert_cmpint (n_measures, ==, 0);
  backups = dt_backup_list (path);
  g_assert_cmpstr (dt_backup_get_reason (g_ptr_array_index (backups, 0)), ==, "restore");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_quit_works (void)
{
  g_autofree char *path = damaged_database ("quit.db");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  DtWindow *window = open_recovery_window (path);
  GtkWidget *page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_RECOVERY_PAGE);

  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>q"));
  /* Ctrl+Q and the Quit button reach app.quit from the page itself. */
  g_assert_true (gtk_widget_activate_action (page, "app.quit", NULL));
  dt_test_iterate_until_idle ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  /* The damaged file is left as it was. */
  g_assert_null (find_moved_aside (path));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The translations built in the tree, for screenshots with LANGUAGE set. */
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  db_dir = g_dir_make_tmp ("dt-recovery-XXXXXX", NULL);
  path = g_build_filename (db_dir, "window.db", NULL);
  app = dt_application_new (path, NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));

  g_test_add_func ("/recovery/start-fresh", test_start_fresh);
  g_test_add_func ("/recovery/restore-latest", test_restore_latest);
  g_test_add_func ("/recovery/restore-dialog", test_restore_dialog);
  g_test_add_func ("/recovery/quit-works", test_quit_works);

  return g_test_run ();
}
