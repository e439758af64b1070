/* test-index-page.c — the Openness Index page on the sample data, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "dt-chart.h"
#include "dt-index-page.h"
#include "dt-index-ranking-row.h"
#include "dt-index-robustness-view.h"
#include "dt-sample-data.h"

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  /* The robustness view has controls and charts of its own. */
  if (DT_IS_INDEX_ROBUSTNESS_VIEW (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

/* The ranking table's rows in the order shown. */
static GPtrArray *
shown_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new ();
  GListModel *model;

  find_all (page, GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  model = G_LIST_MODEL (gtk_column_view_get_model (g_ptr_array_index (views, 0)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DtIndexRankingRow) row = g_list_model_get_item (model, i);

      g_ptr_array_add (rows, (gpointer)dt_index_ranking_row_get_entry (row));
    }
  return rows;
}

/* The what-if group's warning label, when shown. */
static GtkWidget *
visible_warning (GtkWidget *page)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  find_all (page, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "warning") &&
        gtk_widget_get_visible (g_ptr_array_index (labels, i)))
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* Checks (@check) that the year dropdown shows @year, or selects it. */
static void
select_year (GtkWidget  *page,
             const char *year,
             gboolean    check)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GtkDropDown *years;
  GListModel *model;

  find_all (page, GTK_TYPE_DROP_DOWN, dropdowns);
  years = g_ptr_array_index (dropdowns, 1);
  model = gtk_drop_down_get_model (years);
  if (check)
    {
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), gtk_drop_down_get_selected (years)), ==, year);
      g_assert_cmpuint (gtk_drop_down_get_selected (years), ==, g_list_model_get_n_items (model) - 1);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), year) == 0)
      gtk_drop_down_set_selected (years, i);
}

static void
test_sample (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-index-page-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (DT_TYPE_INDEX_PAGE, NULL);
  const DtIndexRankingEntry *first;
  gboolean moved = FALSE;
  g_autofree char *description = NULL;

  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), page);
  dt_index_page_set_store (DT_INDEX_PAGE (page), store);

  /* It opens on the latest year; the published figures are 2020's. */
  select_year (page, "2024", TRUE);
  select_year (page, "2020", FALSE);

  /* The trend shows the province and the three published cities, Hangzhou
   * among them, over every year. */
  find_all (page, DT_TYPE_CHART, charts);
  g_assert_cmpuint (charts->len, ==, 2);
  g_assert_cmpuint (dt_chart_get_n_series (g_ptr_array_index (charts, 0)), ==, 4);
  g_assert_cmpuint (dt_chart_get_n_categories (g_ptr_array_index (charts, 0)), ==, 7);
  description = dt_chart_describe (g_ptr_array_index (charts, 0));
  g_assert_nonnull (strstr (description, "Hangzhou"));
  /* Its context (years, base, source, sample mark) is in the description
   * and in a saved file; each region's colour is its own: Zhejiang the
   * first of the palette, Jinhua the eighth, whichever are ticked. */
  g_assert_nonnull (strstr (description, "Shows: 2018–2024 · index, 2018 = 100."));
  g_assert_nonnull (strstr (description, "Sample data."));
  g_assert_cmpuint (dt_chart_get_series_colour (g_ptr_array_index (charts, 0), 0), ==, 0);
  g_assert_cmpuint (dt_chart_get_series_colour (g_ptr_array_index (charts, 0), 3), ==, 7);
  /* The breakdown: five dimensions. */
  g_assert_cmpuint (dt_chart_get_n_categories (g_ptr_array_index (charts, 1)), ==, 5);

  /* 2020 cities: Hangzhou, Ningbo, Jinhua on top, with the published scores. */
  rows = shown_rows (page);
  g_assert_cmpuint (rows->len, ==, 11);
  first = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (first->region, ==, "hangzhou");
  g_assert_cmpfloat (first->score, ==, 126.6);
  g_assert_cmpstr (first->status, ==, "published");
  g_assert_cmpstr (((DtIndexRankingEntry *)g_ptr_array_index (rows, 1))->region, ==, "ningbo");
  g_assert_cmpstr (((DtIndexRankingEntry *)g_ptr_array_index (rows, 2))->region, ==, "jinhua");
  g_assert_cmpuint (first->whatif_rank, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* What-if: only the openness foundation counts; Ningbo leads it. */
  find_all (page, GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 5);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 1);
  for (guint i = 1; i < spins->len; i++)
    gtk_spin_button_set_value (g_ptr_array_index (spins, i), 0);
  rows = shown_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      const DtIndexRankingEntry *e = g_ptr_array_index (rows, i);

      if (g_strcmp0 (e->region, "ningbo") == 0)
        g_assert_cmpuint (e->whatif_rank, ==, 1);
      if (g_strcmp0 (e->region, "hangzhou") == 0)
        {
          g_assert_cmpuint (e->whatif_rank, ==, 2);
          /* The published score stays beside the what-if one. */
          g_assert_cmpfloat (e->score, ==, 126.6);
        }
      moved |= e->whatif_rank != e->rank;
    }
  g_assert_true (moved);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Reset restores the published weights and the ranks. */
  gtk_widget_activate_action (page, "index.reset-weights", NULL);
  rows = shown_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      const DtIndexRankingEntry *e = g_ptr_array_index (rows, i);

      g_assert_cmpuint (e->whatif_rank, ==, e->rank);
    }
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), ==, 0.2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A typed weight snaps to the 0.05 grid. */
  {
    g_autoptr(GPtrArray) texts = g_ptr_array_new ();

    find_all (g_ptr_array_index (spins, 0), GTK_TYPE_TEXT, texts);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (texts, 0)), "0.123");
    gtk_spin_button_update (g_ptr_array_index (spins, 0));
  }
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), 0.1, 1e-9);

  /* Every weight stepped down to 0: no what-if score, and a sentence why. */
  g_assert_null (visible_warning (page));
  for (guint i = 0; i < spins->len; i++)
    {
      gtk_spin_button_set_value (g_ptr_array_index (spins, i), 0.05);
      gtk_spin_button_spin (g_ptr_array_index (spins, i), GTK_SPIN_STEP_BACKWARD, 0.05);
    }
  g_assert_nonnull (visible_warning (page));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (visible_warning (page))), "Every weight is 0"));
  rows = shown_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      const DtIndexRankingEntry *e = g_ptr_array_index (rows, i);

      g_assert_true (isnan (e->whatif_score));
      g_assert_cmpuint (e->whatif_rank, ==, 0);
    }
  gtk_widget_activate_action (page, "index.reset-weights", NULL);
  g_assert_null (visible_warning (page));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/index/page/sample", test_sample);

  return g_test_run ();
}
