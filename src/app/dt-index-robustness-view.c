/* dt-index-robustness-view.c — how sure each rank of the index is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the Monte Carlo uncertainty analysis of the stored index for one
 * year and level off the main thread, then shows a rank-interval chart,
 * one plain sentence per region and which uncertain input moves the ranks
 * most (variance-based sensitivity indices).
 */

#define G_LOG_DOMAIN "dt-index-robustness-view"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-chart.h"
#include "dt-index-query.h"
#include "dt-index-robustness-view.h"
#include "dt-index-uncertainty.h"
#include "dt-rank-interval.h"
#include "dt-util.h"

struct _DtIndexRobustnessView
{
  AdwBin            parent_instance;

  DtStore          *store;
  int               year;
  char             *level;

  AdwPreferencesGroup *group;
  GtkSpinButton    *noise_spin;
  GtkSpinButton    *runs_spin;
  GtkSwitch        *normalise_switch;
  GtkSwitch        *gmean_switch;
  GtkSwitch        *drop_switch;
  GtkWidget        *run_button;
  GtkWidget        *cancel_button;
  GtkWidget        *save_button;
  GtkProgressBar   *progress;
  GtkLabel         *status;
  DtRankInterval   *chart;
  GtkBox           *sentences_box;
  GtkWidget        *sensitivity_title;
  GtkWidget        *sensitivity_note;
  DtChart          *sensitivity_chart;

  GCancellable     *cancellable;
  guint             poll_id;
  int              *progress_permille;   /* shared with the running job */
  GPtrArray        *sentences;           /* char * */
};

G_DEFINE_FINAL_TYPE (DtIndexRobustnessView, dt_index_robustness_view, ADW_TYPE_BIN)

/* Sentences */

static char *
ordinal (guint rank)
{
  const char *words[] = {
    NULL,
    N_("first"), N_("second"), N_("third"), N_("fourth"), N_("fifth"),
    N_("sixth"), N_("seventh"), N_("eighth"), N_("ninth"), N_("tenth"),
    N_("eleventh"), N_("twelfth"), N_("thirteenth"), N_("fourteenth"), N_("fifteenth"),
    N_("sixteenth"), N_("seventeenth"), N_("eighteenth"), N_("nineteenth"), N_("twentieth"),
  };

  if (rank >= 1 && rank < G_N_ELEMENTS (words))
    return g_strdup (_(words[rank]));
  /* Translators: a rank beyond the twentieth, e.g. “number 34”. */
  return g_strdup_printf (_("number %u"), rank);
}

char *
dt_index_robustness_sentence (const char *region,
                              guint       mode_rank,
                              double      mode_share,
                              guint       low,
                              guint       high,
                              guint       replications)
{
  g_autofree char *mode = ordinal (mode_rank);
  g_autofree char *from = ordinal (low);
  g_autofree char *to = ordinal (high);
  double percent = floor (mode_share * 100 + 0.5);

  if (low == high && mode_share >= 1.0)
    /* Translators: a region and its rank in words, e.g. “Hangzhou is first in all 1000 runs.” */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is %s in the one run.", "%s is %s in all %u runs.",
                                         replications),
                            region, mode, replications);
  if (low == high)
    /* Translators: e.g. “Ningbo is second in 96 % of runs; in nine runs out of ten it is second.” */
    return g_strdup_printf (_("%s is %s in %.0f %% of runs; in nine runs out of ten it is %s."),
                            region, mode, percent, from);
  /* Translators: e.g. “Jinhua is third in 78 % of runs; it could be anywhere from second to fifth.” */
  return g_strdup_printf (_("%s is %s in %.0f %% of runs; it could be anywhere from %s to %s."),
                          region, mode, percent, from, to);
}

static const char *
input_label (const char *input,
             char      **owned)
{
  int level;

  if (g_str_equal (input, "normalise"))
    return _("Normalisation");
  if (g_str_equal (input, "aggregate"))
    return _("Aggregation");
  if (g_str_equal (input, "drop"))
    return _("Leaving out an indicator");
  if (sscanf (input, "weights:level%d", &level) == 1)
    switch (level)
      {
      case 1:
        return _("Indicator weights");
      case 2:
        return _("Sub-dimension weights");
      case 3:
        return _("Dimension weights");
      default:
        return *owned = g_strdup_printf (_("Weights at level %d"), level);
      }
  return input;
}

/* Results */

typedef struct
{
  DtIndexUncertainty       *analysis;
  DtIndexUncertaintyResult *uncertainty;
  DtIndexSensitivityResult *sensitivity;
  int                      *progress;   /* permille, read by the main thread */
  gboolean                  try_sensitivity;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->analysis, dt_index_uncertainty_free);
  g_clear_pointer (&job->uncertainty, dt_index_uncertainty_result_free);
  g_clear_pointer (&job->sensitivity, dt_index_sensitivity_result_free);
  g_free (job->progress);
  g_free (job);
}

static void
on_uncertainty_progress (double   fraction,
                         gpointer data)
{
  Job *job = data;

  g_atomic_int_set (job->progress, (int)(fraction * (job->try_sensitivity ? 500 : 1000)));
}

static void
on_sensitivity_progress (double   fraction,
                         gpointer data)
{
  Job *job = data;

  g_atomic_int_set (job->progress, 500 + (int)(fraction * 500));
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  job->uncertainty = dt_index_uncertainty_run (job->analysis, on_uncertainty_progress, job, cancellable, &error);
  if (job->uncertainty == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->try_sensitivity)
    {
      job->sensitivity = dt_index_sensitivity_run (job->analysis, on_sensitivity_progress, job, cancellable, &error);
      if (job->sensitivity == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
clear_sentences (DtIndexRobustnessView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sentences_box))) != NULL)
    gtk_box_remove (self->sentences_box, child);
  g_ptr_array_set_size (self->sentences, 0);
}

static void
clear_results (DtIndexRobustnessView *self)
{
  clear_sentences (self);
  dt_rank_interval_set_data (self->chart, NULL, NULL, 0, 0, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), FALSE);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  dt_chart_clear_series (self->sensitivity_chart);
  gtk_widget_set_visible (self->sensitivity_title, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sensitivity_chart), FALSE);
}

static void
set_running (DtIndexRobustnessView *self,
             gboolean               running)
{
  gtk_widget_set_sensitive (self->run_button, !running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  if (!running)
    g_clear_handle_id (&self->poll_id, g_source_remove);
}

static gboolean
poll_progress (gpointer data)
{
  DtIndexRobustnessView *self = data;

  if (self->progress_permille != NULL)
    gtk_progress_bar_set_fraction (self->progress, g_atomic_int_get (self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  guint  row;
  guint  nominal;
} Order;

static int
by_nominal_rank (gconstpointer a,
                 gconstpointer b)
{
  const Order *x = a, *y = b;

  return x->nominal != y->nominal ? (x->nominal < y->nominal ? -1 : 1) : (int)x->row - (int)y->row;
}

static void
show_results (DtIndexRobustnessView *self,
              Job                   *job)
{
  g_autoptr(GPtrArray) regions = dt_index_query_regions (self->store);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (Order));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (DtRankIntervalItem));
  g_autofree char *title = NULL;
  GArray *rows = job->uncertainty->rows;

  for (guint i = 0; i < regions->len; i++)
    {
      DtIndexRegion *region = g_ptr_array_index (regions, i);

      g_hash_table_insert (names, region->code, (gpointer)dt_pick_name (region->name_zh, region->name_en));
    }

  clear_results (self);
  for (guint r = 0; r < rows->len; r++)
    {
      Order o = { r, g_array_index (rows, DtIndexUncertaintyRow, r).nominal_rank };

      g_array_append_val (order, o);
    }
  g_array_sort (order, by_nominal_rank);
  for (guint i = 0; i < order->len; i++)
    {
      const DtIndexUncertaintyRow *row = &g_array_index (rows, DtIndexUncertaintyRow, g_array_index (order, Order, i).row);
      const char *name = g_hash_table_lookup (names, row->unit);
      DtRankIntervalItem item = { name != NULL ? name : row->unit, row->nominal_rank, row->median_rank,
                                  row->p5_rank, row->p95_rank };
      char *sentence = dt_index_robustness_sentence (item.label, row->mode_rank, row->mode_share,
                                                     row->p5_rank, row->p95_rank, job->uncertainty->replications);
      GtkWidget *label = gtk_label_new (sentence);

      g_array_append_val (items, item);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->sentences_box, label);
      g_ptr_array_add (self->sentences, sentence);
    }

  /* Translators: the year and the level, e.g. “Rank intervals, 2024: cities”. */
  title = g_strdup_printf (g_strcmp0 (self->level, "county") == 0 ? _("Rank intervals, %d: counties and districts")
                                                                  : _("Rank intervals, %d: cities"),
                           self->year);
  dt_rank_interval_set_data (self->chart, title, (const DtRankIntervalItem *)(gpointer)items->data, items->len,
                             rows->len, job->uncertainty->replications);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (job->sensitivity != NULL)
    {
      DtIndexSensitivityResult *s = job->sensitivity;
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autofree double *first = g_new (double, s->inputs->len);
      g_autofree double *total = g_new (double, s->inputs->len);

      for (guint k = 0; k < s->inputs->len; k++)
        {
          char *owned = NULL;
          const char *label = input_label (g_ptr_array_index (s->inputs, k), &owned);

          g_ptr_array_add (labels, owned != NULL ? owned : g_strdup (label));
          first[k] = CLAMP (s->average[k].first, 0, 1);
          total[k] = CLAMP (s->average[k].total, 0, 1);
        }
      g_ptr_array_add (labels, NULL);
      dt_chart_set_title (self->sensitivity_chart, _("Share of the rank variance due to each input"));
      dt_chart_set_value_format (self->sensitivity_chart, "%.2f");
      dt_chart_set_categories (self->sensitivity_chart, (const char * const *)labels->pdata);
      dt_chart_add_series (self->sensitivity_chart, _("First-order effect"), first, s->inputs->len);
      dt_chart_add_series (self->sensitivity_chart, _("Total effect"), total, s->inputs->len);
      gtk_widget_set_visible (self->sensitivity_title, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->sensitivity_chart), TRUE);
    }
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  DtIndexRobustnessView *self = DT_INDEX_ROBUSTNESS_VIEW (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (task);

  /* A run replaced by a newer one says nothing. */
  if (g_task_get_cancellable (task) != self->cancellable)
    return;
  set_running (self, FALSE);
  self->progress_permille = NULL;
  if (!g_task_propagate_boolean (task, &error))
    {
      gtk_label_set_text (self->status, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                          ? _("Stopped. Nothing was changed.")
                                          : error->message);
      return;
    }
  gtk_label_set_text (self->status, "");
  show_results (self, job);
}

void
dt_index_robustness_view_run (DtIndexRobustnessView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  DtIndexUncertaintySpec spec;
  Job *job;

  g_return_if_fail (DT_IS_INDEX_ROBUSTNESS_VIEW (self));

  dt_index_robustness_view_cancel (self);
  if (self->store == NULL || self->year == 0)
    return;

  dt_index_uncertainty_spec_init (&spec);
  /* The stored indicators are scores against 2018 already. */
  spec.normalise = DT_INDEX_NORMALISE_NONE;
  for (int level = 1; level <= DT_INDEX_UNCERTAINTY_MAX_LEVELS; level++)
    spec.noise[level] = gtk_spin_button_get_value (self->noise_spin) / 100.0;
  spec.replications = gtk_spin_button_get_value_as_int (self->runs_spin);
  spec.seed = 1;
  if (gtk_switch_get_active (self->normalise_switch))
    {
      spec.n_normalise_alternatives = 3;
      spec.normalise_alternatives[0] = DT_INDEX_NORMALISE_NONE;
      spec.normalise_alternatives[1] = DT_INDEX_NORMALISE_MINMAX;
      spec.normalise_alternatives[2] = DT_INDEX_NORMALISE_ZSCORE;
    }
  if (gtk_switch_get_active (self->gmean_switch))
    {
      spec.n_aggregate_alternatives = 2;
      spec.aggregate_alternatives[0] = DT_INDEX_AGGREGATE_AMEAN;
      spec.aggregate_alternatives[1] = DT_INDEX_AGGREGATE_GMEAN;
    }
  spec.drop_indicators = gtk_switch_get_active (self->drop_switch);

  job = g_new0 (Job, 1);
  job->analysis = dt_index_uncertainty_new_from_store (self->store, self->year, self->level, &spec, &error);
  if (job->analysis == NULL)
    {
      job_free (job);
      gtk_label_set_text (self->status, error->message);
      return;
    }
  job->progress = g_new0 (int, 1);
  job->try_sensitivity = spec.noise[1] > 0 || spec.n_normalise_alternatives > 0 ||
                         spec.n_aggregate_alternatives > 0 || spec.drop_indicators;
  self->progress_permille = job->progress;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_run_done, NULL);
  g_task_set_source_tag (task, dt_index_robustness_view_run);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, run_in_thread);

  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_label_set_text (self->status, _("Running…"));
  set_running (self, TRUE);
  self->poll_id = g_timeout_add (100, poll_progress, self);
}

void
dt_index_robustness_view_cancel (DtIndexRobustnessView *self)
{
  g_return_if_fail (DT_IS_INDEX_ROBUSTNESS_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->progress_permille = NULL;
  set_running (self, FALSE);
}

gboolean
dt_index_robustness_view_is_running (DtIndexRobustnessView *self)
{
  return gtk_widget_get_visible (self->cancel_button);
}

static void
on_cancel_clicked (DtIndexRobustnessView *self)
{
  dt_index_robustness_view_cancel (self);
  gtk_label_set_text (self->status, _("Stopped. Nothing was changed."));
}

/* Saving the chart */

static gboolean
save_chart_file (const char  *path,
                 gpointer     chart,
                 GError     **error)
{
  return dt_rank_interval_save_chart (DT_RANK_INTERVAL (chart), path, 1200, 700, error);
}

static void
on_save_clicked (DtIndexRobustnessView *self)
{
  dt_save_chart_dialog (GTK_WIDGET (self), _("Save Chart"), "openness-index-rank-intervals.png",
                        save_chart_file, self->chart);
}

/* Building */

static GtkSwitch *
add_switch_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (toggle);
}

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_snap_to_ticks (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
dt_index_robustness_view_dispose (GObject *object)
{
  DtIndexRobustnessView *self = DT_INDEX_ROBUSTNESS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->level, g_free);
  g_clear_pointer (&self->sentences, g_ptr_array_unref);
  G_OBJECT_CLASS (dt_index_robustness_view_parent_class)->dispose (object);
}

static void
dt_index_robustness_view_class_init (DtIndexRobustnessViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dt_index_robustness_view_dispose;
}

static void
dt_index_robustness_view_init (DtIndexRobustnessView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *controls = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *sensitivity_frame = gtk_frame_new (NULL);

  self->sentences = g_ptr_array_new_with_free_func (g_free);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Robustness"));
  adw_preferences_group_set_description (self->group,
    _("How sure is each rank? The index is recomputed many times with every weight drawn at random within the chosen margin of its value and, if you choose, with other methods. Each bar shows where a region ranked in nine runs out of ten."));
  self->save_button = gtk_button_new_with_mnemonic (_("Save Chart…"));
  gtk_widget_set_tooltip_text (self->save_button, _("Save the rank intervals as PNG, SVG or PDF"));
  gtk_widget_set_sensitive (self->save_button, FALSE);
  gtk_widget_set_valign (self->save_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_preferences_group_set_header_suffix (self->group, self->save_button);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  adw_preferences_group_add (self->group, box);

  self->noise_spin = add_spin_row (ADW_PREFERENCES_GROUP (controls), _("Weight margin (%)"),
                                   _("Each weight is drawn between its value minus and plus this share"),
                                   0, 50, 5, 25);
  self->runs_spin = add_spin_row (ADW_PREFERENCES_GROUP (controls), _("Runs"),
                                  _("More runs give steadier intervals and take longer"),
                                  100, 10000, 100, 1000);
  self->normalise_switch = add_switch_row (ADW_PREFERENCES_GROUP (controls), _("Try Other Normalisations"),
                                           _("Also min-max and z-scores of the stored indicator scores"));
  self->gmean_switch = add_switch_row (ADW_PREFERENCES_GROUP (controls), _("Try the Geometric Mean"),
                                       _("Also aggregate with the geometric instead of the arithmetic mean"));
  self->drop_switch = add_switch_row (ADW_PREFERENCES_GROUP (controls), _("Leave Out One Indicator"),
                                      _("Each run may leave out one indicator, or none"));
  gtk_box_append (GTK_BOX (box), controls);

  self->run_button = gtk_button_new_with_mnemonic (_("_Run"));
  gtk_widget_add_css_class (self->run_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->run_button, _("Compute the rank intervals for the chosen year and level"));
  g_signal_connect_swapped (self->run_button, "clicked", G_CALLBACK (dt_index_robustness_view_run), self);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Stop"));
  gtk_widget_set_visible (self->cancel_button, FALSE);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress of the robustness run"), -1);
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_box_append (GTK_BOX (buttons), self->run_button);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), buttons);

  self->chart = DT_RANK_INTERVAL (dt_rank_interval_new ());
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->chart));
  gtk_box_append (GTK_BOX (box), frame);
  g_object_bind_property (self->chart, "visible", frame, "visible", G_BINDING_SYNC_CREATE);

  self->sentences_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sentences_box));

  self->sensitivity_title = gtk_label_new (_("What Moves the Ranks"));
  gtk_widget_add_css_class (self->sensitivity_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->sensitivity_title), 0);
  gtk_widget_set_margin_top (self->sensitivity_title, 12);
  gtk_box_append (GTK_BOX (box), self->sensitivity_title);
  self->sensitivity_note = gtk_label_new (_("Which uncertain input makes the ranks move. The first-order effect is the share of the rank variance an input causes on its own; the total effect adds what it causes together with the other inputs. Both are averaged over the regions, weighted by how much each region's rank varies."));
  gtk_label_set_wrap (GTK_LABEL (self->sensitivity_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->sensitivity_note), 0);
  gtk_widget_add_css_class (self->sensitivity_note, "dim-label");
  g_object_bind_property (self->sensitivity_title, "visible", self->sensitivity_note, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), self->sensitivity_note);
  self->sensitivity_chart = DT_CHART (dt_chart_new (DT_CHART_BAR));
  gtk_widget_set_size_request (GTK_WIDGET (self->sensitivity_chart), -1, 260);
  gtk_frame_set_child (GTK_FRAME (sensitivity_frame), GTK_WIDGET (self->sensitivity_chart));
  g_object_bind_property (self->sensitivity_chart, "visible", sensitivity_frame, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), sensitivity_frame);

  clear_results (self);
}

GtkWidget *
dt_index_robustness_view_new (void)
{
  return g_object_new (DT_TYPE_INDEX_ROBUSTNESS_VIEW, NULL);
}

void
dt_index_robustness_view_set_scope (DtIndexRobustnessView *self,
                                    DtStore               *store,
                                    int                    year,
                                    const char            *level)
{
  g_return_if_fail (DT_IS_INDEX_ROBUSTNESS_VIEW (self));

  if (self->store == store && self->year == year && g_strcmp0 (self->level, level) == 0)
    return;
  dt_index_robustness_view_cancel (self);
  g_set_object (&self->store, store);
  self->year = year;
  g_free (self->level);
  self->level = g_strdup (level);
  clear_results (self);
  gtk_label_set_text (self->status, "");
}

void
dt_index_robustness_view_set_options (DtIndexRobustnessView *self,
                                      double                 noise,
                                      guint                  replications,
                                      gboolean               normalisations,
                                      gboolean               geometric_mean,
                                      gboolean               drop_indicators)
{
  g_return_if_fail (DT_IS_INDEX_ROBUSTNESS_VIEW (self));

  gtk_spin_button_set_value (self->noise_spin, noise * 100);
  gtk_spin_button_set_value (self->runs_spin, replications);
  gtk_switch_set_active (self->normalise_switch, normalisations);
  gtk_switch_set_active (self->gmean_switch, geometric_mean);
  gtk_switch_set_active (self->drop_switch, drop_indicators);
}

char **
dt_index_robustness_view_get_sentences (DtIndexRobustnessView *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint i = 0; i < self->sentences->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->sentences, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

GtkWidget *
dt_index_robustness_view_get_chart (DtIndexRobustnessView *self)
{
  return GTK_WIDGET (self->chart);
}

GtkWidget *
dt_index_robustness_view_get_sensitivity_chart (DtIndexRobustnessView *self)
{
  return GTK_WIDGET (self->sensitivity_chart);
}
