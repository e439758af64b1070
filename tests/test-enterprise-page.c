/* test-enterprise-page.c — the enterprise page as a user drives it: search,
 * a filter, the count, the sort, and an export that holds the rows shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dt-chart.h"
#include "dt-columns.h"
#include "dt-csv-reader.h"
#include "dt-eligibility-list.h"
#include "dt-enterprises-page.h"
#include "dt-sample-data.h"
#include "dt-test-widgets.h"
#include "dt-xlsx-reader.h"

/* The eligibility list has its answer (worked out on a thread). */
static gboolean
eligibility_ready (gpointer list)
{
  return !dt_eligibility_list_is_busy (list);
}

static gboolean
wake (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so, or fails after ten seconds. */
static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, wake, &timed_out);

  while (!done (data) && !timed_out)
    {
      gboolean ticked = FALSE;
      guint tick = g_timeout_add (20, wake, &ticked);

      /* A tick that fired has removed itself (as dt_test_wait_for() knows). */
      g_main_context_iteration (NULL, TRUE);
      if (!ticked)
        g_source_remove (tick);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
page_idle (gpointer data)
{
  return !dt_enterprises_page_is_busy (data);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  ((Wait *)data)->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Wait *)data)->result != NULL;
}

static gboolean
search_applied (gpointer data)
{
  DtEnterprisesPage *page = data;
  return g_strcmp0 (dt_enterprise_query_get_search (dt_enterprises_page_get_query (page)), "杭州") == 0 &&
         !dt_enterprises_page_is_busy (page);
}

static gboolean
index_ready (gpointer data)
{
  DtFacetIndex *index = dt_enterprises_page_get_facet_index (data);

  return index != NULL && dt_facet_index_is_ready (index) && !dt_enterprises_page_is_busy (data);
}

static gint64
sql_count (DtStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The count a facet button announces, "Data trade (12)". */
static gint64
announced (DtEnterprisesPage *page,
           const char        *key,
           const char        *value)
{
  GtkCheckButton *button = dt_enterprises_page_get_facet_button (page, key, value);

  g_assert_nonnull (button);
  return g_ascii_strtoll (strrchr (gtk_check_button_get_label (button), '(') + 1, NULL, 10);
}

/* The facets come from the facet index once it is built, and after a
 * change to the data from an index built again: never stale counts. */
static void
test_facet_index (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dt-page-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  GtkWidget *window = gtk_window_new ();
  DtEnterprisesPage *page = g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL);
  DtEnterpriseQuery *query;
  GListModel *model;
  gint64 before, after;
  const char *sql = "SELECT count(*) FROM listings WHERE category = 'data' AND year = (SELECT max(year) FROM listings)";

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  dt_enterprises_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_wait_for (index_ready, page, 30);

  before = announced (page, "category", "data");
  g_assert_cmpint (before, ==, sql_count (store, sql));
  g_assert_cmpint (before, >, 1);

  /* Another part of the window changes the data. */
  g_assert_true (dt_store_exec (store, "UPDATE listings SET category = (SELECT category FROM listings"
                                       " WHERE category != 'data' LIMIT 1) WHERE id = (SELECT id FROM listings"
                                       " WHERE category = 'data' ORDER BY year DESC, rank LIMIT 1)", &error));
  dt_store_emit_changed (store, "enterprises");
  g_assert_false (dt_facet_index_is_ready (dt_enterprises_page_get_facet_index (page)));
  dt_test_wait_for (index_ready, page, 30);
  after = announced (page, "category", "data");
  g_assert_cmpint (after, ==, before - 1);

  /* And the rows follow the count. */
  query = dt_enterprises_page_get_query (page);
  dt_enterprise_query_add_filter (query, "category", "data", NULL);
  dt_test_wait_for (index_ready, page, 30);
  model = G_LIST_MODEL (dt_enterprises_page_get_model (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, (guint)after);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
}

/* The detail pane answers "which measures does this enterprise qualify for?". */
static void
test_detail_shows_eligibility (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dt-page-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  GtkWidget *window = gtk_window_new ();
  DtEnterprisesPage *page = g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL);
  DtEligibilityList *eligibility;
  GtkColumnView *view;
  GtkSelectionModel *selection;
  GListModel *model;
  guint ftz_row = G_MAXUINT;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  dt_enterprises_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (page_idle, page);

  /* The first enterprise of the list in the Binjiang FTZ. */
  model = G_LIST_MODEL (dt_enterprises_page_get_model (page));
  for (guint i = 0; i < g_list_model_get_n_items (model) && ftz_row == G_MAXUINT; i++)
    {
      g_autoptr(DtEnterpriseRow) item = dt_test_get_loaded_row (model, i);

      if (dt_enterprise_row_get_record (item)->in_ftz)
        ftz_row = i;
    }
  g_assert_cmpuint (ftz_row, !=, G_MAXUINT);

  view = GTK_COLUMN_VIEW (dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  selection = gtk_column_view_get_model (view);
  gtk_selection_model_select_item (selection, ftz_row, TRUE);
  /* The detail follows the selection once the frame is drawn. */
  dt_test_iterate_until_idle ();

  eligibility = DT_ELIGIBILITY_LIST (dt_test_find_descendant (GTK_WIDGET (page), DT_TYPE_ELIGIBILITY_LIST));
  g_assert_nonnull (eligibility);
  dt_test_wait_for (eligibility_ready, eligibility, 30);
  /* The sample carries FTZ-only measures, so an FTZ enterprise qualifies for some. */
  g_assert_cmpuint (dt_eligibility_list_get_n_qualifying (eligibility), >, 0);

  /* The measures it does not qualify for are folded, and built when opened. */
  {
    GtkWidget *others = dt_test_find_label (GTK_WIDGET (eligibility), "does not qualify for");

    others = others != NULL ? gtk_widget_get_ancestor (others, ADW_TYPE_EXPANDER_ROW) : NULL;
    g_assert_nonnull (others);
    g_assert_null (dt_test_find_label (others, "Does not qualify"));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (others), TRUE);
    g_assert_nonnull (dt_test_find_label (others, "Does not qualify"));

    /* And an answer's reasons, when it is opened in turn */
    {
      GtkWidget *answer = gtk_widget_get_ancestor (dt_test_find_label (others, "Does not qualify"),
                                                   ADW_TYPE_EXPANDER_ROW);

      g_assert_nonnull (answer);
      g_assert_true (answer != others);
      g_assert_null (dt_test_find_label (answer, "Not met"));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (answer), TRUE);
      g_assert_nonnull (dt_test_find_label (answer, "Not met"));
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;   /* the view holds it */
    }
  return NULL;
}

/* The column menu hides a column, and a new page remembers it. */
static void
test_columns_hidden_and_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *sector = dt_columns_label ("enterprises", "sector");
  DtEnterprisesPage *page = g_object_ref_sink (g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL));
  DtEnterprisesPage *again;
  GtkMenuButton *button = GTK_MENU_BUTTON (dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON));
  GtkWidget *menu = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *check = NULL;
  GtkColumnView *view;
  g_auto(GStrv) hidden = NULL;

  g_settings_reset (settings, "enterprise-hidden-columns");
  for (GtkWidget *w = dt_test_find_descendant (menu, GTK_TYPE_CHECK_BUTTON); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (w)), sector) == 0)
      check = w;
  g_assert_nonnull (check);
  view = GTK_COLUMN_VIEW (dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (view, sector)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_false (gtk_column_view_column_get_visible (column_titled (view, sector)));
  hidden = g_settings_get_strv (settings, "enterprise-hidden-columns");
  g_assert_true (g_strv_contains ((const char * const *)hidden, "sector"));

  again = g_object_ref_sink (g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL));
  view = GTK_COLUMN_VIEW (dt_test_find_descendant (GTK_WIDGET (again), GTK_TYPE_COLUMN_VIEW));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (view, sector)));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (view, dt_columns_label ("enterprises", "city"))));

  /* Shown again from the menu. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_column_view_column_get_visible (column_titled (view, sector)));

  g_settings_reset (settings, "enterprise-hidden-columns");
  g_object_unref (again);
  g_object_unref (page);
}

static gboolean
is_narrow (gpointer page)
{
  return dt_enterprises_page_get_narrow (page);
}

/* At 1024 px the detail pane folds away and a row opens it as a dialog. */
static void
test_narrow_detail_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dt-page-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  GtkWidget *window = gtk_window_new ();
  DtEnterprisesPage *page = g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL);
  GtkWidget *dialog;
  GtkColumnView *view;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  dt_enterprises_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (page_idle, page);
  wait_for (is_narrow, page);
  dt_test_iterate_until_idle ();
  g_assert_false (gtk_widget_is_visible (dt_test_find_descendant (GTK_WIDGET (page), DT_TYPE_ELIGIBILITY_LIST)));

  view = GTK_COLUMN_VIEW (dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  g_signal_emit_by_name (view, "activate", 0);
  dt_test_iterate_until_idle ();

  dialog = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (ADW_IS_WINDOW (w) && gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (window))
        dialog = w;
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (dt_test_find_descendant (dialog, DT_TYPE_ELIGIBILITY_LIST));
  gtk_window_close (GTK_WINDOW (dialog));
  dt_test_iterate_until_idle ();
  /* The detail is back in the page. */
  g_assert_nonnull (dt_test_find_descendant (GTK_WIDGET (page), DT_TYPE_ELIGIBILITY_LIST));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search_filter_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dt-page-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "test.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "shown.csv", NULL);
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(DtCsvReader) reader = NULL;
  GtkWidget *window = gtk_window_new ();
  DtEnterprisesPage *page = g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL);
  GtkWidget *entry, *label;
  GtkColumnView *view;
  GListModel *model;
  GtkCheckButton *data_trade;
  g_autoptr(GtkColumnViewColumn) volume_column = NULL;
  Wait wait = { NULL };
  GPtrArray *row;
  guint n, i;
  g_autofree char *expected_label = NULL;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  dt_enterprises_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (page_idle, page);

  model = G_LIST_MODEL (dt_enterprises_page_get_model (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);   /* the latest list */
  label = dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_LABEL);
  g_assert_nonnull (label);

  /* Type a two-character Chinese search. */
  entry = dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "杭州");
  wait_for (search_applied, page);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 100);

  /* Pick a filter: the facet's count said how many rows it would show. */
  data_trade = dt_enterprises_page_get_facet_button (page, "category", "data");
  g_assert_nonnull (data_trade);
  g_assert_true (strstr (gtk_check_button_get_label (data_trade), "(") != NULL);
  {
    const char *text = strrchr (gtk_check_button_get_label (data_trade), '(');
    guint announced = (guint)g_ascii_strtoull (text + 1, NULL, 10);

    gtk_check_button_set_active (data_trade, TRUE);
    wait_for (page_idle, page);
    n = g_list_model_get_n_items (model);
    g_assert_cmpuint (n, ==, announced);
    g_assert_cmpuint (n, >, 1);
  }

  /* The count label says it. */
  expected_label = g_strdup_printf ("%u of 100", n);
  {
    GtkWidget *count = NULL;
    /* The count label is the first GtkLabel after the search entry. */
    for (GtkWidget *c = gtk_widget_get_next_sibling (entry); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LABEL (c))
        {
          count = c;
          break;
        }
    g_assert_nonnull (count);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, expected_label);
  }

  /* Sort by volume, descending, through the column header's sorter. */
  view = GTK_COLUMN_VIEW (dt_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  volume_column = g_list_model_get_item (gtk_column_view_get_columns (view), 7);
  gtk_column_view_sort_by_column (view, volume_column, GTK_SORT_DESCENDING);
  g_assert_cmpstr (dt_enterprise_query_get_sort_key (dt_enterprises_page_get_query (page)), ==, "trade_volume");
  g_assert_true (dt_enterprise_query_get_sort_descending (dt_enterprises_page_get_query (page)));
  wait_for (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* Export, and compare with the rows shown, in order. */
  dt_enterprises_page_export_async (page, csv, NULL, got_result, &wait);
  wait_for (has_result, &wait);
  g_assert_true (dt_enterprises_page_export_finish (page, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  reader = dt_csv_reader_new_for_path (csv_path, &error);
  g_assert_no_error (error);
  row = dt_csv_reader_next_row (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "Year");
  for (i = 0; (row = dt_csv_reader_next_row (reader, &error)) != NULL; i++)
    {
      g_autoptr(DtEnterpriseRow) item = dt_test_get_loaded_row (model, i);
      const DtEnterpriseRecord *r;
      g_autofree char *rank = NULL;

      g_assert_nonnull (item);
      r = dt_enterprise_row_get_record (item);
      rank = g_strdup_printf ("%d", r->rank);
      g_assert_cmpstr (g_ptr_array_index (row, 1), ==, rank);
      g_assert_cmpstr (g_ptr_array_index (row, 2), ==, r->name_zh);
      g_assert_nonnull (strstr (r->name_zh, "杭州"));
      g_assert_cmpstr (r->category, ==, "data");
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, n);

  /* The same rows as an Excel workbook, chosen by the file's extension. */
  {
    g_autofree char *xlsx_path = g_build_filename (dir, "shown.xlsx", NULL);
    g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
    g_autoptr(DtXlsxReader) sheet = NULL;

    dt_enterprises_page_export_async (page, xlsx, NULL, got_result, &wait);
    wait_for (has_result, &wait);
    g_assert_true (dt_enterprises_page_export_finish (page, wait.result, &error));
    g_assert_no_error (error);
    g_clear_object (&wait.result);

    sheet = dt_xlsx_reader_new_for_file (xlsx, NULL, &error);
    g_assert_no_error (error);
    row = dt_xlsx_reader_next_row (sheet, &error);
    g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "Year");
    for (i = 0; (row = dt_xlsx_reader_next_row (sheet, &error)) != NULL; i++)
      {
        g_autoptr(DtEnterpriseRow) item = dt_test_get_loaded_row (model, i);

        g_assert_cmpstr (g_ptr_array_index (row, 2), ==, dt_enterprise_row_get_record (item)->name_zh);
        g_assert_true (dt_xlsx_reader_cell_is_number (sheet, 1));
      }
    g_assert_no_error (error);
    g_assert_cmpuint (i, ==, n);
    g_remove (xlsx_path);
  }

  /* One click clears every filter, the year included. */
  gtk_widget_activate_action (GTK_WIDGET (page), "enterprises.clear-filters", NULL);
  wait_for (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (csv_path);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
    g_clear_object (&store);
    g_remove (db_path);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }
}

static void
collect_charts (GtkWidget *widget,
                GPtrArray *charts)
{
  if (DT_IS_CHART (widget))
    g_ptr_array_add (charts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_charts (child, charts);
}

static DtChart *
find_chart (GtkWidget  *page,
            const char *title)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();

  collect_charts (page, charts);
  for (guint i = 0; i < charts->len; i++)
    {
      g_autofree char *chart_title = NULL;

      g_object_get (g_ptr_array_index (charts, i), "title", &chart_title, NULL);
      if (g_strcmp0 (chart_title, title) == 0)
        return g_ptr_array_index (charts, i);
    }
  g_assert_not_reached ();
}

/* The charts say what they show: the list year and filters, the source,
 * the sample mark, amounts in billions; a saved file is named for them. */
static void
test_charts_carry_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dt-page-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  GtkWidget *window = gtk_window_new ();
  DtEnterprisesPage *page = g_object_new (DT_TYPE_ENTERPRISES_PAGE, NULL);
  g_autofree char *description = NULL;
  DtChart *volume;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  dt_enterprises_page_set_store (page, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (page_idle, page);
  /* The charts are drawn once their tab is shown. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (dt_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK)),
                                         "charts");
  wait_for (page_idle, page);

  volume = find_chart (GTK_WIDGET (page), "Digital trade volume by city");
  g_assert_cmpint (dt_chart_get_values (volume), ==, DT_CHART_VALUES_AMOUNT);
  description = dt_chart_describe (volume);
  g_assert_nonnull (strstr (description, "Shows: 2023 Top-100 list."));
  g_assert_nonnull (strstr (description, "Sample data."));
  g_assert_nonnull (strstr (description, "billion yuan"));
  g_assert_null (strstr (description, "10,000 yuan"));
  gtk_test_accessible_assert_property (volume, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (volume), "file-name"), ==, "top100-2023-volume-by-city.png");

  /* A filter follows into the context and the file name. */
  gtk_check_button_set_active (dt_enterprises_page_get_facet_button (page, "city", "hangzhou"), TRUE);
  wait_for (page_idle, page);
  g_clear_pointer (&description, g_free);
  description = dt_chart_describe (volume);
  g_assert_nonnull (strstr (description, "Shows: 2023 Top-100 list · Hangzhou."));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (volume), "file-name"), ==,
                   "top100-2023-hangzhou-volume-by-city.png");
  gtk_test_accessible_assert_property (volume, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  /* The rank history puts rank 1 at the top. */
  g_assert_cmpint (dt_chart_get_values (find_chart (GTK_WIDGET (page), "Rank on each year’s list")), ==,
                   DT_CHART_VALUES_RANK);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/enterprise/page/search-filter-export", test_search_filter_export);
  g_test_add_func ("/enterprise/page/detail-shows-eligibility", test_detail_shows_eligibility);
  g_test_add_func ("/enterprise/page/columns-hidden-and-remembered", test_columns_hidden_and_remembered);
  g_test_add_func ("/enterprise/page/narrow-detail-dialog", test_narrow_detail_dialog);
  g_test_add_func ("/enterprise/page/facet-index", test_facet_index);
  g_test_add_func ("/enterprise/page/charts-carry-context", test_charts_carry_context);

  return g_test_run ();
}
