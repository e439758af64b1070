/* test-measures-page.c — the Measures page under Xvfb: tracking through its
 * widgets, filters, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dt-test-widgets.h"
#include "dt-application.h"
#include "dt-eligibility-list.h"
#include "dt-measure-detail.h"
#include "dt-measure-row.h"
#include "dt-measure-tracking.h"
#include "dt-measures-page.h"
#include "dt-window.h"

/* The eligibility list has its answer (worked out on a thread). */
static gboolean
eligibility_ready (gpointer list)
{
  return !dt_eligibility_list_is_busy (list);
}

static char *db_dir;
static DtApplication *app;

static void
collect_of_type (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_of_type (child, type, found);
}

static guint
count_measure_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_of_type (page, DT_TYPE_MEASURE_ROW, rows);
  return rows->len;
}

/* The check button of filter @value, inside the popovers of the page. */
static GtkCheckButton *
find_facet (GtkWidget  *page,
            const char *value)
{
  g_autoptr(GPtrArray) menu_buttons = g_ptr_array_new ();

  collect_of_type (page, GTK_TYPE_MENU_BUTTON, menu_buttons);
  for (guint i = 0; i < menu_buttons->len; i++)
    {
      GtkPopover *popover = gtk_menu_button_get_popover (g_ptr_array_index (menu_buttons, i));
      g_autoptr(GPtrArray) checks = g_ptr_array_new ();

      collect_of_type (GTK_WIDGET (popover), GTK_TYPE_CHECK_BUTTON, checks);
      for (guint j = 0; j < checks->len; j++)
        if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, j), "value"), value) == 0)
          return g_ptr_array_index (checks, j);
    }
  return NULL;
}

static void
test_status_set_and_exported (void)
{
  DtStore *store = dt_application_get_store (app);
  g_autofree char *csv_path = g_build_filename (db_dir, "in-effect.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(DtMeasureTracking) tracking = { 0 };
  g_auto(GStrv) lines = NULL;
  DtWindow *window;
  GtkWidget *page, *detail, *combo, *notes;
  GtkCheckButton *in_effect;

  window = dt_window_new (app, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();

  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  g_assert_cmpuint (count_measure_rows (page), ==, 36);

  /* The page folds into one column down to the window's narrowest width. */
  {
    int minimum = 0;

    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* Pick measure 12, set it in effect with its status drop-down and write a note. */
  dt_measures_page_select (DT_MEASURES_PAGE (page), 12);
  dt_test_iterate_until_idle ();
  detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);
  g_assert_cmpint (dt_measure_detail_get_no (DT_MEASURE_DETAIL (detail)), ==, 12);
  combo = dt_test_find_descendant (detail, ADW_TYPE_COMBO_ROW);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);  /* in effect */
  notes = dt_test_find_descendant (detail, GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "平台已上线, checked 3 May", -1);
  dt_test_iterate_until_idle ();

  /* Saved at once, before any export. */
  g_assert_true (dt_measure_tracking_get (store, 12, &tracking, &error));
  g_assert_cmpstr (tracking.status, ==, "in-effect");

  /* The status filter now counts it and narrows the list to it. */
  in_effect = find_facet (page, "in-effect");
  g_assert_nonnull (in_effect);
  g_assert_cmpstr (gtk_check_button_get_label (in_effect), ==, "In effect (1)");
  gtk_check_button_set_active (in_effect, TRUE);
  dt_test_iterate_until_idle ();
  g_assert_cmpuint (count_measure_rows (page), ==, 1);

  g_assert_true (dt_measures_page_export (DT_MEASURES_PAGE (page), csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "\xEF\xBB\xBFNo.,"));
  g_assert_true (g_str_has_prefix (lines[1], "12,"));
  g_assert_nonnull (strstr (lines[1], ",In effect,0,\"平台已上线, checked 3 May\","));
  g_assert_cmpstr (lines[2], ==, "");

  /* A measure with criteria lists the enterprises that qualify, worked
   * out off the main thread. */
  {
    GtkWidget *list = dt_test_find_descendant (detail, DT_TYPE_ELIGIBILITY_LIST);

    dt_test_wait_for (eligibility_ready, list, 30);
    g_assert_cmpuint (dt_eligibility_list_get_n_qualifying (DT_ELIGIBILITY_LIST (list)), >, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_status_undone_from_toast (void)
{
  DtStore *store = dt_application_get_store (app);
  g_autoptr(GError) error = NULL;
  g_auto(DtMeasureTracking) changed = { 0 };
  g_auto(DtMeasureTracking) undone = { 0 };
  DtWindow *window;
  GtkWidget *page, *detail, *combo, *undo;

  window = dt_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  dt_measures_page_select (DT_MEASURES_PAGE (page), 20);
  dt_test_iterate_until_idle ();
  detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);
  combo = dt_test_find_descendant (detail, ADW_TYPE_COMBO_ROW);

  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 3);  /* suspended */
  dt_test_iterate_until_idle ();
  g_assert_true (dt_measure_tracking_get (store, 20, &changed, &error));
  g_assert_cmpstr (changed.status, ==, "suspended");

  /* The toast's Undo button writes the previous status back. */
  undo = find_button_with_label (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  dt_test_iterate_until_idle ();
  g_assert_true (dt_measure_tracking_get (store, 20, &undone, &error));
  g_assert_cmpstr (undone.status, ==, "not-started");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static char *
status_of (DtStore *store,
           gint64   no)
{
  g_auto(DtMeasureTracking) tracking = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_measure_tracking_get (store, no, &tracking, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&tracking.status);
}

static void
set_status_of (GtkWidget *page,
               gint64     no,
               guint      status)
{
  GtkWidget *detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);

  dt_measures_page_select (DT_MEASURES_PAGE (page), no);
  dt_test_iterate_until_idle ();
  g_assert_cmpint (dt_measure_detail_get_no (DT_MEASURE_DETAIL (detail)), ==, no);
  adw_combo_row_set_selected (ADW_COMBO_ROW (dt_test_find_descendant (detail, ADW_TYPE_COMBO_ROW)), status);
  dt_test_iterate_until_idle ();
}

static void
click_undo (GtkWidget *window)
{
  GtkWidget *undo = dt_test_find_button (window, "_Undo");

  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  dt_test_iterate_until_idle ();
}

/* Three edits, two undos: each Undo acts on the change its toast names,
 * and no older toast (with an older Undo) comes back afterwards. */
static void
test_undo_acts_on_its_own_change (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  GtkWidget *page;
  g_autofree char *s3 = NULL;
  g_autofree char *s4 = NULL;
  g_autofree char *s6 = NULL;

  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);

  set_status_of (page, 3, 1);   /* in progress */
  set_status_of (page, 4, 3);   /* suspended */
  g_assert_nonnull (dt_test_find_label (GTK_WIDGET (window), "Measure 4 set to"));
  click_undo (GTK_WIDGET (window));
  set_status_of (page, 6, 2);   /* in effect */
  g_assert_nonnull (dt_test_find_label (GTK_WIDGET (window), "Measure 6 set to"));
  click_undo (GTK_WIDGET (window));

  /* The toasts of measures 3 and 4 were replaced, not queued: nothing
   * is left to undo by mistake. */
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (20000);
      dt_test_iterate_until_idle ();
    }
  g_assert_null (dt_test_find_button (GTK_WIDGET (window), "_Undo"));

  s3 = status_of (store, 3);
  s4 = status_of (store, 4);
  s6 = status_of (store, 6);
  g_assert_cmpstr (s3, ==, "in-progress");
  g_assert_cmpstr (s4, ==, "not-started");
  g_assert_cmpstr (s6, ==, "not-started");

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static gboolean
saving_said (GtkWidget *detail)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect_of_type (detail, ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    {
      const char *description = adw_preferences_group_get_description (g_ptr_array_index (groups, i));

      if (description != NULL && strstr (description, "Saving when the database is free") != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
detail_saved (gpointer detail)
{
  return !dt_measure_detail_is_saving (detail);
}

static char *
buffer_text (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Another program holds the write lock (an import on the command line):
 * the note waits without freezing the window, stays on show across a
 * change of selection, and is written once the database is free. */
static void
test_notes_kept_while_locked (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  const char *note = "锁定期间写的备注 — written while locked";
  g_auto(DtMeasureTracking) tracking = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *page, *detail, *notes;
  sqlite3 *other = NULL;
  gint64 start;

  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);
  notes = dt_test_find_descendant (detail, GTK_TYPE_TEXT_VIEW);
  dt_measures_page_select (DT_MEASURES_PAGE (page), 7);
  dt_test_iterate_until_idle ();

  g_assert_cmpint (sqlite3_open (dt_store_get_path (store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), note, -1);
  start = g_get_monotonic_time ();
  dt_measure_detail_save_pending (DT_MEASURE_DETAIL (detail));
  /* DT_BUSY_TIMEOUT_MS is a minute here: the window did not wait for it. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_assert_true (dt_measure_detail_is_saving (DT_MEASURE_DETAIL (detail)));
  g_assert_true (saving_said (detail));
  g_assert_null (dt_test_find_label (GTK_WIDGET (window), "Close the other Digital Trade window"));
  g_assert_true (dt_measure_tracking_get (store, 7, &tracking, &error));
  g_assert_cmpstr (tracking.notes, ==, "");
  dt_measure_tracking_clear (&tracking);

  /* Another measure and back: the note is still there, still queued. */
  dt_measures_page_select (DT_MEASURES_PAGE (page), 8);
  dt_test_iterate_until_idle ();
  g_assert_cmpint (dt_measure_detail_get_no (DT_MEASURE_DETAIL (detail)), ==, 8);
  g_assert_true (dt_measure_detail_is_saving (DT_MEASURE_DETAIL (detail)));
  dt_measures_page_select (DT_MEASURES_PAGE (page), 7);
  dt_test_iterate_until_idle ();
  shown = buffer_text (notes);
  g_assert_cmpstr (shown, ==, note);

  /* The other program finishes: the note is written on the next try. */
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  dt_test_wait_for (detail_saved, detail, 20);
  g_assert_false (saving_said (detail));
  g_assert_true (dt_measure_tracking_get (store, 7, &tracking, &error));
  g_assert_cmpstr (tracking.notes, ==, note);

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

/* Closing the window while a note waits for the typing to pause writes it. */
static void
test_notes_saved_on_close (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  g_auto(DtMeasureTracking) tracking = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *notes;

  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  dt_measures_page_select (DT_MEASURES_PAGE (page), 9);
  dt_test_iterate_until_idle ();
  notes = dt_test_find_descendant (page, GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "typed just before closing", -1);
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  g_assert_true (dt_measure_tracking_get (store, 9, &tracking, &error));
  g_assert_cmpstr (tracking.notes, ==, "typed just before closing");
}

static void
test_search_narrows_list (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  GtkWidget *page, *entry;

  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  entry = dt_test_find_descendant (page, GTK_TYPE_SEARCH_ENTRY);

  gtk_widget_activate_action (page, "measures.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "海外仓");
  /* The search entry waits a moment before it reports a change. */
  for (guint i = 0; i < 40 && count_measure_rows (page) == 36; i++)
    {
      g_usleep (25000);
      dt_test_iterate_until_idle ();
    }
  g_assert_cmpuint (count_measure_rows (page), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static void
test_eligibility_list_for_enterprise (void)
{
  DtStore *store = dt_application_get_store (app);
  GtkWidget *list = g_object_ref_sink (dt_eligibility_list_new ());
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = dt_store_prepare (store, "SELECT enterprise_id FROM listings WHERE year = 2023 AND in_ftz = 1 LIMIT 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  dt_eligibility_list_show_enterprise (DT_ELIGIBILITY_LIST (list), store, id, 2023);
  dt_test_wait_for (eligibility_ready, list, 30);
  /* Measures 2 and 10 ask only for the FTZ block. */
  g_assert_cmpuint (dt_eligibility_list_get_n_qualifying (DT_ELIGIBILITY_LIST (list)), >=, 2);
  g_assert_nonnull (dt_test_find_descendant (list, ADW_TYPE_EXPANDER_ROW));
  g_object_unref (list);
}

static gboolean
label_gone (gpointer data)
{
  return dt_test_find_label (GTK_WIDGET (data), "is not a date") == NULL;
}

/* After a filter drops the measure on show, the detail shows one of the
 * list, never the one no longer listed. */
static void
test_detail_follows_filter (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *page, *detail;
  GtkCheckButton *finance;
  gint64 shown;
  gboolean listed = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);
  dt_measures_page_select (DT_MEASURES_PAGE (page), 1);  /* talent */
  dt_test_iterate_until_idle ();
  g_assert_cmpint (dt_measure_detail_get_no (DT_MEASURE_DETAIL (detail)), ==, 1);

  finance = find_facet (page, "finance");
  g_assert_nonnull (finance);
  gtk_check_button_set_active (finance, TRUE);
  dt_test_iterate_until_idle ();

  shown = dt_measure_detail_get_no (DT_MEASURE_DETAIL (detail));
  collect_of_type (page, DT_TYPE_MEASURE_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <, 36);
  for (guint i = 0; i < rows->len; i++)
    if (dt_measure_row_get_no (g_ptr_array_index (rows, i)) == shown)
      listed = TRUE;
  g_assert_cmpint (shown, !=, 1);
  g_assert_true (listed);

  gtk_check_button_set_active (finance, FALSE);
  dt_test_iterate_until_idle ();
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

/* The follow-up date takes the forms officials type; a refused one is
 * said in a toast that goes away by itself. In effect at 0 % is said. */
static void
test_follow_up_typed_forms (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  g_auto(DtMeasureTracking) first = { 0 };
  g_auto(DtMeasureTracking) second = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *detail, *entry, *combo;

  gtk_window_present (GTK_WINDOW (window));
  dt_window_show_page (window, "measures");
  dt_test_iterate_until_idle ();
  page = dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURES_PAGE);
  detail = dt_test_find_descendant (page, DT_TYPE_MEASURE_DETAIL);
  dt_measures_page_select (DT_MEASURES_PAGE (page), 30);
  dt_test_iterate_until_idle ();
  entry = dt_test_find_descendant (detail, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry);
  /* A calendar to pick from. */
  g_assert_nonnull (dt_test_find_descendant (entry, GTK_TYPE_MENU_BUTTON));

  gtk_editable_set_text (GTK_EDITABLE (entry), "2026/12/05");
  g_signal_emit_by_name (entry, "apply");
  dt_test_iterate_until_idle ();
  g_assert_true (dt_measure_tracking_get (store, 30, &first, &error));
  g_assert_cmpstr (first.follow_up, ==, "2026-12-05");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2026-12-05");

  gtk_editable_set_text (GTK_EDITABLE (entry), "2026年12月6日");
  g_signal_emit_by_name (entry, "apply");
  dt_test_iterate_until_idle ();
  g_assert_true (dt_measure_tracking_get (store, 30, &second, &error));
  g_assert_cmpstr (second.follow_up, ==, "2026-12-06");

  gtk_editable_set_text (GTK_EDITABLE (entry), "next Friday");
  g_signal_emit_by_name (entry, "apply");
  dt_test_iterate_until_idle ();
  g_assert_nonnull (dt_test_find_label (GTK_WIDGET (window), "is not a date"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  /* An error toast that never went would hide every later one. */
  dt_test_wait_for (label_gone, window, 30);

  combo = dt_test_find_descendant (detail, ADW_TYPE_COMBO_ROW);
  g_assert_null (dt_measure_detail_get_status_warning (DT_MEASURE_DETAIL (detail)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);  /* in effect, at 0 % */
  dt_test_iterate_until_idle ();
  g_assert_nonnull (dt_measure_detail_get_status_warning (DT_MEASURE_DETAIL (detail)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 0);
  dt_test_iterate_until_idle ();
  g_assert_null (dt_measure_detail_get_status_warning (DT_MEASURE_DETAIL (detail)));

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* A write that waited for the lock would hang the test for a minute. */
  g_setenv ("DT_BUSY_TIMEOUT_MS", "60000", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Toasts go at once, so the test sees which one is on show. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  db_dir = g_dir_make_tmp ("dt-measures-page-XXXXXX", NULL);
  path = g_build_filename (db_dir, "measures.db", NULL);
  app = dt_application_new (path, NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/measures-page/status-set-and-exported", test_status_set_and_exported);
  g_test_add_func ("/measures-page/status-undone-from-toast", test_status_undone_from_toast);
  g_test_add_func ("/measures-page/undo-acts-on-its-own-change", test_undo_acts_on_its_own_change);
  g_test_add_func ("/measures-page/notes-kept-while-database-locked", test_notes_kept_while_locked);
  g_test_add_func ("/measures-page/notes-saved-on-close", test_notes_saved_on_close);
  g_test_add_func ("/measures-page/search-narrows-list", test_search_narrows_list);
  g_test_add_func ("/measures-page/detail-follows-filter", test_detail_follows_filter);
  g_test_add_func ("/measures-page/follow-up-typed-forms", test_follow_up_typed_forms);
  g_test_add_func ("/measures-page/eligibility-list-for-enterprise", test_eligibility_list_for_enterprise);

  status = g_test_run ();
  g_clear_object (&app);
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", db_dir);
      (void) !system (cmd);
    }
  return status;
}
