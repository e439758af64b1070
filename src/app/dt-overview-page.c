/* dt-overview-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-chart.h"
#include "dt-data-service.h"
#include "dt-overview-page.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

/* How far ahead the follow-ups list looks. */
#define FOLLOW_UP_DAYS 14

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
  GtkWidget  *figures;
  GtkWidget  *tracking;
  GtkWidget  *follow_ups;
  GtkWidget  *datasets;
};

G_DEFINE_FINAL_TYPE (DtOverviewPage, dt_overview_page, ADW_TYPE_BIN)

static void
add_figure (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static void
add_key_figures (DtOverviewPage    *self,
                 DtOverviewFigures *figures)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Key Figures"));

  if (figures->has_index)
    {
      g_autofree char *title = g_strdup_printf (_("Zhejiang Openness Index, %d"), figures->index_year);
      g_autofree char *value = g_strdup_printf ("%.1f", figures->index_value);
      g_autofree char *subtitle = g_strdup_printf (_("Published · %s"), figures->index_source);

      add_figure (group, title, subtitle, value);
    }

  if (figures->has_list)
    {
      g_autofree char *title = g_strdup_printf (_("Enterprises on the %d list"), figures->list_year);
      g_autofree char *count = g_strdup_printf ("%d", figures->list_count);
      g_autofree char *volume_title = g_strdup_printf (_("Digital trade volume of the %d list"), figures->list_year);
      /* Translators: an amount in units of 100 million yuan (亿元) */
      g_autofree char *volume = g_strdup_printf (_("%.1f × 100 million yuan"), figures->list_volume / 10000.0);

      add_figure (group, title,
                  figures->list_sample ? _("Top-100 digital trade enterprises · Sample data, fictional")
                                       : _("Top-100 digital trade enterprises"),
                  count);
      add_figure (group, volume_title,
                  figures->list_sample ? _("Sum over the listed enterprises · Sample data, fictional")
                                       : _("Sum over the listed enterprises"),
                  volume);
    }

  {
    g_autofree char *count = g_strdup_printf ("%d", figures->measures);
    g_autofree char *subtitle = g_strdup_printf (_("%d in effect"), figures->measures_in_effect);

    add_figure (group, _("Binjiang FTZ preferential measures"), subtitle, count);
  }

  self->figures = GTK_WIDGET (group);
  gtk_box_append (self->content, self->figures);
}

/* Tracking of the measures: how many per status in each category. */
static void
add_tracking_chart (DtOverviewPage    *self,
                    DtOverviewFigures *figures)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  guint n_statuses = 0, n_categories = 0;
  const DtTerm *statuses = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n_statuses);
  const DtTerm *categories = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_CATEGORY, &n_categories);
  const guint *counts = figures->tracking_counts;
  g_autofree const char **labels = g_new0 (const char *, n_categories + 1);
  g_autofree double *values = g_new0 (double, n_categories);
  GtkWidget *chart;

  adw_preferences_group_set_title (group, _("Implementation of the Measures"));
  adw_preferences_group_set_description (group, _("Measures per category, by the status officials recorded"));

  chart = dt_chart_new (DT_CHART_BAR);
  dt_chart_set_title (DT_CHART (chart), _("Measures by category and status"));
  /* Translators: the unit of a count of measures */
  dt_chart_set_unit (DT_CHART (chart), _("measures"));
  dt_chart_set_value_format (DT_CHART (chart), "%.0f");
  for (guint c = 0; c < n_categories; c++)
    labels[c] = dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, categories[c].key);
  dt_chart_set_categories (DT_CHART (chart), labels);
  for (guint s = 0; s < n_statuses; s++)
    {
      for (guint c = 0; c < n_categories; c++)
        values[c] = counts[s * n_categories + c];
      dt_chart_add_series (DT_CHART (chart), dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, statuses[s].key),
                           values, n_categories);
    }
  gtk_widget_set_size_request (chart, -1, 280);
  adw_preferences_group_add (group, chart);

  self->tracking = GTK_WIDGET (group);
  gtk_box_append (self->content, self->tracking);
}

/* Follow-up dates that have passed or fall within the next two weeks. */
static void
add_follow_ups (DtOverviewPage    *self,
                DtOverviewFigures *figures,
                const char        *today)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GPtrArray *due = figures->follow_ups;
  g_autofree char *description = NULL;
  GDate today_date;

  adw_preferences_group_set_title (group, _("Follow-ups Due"));
  description = g_strdup_printf (ngettext ("Overdue, or due within the next %d day",
                                           "Overdue, or due within the next %d days", FOLLOW_UP_DAYS),
                                 FOLLOW_UP_DAYS);
  adw_preferences_group_set_description (group, description);

  g_date_clear (&today_date, 1);
  g_date_set_parse (&today_date, today);

  for (guint i = 0; i < due->len; i++)
    {
      DtMeasure *measure = g_ptr_array_index (due, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *status = gtk_label_new (dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, measure->status));
      g_autofree char *title = g_strdup_printf ("%" G_GINT64_FORMAT ". %s", measure->no,
                                                dt_pick_name (measure->title_zh, measure->title_en));
      g_autofree char *subtitle = NULL;
      GDate date;
      int days;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, measure->follow_up);
      days = g_date_days_between (&today_date, &date);
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

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      if (days < 0)
        gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (status, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      adw_preferences_group_add (group, row);
    }

  if (due->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No follow-ups are due"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Set a follow-up date on a measure’s tracking to see it here."));
      adw_preferences_group_add (group, row);
    }

  self->follow_ups = GTK_WIDGET (group);
  gtk_box_append (self->content, self->follow_ups);
}

static void
add_datasets (DtOverviewPage    *self,
              DtOverviewFigures *figures)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Datasets"));
  adw_preferences_group_set_description (group, _("Where every figure on these pages comes from"));

  for (guint i = 0; i < figures->datasets->len; i++)
    {
      DtOverviewDataset *dataset = g_ptr_array_index (figures->datasets, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dt_pick_name (dataset->title_zh, dataset->title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dataset->source);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      badge = gtk_label_new (dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, dataset->provenance));
      gtk_widget_add_css_class (badge, g_strcmp0 (dataset->provenance, "sample") == 0 ? "warning" : "success");
      gtk_widget_add_css_class (badge, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_preferences_group_add (group, row);
    }

  self->datasets = GTK_WIDGET (group);
  gtk_box_append (self->content, self->datasets);
}

static void
clear (DtOverviewPage *self)
{
  if (self->figures != NULL)
    gtk_box_remove (self->content, self->figures);
  if (self->tracking != NULL)
    gtk_box_remove (self->content, self->tracking);
  if (self->follow_ups != NULL)
    gtk_box_remove (self->content, self->follow_ups);
  if (self->datasets != NULL)
    gtk_box_remove (self->content, self->datasets);
  self->figures = self->tracking = self->follow_ups = self->datasets = NULL;
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

  clear (self);
  add_key_figures (self, figures);
  add_tracking_chart (self, figures);
  add_follow_ups (self, figures, day);
  add_datasets (self, figures);
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

static void
dt_overview_page_dispose (GObject *object)
{
  DtOverviewPage *self = (DtOverviewPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_OVERVIEW_PAGE);
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
