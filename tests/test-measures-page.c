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

    dt_test_iterate_while ((gboolean (*) (gpointer))dt_eligibility_list_is_busy, list);
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
  dt_test_iterate_while ((gboolean (*) (gpointer))dt_eligibility_list_is_busy, list);
  /* Measures 2 and 10 ask only for the FTZ block. */
  g_assert_cmpuint (dt_eligibility_list_get_n_qualifying (DT_ELIGIBILITY_LIST (list)), >=, 2);
  g_assert_nonnull (dt_test_find_descendant (list, ADW_TYPE_EXPANDER_ROW));
  g_object_unref (list);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  db_dir = g_dir_make_tmp ("dt-measures-page-XXXXXX", NULL);
  path = g_build_filename (db_dir, "measures.db", NULL);
  app = dt_application_new (path, NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/measures-page/status-set-and-exported", test_status_set_and_exported);
  g_test_add_func ("/measures-page/status-undone-from-toast", test_status_undone_from_toast);
  g_test_add_func ("/measures-page/search-narrows-list", test_search_narrows_list);
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
