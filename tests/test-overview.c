/* test-overview.c — the Overview's click-through, Back, and the city map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dt-application.h"
#include "dt-enterprise-comparison.h"
#include "dt-enterprises-page.h"
#include "dt-overview-page.h"
#include "dt-test-widgets.h"
#include "dt-tile-map.h"
#include "dt-tile-map-render.h"
#include "dt-vocabulary.h"
#include "dt-window.h"
#include "dt-year-comparison-view.h"

static char *db_dir;
static DtApplication *app;

static gboolean
overview_loaded (gpointer page)
{
  return dt_overview_page_is_loaded (page);
}

static DtWindow *
open_window (DtOverviewPage **out_overview)
{
  DtWindow *window = dt_window_new (app, dt_application_get_store (app), NULL);
  DtOverviewPage *overview;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
  overview = DT_OVERVIEW_PAGE (dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_OVERVIEW_PAGE));
  dt_test_wait_for (overview_loaded, overview, 20);
  dt_test_iterate_until_idle ();
  *out_overview = overview;
  return window;
}

static const char *
visible_page (DtWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (stack);
}

/* A city in the ranking opens the Index page on that city; Back returns. */
static void
test_city_opens_index (void)
{
  DtOverviewPage *overview;
  DtWindow *window = open_window (&overview);
  GtkWidget *row, *index_page;
  DtTileMap *index_map;

  row = dt_test_find_actionable (GTK_WIDGET (overview), "win.open-region", g_variant_new_string ("ningbo"));
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  gtk_widget_activate (row);
  dt_test_iterate_until_idle ();

  g_assert_cmpstr (visible_page (window), ==, "index");
  index_page = dt_test_find_descendant (GTK_WIDGET (window), g_type_from_name ("DtIndexPage"));
  index_map = DT_TILE_MAP (dt_test_find_descendant (index_page, DT_TYPE_TILE_MAP));
  g_assert_nonnull (index_map);
  g_assert_cmpstr (dt_tile_map_get_selected (index_map), ==, "ningbo");
  g_assert_nonnull (dt_test_find_label (index_page, "Ningbo"));

  /* Back, as the button and Alt+← do. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dt_test_iterate_until_idle ();
  g_assert_cmpstr (visible_page (window), ==, "overview");
  g_assert_false (dt_window_go_back (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A tile of the Overview's map leads to the same place as the ranking. */
static void
test_map_tile_opens_index (void)
{
  DtOverviewPage *overview;
  DtWindow *window = open_window (&overview);
  DtTileMap *map = dt_overview_page_get_city_map (overview);

  g_assert_nonnull (map);
  dt_tile_map_activate (map, "wenzhou");
  dt_test_iterate_until_idle ();
  g_assert_cmpstr (visible_page (window), ==, "index");
  g_assert_true (dt_window_go_back (window));
  g_assert_cmpstr (visible_page (window), ==, "overview");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A category of the list's mix opens the Top 100 filtered to it, on the
 * latest list. */
static void
test_category_opens_top_100 (void)
{
  DtOverviewPage *overview;
  DtWindow *window = open_window (&overview);
  DtEnterprisesPage *page;
  DtEnterpriseQuery *query;
  GtkWidget *row;

  row = dt_test_find_actionable (GTK_WIDGET (overview), "win.open-enterprises",
                                 g_variant_new ("(ss)", "category", "data"));
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  dt_test_iterate_until_idle ();

  g_assert_cmpstr (visible_page (window), ==, "enterprises");
  page = DT_ENTERPRISES_PAGE (dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_ENTERPRISES_PAGE));
  query = dt_enterprises_page_get_query (page);
  g_assert_true (dt_enterprise_query_has_filter (query, "category", "data"));
  g_assert_cmpuint (dt_enterprise_query_get_filter (query, "category")->len, ==, 1);
  g_assert_true (dt_enterprise_query_has_filter (query, "year", "2023"));

  /* An enterprise opens the Top 100 searched for it. */
  dt_window_go_back (window);
  row = dt_test_find_actionable (GTK_WIDGET (overview), "win.open-enterprises",
                                 g_variant_new ("(ss)", "name", "杭州观澄通信技术有限公司"));
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  /* At once, not only once the search entry's delayed signal has run. */
  g_assert_cmpstr (dt_enterprise_query_get_search (query), ==, "杭州观澄通信技术有限公司");
  dt_test_iterate_until_idle ();
  g_assert_cmpstr (visible_page (window), ==, "enterprises");
  g_assert_cmpstr (dt_enterprise_query_get_search (query), ==, "杭州观澄通信技术有限公司");
  g_assert_null (dt_enterprise_query_get_filter (query, "category"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkCheckButton *
find_check (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A status of the measures' bars opens the measures filtered to it. */
static void
test_status_opens_measures (void)
{
  DtOverviewPage *overview;
  DtWindow *window = open_window (&overview);
  GtkWidget *button, *measures;

  button = dt_test_find_actionable (GTK_WIDGET (overview), "win.open-measures",
                                    g_variant_new ("(ss)", "", "not-started"));
  g_assert_true (GTK_IS_BUTTON (button));
  /* A button's own activation waits for its press animation: click it. */
  g_signal_emit_by_name (button, "clicked");
  dt_test_iterate_until_idle ();

  g_assert_cmpstr (visible_page (window), ==, "measures");
  measures = dt_test_find_descendant (GTK_WIDGET (window), g_type_from_name ("DtMeasuresPage"));
  {
    const char *label = dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, "not-started");
    GtkCheckButton *status = find_check (measures, label);

    if (status == NULL)
      {
        /* Labels with counts: look for one that starts with the status. */
        GtkWidget *found = dt_test_find_label (measures, label);

        g_assert_nonnull (found);
        status = GTK_CHECK_BUTTON (gtk_widget_get_ancestor (found, GTK_TYPE_CHECK_BUTTON));
      }
    g_assert_nonnull (status);
    g_assert_true (gtk_check_button_get_active (status));
  }

  g_assert_true (dt_window_go_back (window));
  g_assert_cmpstr (visible_page (window), ==, "overview");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tile map: darker (nearer the accent) for higher values, in light
 * and dark styles, and a description that states every value. */
static double
distance (DtTileMapColor a,
          DtTileMapColor b)
{
  return fabs (a.red - b.red) + fabs (a.green - b.green) + fabs (a.blue - b.blue);
}

static void
test_map_colours_follow_values (void)
{
  static const DtTileMapRegion regions[] = {
    { "hangzhou", "Hangzhou", 169.4 },
    { "ningbo", "Ningbo", 160.8 },
    { "lishui", "Lishui", 116.7 },
    { "quzhou", "Quzhou", 118.6 },
    { "zhoushan", "Zhoushan", NAN },
  };
  DtTileMapData data = { "Index", NULL, "%.1f", regions, G_N_ELEMENTS (regions), -1, -1, -1 };
  DtTileMapStyle styles[2];

  dt_tile_map_style_init_light (&styles[0]);
  dt_tile_map_style_init_light (&styles[1]);
  styles[1].background = (DtTileMapColor) { 0.14, 0.14, 0.14, 1 };
  styles[1].foreground = (DtTileMapColor) { 1, 1, 1, 1 };
  styles[1].accent = (DtTileMapColor) { 0.47, 0.68, 0.93, 1 };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      DtTileMapColor top = dt_tile_map_tile_color (&data, &styles[s], 0);
      double d_ningbo = distance (dt_tile_map_tile_color (&data, &styles[s], 1), styles[s].background);
      double d_hangzhou = distance (top, styles[s].background);
      double d_quzhou = distance (dt_tile_map_tile_color (&data, &styles[s], 3), styles[s].background);
      double d_lishui = distance (dt_tile_map_tile_color (&data, &styles[s], 2), styles[s].background);

      /* The highest value is the accent itself; lower values fade towards
       * the background, in order. */
      g_assert_cmpfloat (distance (top, styles[s].accent), <, 1e-9);
      g_assert_cmpfloat (d_hangzhou, >, d_ningbo);
      g_assert_cmpfloat (d_ningbo, >, d_quzhou);
      g_assert_cmpfloat (d_quzhou, >, d_lishui);
      g_assert_cmpfloat (d_lishui, >, 0);
      /* No value: not on the ramp. */
      g_assert_cmpfloat (distance (dt_tile_map_tile_color (&data, &styles[s], 4), styles[s].background), <, d_lishui);
    }
}

static void
test_map_widget (void)
{
  GtkWidget *window = gtk_window_new ();
  DtTileMap *map = DT_TILE_MAP (dt_tile_map_new ());
  g_autofree char *description = NULL;
  g_autofree char *png = g_build_filename (db_dir, "map.png", NULL);
  g_autofree char *svg = g_build_filename (db_dir, "map.svg", NULL);
  g_autofree char *pdf = g_build_filename (db_dir, "map.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GdkRGBA high, middle, low;
  const char *hangzhou, *ningbo, *lishui;

  dt_tile_map_set_title (map, "Openness Index, 2024");
  dt_tile_map_set_value (map, "lishui", "Lishui", 116.7);
  dt_tile_map_set_value (map, "hangzhou", "Hangzhou", 169.4);
  dt_tile_map_set_value (map, "ningbo", "Ningbo", 160.8);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  /* Colours as drawn with the theme: ordered as the values. */
  g_assert_true (dt_tile_map_get_tile_color (map, "hangzhou", &high));
  g_assert_true (dt_tile_map_get_tile_color (map, "ningbo", &middle));
  g_assert_true (dt_tile_map_get_tile_color (map, "lishui", &low));
  g_assert_false (gdk_rgba_equal (&high, &low));
  g_assert_cmpfloat (fabs (high.red - low.red) + fabs (high.green - low.green) + fabs (high.blue - low.blue), >,
                     fabs (middle.red - low.red) + fabs (middle.green - low.green) + fabs (middle.blue - low.blue));

  /* The description states every value, highest first. */
  description = dt_tile_map_describe (map);
  g_test_message ("%s", description);
  hangzhou = strstr (description, "Hangzhou: 169.4");
  ningbo = strstr (description, "Ningbo: 160.8");
  lishui = strstr (description, "Lishui: 116.7");
  g_assert_nonnull (hangzhou);
  g_assert_nonnull (ningbo);
  g_assert_nonnull (lishui);
  g_assert_true (hangzhou < ningbo && ningbo < lishui);
  g_assert_nonnull (strstr (description, "Openness Index, 2024"));

  /* Saved like the charts. */
  g_assert_true (dt_tile_map_save (map, png, 800, 640, &error));
  g_assert_no_error (error);
  g_assert_true (dt_tile_map_save (map, svg, 800, 640, &error));
  g_assert_true (dt_tile_map_save (map, pdf, 800, 640, &error));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_false (dt_tile_map_save (map, "/tmp/map.bmp", 800, 640, &error));
  g_assert_nonnull (error);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activated (DtTileMap  *map,
              const char *code,
              char      **out)
{
  g_free (*out);
  *out = g_strdup (code);
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* Enter on the focused tile activates it; arrows move between tiles. */
static void
test_map_keyboard (void)
{
  GtkWidget *window = gtk_window_new ();
  DtTileMap *map = DT_TILE_MAP (dt_tile_map_new ());
  g_autofree char *activated = NULL;

  dt_tile_map_set_value (map, "hangzhou", "Hangzhou", 3);
  dt_tile_map_set_value (map, "shaoxing", "Shaoxing", 2);
  dt_tile_map_set_value (map, "jinhua", "Jinhua", 1);
  g_signal_connect (map, "region-activated", G_CALLBACK (on_activated), &activated);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (map)));

  dt_tile_map_set_selected (map, "hangzhou");
  g_assert_null (activated);
  /* Right of Hangzhou lies Shaoxing. */
  press_key (GTK_WIDGET (map), GDK_KEY_Right);
  press_key (GTK_WIDGET (map), GDK_KEY_Return);
  dt_test_iterate_until_idle ();
  g_assert_cmpstr (activated, ==, "shaoxing");
  g_assert_cmpstr (dt_tile_map_get_selected (map), ==, "shaoxing");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
comparison_ready (gpointer view)
{
  return dt_year_comparison_view_get_comparison (view) != NULL;
}

/* The Top 100's comparison window opens on the latest two lists and
 * exports what it shows. */
static void
test_year_comparison_view (void)
{
  GtkWidget *view = dt_year_comparison_view_new (NULL, dt_application_get_store (app));
  g_autofree char *csv_path = g_build_filename (db_dir, "comparison.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DtEnterpriseComparison *comparison;

  gtk_window_present (GTK_WINDOW (view));
  dt_test_wait_for (comparison_ready, view, 20);
  comparison = dt_year_comparison_view_get_comparison (DT_YEAR_COMPARISON_VIEW (view));
  g_assert_cmpint (comparison->year_a, ==, 2022);
  g_assert_cmpint (comparison->year_b, ==, 2023);
  g_assert_cmpuint (comparison->entrants->len, ==, comparison->dropouts->len);
  g_assert_nonnull (dt_test_find_label (view, "Entrants"));

  g_assert_true (dt_year_comparison_view_export (DT_YEAR_COMPARISON_VIEW (view), csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (text, "Entrant,"));

  dt_year_comparison_view_set_years (DT_YEAR_COMPARISON_VIEW (view), 2021, 2023);
  dt_test_wait_for (comparison_ready, view, 20);
  g_assert_cmpint (dt_year_comparison_view_get_comparison (DT_YEAR_COMPARISON_VIEW (view))->year_a, ==, 2021);
  gtk_window_destroy (GTK_WINDOW (view));
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Save Map: the dialog offers the three formats, and a name typed
 * without a suffix is saved as PNG. */
static void
test_save_map_dialog (void)
{
  DtOverviewPage *overview;
  DtWindow *window = open_window (&overview);
  g_autofree char *dir = g_dir_make_tmp ("dt-save-map-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "cities.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GListModel) filters = NULL;
  g_autofree char *contents = NULL;
  GtkFileChooser *chooser;
  gsize length;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.save-map", NULL));
  dt_test_iterate_until_idle ();
  chooser = GTK_FILE_CHOOSER (dt_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  dt_test_iterate_until_idle ();
  gtk_file_chooser_set_current_name (chooser, "cities");
  /* The chooser checks the name asynchronously before it answers. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  dt_test_wait_for (file_exists, png, 20);

  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpmem (contents, 4, "\x89PNG", 4);
  g_remove (png);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  db_dir = g_dir_make_tmp ("dt-overview-XXXXXX", NULL);
  path = g_build_filename (db_dir, "overview.db", NULL);
  app = dt_application_new (path, NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/overview/click-through/city-opens-index", test_city_opens_index);
  g_test_add_func ("/overview/click-through/map-tile-opens-index", test_map_tile_opens_index);
  g_test_add_func ("/overview/click-through/category-opens-top-100", test_category_opens_top_100);
  g_test_add_func ("/overview/click-through/status-opens-measures", test_status_opens_measures);
  g_test_add_func ("/tile-map/colours-follow-values", test_map_colours_follow_values);
  g_test_add_func ("/tile-map/widget-colours-description-save", test_map_widget);
  g_test_add_func ("/tile-map/keyboard", test_map_keyboard);
  g_test_add_func ("/overview/save-map/adds-png", test_save_map_dialog);
  g_test_add_func ("/year-comparison/view", test_year_comparison_view);

  status = g_test_run ();
  g_clear_object (&app);
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", db_dir);
      (void) !system (cmd);
    }
  return status;
}
