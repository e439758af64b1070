/* test-fresh-views.c — the window shows what is in the database now: after
 * another program changed it, after a re-import, and a sync can be stopped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dt-test-widgets.h"
#include "dt-application.h"
#include "dt-eligibility-list.h"
#include "dt-enterprises-page.h"
#include "dt-import-file.h"
#include "dt-measure-detail.h"
#include "dt-measure-row.h"
#include "dt-measures-page.h"
#include "dt-window.h"

static char *db_dir;
static char *db_path;
static DtApplication *app;

static DtWindow *
open_window (const char *page)
{
  DtWindow *window = dt_window_new (app, dt_application_get_store (app), NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, page);
  dt_test_iterate_until_idle ();
  return window;
}

static void
close_window (DtWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static gboolean
page_idle (gpointer page)
{
  return !dt_enterprises_page_is_busy (page) &&
         g_list_model_get_n_items (G_LIST_MODEL (dt_enterprises_page_get_model (page))) > 0;
}

static int
latest_year (void)
{
  sqlite3_stmt *stmt = dt_store_prepare (dt_application_get_store (app), "SELECT max(year) FROM listings", NULL);
  int year;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  year = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return year;
}

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  *(gboolean *)data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* The command line hands its command to this process's window (it holds
 * the database), so the main loop runs while it works. */
static void
run_binary (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (argv, g_strdup (g_getenv ("DT_BINARY")));
  g_ptr_array_add (argv, g_strconcat ("--database=", db_path, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated, &done);
  dt_test_wait_for (is_true, &done, 60);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_successful (process));
}

/* The detail's eligibility list could not be built (its row is gone). */
static gboolean
eligibility_failed (GtkWidget *page)
{
  GtkWidget *list = dt_test_find_descendant (page, DT_TYPE_ELIGIBILITY_LIST);

  return list != NULL && dt_test_find_label (list, "Eligibility cannot be checked") != NULL;
}

static GtkSelectionModel *
page_selection (GtkWidget *page)
{
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (dt_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW)));
}

/* Every row the table holds names an enterprise that exists. */
static void
assert_rows_exist (GtkWidget *page)
{
  GListModel *model = G_LIST_MODEL (dt_enterprises_page_get_model (DT_ENTERPRISES_PAGE (page)));
  DtStore *store = dt_application_get_store (app);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DtEnterpriseRow) row = dt_test_get_loaded_row (model, i);
      sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT 1 FROM enterprises WHERE id = ?", NULL);

      g_assert_nonnull (row);
      sqlite3_bind_int64 (stmt, 1, dt_enterprise_row_get_record (row)->enterprise_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      sqlite3_finalize (stmt);
    }
}

typedef struct
{
  GtkWidget  *page;
  const char *name;
} Renamed;

static gboolean
first_row_renamed (gpointer data)
{
  Renamed *r = data;
  GListModel *model = G_LIST_MODEL (dt_enterprises_page_get_model (DT_ENTERPRISES_PAGE (r->page)));
  g_autoptr(DtEnterpriseRow) row = NULL;

  if (dt_enterprises_page_is_busy (DT_ENTERPRISES_PAGE (r->page)) || g_list_model_get_n_items (model) == 0)
    return FALSE;
  row = g_list_model_get_item (model, 0);
  return row != NULL && g_strcmp0 (dt_enterprise_row_get_record (row)->name_zh, r->name) == 0;
}

/* The command line re-imports this year's list with one name changed,
 * while the window shows it: the window notices (PRAGMA data_version, on
 * focus and on a timer), and shows the new rows with a working detail. */
static void
test_other_process_import_shown (void)
{
  g_autofree char *csv_path = g_build_filename (db_dir, "list.csv", NULL);
  g_autofree char *year_arg = g_strdup_printf ("--year=%d", latest_year ());
  g_autofree char *output_arg = g_strconcat ("--output=", csv_path, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", csv_path, NULL);
  g_autofree char *csv = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;
  DtWindow *window;
  GtkWidget *page;
  Renamed renamed = { NULL, "重新导入后的企业名称" };

  if (g_getenv ("DT_BINARY") == NULL || !g_file_test (g_getenv ("DT_BINARY"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not built");
      return;
    }

  window = open_window ("enterprises");
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_ENTERPRISES_PAGE);
  dt_test_wait_for (page_idle, page, 10);
  gtk_selection_model_select_item (page_selection (page), 0, TRUE);
  dt_test_iterate_until_idle ();
  {
    g_autoptr(DtEnterpriseRow) first = dt_test_get_loaded_row (G_LIST_MODEL (dt_enterprises_page_get_model (DT_ENTERPRISES_PAGE (page))), 0);

    old_name = g_strdup (dt_enterprise_row_get_record (first)->name_zh);
  }
  g_assert_false (eligibility_failed (page));

  {
    const char *args[] = { "--export=enterprises", year_arg, output_arg, "--header=keys", NULL };
    run_binary (args);
  }
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  edited = g_string_new (csv);
  g_assert_cmpuint (g_string_replace (edited, old_name, renamed.name, 1), ==, 1);
  g_assert_true (g_file_set_contents (csv_path, edited->str, edited->len, &error));
  {
    const char *args[] = { import_arg, "--kind=enterprises", year_arg, NULL };
    run_binary (args);
  }

  renamed.page = page;
  dt_test_wait_for (first_row_renamed, &renamed, 20);
  dt_test_iterate_until_idle ();
  assert_rows_exist (page);
  g_assert_false (eligibility_failed (page));
  g_assert_nonnull (dt_test_find_label (page, renamed.name));

  close_window (window);
  g_remove (csv_path);
}

static gboolean
detail_emptied (gpointer detail)
{
  return dt_measure_detail_get_no (detail) == 0;
}

/* Another connection deletes the measure shown: the detail pane clears
 * itself instead of offering edits that fail. */
static void
test_measure_gone_clears_detail (void)
{
  DtWindow *window = open_window ("measures");
  GtkWidget *page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  GtkWidget *detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);
  sqlite3 *other = NULL;

  dt_measures_page_select (DT_MEASURES_PAGE (page), 36);
  dt_test_iterate_until_idle ();
  g_assert_cmpint (dt_measure_detail_get_no (DT_MEASURE_DETAIL (detail)), ==, 36);

  g_assert_cmpint (sqlite3_open (db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "DELETE FROM measures WHERE no = 36", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  dt_test_wait_for (detail_emptied, detail, 20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (detail)))), ==, "empty");
  g_assert_null (dt_test_find_label (GTK_WIDGET (window), "There is no measure number 36"));

  close_window (window);
}

/* This window re-imports the list shown ("changed"): the rows and the
 * selected row's detail are fetched again and still work. */
static void
test_detail_after_re_import (void)
{
  DtStore *store = dt_application_get_store (app);
  g_autofree char *csv_path = g_build_filename (db_dir, "again.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  DtWindow *window = open_window ("enterprises");
  GtkWidget *page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_ENTERPRISES_PAGE);

  dt_test_wait_for (page_idle, page, 10);
  gtk_selection_model_select_item (page_selection (page), 2, TRUE);
  dt_test_iterate_until_idle ();
  g_assert_false (eligibility_failed (page));

  {
    g_autofree char *year_arg = g_strdup_printf ("--year=%d", latest_year ());
    g_autofree char *output_arg = g_strconcat ("--output=", csv_path, NULL);
    const char *args[] = { "--export=enterprises", year_arg, output_arg, "--header=keys", NULL };

    if (g_getenv ("DT_BINARY") == NULL)
      {
        g_test_skip ("DT_BINARY is not built");
        close_window (window);
        return;
      }
    run_binary (args);
  }
  bytes = dt_import_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dt_import_bytes (store, bytes, csv_path, "enterprises", 0, NULL, NULL, NULL, &kind, NULL, &error));
  g_assert_no_error (error);
  dt_store_emit_changed (store, kind);
  dt_test_wait_for (page_idle, page, 10);
  dt_test_iterate_until_idle ();

  assert_rows_exist (page);
  g_assert_false (eligibility_failed (page));

  close_window (window);
  g_remove (csv_path);
}

static gboolean
sync_cancelled_said (gpointer window)
{
  return dt_test_find_label (window, "Update cancelled") != NULL;
}

/* A sync whose server never answers can be stopped from its progress
 * toast; it says so and changes nothing. */
static void
test_sync_cancelled (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  DtWindow *window = open_window ("overview");
  GtkWidget *cancel;
  guint16 port;

  /* Connections are accepted by the kernel and never answered. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/manifest.json", port);
  g_settings_set_string (settings, "sync-url", url);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  dt_test_iterate_until_idle ();
  g_assert_nonnull (dt_test_find_label (GTK_WIDGET (window), "Checking for updates"));
  cancel = dt_test_find_button (GTK_WIDGET (window), "_Cancel");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");

  dt_test_wait_for (sync_cancelled_said, window, 10);
  g_assert_null (dt_test_find_label (GTK_WIDGET (window), "Update Failed"));

  g_settings_set_string (settings, "sync-url", "");
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  db_dir = g_dir_make_tmp ("dt-fresh-views-XXXXXX", NULL);
  db_path = g_build_filename (db_dir, "fresh.db", NULL);
  app = dt_application_new (db_path, NULL, NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/fresh-views/other-process-import-shown", test_other_process_import_shown);
  g_test_add_func ("/fresh-views/measure-gone-clears-detail", test_measure_gone_clears_detail);
  g_test_add_func ("/fresh-views/detail-after-re-import", test_detail_after_re_import);
  g_test_add_func ("/fresh-views/sync-cancelled", test_sync_cancelled);

  status = g_test_run ();
  g_clear_object (&app);
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", db_dir);
      (void) !system (cmd);
    }
  return status;
}
