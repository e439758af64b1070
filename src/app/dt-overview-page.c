/* dt-overview-page.c — the dashboard an official reads at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every block reads from DtOverviewFigures, computed off the main thread
 * and only when the data's generation moved, and every block leads to its
 * detail through the window's win.open-* actions: a city to the Index
 * page, a category or an enterprise to the Top 100, a status to the
 * measures.
 */

#define G_LOG_DOMAIN "dt-overview-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-chart.h"
#include "dt-data-service.h"
#include "dt-number-format.h"
#include "dt-overview-page.h"
#include "dt-tile-map.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

/* How far ahead the follow-ups list looks. */
#define FOLLOW_UP_DAYS 14

typedef enum
{
  MAP_INDEX,
  MAP_ENTERPRISES,
  MAP_VOLUME,
} MapFigure;

struct _DtOverviewPage
{
  AdwBin      parent_instance;

  DtStore      *store;
  GCancellable *cancellable;   /* the figures being read */
  /* dt_store_get_generation() of what is shown, or G_MAXUINT64 when nothing
   * is; the figures are read again only when it changed. */
  guint64       shown_generation;
  guint64       reading_generation;
  GtkBox       *content;
  DtOverviewFigures *shown;    /* the figures the blocks show */
  DtTileMap    *city_map;
  GtkDropDown  *map_figure;
  DtChart      *trend_chart;
};

G_DEFINE_FINAL_TYPE (DtOverviewPage, dt_overview_page, ADW_TYPE_BIN)

/* Amounts */

/* Large yuan amounts in the unit the user's language counts in (亿元,
 * billion yuan), like the charts. */
static char *
format_yuan (double ten_thousands)
{
  return dt_amount_format (ten_thousands, DT_NUMBER_STYLE_AUTO);
}

static const char *
city_name (DtOverviewFigures *figures,
           const char        *code)
{
  for (guint i = 0; i < figures->cities->len; i++)
    {
      DtOverviewCity *city = g_ptr_array_index (figures->cities, i);

      if (g_strcmp0 (city->code, code) == 0)
        return dt_pick_name (city->name_zh, city->name_en);
    }
  return code != NULL ? code : "";
}

/* Building blocks */

static GtkWidget *
caption_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A card with a heading, an optional description and a button to the
 * page behind it; returns the box its content goes in. */
static GtkWidget *
block_new (const char  *title,
           const char  *description,
           const char  *button_label,
           const char  *action,
           GVariant    *target,
           GtkWidget  **out_card)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = caption_label (title, "heading");
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "overview-block");
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (header), heading);
  if (button_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      if (target != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
      gtk_box_append (GTK_BOX (header), button);
    }
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));
  gtk_box_append (GTK_BOX (card), header);
  if (description != NULL)
    gtk_box_append (GTK_BOX (card), caption_label (description, "dim-label"));
  gtk_box_append (GTK_BOX (card), body);
  *out_card = card;
  return body;
}

/* A row that opens @action with @target when activated (click or Enter). */
static GtkWidget *
link_row (const char *title,
          const char *subtitle,
          const char *action,
          GVariant   *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
  return row;
}

/* The arrow that says a row leads somewhere; after the row's other suffixes. */
static GtkWidget *
with_arrow (GtkWidget *row)
{
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
value_suffix (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/* Blocks side by side, sharing the width equally. */
static GtkWidget *
columns_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  return box;
}

static void
columns_add (GtkWidget *columns,
             GtkWidget *card)
{
  gtk_widget_set_hexpand (card, TRUE);
  gtk_box_append (GTK_BOX (columns), card);
}

/* Key figures */

static GtkWidget *
change_label (double      change,
              const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  if (change > 0)
    gtk_widget_add_css_class (label, "success");
  else if (change < 0)
    gtk_widget_add_css_class (label, "error");
  return label;
}

/* One card: what it is, the value, its change on the year before and its
 * source; the whole card is a button to the detail. */
static void
add_figure (GtkWidget  *columns,
            const char *title,
            const char *value,
            GtkWidget  *change,
            const char *source,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value_label = gtk_label_new (value);
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "key-figure");
  gtk_box_append (GTK_BOX (box), caption_label (title, "caption-heading"));
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "figure-value");
  gtk_box_append (GTK_BOX (box), value_label);
  if (change != NULL)
    gtk_box_append (GTK_BOX (box), change);
  if (source != NULL)
    {
      GtkWidget *label = caption_label (source, "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, source);
      gtk_widget_set_vexpand (label, TRUE);
      gtk_label_set_yalign (GTK_LABEL (label), 1);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  accessible = g_strdup_printf ("%s: %s", title, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_box_append (GTK_BOX (columns), button);
}

static GVariant *
pair (const char *a,
      const char *b)
{
  return g_variant_new ("(ss)", a, b);
}

static void
add_key_figures (DtOverviewPage    *self,
                 DtOverviewFigures *figures)
{
  GtkWidget *flow = columns_new ();

  gtk_box_set_spacing (GTK_BOX (flow), 12);

  if (figures->has_latest_index)
    {
      const DtOverviewIndexPoint *latest = &figures->latest_index;
      g_autofree char *title = g_strdup_printf (_("Zhejiang Openness Index, %d"), latest->year);
      g_autofree char *value = g_strdup_printf ("%.1f", latest->value);
      g_autofree char *change = NULL;
      g_autofree char *source = NULL;
      double delta = 0;

      if (figures->has_previous_index)
        {
          delta = latest->value - figures->previous_index.value;
          /* Translators: the change of a figure on the year before, e.g. "+4.7 on 2021" */
          change = g_strdup_printf (_("%+.1f on %d"), delta, figures->previous_index.year);
        }
      else
        change = g_strdup (_("No value for the year before"));
      if (latest->published)
        /* Translators: where a published figure comes from */
        source = g_strdup_printf (_("Published · %s"), figures->latest_index_source);
      else if (figures->has_index && figures->index_year != latest->year)
        /* Translators: a computed index value, then the latest published one */
        source = g_strdup_printf (_("Computed from the stored indicators · Latest published: %.1f in %d"),
                                  figures->index_value, figures->index_year);
      else
        source = g_strdup (_("Computed from the stored indicators"));
      add_figure (flow, title, value, change_label (delta, change), source,
                  "win.show-page", g_variant_new_string ("index"));
    }

  if (figures->has_list)
    {
      g_autofree char *title = g_strdup_printf (_("Enterprises on the %d Top-100 list"), figures->list_year);
      g_autofree char *count = g_strdup_printf ("%d", figures->list_count);
      g_autofree char *volume_title = g_strdup_printf (_("Digital trade volume of the %d list"), figures->list_year);
      g_autofree char *volume = format_yuan (figures->list_volume);
      g_autofree char *count_change = NULL;
      g_autofree char *volume_change = NULL;
      double count_delta = 0, volume_delta = 0;

      if (figures->has_previous_list)
        {
          count_delta = figures->list_count - figures->previous_list_count;
          count_change = g_strdup_printf (_("%+d on %d"), (int)count_delta, figures->previous_list_year);
          if (figures->previous_list_volume > 0)
            {
              volume_delta = (figures->list_volume - figures->previous_list_volume) / figures->previous_list_volume * 100;
              /* Translators: a change in per cent on a year, e.g. "+12.5% on 2022" */
              volume_change = g_strdup_printf (_("%+.1f%% on %d"), volume_delta, figures->previous_list_year);
            }
        }
      if (count_change == NULL)
        count_change = g_strdup (_("No list for the year before"));
      if (volume_change == NULL)
        volume_change = g_strdup (_("No list for the year before"));
      add_figure (flow, title, count, change_label (count_delta, count_change), figures->list_source,
                  "win.open-enterprises", pair ("", ""));
      add_figure (flow, volume_title, volume, change_label (volume_delta, volume_change), figures->list_source,
                  "win.open-enterprises", pair ("", ""));
    }

  {
    g_autofree char *count = g_strdup_printf ("%d", figures->measures_in_effect);
    g_autofree char *change = g_strdup_printf (ngettext ("of %d preferential measure", "of %d preferential measures",
                                                         figures->measures),
                                               figures->measures);

    add_figure (flow, _("Binjiang FTZ measures in effect"), count, change_label (0, change),
                _("Tracking recorded by officials"), "win.open-measures", pair ("", "in-effect"));
  }

  gtk_box_append (self->content, flow);
}

/* Cities: the map and the ranking */

static void
fill_city_map (DtOverviewPage *self)
{
  DtOverviewFigures *figures = self->shown;
  MapFigure figure = gtk_drop_down_get_selected (self->map_figure);
  g_autofree char *title = NULL;

  if (figures == NULL)
    return;
  dt_tile_map_clear (self->city_map);
  switch (figure)
    {
    case MAP_ENTERPRISES:
      title = g_strdup_printf (_("Enterprises on the %d Top-100 list"), figures->list_year);
      /* Translators: the unit of a count of enterprises */
      dt_tile_map_set_unit (self->city_map, _("enterprises"));
      dt_tile_map_set_value_format (self->city_map, "%.0f");
      break;
    case MAP_VOLUME:
      title = g_strdup_printf (_("Digital trade volume of the %d list"), figures->list_year);
      /* Translators: the unit of trade volume on the map, 10,000 yuan */
      dt_tile_map_set_unit (self->city_map, _("10,000 yuan"));
      dt_tile_map_set_value_format (self->city_map, "%.0f");
      break;
    case MAP_INDEX:
    default:
      title = g_strdup_printf (_("Openness Index, %d"), figures->city_year);
      dt_tile_map_set_unit (self->city_map, NULL);
      dt_tile_map_set_value_format (self->city_map, "%.1f");
      break;
    }
  dt_tile_map_set_title (self->city_map, title);
  for (guint i = 0; i < figures->cities->len; i++)
    {
      DtOverviewCity *city = g_ptr_array_index (figures->cities, i);
      double value = figure == MAP_ENTERPRISES ? city->enterprises
                   : figure == MAP_VOLUME ? city->volume
                   : city->score;

      dt_tile_map_set_value (self->city_map, city->code, dt_pick_name (city->name_zh, city->name_en), value);
    }
}

static void
on_map_figure_changed (DtOverviewPage *self)
{
  fill_city_map (self);
}

/* A tile leads where its figure is detailed: the index to the Index
 * page, the list's figures to the Top 100 of that city. */
static void
on_city_activated (DtOverviewPage *self,
                   const char     *code)
{
  if (gtk_drop_down_get_selected (self->map_figure) == MAP_INDEX)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-region", "s", code);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-enterprises", "(ss)", "city", code);
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
  DtOverviewPage *self = DT_OVERVIEW_PAGE (widget);

  if (self->city_map == NULL)
    return;
  dt_save_chart_dialog (widget, _("Save Map"), "zhejiang-cities.png", save_map_file, self->city_map);
}

static void
add_cities (DtOverviewPage    *self,
            DtOverviewFigures *figures)
{
  g_autofree char *title = NULL;
  GtkWidget *card, *body, *row, *side, *list, *save, *figure_box;
  const char *figure_names[] = { _("Index score"), _("Enterprises on the list"), _("Trade volume"), NULL };
  double best = 0;

  if (figures->cities->len == 0)
    return;
  title = figures->city_year != 0 ? g_strdup_printf (_("The 11 Cities, %d"), figures->city_year)
                                  : g_strdup (_("The Cities"));
  body = block_new (title, _("Ranked by their Openness Index score; choose a city to see its breakdown"),
                    NULL, NULL, NULL, &card);

  figure_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->map_figure = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (figure_names));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_figure), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Figure shown on the map"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->map_figure), _("Figure shown on the map"));
  g_signal_connect_object (self->map_figure, "notify::selected", G_CALLBACK (on_map_figure_changed), self,
                           G_CONNECT_SWAPPED);
  save = gtk_button_new_with_mnemonic (_("_Save Map…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "overview.save-map");
  gtk_widget_set_tooltip_text (save, _("Save the map as PNG, SVG or PDF"));
  gtk_box_append (GTK_BOX (figure_box), GTK_WIDGET (self->map_figure));
  gtk_box_append (GTK_BOX (figure_box), save);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->city_map = DT_TILE_MAP (dt_tile_map_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->city_map), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->city_map), 300, 470);
  g_signal_connect_object (self->city_map, "region-activated", G_CALLBACK (on_city_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (side), figure_box);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->city_map));
  gtk_widget_set_hexpand (side, TRUE);
  gtk_box_append (GTK_BOX (row), side);

  list = boxed_list ();
  gtk_widget_set_size_request (list, 300, -1);
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (guint i = 0; i < figures->cities->len; i++)
    {
      DtOverviewCity *city = g_ptr_array_index (figures->cities, i);

      if (!isnan (city->score))
        best = MAX (best, city->score);
    }
  for (guint i = 0; i < figures->cities->len; i++)
    {
      DtOverviewCity *city = g_ptr_array_index (figures->cities, i);
      g_autofree char *name = g_strdup_printf ("%u. %s", i + 1, dt_pick_name (city->name_zh, city->name_en));
      g_autofree char *score = isnan (city->score) ? g_strdup ("–") : g_strdup_printf ("%.1f", city->score);
      GtkWidget *link = link_row (name, NULL, "win.open-region", g_variant_new_string (city->code));
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, best > 0 ? best : 1);

      if (!isnan (city->score))
        gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), city->score);
      gtk_widget_set_size_request (bar, 60, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, score, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (link), bar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (link), value_suffix (score));
      gtk_list_box_append (GTK_LIST_BOX (list), with_arrow (link));
    }
  gtk_box_append (GTK_BOX (row), list);
  gtk_box_append (GTK_BOX (body), row);
  gtk_box_append (self->content, card);

  fill_city_map (self);
}

/* The index trend and the measures, side by side */

static GtkWidget *
index_trend_block (DtOverviewPage    *self,
                   DtOverviewFigures *figures)
{
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new0 (double, MAX (figures->index_trend->len, 1));
  g_autofree double *published = g_new0 (double, MAX (figures->index_trend->len, 1));
  GtkWidget *card, *body;

  body = block_new (_("Zhejiang Openness Index"),
                    _("The province’s score each year (2018 = 100): published where the academy released one, else computed"),
                    _("Open _Index"), "win.show-page", g_variant_new_string ("index"), &card);
  for (guint i = 0; i < figures->index_trend->len; i++)
    {
      DtOverviewIndexPoint *point = &g_array_index (figures->index_trend, DtOverviewIndexPoint, i);

      g_ptr_array_add (years, g_strdup_printf ("%d", point->year));
      values[i] = point->value;
      published[i] = point->published ? point->value : NAN;
    }
  g_ptr_array_add (years, NULL);

  self->trend_chart = DT_CHART (dt_chart_new (DT_CHART_LINE));
  dt_chart_set_title (self->trend_chart, _("Score by year, 2018 = 100"));
  dt_chart_set_value_format (self->trend_chart, "%.1f");
  dt_chart_set_categories (self->trend_chart, (const char * const *)years->pdata);
  dt_chart_add_series (self->trend_chart, _("Zhejiang"), values, figures->index_trend->len);
  /* The academy's own figures stand out as points on the line. */
  dt_chart_add_series (self->trend_chart, _("Published by the academy"), published, figures->index_trend->len);
  gtk_widget_set_size_request (GTK_WIDGET (self->trend_chart), -1, 260);
  gtk_widget_set_vexpand (GTK_WIDGET (self->trend_chart), TRUE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->trend_chart));
  return card;
}

static const char *
status_class (const char *status)
{
  static char name[64];

  g_snprintf (name, sizeof name, "measure-status-%s", status);
  return name;
}

/* One stacked bar per category: a segment per status that has measures,
 * its width their share, so that no zero takes room. */
static GtkWidget *
measures_block (DtOverviewFigures *figures)
{
  guint n_statuses = 0, n_categories = 0, widest = 1, name_span;
  const DtTerm *statuses = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n_statuses);
  const DtTerm *categories = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_CATEGORY, &n_categories);
  const guint *counts = figures->tracking_counts;
  g_autofree guint *status_totals = g_new0 (guint, n_statuses);
  GtkWidget *card, *body, *grid, *legend;
  int row = 0;

  body = block_new (_("Implementation of the Measures"),
                    _("Measures per category, by the status officials recorded"),
                    _("Open _Measures"), "win.open-measures", pair ("", ""), &card);

  for (guint c = 0; c < n_categories; c++)
    {
      guint total = 0;

      for (guint s = 0; s < n_statuses; s++)
        {
          total += counts[s * n_categories + c];
          status_totals[s] += counts[s * n_categories + c];
        }
      widest = MAX (widest, total);
    }

  /* Equal columns, one per measure of the fullest category, keep every
   * bar on one scale; the category's name takes a little less than half. */
  name_span = MAX (2, (widest * 3 + 3) / 4);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 0);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint c = 0; c < n_categories; c++)
    {
      const char *category = dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, categories[c].key);
      GtkWidget *name = gtk_button_new_with_label (category);
      int column = name_span;
      guint total = 0;

      for (guint s = 0; s < n_statuses; s++)
        total += counts[s * n_categories + c];
      if (total == 0)
        continue;
      gtk_widget_add_css_class (name, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (name))), 0);
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (name))), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (name, category);
      gtk_widget_set_margin_end (name, 6);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (name), "win.open-measures");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (name), pair (categories[c].key, ""));
      gtk_grid_attach (GTK_GRID (grid), name, 0, row, name_span, 1);

      for (guint s = 0; s < n_statuses; s++)
        {
          guint n = counts[s * n_categories + c];
          g_autofree char *text = NULL;
          g_autofree char *tip = NULL;
          GtkWidget *segment;

          if (n == 0)
            continue;
          text = g_strdup_printf ("%u", n);
          /* Translators: a bar segment: category, status and how many measures */
          tip = g_strdup_printf (ngettext ("%s · %s: %u measure", "%s · %s: %u measures", n),
                                 category, dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, statuses[s].key), n);
          segment = gtk_button_new_with_label (text);
          gtk_widget_add_css_class (segment, "measure-segment");
          gtk_widget_add_css_class (segment, status_class (statuses[s].key));
          gtk_widget_set_tooltip_text (segment, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (segment), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (segment), "win.open-measures");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (segment), pair (categories[c].key, statuses[s].key));
          gtk_widget_set_hexpand (segment, TRUE);
          gtk_grid_attach (GTK_GRID (grid), segment, column, row, n, 1);
          column += n;
        }
      row++;
    }
  gtk_box_append (GTK_BOX (body), grid);

  /* The legend: each status with its count, leading to its measures. */
  legend = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (legend), 5);
  for (guint s = 0; s < n_statuses; s++)
    {
      GtkWidget *button, *box, *swatch;
      g_autofree char *text = NULL;

      if (status_totals[s] == 0)
        continue;
      /* Translators: a status and how many measures have it, e.g. "In effect: 12" */
      text = g_strdup_printf (_("%s: %u"), dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, statuses[s].key),
                              status_totals[s]);
      button = gtk_button_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      swatch = gtk_label_new (NULL);
      gtk_widget_add_css_class (swatch, "measure-swatch");
      gtk_widget_add_css_class (swatch, status_class (statuses[s].key));
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), gtk_label_new (text));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-measures");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), pair ("", statuses[s].key));
      gtk_flow_box_append (GTK_FLOW_BOX (legend), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_box_append (GTK_BOX (body), legend);
  return card;
}

/* The Top-100 list */

static GtkWidget *
leaders_block (DtOverviewFigures *figures)
{
  g_autofree char *title = g_strdup_printf (_("Leading Enterprises of the %d List"), figures->list_year);
  GtkWidget *card, *body, *list;

  body = block_new (title, NULL, _("Open _Top 100"), "win.open-enterprises", pair ("", ""), &card);
  list = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (guint i = 0; i < figures->leaders->len; i++)
    {
      DtOverviewEnterprise *enterprise = g_ptr_array_index (figures->leaders, i);
      g_autofree char *name = g_strdup_printf ("%d. %s", enterprise->rank,
                                               dt_pick_name (enterprise->name_zh, enterprise->name_en));
      /* Translators: an enterprise's city and category */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), city_name (figures, enterprise->city),
                                                   dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY,
                                                                        enterprise->category));
      g_autofree char *volume = isnan (enterprise->volume) ? g_strdup ("–") : format_yuan (enterprise->volume);
      GtkWidget *row = link_row (name, subtitle, "win.open-enterprises", pair ("name", enterprise->name_zh));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_suffix (volume));
      gtk_list_box_append (GTK_LIST_BOX (list), with_arrow (row));
    }
  gtk_box_append (GTK_BOX (body), list);
  return card;
}

static GtkWidget *
share_row (const char *title,
           int         count,
           int         total,
           const char *key,
           const char *value)
{
  g_autofree char *text = g_strdup_printf ("%d", count);
  GtkWidget *row = link_row (title, NULL, "win.open-enterprises", pair (key, value));
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (total, 1));

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
  gtk_widget_set_size_request (bar, 90, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_suffix (text));
  return with_arrow (row);
}

static int
by_enterprises_desc (gconstpointer a,
                     gconstpointer b)
{
  const DtOverviewCity *x = *(DtOverviewCity * const *)a;
  const DtOverviewCity *y = *(DtOverviewCity * const *)b;

  return y->enterprises - x->enterprises;
}

static GtkWidget *
mix_block (DtOverviewFigures *figures)
{
  g_autofree char *title = g_strdup_printf (_("The %d List by Category and City"), figures->list_year);
  /* A view of the cities, not owning them. */
  g_autoptr(GPtrArray) cities = g_ptr_array_new ();
  GtkWidget *card, *body, *list;

  for (guint i = 0; i < figures->cities->len; i++)
    g_ptr_array_add (cities, g_ptr_array_index (figures->cities, i));

  body = block_new (title, _("How many of the listed enterprises each holds"), NULL, NULL, NULL, &card);

  list = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("By category"), -1);
  for (guint i = 0; i < figures->list_categories->len; i++)
    {
      DtOverviewGroup *group = g_ptr_array_index (figures->list_categories, i);

      /* Firms without a category have no filter to open. */
      if (group->key == NULL)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (list),
                           share_row (dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, group->key),
                                      group->count, figures->list_count, "category", group->key));
    }
  gtk_box_append (GTK_BOX (body), list);

  list = boxed_list ();
  gtk_widget_set_margin_top (list, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("By city"), -1);
  g_ptr_array_sort (cities, by_enterprises_desc);
  for (guint i = 0; i < cities->len; i++)
    {
      DtOverviewCity *city = g_ptr_array_index (cities, i);

      if (city->enterprises == 0)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (list),
                           share_row (dt_pick_name (city->name_zh, city->name_en), city->enterprises,
                                      figures->list_count, "city", city->code));
    }
  gtk_box_append (GTK_BOX (body), list);
  return card;
}

/* Follow-up dates that have passed or fall within the next two weeks. */
static GtkWidget *
follow_ups_block (DtOverviewFigures *figures,
                  const char        *today)
{
  GPtrArray *due = figures->follow_ups;
  g_autofree char *description = NULL;
  GtkWidget *card, *body, *list;
  GDate today_date;

  description = g_strdup_printf (ngettext ("Overdue, or due within the next %d day",
                                           "Overdue, or due within the next %d days", FOLLOW_UP_DAYS),
                                 FOLLOW_UP_DAYS);
  body = block_new (_("Follow-ups Due"), description, NULL, NULL, NULL, &card);
  list = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow-ups Due"), -1);

  g_date_clear (&today_date, 1);
  g_date_set_parse (&today_date, today);

  for (guint i = 0; i < due->len; i++)
    {
      DtMeasure *measure = g_ptr_array_index (due, i);
      GtkWidget *status = gtk_label_new (dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, measure->status));
      g_autofree char *title = g_strdup_printf ("%" G_GINT64_FORMAT ". %s", measure->no,
                                                dt_pick_name (measure->title_zh, measure->title_en));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GDate date;
      int days;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, measure->follow_up);
      days = g_date_valid (&date) && g_date_valid (&today_date) ? g_date_days_between (&today_date, &date) : 0;
      if (days < 0)
        subtitle = g_strdup_printf (ngettext ("Overdue: was due %s (%d day ago)",
                                              "Overdue: was due %s (%d days ago)", -days),
                                    measure->follow_up, -days);
      else if (days == 0)
        subtitle = g_strdup_printf (_("Due today, %s"), measure->follow_up);
      else
        subtitle = g_strdup_printf (ngettext ("Due %s, in %d day", "Due %s, in %d days", days),
                                    measure->follow_up, days);
      if (measure->notes[0] != '\0')
        {
          char *with_notes = g_strdup_printf ("%s\n%s", subtitle, measure->notes);

          g_free (subtitle);
          subtitle = with_notes;
        }

      row = link_row (title, subtitle, "win.open-measure", g_variant_new_int64 (measure->no));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      if (days < 0)
        gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (status, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      gtk_list_box_append (GTK_LIST_BOX (list), with_arrow (row));
    }

  if (due->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No follow-ups are due"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Set a follow-up date on a measure’s tracking to see it here."));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (body), list);
  return card;
}

static GtkWidget *
datasets_block (DtOverviewFigures *figures)
{
  GtkWidget *card, *body, *list;

  body = block_new (_("Datasets"), _("Where every figure on these pages comes from"), NULL, NULL, NULL, &card);
  list = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Datasets"), -1);
  for (guint i = 0; i < figures->datasets->len; i++)
    {
      DtOverviewDataset *dataset = g_ptr_array_index (figures->datasets, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dt_pick_name (dataset->title_zh, dataset->title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dataset->source);
      badge = gtk_label_new (dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, dataset->provenance));
      gtk_widget_add_css_class (badge, g_strcmp0 (dataset->provenance, "sample") == 0 ? "warning" : "success");
      gtk_widget_add_css_class (badge, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (body), list);
  return card;
}

static void
clear (DtOverviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  self->city_map = NULL;
  self->map_figure = NULL;
  self->trend_chart = NULL;
  g_clear_pointer (&self->shown, dt_overview_figures_free);
}

static void
show_figures (DtOverviewPage    *self,
              DtOverviewFigures *figures,
              const char        *today)
{
  GtkWidget *columns;

  clear (self);
  self->shown = figures;

  add_key_figures (self, figures);
  add_cities (self, figures);

  columns = columns_new ();
  if (figures->index_trend->len > 0)
    columns_add (columns, index_trend_block (self, figures));
  columns_add (columns, measures_block (figures));
  gtk_box_append (self->content, columns);

  if (figures->has_list)
    {
      columns = columns_new ();
      columns_add (columns, leaders_block (figures));
      columns_add (columns, mix_block (figures));
      gtk_box_append (self->content, columns);
    }

  columns = columns_new ();
  columns_add (columns, follow_ups_block (figures, today));
  columns_add (columns, datasets_block (figures));
  gtk_box_append (self->content, columns);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
figures_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DtOverviewPage) self = user_data;
  g_autoptr(DtOverviewFigures) figures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = today ();

  figures = dt_data_service_overview_figures_finish (DT_DATA_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (figures == NULL)
    {
      g_warning ("Cannot read the overview: %s", error->message);
      return;
    }

  show_figures (self, g_steal_pointer (&figures), day);
  self->shown_generation = self->reading_generation;
}

/* Reads the figures again when the data changed since they were read. */
static void
reload (DtOverviewPage *self)
{
  g_autofree char *day = NULL;
  guint64 generation;

  if (self->store == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      clear (self);
      self->shown_generation = G_MAXUINT64;
      return;
    }

  generation = dt_store_get_generation (self->store);
  if (generation == self->shown_generation ||
      (self->cancellable != NULL && generation == self->reading_generation))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->reading_generation = generation;
  day = today ();
  dt_data_service_overview_figures_async (dt_data_service_for_store (self->store), day, FOLLOW_UP_DAYS,
                                          self->cancellable, figures_read, g_object_ref (self));
}

void
dt_overview_page_set_store (DtOverviewPage *self,
                            DtStore        *store)
{
  g_return_if_fail (DT_IS_OVERVIEW_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, reload, self);
  g_set_object (&self->store, store);
  self->shown_generation = G_MAXUINT64;

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

DtTileMap *
dt_overview_page_get_city_map (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), NULL);

  return self->city_map;
}

gboolean
dt_overview_page_is_loaded (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), FALSE);

  return self->shown != NULL && self->cancellable == NULL;
}

static void
dt_overview_page_dispose (GObject *object)
{
  DtOverviewPage *self = (DtOverviewPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->shown, dt_overview_figures_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_overview_page_parent_class)->dispose (object);
}

static void
dt_overview_page_class_init (DtOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_overview_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, content);
  gtk_widget_class_install_action (widget_class, "overview.save-map", NULL, save_map);
}

static void
dt_overview_page_init (DtOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown_generation = G_MAXUINT64;
  /* Tracking is edited on the Measures page without a store-wide
   * "changed" signal; coming back to this page shows the latest, read
   * again only when the data's generation moved. */
  g_signal_connect (self, "map", G_CALLBACK (reload), NULL);
}
