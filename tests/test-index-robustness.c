/* test-index-robustness.c — the Index page's robustness view, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DT_SCREENSHOT_DIR set, also leaves index-robustness.png (the view)
 * and rank-intervals.png (the chart as saved) there.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dt-chart.h"
#include "dt-index-page.h"
#include "dt-index-robustness-view.h"
#include "dt-index-uncertainty.h"
#include "dt-rank-interval.h"
#include "dt-sample-data.h"
#include "dt-screenshot.h"
#include "dt-test-widgets.h"

static gboolean
run_finished (gpointer data)
{
  return !dt_index_robustness_view_is_running (data);
}

static void
test_sentence (void)
{
  g_autofree char *varies = dt_index_robustness_sentence ("Jinhua", 3, 0.78, 2, 5, 1000);
  g_autofree char *solid = dt_index_robustness_sentence ("Hangzhou", 1, 1.0, 1, 1, 1000);
  g_autofree char *mostly = dt_index_robustness_sentence ("Ningbo", 2, 0.96, 2, 2, 1000);
  g_autofree char *far = dt_index_robustness_sentence ("Wucheng", 34, 0.4, 30, 41, 200);

  g_assert_cmpstr (varies, ==, "Jinhua is third in 78 % of runs; it could be anywhere from second to fifth.");
  g_assert_cmpstr (solid, ==, "Hangzhou is first in all 1000 runs.");
  g_assert_cmpstr (mostly, ==, "Ningbo is second in 96 % of runs; in nine runs out of ten it is second.");
  g_assert_cmpstr (far, ==, "Wucheng is number 34 in 40 % of runs; it could be anywhere from number 30 to number 41.");
}

static void
test_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-index-robustness-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);
  g_auto(GStrv) sentences = NULL;
  g_autofree char *description = NULL;
  const char *shots = g_getenv ("DT_SCREENSHOT_DIR");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (DT_TYPE_INDEX_PAGE, NULL);
  GtkWidget *view;
  GtkWidget *chart;
  GtkWidget *sensitivity;
  const char *formats[] = { "png", "svg", "pdf" };

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  dt_index_page_set_store (DT_INDEX_PAGE (page), store);
  gtk_window_present (GTK_WINDOW (window));
  view = dt_test_find_descendant (page, DT_TYPE_INDEX_ROBUSTNESS_VIEW);
  g_assert_nonnull (view);
  chart = dt_index_robustness_view_get_chart (DT_INDEX_ROBUSTNESS_VIEW (view));
  sensitivity = dt_index_robustness_view_get_sensitivity_chart (DT_INDEX_ROBUSTNESS_VIEW (view));
  g_assert_false (gtk_widget_get_visible (chart));

  /* Stop: nothing is shown, and the view can run again. */
  dt_index_robustness_view_set_options (DT_INDEX_ROBUSTNESS_VIEW (view), 0.5, 10000, TRUE, TRUE, TRUE);
  dt_index_robustness_view_run (DT_INDEX_ROBUSTNESS_VIEW (view));
  g_assert_true (dt_index_robustness_view_is_running (DT_INDEX_ROBUSTNESS_VIEW (view)));
  g_signal_emit_by_name (dt_test_find_button (view, "_Stop"), "clicked");
  g_assert_false (dt_index_robustness_view_is_running (DT_INDEX_ROBUSTNESS_VIEW (view)));
  dt_test_iterate_until_idle ();
  g_assert_false (gtk_widget_get_visible (chart));
  g_assert_nonnull (dt_test_find_label (view, "Stopped"));

  /* The latest year's cities, with a wide margin and an indicator left
   * out, so that some ranks move. */
  dt_index_robustness_view_set_options (DT_INDEX_ROBUSTNESS_VIEW (view), 0.5, 300, FALSE, FALSE, TRUE);
  g_signal_emit_by_name (dt_test_find_button (view, "_Run"), "clicked");
  dt_test_wait_for (run_finished, view, 60);
  dt_test_iterate_until_idle ();

  g_assert_true (gtk_widget_get_visible (chart));
  g_assert_cmpuint (dt_rank_interval_get_n_items (DT_RANK_INTERVAL (chart)), ==, 11);
  sentences = dt_index_robustness_view_get_sentences (DT_INDEX_ROBUSTNESS_VIEW (view));
  g_assert_cmpuint (g_strv_length (sentences), ==, 11);
  /* Sorted by the nominal rank: Hangzhou leads the sample's cities. */
  g_assert_true (g_str_has_prefix (sentences[0], "Hangzhou is first"));
  g_assert_nonnull (dt_test_find_label (view, sentences[5]));
  description = dt_rank_interval_describe_chart (DT_RANK_INTERVAL (chart));
  g_assert_nonnull (strstr (description, "Hangzhou: rank 1, median 1"));
  /* Weights of the four levels below the index and the left-out indicator. */
  g_assert_true (gtk_widget_get_visible (sensitivity));
  g_assert_cmpuint (dt_chart_get_n_categories (DT_CHART (sensitivity)), ==, 4);
  g_assert_cmpuint (dt_chart_get_n_series (DT_CHART (sensitivity)), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("rank-intervals.%s", formats[i]);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      GStatBuf info;

      g_assert_true (dt_rank_interval_save_chart (DT_RANK_INTERVAL (chart), file, 1000, 400, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (file, &info), ==, 0);
      g_assert_cmpint (info.st_size, >, 1000);
      g_remove (file);
    }
  if (shots != NULL)
    {
      g_autofree char *view_png = g_build_filename (shots, "index-robustness.png", NULL);
      g_autofree char *chart_png = g_build_filename (shots, "rank-intervals.png", NULL);

      gboolean saved = dt_screenshot_save_png (view, view_png, &error);

      g_assert_no_error (error);
      g_assert_true (saved);
      g_assert_true (dt_rank_interval_save_chart (DT_RANK_INTERVAL (chart), chart_png, 1000, 400, &error));
      g_assert_no_error (error);
    }

  /* Another level clears the results. */
  dt_index_robustness_view_set_scope (DT_INDEX_ROBUSTNESS_VIEW (view), store, 2024, "county");
  g_assert_false (gtk_widget_get_visible (chart));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

/* COINr's ASEM example, whose ranks do move: 51 rows, and the chart
 * that the README shows. */
static void
test_asem_chart (void)
{
  const char *shared = g_getenv ("DT_SHARED_DIR");
  const char *shots = g_getenv ("DT_SCREENSHOT_DIR");
  g_autofree char *meta = shared != NULL ? g_build_filename (shared, "datasets", "asem", "meta.csv", NULL) : NULL;
  g_autofree char *data = shared != NULL ? g_build_filename (shared, "datasets", "asem", "treated.csv", NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexUncertainty) analysis = NULL;
  g_autoptr(DtIndexUncertaintyResult) result = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (DtRankIntervalItem));
  GtkWidget *chart = g_object_ref_sink (dt_rank_interval_new ());
  g_autofree char *file = NULL;
  DtIndexUncertaintySpec spec;
  DtIndexTable *table;

  if (meta == NULL || !g_file_test (meta, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The ASEM example data is not here: set DT_SHARED_DIR");
      g_object_unref (chart);
      return;
    }
  framework = dt_index_framework_new_from_path (meta, &error);
  g_assert_no_error (error);
  table = dt_index_table_new_from_path (framework, data, &error);
  g_assert_no_error (error);
  dt_index_uncertainty_spec_init (&spec);
  spec.noise[1] = spec.noise[2] = 0.25;
  spec.drop_indicators = TRUE;
  spec.replications = 200;
  analysis = dt_index_uncertainty_new (table, &spec, &error);
  g_assert_no_error (error);
  result = dt_index_uncertainty_run (analysis, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Sorted by nominal rank, as the page does. */
  for (guint rank = 1; rank <= result->rows->len; rank++)
    for (guint i = 0; i < result->rows->len; i++)
      {
        DtIndexUncertaintyRow *row = &g_array_index (result->rows, DtIndexUncertaintyRow, i);
        DtRankIntervalItem item = { row->unit, row->nominal_rank, row->median_rank, row->p5_rank, row->p95_rank };

        if (row->nominal_rank == rank)
          g_array_append_val (items, item);
      }
  dt_rank_interval_set_data (DT_RANK_INTERVAL (chart), "ASEM Sustainable Connectivity (COINr example): rank intervals",
                             (const DtRankIntervalItem *)(gpointer)items->data, items->len, result->rows->len,
                             result->replications);
  g_assert_cmpuint (dt_rank_interval_get_n_items (DT_RANK_INTERVAL (chart)), ==, 51);

  file = g_build_filename (shots != NULL ? shots : g_get_tmp_dir (), "rank-intervals-asem.png", NULL);
  g_assert_true (dt_rank_interval_save_chart (DT_RANK_INTERVAL (chart), file, 1000, 400, &error));
  g_assert_no_error (error);
  if (shots == NULL)
    g_remove (file);
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/index/robustness/sentence", test_sentence);
  g_test_add_func ("/index/robustness/run-and-stop", test_run);
  g_test_add_func ("/index/robustness/asem-chart", test_asem_chart);

  return g_test_run ();
}
