/* dt-index-page.c — the Openness Index tracker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One node (the index, a dimension, a sub-dimension or an indicator) is
 * followed over the years for up to eight regions, ranked for one year and
 * level, and one region-year is broken down into its dimensions and its
 * strongest and weakest indicators. The what-if weights recompute every
 * aggregate with the composite-index engine from the stored indicator
 * values, which are already scored against the 2018 benchmark.
 */

#define G_LOG_DOMAIN "dt-index-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-chart.h"
#include "dt-data-source.h"
#include "dt-export-util.h"
#include "dt-index-change-view.h"
#include "dt-index-engine.h"
#include "dt-index-page.h"
#include "dt-index-query.h"
#include "dt-index-ranking-row.h"
#include "dt-index-robustness-view.h"
#include "dt-output.h"
#include "dt-tile-map.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

#define MAX_TREND_REGIONS 8

typedef DtIndexRegion Region;

struct _DtIndexPage
{
  AdwBin            parent_instance;

  DtStore          *store;

  GtkDropDown      *node_dropdown;
  GtkDropDown      *year_dropdown;
  GtkDropDown      *level_dropdown;
  GtkDropDown      *region_dropdown;
  GtkMenuButton    *regions_button;
  GtkBox           *regions_box;
  GtkFrame         *trend_frame;
  GtkFrame         *breakdown_frame;
  GtkLabel         *ranking_summary;
  GtkColumnView    *ranking_view;
  AdwPreferencesGroup *ranking_group;
  AdwPreferencesGroup *whatif_group;
  AdwPreferencesGroup *strongest_group;
  AdwPreferencesGroup *weakest_group;
  GtkBox           *content;
  DtIndexChangeView *change_view;
  GtkWidget        *city_label;
  GtkDropDown      *city_dropdown;  /* counties: all, or those of one city */
  GPtrArray        *cities;         /* char *: the city codes after "All cities" */

  DtChart          *trend_chart;
  DtChart          *breakdown_chart;
  GtkWidget        *robustness_view;
  GtkWidget        *whatif_note;
  GListStore       *ranking_rows;
  GtkSortListModel *ranking_sorted;

  DtIndexFramework *framework;   /* as stored */
  DtIndexFramework *whatif;      /* with the weights of the spin buttons */
  DtIndexTable     *whatif_table;
  DtIndexRanking   *ranking;
  GArray           *years;       /* int */
  GPtrArray        *regions;     /* Region, with index values */
  GPtrArray        *levels;      /* char *: city, county */
  GPtrArray        *region_checks;   /* GtkCheckButton, one per region */
  GPtrArray        *dimension_spins; /* GtkSpinButton, one per child of the root */
  GPtrArray        *dimension_rows;
  GPtrArray        *indicator_rows;
  int               root;
  gboolean          loading;
  DtTileMap        *city_map;    /* the cities' scores of the ranking shown */
};

G_DEFINE_FINAL_TYPE (DtIndexPage, dt_index_page, ADW_TYPE_BIN)

static void refresh_trend (DtIndexPage *self);
static void refresh_ranking (DtIndexPage *self);
static void refresh_breakdown (DtIndexPage *self);
static void refresh_city_map (DtIndexPage *self);

static const char *
region_name (const Region *region)
{
  return dt_pick_name (region->name_zh, region->name_en);
}

static const char *
node_name (DtIndexFramework *framework,
           guint             node)
{
  const DtIndexNode *info = dt_index_framework_get_node (framework, node);

  return dt_pick_name (info->name, info->name_en);
}

static char *
format_score (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", value);
}

static gboolean
same_text_free_second (const char *a,
                    char       *b)
{
  gboolean equal = g_strcmp0 (a, b) == 0;

  g_free (b);
  return equal;
}

static int
selected_node (DtIndexPage *self)
{
  guint position = gtk_drop_down_get_selected (self->node_dropdown);

  if (self->framework == NULL || position == GTK_INVALID_LIST_POSITION ||
      position >= dt_index_framework_get_n_nodes (self->framework))
    return -1;
  return position;
}

static int
selected_year (DtIndexPage *self)
{
  guint position = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->years == NULL || position >= self->years->len)
    return 0;
  return g_array_index (self->years, int, position);
}

static const char *
selected_level (DtIndexPage *self)
{
  guint position = gtk_drop_down_get_selected (self->level_dropdown);

  if (self->levels == NULL || position >= self->levels->len)
    return "city";
  return g_ptr_array_index (self->levels, position);
}

static Region *
selected_region (DtIndexPage *self)
{
  guint position = gtk_drop_down_get_selected (self->region_dropdown);

  if (self->regions == NULL || position >= self->regions->len)
    return NULL;
  return g_ptr_array_index (self->regions, position);
}

/* What-if */

/* Recomputes every aggregate from the stored indicator values with the
 * weights of the spin buttons. */
static void
recompute_whatif (DtIndexPage *self)
{
  g_autoptr(GError) error = NULL;
  guint n_children;
  const guint *children;
  double total = 0;

  if (self->whatif == NULL || self->whatif_table == NULL || self->root < 0)
    return;

  children = dt_index_framework_get_children (self->whatif, self->root, &n_children);
  for (guint i = 0; i < n_children && i < self->dimension_spins->len; i++)
    {
      double weight = gtk_spin_button_get_value (g_ptr_array_index (self->dimension_spins, i));

      /* A spin button stepped down to "0.00" may hold 1e-17: that is 0. */
      if (weight < 0.005)
        weight = 0;
      total += weight;
      dt_index_framework_set_weight (self->whatif, children[i], weight);
    }
  /* With every weight 0 there is nothing to weigh by: no score, and why. */
  gtk_widget_set_visible (self->whatif_note, total == 0);
  if (!dt_index_aggregate (self->whatif_table, DT_INDEX_AGGREGATE_AMEAN, &error))
    g_warning ("What-if weights: %s", error->message);
}

static void
on_weight_changed (DtIndexPage *self)
{
  if (self->loading)
    return;
  recompute_whatif (self);
  refresh_ranking (self);
}

static void
reset_weights (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtIndexPage *self = DT_INDEX_PAGE (widget);
  guint n_children;
  const guint *children;

  if (self->framework == NULL || self->root < 0)
    return;
  self->loading = TRUE;
  children = dt_index_framework_get_children (self->framework, self->root, &n_children);
  for (guint i = 0; i < n_children && i < self->dimension_spins->len; i++)
    gtk_spin_button_set_value (g_ptr_array_index (self->dimension_spins, i),
                               dt_index_framework_get_node (self->framework, children[i])->weight);
  self->loading = FALSE;
  on_weight_changed (self);
}

static void
build_whatif (DtIndexPage *self)
{
  guint n_children;
  const guint *children;

  for (guint i = 0; i < self->dimension_rows->len; i++)
    adw_preferences_group_remove (self->whatif_group, g_ptr_array_index (self->dimension_rows, i));
  g_ptr_array_set_size (self->dimension_rows, 0);
  g_ptr_array_set_size (self->dimension_spins, 0);
  if (self->framework == NULL || self->root < 0)
    return;

  children = dt_index_framework_get_children (self->framework, self->root, &n_children);
  for (guint i = 0; i < n_children; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1, 0.05);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      /* Typed or stepped, a weight lands on the 0.05 grid. */
      gtk_spin_button_set_snap_to_ticks (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                                 dt_index_framework_get_node (self->framework, children[i])->weight);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      node_name (self->framework, children[i]), -1);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_weight_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), node_name (self->framework, children[i]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->whatif_group, row);
      g_ptr_array_add (self->dimension_rows, row);
      g_ptr_array_add (self->dimension_spins, spin);
    }
}

/* Trend */

static void
update_region_checks_sensitivity (DtIndexPage *self)
{
  guint checked = 0;

  for (guint i = 0; i < self->region_checks->len; i++)
    checked += gtk_check_button_get_active (g_ptr_array_index (self->region_checks, i));
  /* At most eight lines stay readable. */
  for (guint i = 0; i < self->region_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->region_checks, i);

      gtk_widget_set_sensitive (GTK_WIDGET (check),
                                gtk_check_button_get_active (check) || checked < MAX_TREND_REGIONS);
    }
}

static void
on_region_toggled (DtIndexPage *self)
{
  if (self->loading)
    return;
  update_region_checks_sensitivity (self);
  refresh_trend (self);
}

/* What a saved index chart carries: the selection, the base of the
 * index, and where the values come from. */
static void
set_chart_context (DtIndexPage *self,
                   DtChart     *chart,
                   const char  *selection)
{
  g_autofree char *source = NULL;
  g_autofree char *line = NULL;
  gboolean sample = FALSE;

  if (self->store != NULL)
    source = dt_data_source_line (self->store, "index", &sample);
  if (selection != NULL)
    /* TRANSLATORS: what an index chart shows, then the base of the index */
    line = g_strdup_printf (_("%s · index, 2018 = 100"), selection);
  else if (self->years != NULL && self->years->len > 0)
    /* TRANSLATORS: the years an index chart covers, then the base of the index */
    line = g_strdup_printf (_("%d–%d · index, 2018 = 100"), g_array_index (self->years, int, 0),
                            g_array_index (self->years, int, self->years->len - 1));
  dt_chart_set_context (chart, line, source, sample);
}

static void
refresh_trend (DtIndexPage *self)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  int node = selected_node (self);

  dt_chart_clear_series (self->trend_chart);
  if (node < 0 || self->years == NULL)
    return;

  for (guint i = 0; i < self->years->len; i++)
    g_ptr_array_add (categories, g_strdup_printf ("%d", g_array_index (self->years, int, i)));
  g_ptr_array_add (categories, NULL);
  dt_chart_set_categories (self->trend_chart, (const char * const *)categories->pdata);
  dt_chart_set_title (self->trend_chart, node_name (self->framework, node));

  {
    /* Each region keeps its colour whichever others are ticked. */
    g_autoptr(GPtrArray) keys = g_ptr_array_new ();

    for (guint r = 0; r < self->regions->len; r++)
      g_ptr_array_add (keys, ((Region *) g_ptr_array_index (self->regions, r))->code);
    g_ptr_array_add (keys, NULL);
    dt_chart_set_colour_keys (self->trend_chart, (const char * const *) keys->pdata);
  }

  for (guint r = 0; r < self->regions->len; r++)
    {
      Region *region = g_ptr_array_index (self->regions, r);
      g_autofree double *values = NULL;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->region_checks, r)))
        continue;
      values = dt_index_query_trend (self->store, region->code,
                                     dt_index_framework_get_node (self->framework, node)->code,
                                     (const int *)(gpointer)self->years->data, self->years->len);
      /* The province line is drawn on top of the cities'. */
      dt_chart_add_series_full (self->trend_chart, region->code, region_name (region), values, self->years->len,
                                g_strcmp0 (region->level, "province") == 0 ? DT_CHART_SERIES_EMPHASIS
                                                                           : DT_CHART_SERIES_NONE);
    }
  set_chart_context (self, self->trend_chart, NULL);
}

/* Ranking */

/* The city chosen to filter the counties by, or NULL for all. */
static const char *
selected_city (DtIndexPage *self)
{
  guint position = gtk_drop_down_get_selected (self->city_dropdown);

  if (g_strcmp0 (selected_level (self), "county") != 0 || position == 0 ||
      position == GTK_INVALID_LIST_POSITION || position > self->cities->len)
    return NULL;
  return g_ptr_array_index (self->cities, position - 1);
}

/* Keeps the counties of the chosen city; ranks stay those among all the
 * counties, and the average is that of the regions listed. */
static void
filter_by_city (DtIndexPage *self)
{
  const char *city = selected_city (self);
  double sum = 0;
  guint n = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->city_dropdown), g_strcmp0 (selected_level (self), "county") == 0);
  gtk_widget_set_visible (self->city_label, g_strcmp0 (selected_level (self), "county") == 0);
  if (city == NULL)
    return;
  for (guint i = self->ranking->entries->len; i-- > 0;)
    {
      DtIndexRankingEntry *entry = g_ptr_array_index (self->ranking->entries, i);
      const char *parent = NULL;

      for (guint r = 0; r < self->regions->len; r++)
        if (g_strcmp0 (((Region *)g_ptr_array_index (self->regions, r))->code, entry->region) == 0)
          parent = ((Region *)g_ptr_array_index (self->regions, r))->parent;
      if (g_strcmp0 (parent, city) != 0)
        g_ptr_array_remove_index (self->ranking->entries, i);
      else if (!isnan (entry->score))
        {
          sum += entry->score;
          n++;
        }
    }
  self->ranking->average = n > 0 ? sum / n : NAN;
}

/* A click on a region of the ranking shows what moved it. */
static void
on_ranking_activate (DtIndexPage *self,
                     guint        position)
{
  g_autoptr(DtIndexRankingRow) row = g_list_model_get_item (G_LIST_MODEL (self->ranking_sorted), position);
  const DtIndexRankingEntry *entry;

  if (row == NULL)
    return;
  entry = dt_index_ranking_row_get_entry (row);
  for (guint i = 0; i < self->regions->len; i++)
    if (g_strcmp0 (((Region *)g_ptr_array_index (self->regions, i))->code, entry->region) == 0)
      {
        gtk_drop_down_set_selected (self->region_dropdown, i);
        dt_index_page_show_change (self);
        return;
      }
}

static void
refresh_ranking (DtIndexPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  int node = selected_node (self);
  int year = selected_year (self);
  const char *level = selected_level (self);

  g_list_store_remove_all (self->ranking_rows);
  g_clear_pointer (&self->ranking, dt_index_ranking_free);
  dt_index_robustness_view_set_scope (DT_INDEX_ROBUSTNESS_VIEW (self->robustness_view), self->store, year, level);
  if (node < 0 || year == 0)
    return;

  self->ranking = dt_index_ranking_query (self->store, dt_index_framework_get_node (self->framework, node)->code,
                                          year, level, &error);
  if (self->ranking == NULL)
    {
      gtk_label_set_text (self->ranking_summary, error->message);
      return;
    }

  if (self->whatif_table != NULL)
    {
      int whatif_node = dt_index_framework_lookup (self->whatif, dt_index_framework_get_node (self->framework, node)->code);

      for (guint i = 0; i < self->ranking->entries->len; i++)
        {
          DtIndexRankingEntry *entry = g_ptr_array_index (self->ranking->entries, i);
          int row = dt_index_table_find_row (self->whatif_table, entry->region, year);

          if (row >= 0 && whatif_node >= 0)
            entry->whatif_score = dt_index_table_get_value (self->whatif_table, row, whatif_node);
        }
      dt_index_ranking_rank_whatif (self->ranking);
    }

  filter_by_city (self);
  for (guint i = 0; i < self->ranking->entries->len; i++)
    g_ptr_array_add (rows, dt_index_ranking_row_new (g_ptr_array_index (self->ranking->entries, i)));
  g_list_store_splice (self->ranking_rows, 0, 0, rows->pdata, rows->len);

  title = g_strdup_printf (_("Ranking: %s, %d"), node_name (self->framework, node), year);
  adw_preferences_group_set_title (self->ranking_group, title);
  if (self->ranking->entries->len == 0)
    summary = g_strdup (_("No values for this level and year."));
  else
    {
      g_autofree char *average = format_score (self->ranking->average);
      g_autofree char *province = format_score (self->ranking->province);

      /* Translators: the province's own score, then the mean of the listed regions. */
      summary = g_strdup_printf (ngettext ("Province: %s (%s) · Average of the %u region listed: %s",
                                           "Province: %s (%s) · Average of the %u regions listed: %s",
                                           self->ranking->entries->len),
                                 province,
                                 self->ranking->province_status != NULL
                                   ? dt_vocabulary_label (DT_VOCABULARY_VALUE_STATUS, self->ranking->province_status)
                                   : _("no value"),
                                 self->ranking->entries->len, average);
    }
  gtk_label_set_text (self->ranking_summary, summary);
  refresh_city_map (self);
}

enum {
  COLUMN_RANK,
  COLUMN_REGION,
  COLUMN_SCORE,
  COLUMN_STATUS,
  COLUMN_SOURCE,
  COLUMN_CHANGE,
  COLUMN_WHATIF_SCORE,
  COLUMN_WHATIF_RANK,
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);
  int id = GPOINTER_TO_INT (column);

  gtk_label_set_xalign (GTK_LABEL (label), id == COLUMN_REGION || id == COLUMN_STATUS || id == COLUMN_SOURCE ? 0 : 1);
  if (id == COLUMN_SOURCE)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  column)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const DtIndexRankingEntry *e = dt_index_ranking_row_get_entry (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  const char *tooltip = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  switch (GPOINTER_TO_INT (column))
    {
    case COLUMN_RANK:
      text = g_strdup_printf ("%u", e->rank);
      break;
    case COLUMN_REGION:
      text = g_strdup (dt_pick_name (e->name_zh, e->name_en));
      break;
    case COLUMN_SCORE:
      text = format_score (e->score);
      tooltip = dt_source_label (e->source_zh, e->source);
      break;
    case COLUMN_STATUS:
      text = g_strdup (dt_vocabulary_label (DT_VOCABULARY_VALUE_STATUS, e->status));
      tooltip = dt_source_label (e->source_zh, e->source);
      break;
    case COLUMN_SOURCE:
      text = g_strdup (dt_source_label (e->source_zh, e->source));
      tooltip = dt_source_label (e->source_zh, e->source);
      break;
    case COLUMN_CHANGE:
      if (e->previous_rank == 0)
        text = g_strdup (_("new"));
      else if (e->previous_rank == e->rank)
        text = g_strdup ("=");
      else
        {
          int change = (int)e->previous_rank - (int)e->rank;

          text = g_strdup_printf (change > 0 ? "▲ %d" : "▼ %d", ABS (change));
          gtk_widget_add_css_class (GTK_WIDGET (label), change > 0 ? "success" : "error");
        }
      break;
    case COLUMN_WHATIF_SCORE:
      text = format_score (e->whatif_score);
      /* "Same" as the reader sees it: equal to the two decimals shown. */
      if (!isnan (e->whatif_score) && !isnan (e->score) && same_text_free_second (text, format_score (e->score)))
        {
          g_free (text);
          /* Translators: a what-if score equal to the stored one, e.g. “126.60 (same)”. */
          text = g_strdup_printf (_("%.2f (same)"), e->whatif_score);
          tooltip = _("Equal to the stored score: the stored indicator values reproduce it with these weights");
        }
      else
        {
          tooltip = _("Re-aggregated from the stored indicator values with the what-if weights. A published score may have been computed from indicators that are not in the database, so it can differ even at the published weights.");
        }
      break;
    case COLUMN_WHATIF_RANK:
      if (e->whatif_rank == 0)
        text = g_strdup ("—");
      else if (e->whatif_rank == e->rank)
        text = g_strdup_printf ("%u", e->whatif_rank);
      else
        {
          text = g_strdup_printf ("%u (%s%d)", e->whatif_rank,
                                  e->whatif_rank < e->rank ? "▲" : "▼",
                                  ABS ((int)e->rank - (int)e->whatif_rank));
          gtk_widget_add_css_class (GTK_WIDGET (label), e->whatif_rank < e->rank ? "success" : "error");
        }
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static GtkColumnViewColumn *
add_column (DtIndexPage *self,
            const char  *title,
            int          id,
            GtkSorter   *sorter,
            gboolean     expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (id));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (id));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->ranking_view, column);
  g_clear_object (&sorter);
  return column;
}

static GtkSorter *
numeric_sorter (const char  *property,
                GtkSortType  order)
{
  GtkSorter *sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (DT_TYPE_INDEX_RANKING_ROW, NULL, property)));

  gtk_numeric_sorter_set_sort_order (GTK_NUMERIC_SORTER (sorter), order);
  return sorter;
}

static void
build_ranking_view (DtIndexPage *self)
{
  GtkColumnViewColumn *rank;
  GtkSelectionModel *selection;

  self->ranking_rows = g_list_store_new (DT_TYPE_INDEX_RANKING_ROW);
  self->ranking_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->ranking_rows)),
                                                  g_object_ref (gtk_column_view_get_sorter (self->ranking_view)));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->ranking_sorted))));
  gtk_column_view_set_model (self->ranking_view, selection);
  g_object_unref (selection);

  rank = add_column (self, _("Rank"), COLUMN_RANK, numeric_sorter ("rank", GTK_SORT_ASCENDING), FALSE);
  add_column (self, _("Region"), COLUMN_REGION,
              GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (DT_TYPE_INDEX_RANKING_ROW, NULL, "name"))),
              TRUE);
  add_column (self, _("Score"), COLUMN_SCORE, numeric_sorter ("score", GTK_SORT_DESCENDING), FALSE);
  add_column (self, _("Change"), COLUMN_CHANGE, numeric_sorter ("rank-change", GTK_SORT_DESCENDING), FALSE);
  add_column (self, _("Status"), COLUMN_STATUS,
              GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (DT_TYPE_INDEX_RANKING_ROW, NULL, "status"))),
              FALSE);
  add_column (self, _("Source"), COLUMN_SOURCE, NULL, TRUE);
  add_column (self, _("What-If Score"), COLUMN_WHATIF_SCORE, numeric_sorter ("whatif-score", GTK_SORT_DESCENDING), FALSE);
  add_column (self, _("What-If Rank"), COLUMN_WHATIF_RANK, numeric_sorter ("whatif-rank", GTK_SORT_ASCENDING), FALSE);
  gtk_column_view_sort_by_column (self->ranking_view, rank, GTK_SORT_ASCENDING);
}

/* Breakdown */

typedef struct
{
  guint  node;
  double value;
} Scored;

static int
by_value_desc (gconstpointer a,
               gconstpointer b)
{
  const Scored *x = a, *y = b;

  return x->value > y->value ? -1 : x->value < y->value ? 1 : (int)x->node - (int)y->node;
}

static void
add_indicator_row (DtIndexPage         *self,
                   AdwPreferencesGroup *group,
                   const Region        *region,
                   int                  year,
                   guint                node)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *status = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  int parent = dt_index_framework_get_parent (self->framework, node);
  double value = NAN;
  GtkWidget *label;

  dt_index_query_best_value (self->store, region->code, year, dt_index_framework_get_node (self->framework, node)->code,
              &value, &status, &source);
  text = format_score (value);
  subtitle = g_strdup_printf ("%s · %s", parent >= 0 ? node_name (self->framework, parent) : "",
                              dt_vocabulary_label (DT_VOCABULARY_VALUE_STATUS, status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), node_name (self->framework, node));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, source);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->indicator_rows, row);
  g_ptr_array_add (self->indicator_rows, group);
}

/* What moved the selected region's index from the year before. */
static void
refresh_change (DtIndexPage *self)
{
  Region *region = selected_region (self);
  int year = selected_year (self);
  guint position = gtk_drop_down_get_selected (self->year_dropdown);

  if (region == NULL || year == 0 || position == 0 || position >= self->years->len)
    {
      dt_index_change_view_show (self->change_view, NULL, NULL, NULL, 0, 0);
      return;
    }
  dt_index_change_view_show (self->change_view, self->store, region->code, region_name (region),
                             g_array_index (self->years, int, position - 1), year);
}

static void
refresh_breakdown (DtIndexPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autofree double *values = NULL;
  g_autofree char *title = NULL;
  Region *region = selected_region (self);
  int year = selected_year (self);
  guint n_children;
  const guint *children;
  int row;

  /* indicator_rows holds pairs (row, group). */
  for (guint i = 0; i + 1 < self->indicator_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->indicator_rows, i + 1),
                                  g_ptr_array_index (self->indicator_rows, i));
  g_ptr_array_set_size (self->indicator_rows, 0);
  dt_chart_clear_series (self->breakdown_chart);
  refresh_change (self);
  if (region == NULL || year == 0 || self->root < 0)
    return;

  children = dt_index_framework_get_children (self->framework, self->root, &n_children);
  values = g_new (double, n_children);
  for (guint i = 0; i < n_children; i++)
    {
      g_ptr_array_add (names, (gpointer)node_name (self->framework, children[i]));
      values[i] = NAN;
      dt_index_query_best_value (self->store, region->code, year, dt_index_framework_get_node (self->framework, children[i])->code,
                  &values[i], NULL, NULL);
    }
  g_ptr_array_add (names, NULL);
  /* Translators: a region and a year, e.g. “Hangzhou, 2020”. */
  title = g_strdup_printf (_("%s, %d: dimensions"), region_name (region), year);
  dt_chart_set_title (self->breakdown_chart, title);
  dt_chart_set_categories (self->breakdown_chart, (const char * const *)names->pdata);
  dt_chart_add_series (self->breakdown_chart, region_name (region), values, n_children);
  set_chart_context (self, self->breakdown_chart, title);

  /* Strongest and weakest indicators by their score against 2018. */
  row = self->whatif_table != NULL ? dt_index_table_find_row (self->whatif_table, region->code, year) : -1;
  if (row < 0)
    return;
  for (guint i = 0; i < dt_index_framework_get_n_nodes (self->framework); i++)
    {
      Scored s = { i, dt_index_table_get_value (self->whatif_table, row, i) };

      if (dt_index_framework_get_node (self->framework, i)->level == 1 && !isnan (s.value))
        g_array_append_val (scored, s);
    }
  g_array_sort (scored, by_value_desc);
  for (guint i = 0; i < MIN (5u, scored->len); i++)
    add_indicator_row (self, self->strongest_group, region, year, g_array_index (scored, Scored, i).node);
  for (guint i = 0; i < MIN (5u, scored->len); i++)
    add_indicator_row (self, self->weakest_group, region, year,
                       g_array_index (scored, Scored, scored->len - 1 - i).node);
}

/* Loading */

static void
set_strings (GtkDropDown *dropdown,
             GPtrArray   *strings)
{
  g_autoptr(GtkStringList) list = NULL;

  g_ptr_array_add (strings, NULL);
  list = gtk_string_list_new ((const char * const *)strings->pdata);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
reload (DtIndexPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) node_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) year_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) level_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) region_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) city_labels = g_ptr_array_new ();
  GtkWidget *child;
  guint default_year = 0, default_region = 0;

  self->loading = TRUE;
  g_clear_pointer (&self->ranking, dt_index_ranking_free);
  g_list_store_remove_all (self->ranking_rows);
  g_clear_pointer (&self->whatif_table, dt_index_table_free);
  g_clear_pointer (&self->whatif, dt_index_framework_free);
  g_clear_pointer (&self->framework, dt_index_framework_free);
  g_array_set_size (self->years, 0);
  g_ptr_array_set_size (self->regions, 0);
  g_ptr_array_set_size (self->levels, 0);
  g_ptr_array_set_size (self->region_checks, 0);
  g_ptr_array_set_size (self->cities, 0);
  g_ptr_array_add (city_labels, _("All cities"));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->regions_box))) != NULL)
    gtk_box_remove (self->regions_box, child);
  self->root = -1;

  if (self->store == NULL)
    goto done;

  self->framework = dt_index_framework_new_from_store (self->store, &error);
  if (self->framework == NULL)
    {
      g_warning ("The index framework in the database is not valid: %s", error->message);
      goto done;
    }
  for (guint i = 0; i < dt_index_framework_get_n_nodes (self->framework); i++)
    {
      const DtIndexNode *node = dt_index_framework_get_node (self->framework, i);
      int depth = 0;

      for (int p = dt_index_framework_get_parent (self->framework, i); p >= 0;
           p = dt_index_framework_get_parent (self->framework, p))
        depth++;
      if (node->parent == NULL && self->root < 0)
        self->root = i;
      /* Indent by depth so that the tree reads in the list. */
      g_ptr_array_add (node_labels, g_strdup_printf ("%*s%s", depth * 3, "", node_name (self->framework, i)));
    }
  self->whatif = dt_index_framework_copy (self->framework);
  self->whatif_table = dt_index_query_indicator_table (self->store, self->whatif);

  {
    g_autoptr(GArray) years = dt_index_query_years (self->store);
    g_autoptr(GPtrArray) regions = dt_index_query_regions (self->store);

    g_array_append_vals (self->years, years->data, years->len);
    for (guint i = 0; i < years->len; i++)
      g_ptr_array_add (year_labels, g_strdup_printf ("%d", g_array_index (years, int, i)));
    /* Open on the latest year: what an official asks about first. */
    default_year = self->years->len > 0 ? self->years->len - 1 : 0;
    for (guint i = 0; i < regions->len; i++)
      g_ptr_array_add (self->regions, g_steal_pointer (&regions->pdata[i]));
  }

  for (guint i = 0; i < self->regions->len; i++)
    {
      Region *region = g_ptr_array_index (self->regions, i);
      GtkWidget *check = gtk_check_button_new_with_label (region_name (region));
      gboolean level_known = FALSE;

      /* The province and the three cities the academy published for 2020. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char *[]) { "ZJ", "hangzhou", "ningbo", "jinhua", NULL },
                                                    region->code));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_region_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->regions_box, check);
      g_ptr_array_add (self->region_checks, check);
      g_ptr_array_add (region_labels, (gpointer)region_name (region));
      if (g_strcmp0 (region->code, "hangzhou") == 0)
        default_region = i;

      if (g_strcmp0 (region->level, "province") == 0)
        continue;
      for (guint j = 0; j < self->levels->len; j++)
        level_known |= g_strcmp0 (g_ptr_array_index (self->levels, j), region->level) == 0;
      if (!level_known)
        {
          g_ptr_array_add (self->levels, g_strdup (region->level));
          g_ptr_array_add (level_labels, g_strcmp0 (region->level, "city") == 0 ? _("Cities") : _("Counties and districts"));
        }
    }
  update_region_checks_sensitivity (self);
  for (guint i = 0; i < self->regions->len; i++)
    {
      Region *region = g_ptr_array_index (self->regions, i);

      if (g_strcmp0 (region->level, "city") == 0)
        {
          g_ptr_array_add (self->cities, g_strdup (region->code));
          g_ptr_array_add (city_labels, (gpointer)region_name (region));
        }
    }

done:
  set_strings (self->node_dropdown, node_labels);
  set_strings (self->year_dropdown, year_labels);
  set_strings (self->level_dropdown, level_labels);
  set_strings (self->region_dropdown, region_labels);
  set_strings (self->city_dropdown, city_labels);
  gtk_drop_down_set_selected (self->year_dropdown, default_year);
  gtk_drop_down_set_selected (self->region_dropdown, default_region);
  if (self->root >= 0)
    gtk_drop_down_set_selected (self->node_dropdown, self->root);
  build_whatif (self);
  self->loading = FALSE;

  recompute_whatif (self);
  refresh_trend (self);
  refresh_ranking (self);
  refresh_breakdown (self);
}

static void
on_selection_changed (DtIndexPage *self)
{
  if (self->loading)
    return;
  refresh_trend (self);
  refresh_ranking (self);
  refresh_breakdown (self);
}

/* Files */

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    DtIndexPage     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(DtOutput) output = NULL;
  g_autoptr(DtTableWriter) writer = NULL;
  DtTableFormat format;
  GListModel *model = G_LIST_MODEL (self->ranking_sorted);

  if (response != GTK_RESPONSE_ACCEPT || self->ranking == NULL)
    goto out;

  /* What is exported is what is shown, in the order shown. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DtIndexRankingRow) row = g_list_model_get_item (model, i);

      g_ptr_array_add (order, (gpointer)dt_index_ranking_row_get_entry (row));
    }
  file = dt_export_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (dialog), &format);
  /* A failed export leaves no partial file in place of the target. */
  output = dt_output_open (file, NULL, &error);
  if (output != NULL)
    writer = dt_table_writer_new (dt_output_get_stream (output), format,
                                  dt_table_sheet_name (N_("Index ranking")), TRUE, &error);
  if (writer != NULL && dt_index_ranking_write_table (self->ranking, order, writer, FALSE, &error))
    dt_table_writer_add_about_sources (writer, dt_store_get_db (self->store), dt_store_get_path (self->store), "index");
  if (writer == NULL || error != NULL ||
      !dt_table_writer_finish (writer, NULL, &error) ||
      !dt_output_close (output, NULL, &error))
    {
      if (output != NULL)
        dt_output_abandon (output, &error);
      dt_widget_show_error (GTK_WIDGET (self), _("Could Not Save"), error);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported the ranking to %s"), name);

      dt_widget_add_toast (GTK_WIDGET (self), dt_export_toast_new (message, file));
    }

out:
  g_object_unref (dialog);
}

static void
export_table (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DtIndexPage *self = DT_INDEX_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  int node = selected_node (self);

  if (self->ranking == NULL || node < 0)
    return;
  name = g_strdup_printf ("openness-index-%s-%d", dt_index_framework_get_node (self->framework, node)->code,
                          self->ranking->year);
  dialog = dt_export_chooser_new (widget, _("Export Ranking"), name);
  /* The dialog may outlive the window: keep the page alive until it answers. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_export_response),
                         g_object_ref (self), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
save_chart_file (const char  *path,
                 gpointer     chart,
                 GError     **error)
{
  return dt_chart_save (DT_CHART (chart), path, 1200, 700, error);
}

static void
save_chart (DtIndexPage *self,
            DtChart     *chart,
            const char  *file_name)
{
  dt_save_chart_dialog (GTK_WIDGET (self), _("Save Chart"), file_name, save_chart_file, chart);
}

static void
save_trend (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DtIndexPage *self = DT_INDEX_PAGE (widget);

  g_autofree char *name = NULL;
  int node = selected_node (self);
  g_autofree char *code = node >= 0 ? g_ascii_strdown (dt_index_framework_get_node (self->framework, node)->code, -1) : NULL;

  /* Named for what it shows: "index-trend-2018-2024.png", with the node's
   * code for anything below the whole index. */
  if (self->years == NULL || self->years->len == 0)
    name = g_strdup ("index-trend.png");
  else if (code != NULL && node != self->root)
    name = g_strdup_printf ("index-trend-%s-%d-%d.png", code, g_array_index (self->years, int, 0),
                            g_array_index (self->years, int, self->years->len - 1));
  else
    name = g_strdup_printf ("index-trend-%d-%d.png", g_array_index (self->years, int, 0),
                            g_array_index (self->years, int, self->years->len - 1));
  save_chart (self, self->trend_chart, name);
}

static void
save_breakdown (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DtIndexPage *self = DT_INDEX_PAGE (widget);

  Region *region = selected_region (self);
  g_autofree char *name = NULL;

  if (region != NULL && selected_year (self) != 0)
    {
      g_autofree char *code = g_ascii_strdown (region->code, -1);

      name = g_strdup_printf ("index-%s-%d-dimensions.png", code, selected_year (self));
    }
  else
    name = g_strdup ("index-dimensions.png");
  save_chart (self, self->breakdown_chart, name);
}

/* City map */

/* The map shows the ranking's city scores; a tile opens that city's
 * breakdown. */
static void
refresh_city_map (DtIndexPage *self)
{
  g_autofree char *title = NULL;
  int node = selected_node (self);

  dt_tile_map_clear (self->city_map);
  if (self->ranking == NULL || node < 0 || g_strcmp0 (self->ranking->level, "city") != 0)
    return;
  /* Translators: the title of the map of the cities; %s is an index node, %d a year */
  title = g_strdup_printf (_("%s by city, %d"), node_name (self->framework, node), self->ranking->year);
  dt_tile_map_set_title (self->city_map, title);
  for (guint i = 0; i < self->ranking->entries->len; i++)
    {
      DtIndexRankingEntry *entry = g_ptr_array_index (self->ranking->entries, i);

      dt_tile_map_set_value (self->city_map, entry->region, dt_pick_name (entry->name_zh, entry->name_en), entry->score);
    }
  if (selected_region (self) != NULL)
    dt_tile_map_set_selected (self->city_map, selected_region (self)->code);
}

void
dt_index_page_show_region (DtIndexPage *self,
                           const char  *code)
{
  g_return_if_fail (DT_IS_INDEX_PAGE (self));

  for (guint i = 0; self->regions != NULL && i < self->regions->len; i++)
    if (g_strcmp0 (((Region *)g_ptr_array_index (self->regions, i))->code, code) == 0)
      {
        gtk_drop_down_set_selected (self->region_dropdown, i);
        dt_tile_map_set_selected (self->city_map, code);
        /* Focus scrolls the page to the city's breakdown. */
        gtk_widget_grab_focus (GTK_WIDGET (self->region_dropdown));
        return;
      }
}

static void
on_city_activated (DtIndexPage *self,
                   const char  *code)
{
  dt_index_page_show_region (self, code);
}

static gboolean
save_map_file (const char  *path,
               gpointer     map,
               GError     **error)
{
  return dt_tile_map_save (DT_TILE_MAP (map), path, 1000, 860, error);
}

static void
save_map (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  DtIndexPage *self = DT_INDEX_PAGE (widget);

  dt_save_chart_dialog (widget, _("Save Map"), "openness-index-cities.png", save_map_file, self->city_map);
}

static void
build_city_map (DtIndexPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->ranking_group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Map of the Cities"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The stronger the colour, the higher the score; choose a city to see its breakdown"));
  {
    GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Map…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "index.save-map");
    gtk_widget_set_tooltip_text (save, _("Save the map as PNG, SVG or PDF"));
    gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), save);
  }
  self->city_map = DT_TILE_MAP (dt_tile_map_new ());
  dt_tile_map_set_value_format (self->city_map, "%.1f");
  gtk_widget_set_size_request (GTK_WIDGET (self->city_map), -1, 380);
  g_signal_connect_object (self->city_map, "region-activated", G_CALLBACK (on_city_activated), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->city_map));
  if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), group, GTK_WIDGET (self->ranking_group));
}

void
dt_index_page_set_store (DtIndexPage *self,
                         DtStore     *store)
{
  g_return_if_fail (DT_IS_INDEX_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, reload, self);
  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static gboolean
scroll_to_change (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  DtIndexPage *self = DT_INDEX_PAGE (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->change_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_point_t point;

  /* Once the page is laid out. */
  if (scrolled == NULL || gtk_widget_get_height (GTK_WIDGET (self->change_view)) == 0)
    return G_SOURCE_CONTINUE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (!gtk_widget_compute_point (GTK_WIDGET (self->change_view), content, &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), point.y);
  gtk_widget_grab_focus (dt_index_change_view_get_chart (self->change_view));
  return G_SOURCE_REMOVE;
}

void
dt_index_page_show_change (DtIndexPage *self)
{
  g_return_if_fail (DT_IS_INDEX_PAGE (self));

  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_change, NULL, NULL);
}

static void
dt_index_page_dispose (GObject *object)
{
  DtIndexPage *self = (DtIndexPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_INDEX_PAGE);
  g_clear_object (&self->ranking_sorted);
  g_clear_object (&self->ranking_rows);
  g_clear_pointer (&self->ranking, dt_index_ranking_free);
  g_clear_pointer (&self->whatif_table, dt_index_table_free);
  g_clear_pointer (&self->whatif, dt_index_framework_free);
  g_clear_pointer (&self->framework, dt_index_framework_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);
  g_clear_pointer (&self->region_checks, g_ptr_array_unref);
  g_clear_pointer (&self->dimension_spins, g_ptr_array_unref);
  g_clear_pointer (&self->dimension_rows, g_ptr_array_unref);
  g_clear_pointer (&self->indicator_rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_index_page_parent_class)->dispose (object);
}

static void
dt_index_page_class_init (DtIndexPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_index_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-index-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, node_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, regions_button);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, regions_box);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, trend_frame);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, breakdown_frame);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, ranking_summary);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, ranking_group);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, whatif_group);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, strongest_group);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, weakest_group);
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, content);

  gtk_widget_class_install_action (widget_class, "index.export", NULL, export_table);
  gtk_widget_class_install_action (widget_class, "index.save-trend", NULL, save_trend);
  gtk_widget_class_install_action (widget_class, "index.save-breakdown", NULL, save_breakdown);
  gtk_widget_class_install_action (widget_class, "index.reset-weights", NULL, reset_weights);
  gtk_widget_class_install_action (widget_class, "index.save-map", NULL, save_map);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "index.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "index.reset-weights", NULL);
}

static void
dt_index_page_init (DtIndexPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->regions = g_ptr_array_new_with_free_func (dt_index_region_free);
  self->levels = g_ptr_array_new_with_free_func (g_free);
  self->region_checks = g_ptr_array_new ();
  self->dimension_spins = g_ptr_array_new ();
  self->dimension_rows = g_ptr_array_new ();
  self->indicator_rows = g_ptr_array_new ();
  self->root = -1;

  self->trend_chart = DT_CHART (dt_chart_new (DT_CHART_LINE));
  dt_chart_set_value_format (self->trend_chart, "%.2f");
  gtk_frame_set_child (self->trend_frame, GTK_WIDGET (self->trend_chart));
  self->breakdown_chart = DT_CHART (dt_chart_new (DT_CHART_BAR));
  dt_chart_set_value_format (self->breakdown_chart, "%.2f");
  gtk_frame_set_child (self->breakdown_frame, GTK_WIDGET (self->breakdown_chart));

  build_ranking_view (self);
  build_city_map (self);

  self->whatif_note = gtk_label_new (_("Every weight is 0, so there is nothing to weigh the dimensions by and no what-if score can be computed. Set at least one weight above 0."));
  gtk_label_set_wrap (GTK_LABEL (self->whatif_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->whatif_note), 0);
  gtk_widget_add_css_class (self->whatif_note, "warning");
  gtk_widget_set_visible (self->whatif_note, FALSE);
  adw_preferences_group_add (self->whatif_group, self->whatif_note);

  /* How sure the ranks are, under the ranking. */
  self->robustness_view = dt_index_robustness_view_new ();
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->ranking_group))),
                              self->robustness_view, GTK_WIDGET (self->ranking_group));

  self->change_view = DT_INDEX_CHANGE_VIEW (dt_index_change_view_new ());
  gtk_box_append (self->content, GTK_WIDGET (self->change_view));
  gtk_column_view_set_single_click_activate (self->ranking_view, TRUE);
  g_signal_connect_object (self->ranking_view, "activate", G_CALLBACK (on_ranking_activate), self, G_CONNECT_SWAPPED);

  /* Counties can be narrowed to one city, beside the level. */
  self->cities = g_ptr_array_new_with_free_func (g_free);
  self->city_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  self->city_label = gtk_label_new_with_mnemonic (_("_City"));
  gtk_widget_set_margin_start (self->city_label, 12);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->city_label), GTK_WIDGET (self->city_dropdown));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->city_dropdown), _("Show the counties and districts of one city"));
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->level_dropdown))), self->city_label);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->level_dropdown))), GTK_WIDGET (self->city_dropdown));
  gtk_widget_set_visible (self->city_label, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->city_dropdown), FALSE);
  g_signal_connect_object (self->city_dropdown, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->node_dropdown, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_dropdown, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->level_dropdown, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->region_dropdown, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
}
