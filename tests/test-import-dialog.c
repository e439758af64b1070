/* test-import-dialog.c — the import preview and its threaded import, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <xlsxwriter.h>

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dt-import-dialog.h"
#include "dt-import-file.h"
#include "dt-preferences-window.h"
#include "dt-sample-data.h"
#include "dt-screenshot.h"
#include "dt-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
  guint    changed;
  char    *changed_kind;
} Fixture;

static void
on_changed (DtStore    *store,
            const char *kind,
            Fixture    *f)
{
  f->changed++;
  g_free (f->changed_kind);
  f->changed_kind = g_strdup (kind);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dt-import-dialog-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  /* The files the tests wrote, and the database. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->changed_kind);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

static gboolean
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return done (data);
}

static const char *
visible_page (GtkWidget *dialog)
{
  /* The stack is the only GtkStack in the dialog. */
  GtkWidget *w = dialog;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, w);
  while ((w = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_STACK (w))
        {
          g_queue_clear (&queue);
          return gtk_stack_get_visible_child_name (GTK_STACK (w));
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *w;

  g_queue_push_tail (&queue, root);
  while ((w = g_queue_pop_head (&queue)) != NULL)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        {
          g_queue_clear (&queue);
          return w;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  return NULL;
}

static GtkWidget *
find_import_button (GtkWidget *root)
{
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *w;

  g_queue_push_tail (&queue, root);
  while ((w = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "import.run") == 0)
        {
          g_queue_clear (&queue);
          return w;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  return NULL;
}

static gboolean
not_loading (gpointer data)
{
  return g_strcmp0 (visible_page (data), "loading") != 0;
}

static gboolean
shows_error (gpointer data)
{
  return g_strcmp0 (visible_page (data), "error") == 0;
}

static gboolean
is_destroyed (gpointer data)
{
  return *(gboolean *)data;
}

static void
on_destroy (GtkWidget *widget,
            gboolean  *destroyed)
{
  *destroyed = TRUE;
}

static void
test_preview_then_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *gb = g_convert ("年份,排名,企业名称,所在地市,备注栏\r\n2024,1,\"甲,公司\",杭州,x\r\n2024,2,乙公司,宁波,y\r\n",
                                   -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GFile) file = write_file (f, "名单.csv", gb);
  AdwToastOverlay *toasts = ADW_TOAST_OVERLAY (g_object_ref_sink (adw_toast_overlay_new ()));
  DtImportDialog *dialog = dt_import_dialog_new (NULL, f->store, file, toasts);
  gboolean destroyed = FALSE;
  const char *shot = g_getenv ("DT_IMPORT_DIALOG_SCREENSHOT");

  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy), &destroyed);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (not_loading, dialog));
  g_assert_cmpstr (visible_page (GTK_WIDGET (dialog)), ==, "preview");

  if (shot != NULL)
    {
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (dt_screenshot_save_png (GTK_WIDGET (dialog), shot, NULL));
    }

  /* The kind was guessed; choosing one the columns do not fit stops the
   * import until the right one is chosen again. */
  {
    AdwComboRow *kind_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
    GtkWidget *button = find_import_button (GTK_WIDGET (dialog));

    g_assert_cmpuint (adw_combo_row_get_selected (kind_row), ==, 0);
    g_assert_true (gtk_widget_get_sensitive (button));
    adw_combo_row_set_selected (kind_row, 1);
    g_assert_false (gtk_widget_get_sensitive (button));
    adw_combo_row_set_selected (kind_row, 0);
    g_assert_true (gtk_widget_get_sensitive (button));
  }

  /* Nothing written by the preview. */
  g_assert_cmpuint (f->changed, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (is_destroyed, &destroyed));
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (f->changed_kind, ==, "enterprises");
  {
    sqlite3_stmt *stmt = dt_store_prepare (f->store, "SELECT count(*) FROM listings", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    sqlite3_finalize (stmt);
  }
  g_object_unref (toasts);
}

/* A workbook previews and imports as a CSV file does: its first sheet. */
static void
test_xlsx_preview_then_import (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "名单.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "百强");
  const char *headers[] = { "年份", "排名", "企业名称", "统一社会信用代码", "所在地市" };
  DtImportDialog *dialog;
  gboolean destroyed = FALSE;
  const char *shot = g_getenv ("DT_IMPORT_DIALOG_XLSX_SCREENSHOT");

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    worksheet_write_string (sheet, 0, i, headers[i], NULL);
  for (guint r = 1; r <= 2; r++)
    {
      worksheet_write_number (sheet, r, 0, 2024, NULL);
      worksheet_write_number (sheet, r, 1, r, NULL);
      worksheet_write_string (sheet, r, 2, r == 1 ? "甲公司" : "乙公司", NULL);
      worksheet_write_string (sheet, r, 3, r == 1 ? "913301066580418532" : "913301135983615715", NULL);
      worksheet_write_string (sheet, r, 4, r == 1 ? "杭州" : "宁波", NULL);
    }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  dialog = dt_import_dialog_new (NULL, f->store, file, NULL);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy), &destroyed);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (not_loading, dialog));
  g_assert_cmpstr (visible_page (GTK_WIDGET (dialog)), ==, "preview");
  if (shot != NULL)
    {
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (dt_screenshot_save_png (GTK_WIDGET (dialog), shot, NULL));
    }
  g_assert_cmpuint (f->changed, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (is_destroyed, &destroyed));
  g_assert_cmpstr (f->changed_kind, ==, "enterprises");
  {
    sqlite3_stmt *stmt = dt_store_prepare (f->store, "SELECT credit_code FROM enterprises WHERE name_zh = '乙公司'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "913301135983615715");
    sqlite3_finalize (stmt);
  }
}

static void
test_bad_file_shows_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "bad.csv", "年份,排名,企业名称,所在地市\n2024,一,甲,杭州\n");
  DtImportDialog *dialog = dt_import_dialog_new (NULL, f->store, file, NULL);
  gboolean destroyed = FALSE;

  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy), &destroyed);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (not_loading, dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (shows_error, dialog));
  g_assert_false (destroyed);
  g_assert_cmpuint (f->changed, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWidget  *dialog;
  const char *needle;
} PlanWait;

/* The label under "What Changes" holds @needle. */
static gboolean
plan_shows (gpointer data)
{
  PlanWait *wait = data;
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *w;
  gboolean found = FALSE;

  g_queue_push_tail (&queue, wait->dialog);
  while (!found && (w = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_LABEL (w) && strstr (gtk_label_get_text (GTK_LABEL (w)), wait->needle) != NULL)
        found = TRUE;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  g_queue_clear (&queue);
  return found;
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = dt_store_prepare (f->store, sql, NULL);
  gint64 n;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The preview says what the import adds, replaces and keeps; the Replace
 * All switch changes the plan and the import. */
static void
test_preview_shows_plan (Fixture       *f,
                         gconstpointer  data)
{
  static const char list_2023[] = "年份,排名,企业名称,所在地市\n2023,1,甲公司,杭州\n2023,2,乙公司,宁波\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (list_2023, sizeof list_2023 - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (f, "2024.csv", "年份,排名,企业名称,所在地市\n2024,1,乙公司,宁波\n2024,2,甲公司,杭州\n");
  DtImportDialog *dialog;
  gboolean destroyed = FALSE;
  PlanWait wait;
  GtkSwitch *replace_all;

  g_assert_true (dt_import_bytes (f->store, bytes, "2023.csv", NULL, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->changed = 0;

  dialog = dt_import_dialog_new (NULL, f->store, file, NULL);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy), &destroyed);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (not_loading, dialog));

  wait.dialog = GTK_WIDGET (dialog);
  wait.needle = "2024: 2 new rows.";
  g_assert_true (wait_for (plan_shows, &wait));
  wait.needle = "2023: kept, as the file holds nothing of that year.";
  g_assert_true (plan_shows (&wait));

  replace_all = GTK_SWITCH (find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH));
  g_assert_nonnull (replace_all);
  gtk_switch_set_active (replace_all, TRUE);
  wait.needle = "Every row of this kind is replaced: the 2 rows there now go.";
  g_assert_true (wait_for (plan_shows, &wait));
  g_assert_cmpuint (f->changed, ==, 0);
  gtk_switch_set_active (replace_all, FALSE);
  wait.needle = "2023: kept";
  g_assert_true (wait_for (plan_shows, &wait));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (is_destroyed, &destroyed));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM listings WHERE year = 2023"), ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM listings WHERE year = 2024"), ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT prev_rank FROM listings WHERE year = 2024 AND rank = 1"), ==, 2);
}

/* The address typed in Preferences is what "Check for Updates" reads. */
static void
test_preferences_saves_url (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  DtPreferencesWindow *window = dt_preferences_window_new (NULL);
  GtkWidget *w = GTK_WIDGET (window);
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *row = NULL;
  g_autofree char *saved = NULL;

  g_queue_push_tail (&queue, w);
  while (row == NULL && (w = g_queue_pop_head (&queue)) != NULL)
    {
      if (ADW_IS_ENTRY_ROW (w))
        row = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  g_queue_clear (&queue);
  g_assert_nonnull (row);

  gtk_editable_set_text (GTK_EDITABLE (row), "https://data.example.org/manifest.json");
  saved = g_settings_get_string (settings, "sync-url");
  g_assert_cmpstr (saved, ==, "https://data.example.org/manifest.json");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/import-dialog/preview-then-import", Fixture, NULL, fixture_set_up, test_preview_then_import, fixture_tear_down);
  g_test_add ("/import-dialog/xlsx-preview-then-import", Fixture, NULL, fixture_set_up, test_xlsx_preview_then_import, fixture_tear_down);
  g_test_add ("/import-dialog/bad-file-shows-error", Fixture, NULL, fixture_set_up, test_bad_file_shows_error, fixture_tear_down);
  g_test_add ("/import-dialog/preview-shows-plan", Fixture, NULL, fixture_set_up, test_preview_shows_plan, fixture_tear_down);

  g_test_add_func ("/import-dialog/preferences-saves-url", test_preferences_saves_url);

  return g_test_run ();
}
