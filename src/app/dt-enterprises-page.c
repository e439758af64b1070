/* dt-enterprises-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Top-100 lists: one DtEnterpriseQuery (search, facet filters, the
 * column view's sort) drives the table, the counts, the charts and the
 * export. Counting and faceting run on a thread with its own read-only
 * connection (dt-enterprise-summary.c), so typing never waits for them; a
 * newer query cancels the older one's SQL. Once the facet index is built
 * (in the background, again after every change to the data), the counts,
 * facets and charts come from it instead, in milliseconds.
 */

#define G_LOG_DOMAIN "dt-enterprises-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-chart.h"
#include "dt-columns.h"
#include "dt-dataset-import.h"
#include "dt-data-source.h"
#include "dt-eligibility-list.h"
#include "dt-enterprise-summary.h"
#include "dt-output.h"
#include "dt-enterprises-page.h"
#include "dt-enterprise-export.h"
#include "dt-export-util.h"
#include "dt-util.h"
#include "dt-vocabulary.h"
#include "dt-year-comparison-view.h"

static const char * const facet_keys[] = { "year", "city", "category", "sector", "in_ftz" };
#define N_FACETS G_N_ELEMENTS (facet_keys)

enum { CHART_CITY_COUNT, CHART_CITY_VOLUME, CHART_CATEGORY_COUNT, CHART_CATEGORY_VOLUME, N_CHARTS };

typedef struct
{
  const char *key;
  GtkBox     *list;
  GHashTable *buttons;   /* value → GtkCheckButton */
} Facet;

struct _DtEnterprisesPage
{
  AdwBin                 parent_instance;

  DtStore               *store;
  DtEnterpriseQuery     *query;
  DtEnterpriseListModel *model;
  GtkSingleSelection    *selection;
  GHashTable            *region_names;   /* code → GStrv { zh, en } */

  DtFacetIndex          *facet_index;      /* of the store's database */
  gboolean               index_waits;      /* its build waits for the first frame painted */
  GCancellable          *summary_cancellable;
  guint                  generation;
  guint                  summary_idle;
  guint                  detail_idle;    /* the detail follows the selection after the frame */
  DtEnterpriseSummary   *charted;        /* the summary the charts have yet to show */
  gboolean               busy;
  gboolean               updating;       /* facets or entry set from code */
  const char            *probe_key;
  gboolean               quit_after_rows;

  Facet                  facets[N_FACETS];
  DtChart               *charts[N_CHARTS];

  GCancellable          *export_cancellable;
  gint                   exported;        /* rows written so far, atomic */
  guint                  progress_timeout;

  AdwToastOverlay       *toast_overlay;
  GtkSearchEntry        *search_entry;
  GtkLabel              *count_label;
  GtkButton             *clear_button;
  GtkMenuButton         *column_button;
  GtkPaned              *detail_paned;
  GtkWidget             *detail_box;
  GtkWidget             *detail_window;   /* the detail as a dialog, in a narrow window */
  gboolean               narrow;
  guint                  narrow_idle;
  GtkBox                *column_menu;
  GSettings             *settings;
  GtkRevealer           *progress_revealer;
  GtkProgressBar        *progress_bar;
  GtkBox                *facet_box;
  GtkColumnView         *column_view;
  GtkGrid               *chart_grid;
  AdwViewStack          *view_stack;
  GtkLabel              *detail_title;
  GtkLabel              *detail_subtitle;
  GtkGrid               *detail_grid;
  DtChart               *rank_chart;
  GtkLabel              *detail_source;
  DtEligibilityList     *eligibility;
};

G_DEFINE_FINAL_TYPE (DtEnterprisesPage, dt_enterprises_page, ADW_TYPE_BIN)

static void schedule_summary (DtEnterprisesPage *self);
static gboolean run_summary (gpointer data);
static void schedule_detail (DtEnterprisesPage *self);

/* Display text */

static const char *
region_name (DtEnterprisesPage *self,
             const char        *code)
{
  char **names;

  if (code == NULL)
    return "";
  names = self->region_names != NULL ? g_hash_table_lookup (self->region_names, code) : NULL;
  return names != NULL ? dt_pick_name (names[0], names[1]) : code;
}

static char *
facet_value_label (DtEnterprisesPage *self,
                   const char        *key,
                   const char        *value)
{
  if (value == NULL)
    return g_strdup (_("Not given"));
  if (g_str_equal (key, "city"))
    return g_strdup (region_name (self, value));
  if (g_str_equal (key, "in_ftz"))
    return g_strdup (g_str_equal (value, "1") ? _("In the Binjiang FTZ") : _("Outside the FTZ"));
  return dt_enterprise_query_format_value (key, value, NULL, NULL);
}

static char *
format_volume (double volume)
{
  if (isnan (volume))
    return g_strdup ("—");
  return g_strdup_printf ("%'.1f", volume);
}

static char *
format_change (const DtEnterpriseRecord *r)
{
  int change;

  if (!r->has_prev_rank)
    return g_strdup (_("new"));
  change = dt_enterprise_record_rank_change (r);
  if (change > 0)
    return g_strdup_printf ("↑%d", change);
  if (change < 0)
    return g_strdup_printf ("↓%d", -change);
  return g_strdup ("–");
}

static char *
cell_text (DtEnterprisesPage        *self,
           const char               *key,
           const DtEnterpriseRecord *r)
{
  if (g_str_equal (key, "year"))
    return g_strdup_printf ("%d", r->year);
  if (g_str_equal (key, "rank"))
    return g_strdup_printf ("%d", r->rank);
  if (g_str_equal (key, "name_zh") || g_str_equal (key, "name_en"))
    return g_strdup (dt_pick_name (r->name_zh, r->name_en));
  if (g_str_equal (key, "city"))
    return g_strdup (r->city_zh != NULL ? dt_pick_name (r->city_zh, r->city_en) : (r->city ? r->city : ""));
  if (g_str_equal (key, "district"))
    return g_strdup (r->district_zh != NULL ? dt_pick_name (r->district_zh, r->district_en) : (r->district ? r->district : ""));
  if (g_str_equal (key, "category"))
    return g_strdup (r->category ? dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, r->category) : "");
  if (g_str_equal (key, "sector"))
    return g_strdup (r->sector ? dt_vocabulary_label (DT_VOCABULARY_SECTOR, r->sector) : "");
  if (g_str_equal (key, "trade_volume"))
    return format_volume (r->trade_volume);
  if (g_str_equal (key, "rank_change"))
    return format_change (r);
  return g_strdup ("");
}

/* The summary: counts, facets and charts, off the main thread */

typedef struct
{
  DtEnterpriseQuery *query;
  char              *path;
  guint              generation;
  DtEnterprisesPage *page;       /* for the early count message */
  DtFacetIndex      *index;      /* NULL: SQL only */
} SummaryInput;

typedef struct
{
  DtEnterprisesPage *page;
  DtEnterpriseQuery *query;
  guint              generation;
  gint64             count;
  gint64             total;
} CountMessage;

static void
summary_input_free (SummaryInput *input)
{
  g_clear_object (&input->query);
  g_clear_object (&input->page);
  g_clear_object (&input->index);
  g_free (input->path);
  g_free (input);
}

static void
quit_after_paint (GdkFrameClock *clock,
                  gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, quit_after_paint, data);
  dt_report_first_frame ();
  g_application_quit (g_application_get_default ());
}

/* The "N of M" label; the rows come from the model's own snapshot. */
static void
show_count (DtEnterprisesPage *self,
            gint64             count,
            gint64             total)
{
  if (total >= 0)
    {
      g_autofree char *c = g_strdup_printf ("%'" G_GINT64_FORMAT, count);
      g_autofree char *t = g_strdup_printf ("%'" G_GINT64_FORMAT, total);
      /* Translators: "37 of 100" enterprises match the filters */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), c, t);

      gtk_label_set_text (self->count_label, text);
    }
  else
    gtk_label_set_text (self->count_label, _("Counting…"));
}

static void
start_index_build (DtEnterprisesPage *self)
{
  if (self->index_waits && self->facet_index != NULL)
    dt_facet_index_rebuild (self->facet_index);
  self->index_waits = FALSE;
}

static void
on_first_answer_painted (GdkFrameClock     *clock,
                         DtEnterprisesPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_answer_painted, self);
  start_index_build (self);
}

/* The in-memory index is built once the page's first answer is painted:
 * at a million rows its build takes a processor for seconds, which the
 * first rows should not wait for. */
static void
build_index_after_frame (DtEnterprisesPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!self->index_waits)
    return;
  if (clock == NULL)
    {
      start_index_build (self);
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, on_first_answer_painted, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_answer_painted), self, 0);
}

/* For build-aux/bench.sh: quit after the first frame that shows rows. */
static void
on_page_loaded (DtEnterprisesPage *self,
                guint              position,
                guint              n_rows)
{
  /* A new snapshot may have refilled the selected row in place. */
  if (position == 0)
    {
      schedule_detail (self);
      build_index_after_frame (self);
    }
  if (self->quit_after_rows && n_rows > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->quit_after_rows = FALSE;
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                        G_CALLBACK (quit_after_paint), self);
    }
}

static void
on_model_error (DtEnterprisesPage *self)
{
  const GError *error = dt_enterprise_list_model_get_error (self->model);

  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static gboolean
count_ready (gpointer data)
{
  CountMessage *m = data;

  if (m->generation == m->page->generation)
    show_count (m->page, m->count, m->total);

  g_object_unref (m->page);
  g_object_unref (m->query);
  g_free (m);
  return G_SOURCE_REMOVE;
}

/* Posts the early "N of M" to the main thread. */
static void
post_count (gint64   count,
            gint64   total,
            gpointer data)
{
  SummaryInput *input = data;
  CountMessage *m = g_new0 (CountMessage, 1);

  m->page = g_object_ref (input->page);
  m->query = g_object_ref (input->query);
  m->generation = input->generation;
  m->count = count;
  m->total = total;
  g_idle_add_full (G_PRIORITY_DEFAULT, count_ready, m, NULL);
}

static void
summary_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SummaryInput *input = task_data;
  GError *error = NULL;
  DtEnterpriseSummary *s;

  s = dt_enterprise_summary_compute (input->path, input->query, input->index,
                                     facet_keys, N_FACETS, post_count, input,
                                     cancellable, &error);
  if (s == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, s, (GDestroyNotify)dt_enterprise_summary_free);
}

static void on_facet_toggled (GtkCheckButton    *button,
                              DtEnterprisesPage *self);

static void
update_facet (DtEnterprisesPage *self,
              Facet             *facet,
              GArray            *groups)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Buttons stay where they are, so keyboard focus and order do not jump
   * while counts change; values with no rows left show 0. */
  g_hash_table_iter_init (&iter, facet->buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_object_set_data (value, "count", GINT_TO_POINTER (0));

  for (guint i = 0; i < groups->len; i++)
    {
      DtEnterpriseGroup *g = &g_array_index (groups, DtEnterpriseGroup, i);
      const char *v = g->value != NULL ? g->value : "";
      GtkWidget *button = g_hash_table_lookup (facet->buttons, v);

      if (g->value == NULL)
        continue;   /* no value to filter on */
      if (button == NULL)
        {
          button = gtk_check_button_new ();
          g_object_set_data_full (G_OBJECT (button), "value", g_strdup (v), g_free);
          g_object_set_data (G_OBJECT (button), "facet", facet);
          g_signal_connect (button, "toggled", G_CALLBACK (on_facet_toggled), self);
          g_hash_table_insert (facet->buttons, g_strdup (v), button);
          gtk_box_append (facet->list, button);
        }
      g_object_set_data (G_OBJECT (button), "count", GSIZE_TO_POINTER ((gsize)g->count));
    }

  g_hash_table_iter_init (&iter, facet->buttons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize count = GPOINTER_TO_SIZE (g_object_get_data (value, "count"));
      g_autofree char *name = facet_value_label (self, facet->key, key);
      g_autofree char *n = g_strdup_printf ("%'" G_GSIZE_FORMAT, count);
      /* Translators: a filter value and how many rows it would show, e.g. "Hangzhou (37)" */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), name, n);
      gboolean on = dt_enterprise_query_has_filter (self->query, facet->key, key);

      gtk_check_button_set_label (value, text);
      gtk_check_button_set_active (value, on);
      gtk_widget_set_sensitive (value, on || count > 0);
    }
}

/* What the charts show, for their saved files and descriptions: the list
 * year, the filters and the search, e.g. "2023 list · Hangzhou · Data trade". */
static char *
describe_selection (DtEnterprisesPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *search = dt_enterprise_query_get_search (self->query);

  for (guint i = 0; i < N_FACETS; i++)
    {
      GPtrArray *values = dt_enterprise_query_get_filter (self->query, facet_keys[i]);
      g_autoptr(GString) part = g_string_new (NULL);

      if (values == NULL || values->len == 0)
        continue;
      for (guint v = 0; v < values->len; v++)
        {
          g_autofree char *label = facet_value_label (self, facet_keys[i], g_ptr_array_index (values, v));

          if (v > 0)
            /* TRANSLATORS: separates the values of one filter, e.g. "Hangzhou, Ningbo" */
            g_string_append (part, _(", "));
          g_string_append (part, label);
        }
      if (text->len > 0)
        g_string_append (text, " · ");
      if (g_str_equal (facet_keys[i], "year"))
        /* TRANSLATORS: the Top-100 list of a year, e.g. "2023 Top-100 list" */
        g_string_append_printf (text, _("%s Top-100 list"), part->str);
      else
        g_string_append (text, part->str);
    }
  if (search != NULL && search[0] != '\0')
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: the search a chart's rows match */
      g_string_append_printf (text, _("matching “%s”"), search);
    }
  if (text->len == 0)
    g_string_append (text, _("All lists"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A file name that says what is in it, e.g. "top100-2023-hangzhou". */
static char *
file_stem (DtEnterprisesPage *self)
{
  g_autoptr(GString) stem = g_string_new ("top100");

  for (guint i = 0; i < N_FACETS; i++)
    {
      GPtrArray *values = dt_enterprise_query_get_filter (self->query, facet_keys[i]);

      if (values == NULL || values->len == 0 || values->len > 3)
        continue;
      for (guint v = 0; v < values->len; v++)
        {
          const char *value = g_ptr_array_index (values, v);

          g_string_append_c (stem, '-');
          if (g_str_equal (facet_keys[i], "in_ftz"))
            g_string_append (stem, g_strcmp0 (value, "1") == 0 ? "ftz" : "outside-ftz");
          else
            for (const char *c = value ? value : "none"; *c != '\0'; c++)
              g_string_append_c (stem, g_ascii_isalnum (*c) ? g_ascii_tolower (*c) : '-');
        }
    }
  if (!dt_str_is_blank (dt_enterprise_query_get_search (self->query) ? dt_enterprise_query_get_search (self->query) : ""))
    g_string_append (stem, "-search");
  return g_string_free (g_steal_pointer (&stem), FALSE);
}

static void
update_chart (DtEnterprisesPage *self,
              DtChart           *chart,
              const char        *key,
              GArray            *groups,
              gboolean           volume)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = MIN (groups->len, 12);

  for (guint i = 0; i < n; i++)
    {
      DtEnterpriseGroup *g = &g_array_index (groups, DtEnterpriseGroup, i);
      double v = volume ? g->volume : (double)g->count;

      g_ptr_array_add (names, facet_value_label (self, key, g->value));
      g_array_append_val (values, v);
    }
  g_ptr_array_add (names, NULL);

  dt_chart_set_categories (chart, (const char * const *)names->pdata);
  dt_chart_clear_series (chart);
  if (n > 0)
    dt_chart_add_series (chart, volume ? _("Digital trade volume") : _("Enterprises"),
                         (const double *)(gpointer)values->data, n);

  /* The context a saved chart carries, and a file name that names it. */
  {
    g_autofree char *selection = describe_selection (self);
    g_autofree char *stem = file_stem (self);
    gboolean sample = FALSE;
    g_autofree char *source = self->store ? dt_data_source_line (self->store, "enterprises", &sample) : NULL;
    const char *suffix = g_object_get_data (G_OBJECT (chart), "file-suffix");

    dt_chart_set_context (chart, selection, source, sample);
    g_object_set_data_full (G_OBJECT (chart), "file-name",
                            g_strdup_printf ("%s-%s.png", stem, suffix), g_free);
  }
}

static void
update_charts (DtEnterprisesPage *self)
{
  DtEnterpriseSummary *s = self->charted;

  if (s == NULL || g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "charts") != 0)
    return;
  update_chart (self, self->charts[CHART_CITY_COUNT], "city", s->by_city, FALSE);
  update_chart (self, self->charts[CHART_CITY_VOLUME], "city", s->by_city, TRUE);
  update_chart (self, self->charts[CHART_CATEGORY_COUNT], "category", s->by_category, FALSE);
  update_chart (self, self->charts[CHART_CATEGORY_VOLUME], "category", s->by_category, TRUE);
  g_clear_pointer (&self->charted, dt_enterprise_summary_free);
}

static void
summary_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (object);
  GTask *task = G_TASK (result);
  SummaryInput *input = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DtEnterpriseSummary *s = g_task_propagate_pointer (task, &error);

  if (s == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count the enterprises: %s", error->message);
      return;
    }
  if (input->generation != self->generation)
    {
      dt_enterprise_summary_free (s);
      return;
    }

  /* The early count message may still be queued: show the same now. */
  show_count (self, s->count, s->total);

  self->updating = TRUE;
  for (guint i = 0; i < N_FACETS; i++)
    update_facet (self, &self->facets[i], g_ptr_array_index (s->facets, i));
  self->updating = FALSE;

  /* The charts are redrawn when they are shown, not behind the table. */
  g_clear_pointer (&self->charted, dt_enterprise_summary_free);
  self->charted = s;
  update_charts (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), dt_enterprise_query_has_filters (self->query));
  self->busy = FALSE;
  build_index_after_frame (self);
}

static gboolean
run_summary (gpointer data)
{
  DtEnterprisesPage *self = data;
  g_autoptr(GTask) task = NULL;
  SummaryInput *input;

  self->summary_idle = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  /* Stale counts are of no use: stop their SQL. */
  g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);
  self->summary_cancellable = g_cancellable_new ();

  /* The rows: the model builds its snapshot of the query on a thread. */
  dt_enterprise_list_model_set_query (self->model, self->query);

  input = g_new0 (SummaryInput, 1);
  input->query = dt_enterprise_query_copy (self->query);
  input->path = g_strdup (dt_store_get_path (self->store));
  input->generation = ++self->generation;
  input->page = g_object_ref (self);
  self->busy = TRUE;

  /* The index of this database, built once in the background; until it is
   * ready the summary is SQL's, seconds at a million rows. */
  if (self->facet_index != NULL && g_strcmp0 (dt_facet_index_get_path (self->facet_index), input->path) != 0)
    {
      /* Another database: another index. */
      g_signal_handlers_disconnect_by_data (self->facet_index, self);
      g_clear_object (&self->facet_index);
    }
  if (self->facet_index == NULL)
    {
      self->facet_index = dt_facet_index_new (input->path);
      g_signal_connect_object (self->facet_index, "ready", G_CALLBACK (schedule_summary), self, G_CONNECT_SWAPPED);
      self->index_waits = TRUE;
      /* The rows shown follow the same answers as the counts. */
      dt_enterprise_list_model_set_ids_func (self->model, dt_facet_index_ids_or_sql,
                                             g_object_ref (self->facet_index), g_object_unref);
    }
  input->index = g_object_ref (self->facet_index);
  if (!dt_facet_index_is_ready (self->facet_index))
    gtk_label_set_text (self->count_label, _("Counting…"));

  task = g_task_new (self, self->summary_cancellable, summary_done, NULL);
  g_task_set_task_data (task, input, (GDestroyNotify)summary_input_free);
  g_task_run_in_thread (task, summary_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_summary (DtEnterprisesPage *self)
{
  self->busy = TRUE;
  if (self->summary_idle == 0)
    self->summary_idle = g_idle_add (run_summary, self);
}

/* Controls */

static void
on_search_changed (DtEnterprisesPage *self)
{
  if (self->updating)
    return;
  dt_enterprise_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_facet_toggled (GtkCheckButton    *button,
                  DtEnterprisesPage *self)
{
  Facet *facet = g_object_get_data (G_OBJECT (button), "facet");
  const char *value = g_object_get_data (G_OBJECT (button), "value");

  if (self->updating || facet == NULL)
    return;
  if (gtk_check_button_get_active (button))
    dt_enterprise_query_add_filter (self->query, facet->key, value, NULL);
  else
    dt_enterprise_query_remove_filter (self->query, facet->key, value);
}

static void
clear_filters (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (widget);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating = FALSE;
  dt_enterprise_query_clear_filters (self->query);
}

/* Two list years side by side, in a window of its own. */
static void
compare_years (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dt_year_comparison_view_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                 self->store)));
}

static void
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Sorting: the column view's sorter decides nothing itself. Each column's
 * sorter records its key when asked; comparing two dummies through the
 * view's sorter tells which column is primary and, by the sign, the
 * direction (GTK 4.8 has no getter for either). The SQL then sorts. */

typedef struct
{
  DtEnterprisesPage *page;
  const char        *key;
} Probe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  Probe *probe = data;

  probe->page->probe_key = probe->key;
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (GtkSorter         *sorter,
                   GtkSorterChange    change,
                   DtEnterprisesPage *self)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  if (self->query == NULL)
    return;
  self->probe_key = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  if (self->probe_key == NULL)
    dt_enterprise_query_set_sort (self->query, "rank", FALSE, NULL);
  else
    dt_enterprise_query_set_sort (self->query, self->probe_key, order == GTK_ORDERING_LARGER, NULL);
}

/* Cells are inscriptions: their size comes from the font, not from their
 * text, so new rows need no text measuring. GTK 4.8's column view keeps
 * up to 200 rows alive, and measuring each label of them again was half
 * of a keystroke's time. */
static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  const char *key = data;
  GtkWidget *cell = gtk_inscription_new (NULL);
  gboolean number = g_str_equal (key, "rank") || g_str_equal (key, "year") ||
                    g_str_equal (key, "trade_volume") || g_str_equal (key, "rank_change");

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), number ? 1.0 : 0.0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
cell_update (GtkListItem *item)
{
  DtEnterprisesPage *self = g_object_get_data (G_OBJECT (item), "page");
  const char *key = g_object_get_data (G_OBJECT (item), "key");
  DtEnterpriseRow *row = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  if (row == NULL)
    return;
  /* A placeholder is empty until its page arrives; one that could not
   * be read says so in the name column. */
  if (dt_enterprise_row_get_failed (row))
    text = g_strdup (g_str_has_prefix (key, "name_") ? _("Could not read this row") : "");
  else if (dt_enterprise_row_get_loading (row))
    text = g_strdup ("");
  else
    text = cell_text (self, key, dt_enterprise_row_get_record (row));
  gtk_inscription_set_text (cell, text);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  DtEnterpriseRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "page", g_object_get_data (G_OBJECT (factory), "page"));
  g_object_set_data (G_OBJECT (item), "key", data);
  if (row != NULL && dt_enterprise_row_get_loading (row))
    g_signal_connect_object (row, "notify::loading", G_CALLBACK (cell_update), item, G_CONNECT_SWAPPED);
  /* Rows on screen are refilled in place by a new query. */
  if (row != NULL)
    g_signal_connect_object (row, "changed", G_CALLBACK (cell_update), item, G_CONNECT_SWAPPED);
  cell_update (item);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  DtEnterpriseRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, cell_update, item);
}

/* The columns' visibility follows the setting; the menu's checks follow both. */
static void
apply_hidden_columns (DtEnterprisesPage *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "enterprise-hidden-columns");

  self->updating = TRUE;
  for (GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (self->column_menu)); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    {
      gboolean shown = !g_strv_contains ((const char * const *)hidden, g_object_get_data (G_OBJECT (check), "key"));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), shown);
      gtk_column_view_column_set_visible (g_object_get_data (G_OBJECT (check), "column"), shown);
    }
  self->updating = FALSE;
}

static void
on_column_toggled (DtEnterprisesPage *self)
{
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  if (self->updating)
    return;
  for (GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (self->column_menu)); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      g_strv_builder_add (hidden, g_object_get_data (G_OBJECT (check), "key"));
  keys = g_strv_builder_end (hidden);
  g_settings_set_strv (self->settings, "enterprise-hidden-columns", (const char * const *)keys);
}

/* Tab from the search goes to the rows it found, as one reads the page. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               DtEnterprisesPage     *self)
{
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static int
column_width (const char *key)
{
  if (g_str_equal (key, "year") || g_str_equal (key, "rank") || g_str_equal (key, "rank_change"))
    return 72;
  if (g_str_equal (key, "trade_volume"))
    return 120;
  return 110;
}

static void
add_column (DtEnterprisesPage *self,
            const char        *key,
            const char        *title,
            gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  Probe *probe = g_new0 (Probe, 1);
  GtkSorter *sorter;

  probe->page = self;
  probe->key = key;
  g_object_set_data (G_OBJECT (factory), "page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), (gpointer)key);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), (gpointer)key);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), (gpointer)key);

  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, g_free));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  /* Fixed widths: the view need not measure every visible cell again to
   * size its columns whenever the rows change. */
  gtk_column_view_column_set_fixed_width (column, expand ? 220 : column_width (key));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  /* Every column but the name can be hidden, for narrow windows. */
  if (!expand)
    {
      GtkWidget *check = gtk_check_button_new_with_label (title);

      g_object_set_data (G_OBJECT (check), "column", column);
      g_object_set_data (G_OBJECT (check), "key", (gpointer)key);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_column_toggled), self);
      gtk_box_append (self->column_menu, check);
    }
  g_object_unref (sorter);
  g_object_unref (column);
}

/* The detail pane */

static void
add_detail (DtEnterprisesPage *self,
            int                row,
            const char        *name,
            const char        *value)
{
  GtkWidget *n = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (n), 0);
  gtk_widget_add_css_class (n, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_grid_attach (self->detail_grid, n, 0, row, 1, 1);
  gtk_grid_attach (self->detail_grid, v, 1, row, 1, 1);
}

static void
show_detail (DtEnterprisesPage *self)
{
  DtEnterpriseRow *row = gtk_single_selection_get_selected_item (self->selection);
  const DtEnterpriseRecord *r;
  GtkWidget *child;
  int line = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_grid))) != NULL)
    gtk_grid_remove (self->detail_grid, child);
  dt_chart_clear_series (self->rank_chart);

  if (row == NULL || self->store == NULL)
    {
      gtk_label_set_text (self->detail_title, _("No enterprise selected"));
      gtk_label_set_text (self->detail_subtitle, "");
      gtk_label_set_text (self->detail_source, "");
      gtk_widget_set_visible (GTK_WIDGET (self->rank_chart), FALSE);
      dt_eligibility_list_clear (self->eligibility);
      return;
    }
  if (dt_enterprise_row_get_loading (row))
    {
      /* Shown when its page arrives. */
      g_signal_handlers_disconnect_by_func (row, show_detail, self);
      g_signal_connect_object (row, "notify::loading", G_CALLBACK (show_detail), self, G_CONNECT_SWAPPED);
      gtk_label_set_text (self->detail_title, _("Loading…"));
      gtk_label_set_text (self->detail_subtitle, "");
      gtk_label_set_text (self->detail_source, "");
      gtk_widget_set_visible (GTK_WIDGET (self->rank_chart), FALSE);
      dt_eligibility_list_clear (self->eligibility);
      return;
    }
  r = dt_enterprise_row_get_record (row);
  /* Which of the zone's measures this enterprise qualifies for, and why. */
  dt_eligibility_list_show_enterprise (self->eligibility, self->store, r->enterprise_id, r->year);

  gtk_label_set_text (self->detail_title, dt_pick_name (r->name_zh, r->name_en));
  gtk_label_set_text (self->detail_subtitle,
                      dt_data_language_is_chinese () ? "" : r->name_zh);

  {
    g_autofree char *year = g_strdup_printf ("%d", r->year);
    g_autofree char *rank = g_strdup_printf ("%d", r->rank);
    g_autofree char *city = cell_text (self, "city", r);
    g_autofree char *district = cell_text (self, "district", r);
    g_autofree char *category = cell_text (self, "category", r);
    g_autofree char *sector = cell_text (self, "sector", r);
    g_autofree char *volume = format_volume (r->trade_volume);
    g_autofree char *change = format_change (r);
    g_autofree char *founded = r->founded ? g_strdup_printf ("%d", r->founded) : g_strdup ("—");

    add_detail (self, line++, _("List"), year);
    add_detail (self, line++, _("Rank"), rank);
    add_detail (self, line++, _("Rank change"), change);
    add_detail (self, line++, _("Unified social credit code"), r->credit_code ? r->credit_code : "—");
    add_detail (self, line++, _("City"), city);
    add_detail (self, line++, _("District"), district[0] ? district : "—");
    add_detail (self, line++, _("Category"), category);
    add_detail (self, line++, _("Sector"), sector);
    add_detail (self, line++, _("Digital trade volume (10,000 yuan)"), volume);
    add_detail (self, line++, _("In the Binjiang FTZ"), r->in_ftz ? _("Yes") : _("No"));
    add_detail (self, line++, _("Founded"), founded);
  }

  /* Its rank on every list it was on. */
  {
    g_autoptr(GArray) years = NULL;
    g_autoptr(GArray) ranks = NULL;

    if (dt_enterprise_query_rank_history (dt_store_get_db (self->store), r->enterprise_id,
                                          &years, &ranks, NULL))
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; i < years->len; i++)
          g_ptr_array_add (labels, g_strdup_printf ("%d", g_array_index (years, int, i)));
        g_ptr_array_add (labels, NULL);
        dt_chart_set_categories (self->rank_chart, (const char * const *)labels->pdata);
        dt_chart_add_series (self->rank_chart, _("Rank"), (const double *)(gpointer)ranks->data, ranks->len);
        dt_chart_set_context (self->rank_chart, dt_pick_name (r->name_zh, r->name_en), NULL, FALSE);
        gtk_widget_set_visible (GTK_WIDGET (self->rank_chart), TRUE);
      }
  }

  /* Where the row came from. */
  {
    g_autofree char *source = dt_dataset_describe (self->store, r->dataset_id);

    if (source != NULL)
      gtk_label_set_text (self->detail_source, source);
  }
}

static gboolean
run_detail (gpointer data)
{
  DtEnterprisesPage *self = data;

  self->detail_idle = 0;
  show_detail (self);
  return G_SOURCE_REMOVE;
}

/* While an official types, the first row changes with every keystroke: the
 * detail pane follows once the frame with the new rows is drawn, at most
 * once per frame, not inside it. */
static void
schedule_detail (DtEnterprisesPage *self)
{
  if (self->detail_idle == 0)
    self->detail_idle = g_idle_add_full (G_PRIORITY_LOW, run_detail, self, NULL);
}

/* Charts */

static gboolean
save_chart_file (const char  *path,
                 gpointer     chart,
                 GError     **error)
{
  return dt_chart_save (DT_CHART (chart), path, 1200, 700, error);
}

static void
on_save_chart (GtkButton *button,
               DtChart   *chart)
{
  const char *name = g_object_get_data (G_OBJECT (chart), "file-name");

  dt_save_chart_dialog (GTK_WIDGET (chart), _("Save Chart"), name, save_chart_file, chart);
}

static void
add_chart (DtEnterprisesPage *self,
           guint              index,
           const char        *title,
           DtChartValues      values,
           const char        *file_suffix)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *chart = dt_chart_new (DT_CHART_BAR);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save as PNG, SVG or PDF…"));

  dt_chart_set_title (DT_CHART (chart), title);
  /* Amounts pick their unit (亿元, billion yuan) from the values. */
  dt_chart_set_values (DT_CHART (chart), values);
  gtk_widget_set_size_request (chart, 220, 260);
  gtk_widget_set_hexpand (chart, TRUE);
  g_object_set_data (G_OBJECT (chart), "file-suffix", (gpointer) file_suffix);
  g_object_set_data_full (G_OBJECT (chart), "file-name", g_strdup_printf ("top100-%s.png", file_suffix), g_free);
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_chart), chart);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_box_append (GTK_BOX (box), save);
  gtk_grid_attach (self->chart_grid, box, index % 2, index / 2, 1, 1);
  self->charts[index] = DT_CHART (chart);
}

/* Export */

typedef struct
{
  DtEnterpriseQuery *query;
  char              *db_path;
  GFile             *file;
  DtTableFormat      format;
  gint              *exported;
  gint64             n_rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->query);
  g_clear_object (&job->file);
  g_free (job->db_path);
  g_free (job);
}

static void
export_progress (gint64   done,
                 gpointer data)
{
  g_atomic_int_set ((gint *)data, (gint)MIN (done, G_MAXINT));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtOutput) output = NULL;
  g_autoptr(GOutputStream) out = NULL;
  gboolean ok;

  /* Replaced only when everything was written. */
  output = dt_output_open (job->file, cancellable, &error);
  ok = output != NULL;
  if (ok)
    {
      out = g_buffered_output_stream_new_sized (dt_output_get_stream (output), 256 * 1024);
      g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (out), FALSE);
      ok = dt_enterprise_export_write (job->query, job->db_path, out, job->format, DT_ENTERPRISE_HEADER_LABELS, TRUE,
                                       export_progress, job->exported, cancellable, &job->n_rows, &error) &&
           g_output_stream_close (out, cancellable, &error) &&
           dt_output_close (output, cancellable, &error);
      if (!ok)
        dt_output_abandon (output, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
export_tick (gpointer data)
{
  DtEnterprisesPage *self = data;
  gsize done = (gsize)g_atomic_int_get (&self->exported);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  /* Translators: rows exported so far */
  g_autofree char *text = g_strdup_printf (_("Exporting… %'lu rows"), (unsigned long)done);

  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? MIN (1.0, (double)done / total) : 0);
  return G_SOURCE_CONTINUE;
}

void
dt_enterprises_page_export_async (DtEnterprisesPage   *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  DtEnterpriseQuery *shown;

  g_return_if_fail (DT_IS_ENTERPRISES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("No database is open"));
      return;
    }

  /* Exactly what is shown: the model's query, not the one being edited. */
  shown = dt_enterprise_list_model_get_query (self->model);
  job = g_new0 (ExportJob, 1);
  job->query = shown != NULL ? dt_enterprise_query_copy (shown) : dt_enterprise_query_copy (self->query);
  job->db_path = g_strdup (dt_store_get_path (self->store));
  job->file = g_object_ref (file);
  {
    g_autofree char *name = g_file_get_basename (file);

    job->format = dt_table_format_for_name (name, DT_TABLE_FORMAT_CSV);
  }
  job->exported = &self->exported;
  self->exported = 0;
  g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
dt_enterprises_page_export_finish (DtEnterprisesPage  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ExportJob *job = g_task_get_task_data (G_TASK (result));

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->export_cancellable);

  if (dt_enterprises_page_export_finish (self, result, &error))
    {
      g_autofree char *name = g_file_get_basename (job->file);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %'lld row to %s",
                                              "Exported %'lld rows to %s", (gulong)job->n_rows),
                                 (long long)job->n_rows, name);
      adw_toast_overlay_add_toast (self->toast_overlay, dt_export_toast_new (message, job->file));
      return;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Export cancelled; no file was written"));
  else
    message = g_strdup_printf (_("Cannot export: %s"), error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_response (GtkNativeDialog   *dialog,
                 int                response,
                 DtEnterprisesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      DtTableFormat format;
      g_autoptr(GFile) file = dt_export_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (dialog), &format);

      self->export_cancellable = g_cancellable_new ();
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
      self->progress_timeout = g_timeout_add (200, export_tick, self);
      dt_enterprises_page_export_async (self, file, self->export_cancellable, export_done, NULL);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (widget);
  GtkFileChooserNative *dialog;
  DtEnterpriseQuery *shown;
  g_autofree char *name = NULL;

  if (self->export_cancellable != NULL)
    return;

  /* Named for what it holds, "top100-2023-hangzhou-data"; the regions'
   * codes are their English names. */
  shown = self->model != NULL ? dt_enterprise_list_model_get_query (self->model) : NULL;
  name = dt_enterprise_export_file_name (shown != NULL ? shown : self->query, NULL, DT_TABLE_FORMAT_CSV);
  name[strlen (name) - strlen (".csv")] = '\0';
  dialog = dt_export_chooser_new (widget, _("Export Enterprises"), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_cancel_export (DtEnterprisesPage *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* Store */

static void
load_regions (DtEnterprisesPage *self)
{
  g_clear_pointer (&self->region_names, g_hash_table_unref);
  self->region_names = dt_enterprise_query_region_names (dt_store_get_db (self->store));
}

static void
reload (DtEnterprisesPage *self)
{
  load_regions (self);
  for (guint i = 0; i < N_FACETS; i++)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facets[i].list))) != NULL)
        gtk_box_remove (self->facets[i].list, child);
      g_hash_table_remove_all (self->facets[i].buttons);
    }

  /* Open on the latest list, as officials read it. */
  if (dt_enterprise_query_get_filter (self->query, "year") == NULL)
    {
      int latest = dt_enterprise_query_latest_year (dt_store_get_db (self->store));

      if (latest != 0)
        {
          g_autofree char *year = g_strdup_printf ("%d", latest);
          dt_enterprise_query_add_filter (self->query, "year", year, NULL);
        }
    }
  /* Now, not in an idle: at start-up the first rows are read while the
   * window is still being presented. */
  g_clear_handle_id (&self->summary_idle, g_source_remove);
  run_summary (self);
}

static void
on_store_changed (DtEnterprisesPage *self,
                  const char        *kind)
{
  if (kind != NULL && !g_str_equal (kind, "enterprises") && !g_str_equal (kind, "regions"))
    return;

  /* The index answers nothing stale: it drops its content at once. */
  if (self->facet_index != NULL && (kind == NULL || g_str_equal (kind, "enterprises")))
    dt_facet_index_rebuild (self->facet_index);

  /* Rows fetched before the change may name enterprises that are gone:
   * fetch what is shown again, and the selected row's detail with it. */
  dt_enterprise_list_model_refresh (self->model);
  show_detail (self);
  reload (self);
}

void
dt_enterprises_page_set_store (DtEnterprisesPage *self,
                               DtStore           *store)
{
  g_return_if_fail (DT_IS_ENTERPRISES_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->model);
  self->model = dt_enterprise_list_model_new (store);
  /* The next summary builds the index of this store and hooks it to the model. */
  if (self->facet_index != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->facet_index, self);
      g_clear_object (&self->facet_index);
    }
  g_signal_connect_object (self->model, "page-loaded", G_CALLBACK (on_page_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (on_model_error), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  reload (self);
}

void
dt_enterprises_page_show_filtered (DtEnterprisesPage *self,
                                   const char        *key,
                                   const char        *value)
{
  const char *search = g_strcmp0 (key, "name") == 0 ? value : "";
  int latest;

  g_return_if_fail (DT_IS_ENTERPRISES_PAGE (self));

  if (self->store == NULL)
    return;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);
  self->updating = FALSE;
  /* Cleared first: clearing the filters clears the search too. */
  dt_enterprise_query_clear_filters (self->query);
  dt_enterprise_query_set_search (self->query, search);
  /* The Overview shows the latest list. */
  latest = dt_enterprise_query_latest_year (dt_store_get_db (self->store));
  if (latest != 0)
    {
      g_autofree char *year = g_strdup_printf ("%d", latest);

      dt_enterprise_query_add_filter (self->query, "year", year, NULL);
    }
  if (search[0] == '\0' && key != NULL && value != NULL)
    dt_enterprise_query_add_filter (self->query, key, value, NULL);
}

DtEnterpriseQuery *
dt_enterprises_page_get_query (DtEnterprisesPage *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISES_PAGE (self), NULL);
  return self->query;
}

DtEnterpriseListModel *
dt_enterprises_page_get_model (DtEnterprisesPage *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISES_PAGE (self), NULL);
  return self->model;
}

gboolean
dt_enterprises_page_is_busy (DtEnterprisesPage *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISES_PAGE (self), FALSE);
  return self->busy || (self->model != NULL && dt_enterprise_list_model_get_loading (self->model));
}

DtFacetIndex *
dt_enterprises_page_get_facet_index (DtEnterprisesPage *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISES_PAGE (self), NULL);
  return self->facet_index;
}

GtkCheckButton *
dt_enterprises_page_get_facet_button (DtEnterprisesPage *self,
                                      const char        *key,
                                      const char        *value)
{
  for (guint i = 0; i < N_FACETS; i++)
    if (g_str_equal (self->facets[i].key, key))
      return g_hash_table_lookup (self->facets[i].buttons, value);
  return NULL;
}

static gboolean
shortcut_if_mapped (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   data)
{
  /* The controller is global so that Ctrl+F works wherever focus is, but
   * only while this page is the one shown. */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  gtk_widget_activate_action (widget, data, NULL);
  return TRUE;
}

static gboolean detail_window_closed (GtkWindow         *window,
                                      DtEnterprisesPage *self);

static void
dt_enterprises_page_dispose (GObject *object)
{
  DtEnterprisesPage *self = (DtEnterprisesPage *)object;

  /* Nothing may reach the half-disposed widgets. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->query != NULL)
    g_signal_handlers_disconnect_by_data (self->query, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);
  if (self->facet_index != NULL)
    g_signal_handlers_disconnect_by_data (self->facet_index, self);
  g_clear_object (&self->facet_index);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->summary_idle, g_source_remove);
  g_clear_handle_id (&self->detail_idle, g_source_remove);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  if (self->detail_window != NULL)
    {
      GtkWidget *window = self->detail_window;

      detail_window_closed (GTK_WINDOW (window), self);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_clear_pointer (&self->charted, dt_enterprise_summary_free);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_ENTERPRISES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->query);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->region_names, g_hash_table_unref);
  for (guint i = 0; i < N_FACETS; i++)
    g_clear_pointer (&self->facets[i].buttons, g_hash_table_unref);

  G_OBJECT_CLASS (dt_enterprises_page_parent_class)->dispose (object);
}

/* Narrow windows: the detail pane folds away, and a row opens its detail
 * as a dialog instead (Enter or a double click). */

#define NARROW_WIDTH 1100

static gboolean
detail_window_closed (GtkWindow         *window,
                      DtEnterprisesPage *self)
{
  GtkWidget *viewport = gtk_paned_get_end_child (self->detail_paned);

  /* The detail goes back to its pane (the scroller's viewport). */
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (viewport));
  g_object_ref (self->detail_box);
  gtk_viewport_set_child (GTK_VIEWPORT (gtk_widget_get_parent (self->detail_box)), NULL);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), self->detail_box);
  g_object_unref (self->detail_box);
  self->detail_window = NULL;
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return FALSE;
}

static void
on_row_activated (DtEnterprisesPage *self,
                  guint              position)
{
  GtkWidget *content, *header, *inner;

  if (!self->narrow || self->detail_window != NULL)
    return;
  show_detail (self);
  /* GTK 4.8's GtkPaned warns when the focus leaves it for a dialog while
   * its children change: hold the focus outside it meanwhile. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  self->detail_window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (self->detail_window), _("Enterprise"));
  gtk_window_set_modal (GTK_WINDOW (self->detail_window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (self->detail_window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (self->detail_window), 420, 560);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  inner = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (inner, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (inner), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  g_object_ref (self->detail_box);
  gtk_viewport_set_child (GTK_VIEWPORT (gtk_widget_get_parent (self->detail_box)), NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (inner), self->detail_box);
  g_object_unref (self->detail_box);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), inner);
  adw_window_set_content (ADW_WINDOW (self->detail_window), content);
  g_signal_connect (self->detail_window, "close-request", G_CALLBACK (detail_window_closed), self);
  gtk_window_present (GTK_WINDOW (self->detail_window));
}

static gboolean
apply_narrow (gpointer data)
{
  DtEnterprisesPage *self = data;

  self->narrow_idle = 0;
  gtk_widget_set_visible (gtk_paned_get_end_child (self->detail_paned), !self->narrow);
  return G_SOURCE_REMOVE;
}

/* The page lays out its one child itself (AdwBin's layout manager would
 * not tell it its width). */
static GtkSizeRequestMode
dt_enterprises_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
dt_enterprises_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
dt_enterprises_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  DtEnterprisesPage *self = DT_ENTERPRISES_PAGE (widget);
  gboolean narrow = width < NARROW_WIDTH;
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  /* Not during the allocation itself: it would lay out again. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_idle == 0)
        self->narrow_idle = g_idle_add (apply_narrow, self);
    }
}

gboolean
dt_enterprises_page_get_narrow (DtEnterprisesPage *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISES_PAGE (self), FALSE);
  return self->narrow;
}

static void
dt_enterprises_page_class_init (DtEnterprisesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_enterprises_page_dispose;
  widget_class->size_allocate = dt_enterprises_page_size_allocate;
  widget_class->measure = dt_enterprises_page_measure;
  widget_class->get_request_mode = dt_enterprises_page_get_request_mode;

  g_type_ensure (DT_TYPE_CHART);
  g_type_ensure (DT_TYPE_ELIGIBILITY_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-enterprises-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, column_button);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, detail_paned);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, column_menu);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, facet_box);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, chart_grid);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, detail_grid);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, rank_chart);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, detail_source);
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, eligibility);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_export);

  gtk_widget_class_install_action (widget_class, "enterprises.clear-filters", NULL, clear_filters);
  gtk_widget_class_install_action (widget_class, "enterprises.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "enterprises.search", NULL, focus_search);
  gtk_widget_class_install_action (widget_class, "enterprises.compare-years", NULL, compare_years);
}

static void
dt_enterprises_page_init (DtEnterprisesPage *self)
{
  GtkEventController *shortcuts;
  const char *name_key = dt_data_language_is_chinese () ? "name_zh" : "name_en";

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  /* Not a bound template child: AdwBin unparents its own child. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->query = dt_enterprise_query_new ();
  g_signal_connect_object (self->query, "changed", G_CALLBACK (schedule_summary), self, G_CONNECT_SWAPPED);
  self->quit_after_rows = g_getenv ("DT_QUIT_AFTER_ROWS_SHOWN") != NULL;

  /* Facets */
  for (guint i = 0; i < N_FACETS; i++)
    {
      /* Titled as the column is in exports (dt-columns.c). */
      GtkWidget *title = gtk_label_new (dt_columns_label ("enterprises", facet_keys[i]));
      GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_box_append (self->facet_box, title);
      gtk_box_append (self->facet_box, list);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
      self->facets[i].key = facet_keys[i];
      self->facets[i].list = GTK_BOX (list);
      self->facets[i].buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  /* The table */
  self->selection = gtk_single_selection_new (NULL);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (schedule_detail), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* The names in the user's language, under one title; every other
   * column titled as exports head it (dt-columns.c). */
  add_column (self, "year", dt_columns_label ("enterprises", "year"), FALSE);
  add_column (self, "rank", dt_columns_label ("enterprises", "rank"), FALSE);
  add_column (self, name_key, _("Name"), TRUE);
  {
    static const char * const keys[] = {
      "city", "district", "category", "sector", "trade_volume", "rank_change",
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      add_column (self, keys[i], dt_columns_label ("enterprises", keys[i]), FALSE);
  }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::enterprise-hidden-columns",
                           G_CALLBACK (apply_hidden_columns), self, G_CONNECT_SWAPPED);
  apply_hidden_columns (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (update_charts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, 0);

  /* Charts */
  add_chart (self, CHART_CITY_COUNT, _("Enterprises by city"), DT_CHART_VALUES_COUNT, "enterprises-by-city");
  add_chart (self, CHART_CITY_VOLUME, _("Digital trade volume by city"), DT_CHART_VALUES_AMOUNT, "volume-by-city");
  add_chart (self, CHART_CATEGORY_COUNT, _("Enterprises by category"), DT_CHART_VALUES_COUNT, "enterprises-by-category");
  add_chart (self, CHART_CATEGORY_VOLUME, _("Digital trade volume by category"), DT_CHART_VALUES_AMOUNT, "volume-by-category");
  dt_chart_set_kind (self->rank_chart, DT_CHART_LINE);
  dt_chart_set_title (self->rank_chart, _("Rank on each year’s list"));
  /* Rank 1 at the top, so that climbing the list reads as a rising line. */
  dt_chart_set_values (self->rank_chart, DT_CHART_VALUES_RANK);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                      gtk_callback_action_new (shortcut_if_mapped, (gpointer)"enterprises.search", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>e"),
                      gtk_callback_action_new (shortcut_if_mapped, (gpointer)"enterprises.export", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  show_detail (self);
}
