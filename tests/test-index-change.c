/* test-index-change.c — what moved a region's index, and the counties, on the Index page under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "dt-index-change-view.h"
#include "dt-index-page.h"
#include "dt-index-ranking-row.h"
#include "dt-sample-data.h"
#include "dt-waterfall.h"

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

static gpointer
find_one (GtkWidget *widget,
          GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_all (widget, type, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

/* The drop-down whose list has @n_items entries, starting with @first. */
static GtkDropDown *
find_dropdown (GtkWidget  *page,
               const char *first)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_all (page, GTK_TYPE_DROP_DOWN, found);
  for (guint i = 0; i < found->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (g_ptr_array_index (found, i));

      if (model != NULL && g_list_model_get_n_items (model) > 0 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), first) == 0)
        return g_ptr_array_index (found, i);
    }
  g_assert_not_reached ();
}

static guint
position_of (GtkDropDown *dropdown,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;
  g_assert_not_reached ();
}

static GListModel *
ranking_model (GtkWidget *page)
{
  return G_LIST_MODEL (gtk_column_view_get_model (find_one (page, GTK_TYPE_COLUMN_VIEW)));
}

static gboolean
has_magic (const char *path,
           const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) &&
         length > strlen (magic) && memcmp (contents, magic, strlen (magic)) == 0;
}

static void
test_change_and_counties (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-index-change-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "index.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (DT_TYPE_INDEX_PAGE, NULL);
  DtIndexChangeView *view;
  DtWaterfall *waterfall;
  GtkDropDown *year, *level, *city, *region;
  GListModel *model;
  const char *formats[] = { "png", "svg", "pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };

  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  dt_index_page_set_store (DT_INDEX_PAGE (page), store);
  view = find_one (page, DT_TYPE_INDEX_CHANGE_VIEW);
  waterfall = find_one (page, DT_TYPE_WATERFALL);

  /* Hangzhou from 2023 to 2024 (the page opens on the latest year). */
  year = find_dropdown (page, "2018");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (year)),
                                               gtk_drop_down_get_selected (year)), ==, "2024");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_true (g_str_has_prefix (dt_index_change_view_get_sentence (view), "Hangzhou +"));
  g_assert_cmpuint (dt_waterfall_get_n_steps (waterfall), ==, 5);

  /* Drill down into the first dimension (as a click or Enter does), then back up. */
  g_signal_emit_by_name (waterfall, "step-activated", 0u);
  g_assert_cmpuint (dt_waterfall_get_n_steps (waterfall), ==, 4);
  g_assert_true (g_str_has_prefix (dt_index_change_view_get_sentence (view), "Openness foundation +"));
  g_signal_emit_by_name (waterfall, "step-activated", 0u);   /* a sub-dimension: its indicators */
  g_assert_cmpuint (dt_waterfall_get_n_steps (waterfall), ==, 4);
  g_assert_false (dt_index_change_view_open_step (view, 0));  /* an indicator has nothing under it */
  g_assert_true (dt_index_change_view_go_up (view));
  g_assert_true (dt_index_change_view_go_up (view));
  g_assert_false (dt_index_change_view_go_up (view));
  g_assert_cmpuint (dt_waterfall_get_n_steps (waterfall), ==, 5);

  /* Saved as PNG, SVG and PDF. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("change.%s", formats[i]);
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_assert_true (dt_waterfall_save (waterfall, file, 1200, 700, &error));
      g_assert_no_error (error);
      g_assert_true (has_magic (file, magic[i]));
      g_remove (file);
    }

  /* Counties: all 90, then those of Hangzhou only. */
  level = find_dropdown (page, "Cities");
  gtk_drop_down_set_selected (level, position_of (level, "Counties and districts"));
  model = ranking_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 90);
  city = find_dropdown (page, "All cities");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (city)));
  gtk_drop_down_set_selected (city, position_of (city, "Hangzhou"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DtIndexRankingRow) row = g_list_model_get_item (model, i);

      g_assert_true (g_str_has_prefix (dt_index_ranking_row_get_entry (row)->region, "hangzhou."));
    }

  /* A click on a county in the ranking explains its change. */
  {
    g_autoptr(DtIndexRankingRow) row = g_list_model_get_item (model, 0);
    /* Copied: the click refreshes the ranking, and the entry with it. */
    g_autofree char *name = g_strdup (dt_index_ranking_row_get_entry (row)->name_en);

    g_signal_emit_by_name (find_one (page, GTK_TYPE_COLUMN_VIEW), "activate", 0u);
    region = find_dropdown (page, "Zhejiang");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (region)),
                                                 gtk_drop_down_get_selected (region)), ==, name);
    g_assert_true (g_str_has_prefix (dt_index_change_view_get_sentence (view), name));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/index/change/waterfall-and-counties", test_change_and_counties);

  return g_test_run ();
}
