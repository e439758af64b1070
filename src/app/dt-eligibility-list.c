/* dt-eligibility-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-eligibility-list"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-eligibility-list.h"
#include "dt-measure-eligibility.h"
#include "dt-util.h"

/* Qualifying enterprises are listed this many at a time, the first page
 * shorter: its rows are laid out while the official waits for the measure
 * to show (each expander row costs milliseconds), and the detail shows
 * only a few of them above the fold anyway. */
#define FIRST_PAGE_SIZE 10
#define PAGE_SIZE 50
/* An enterprise's answers wait until the selection has rested this long:
 * while an official types, the first row changes with every keystroke and
 * nobody reads 36 answers built for each. */
#define SETTLE_MS 150

struct _DtEligibilityList
{
  GtkBox        parent_instance;

  GtkWidget    *group;
  guint         n_qualifying;
  /* The answer being computed (n_pending tasks); a new question cancels it. */
  GCancellable *cancellable;
  guint         n_pending;
  /* The measure shown, for "Show More" */
  char         *path;
  gint64        measure_no;
  int           year;
  guint         n_listed;
  gboolean      counted;
  GtkWidget    *more_row;
  /* The enterprise whose answers start when the selection rests */
  guint         settle_timeout;
  gint64        enterprise_id;
};

G_DEFINE_FINAL_TYPE (DtEligibilityList, dt_eligibility_list, GTK_TYPE_BOX)

static void
dt_eligibility_list_dispose (GObject *object)
{
  DtEligibilityList *self = DT_ELIGIBILITY_LIST (object);

  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dt_eligibility_list_parent_class)->dispose (object);
}

static void
dt_eligibility_list_class_init (DtEligibilityListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dt_eligibility_list_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "eligibility-list");
}

static void
dt_eligibility_list_init (DtEligibilityList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
dt_eligibility_list_new (void)
{
  return g_object_new (DT_TYPE_ELIGIBILITY_LIST, NULL);
}

void
dt_eligibility_list_clear (DtEligibilityList *self)
{
  g_return_if_fail (DT_IS_ELIGIBILITY_LIST (self));

  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->group != NULL)
    gtk_box_remove (GTK_BOX (self), self->group);
  self->group = NULL;
  self->more_row = NULL;
  self->n_pending = 0;
  self->n_qualifying = 0;
  self->n_listed = 0;
  self->counted = FALSE;
}

gboolean
dt_eligibility_list_is_busy (DtEligibilityList *self)
{
  g_return_val_if_fail (DT_IS_ELIGIBILITY_LIST (self), FALSE);

  return self->n_pending > 0;
}

guint
dt_eligibility_list_get_n_qualifying (DtEligibilityList *self)
{
  g_return_val_if_fail (DT_IS_ELIGIBILITY_LIST (self), 0);

  return self->n_qualifying;
}

/* A fresh group saying "Checking…" while the answer is computed. */
static AdwPreferencesGroup *
new_group (DtEligibilityList *self,
           const char        *title)
{
  dt_eligibility_list_clear (self);
  self->cancellable = g_cancellable_new ();
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), _("Checking…"));
  gtk_box_append (GTK_BOX (self), self->group);
  return ADW_PREFERENCES_GROUP (self->group);
}

static GCancellable *
task_started (DtEligibilityList *self)
{
  self->n_pending++;
  return self->cancellable;
}

/* FALSE when the task's question was cancelled: the widget may be gone
 * then, and nothing of @self may be touched. */
static gboolean
task_finished (DtEligibilityList  *self,
               GError            **error)
{
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (--self->n_pending == 0)
    g_clear_object (&self->cancellable);
  return TRUE;
}

static const char *
outcome_text (DtCriterionOutcome outcome)
{
  switch (outcome)
    {
    case DT_CRITERION_MET:
      return _("Met");
    case DT_CRITERION_NOT_MET:
      return _("Not met");
    case DT_CRITERION_UNKNOWN:
    default:
      return _("Unknown: the data does not say");
    }
}

static GtkWidget *
criterion_row (const DtCriterionCheck *check)
{
  static const char * const icons[] = {
    [DT_CRITERION_MET] = "emblem-ok-symbolic",
    [DT_CRITERION_NOT_MET] = "window-close-symbolic",
    [DT_CRITERION_UNKNOWN] = "dialog-question-symbolic",
  };
  static const char * const classes[] = {
    [DT_CRITERION_MET] = "success",
    [DT_CRITERION_NOT_MET] = "error",
    [DT_CRITERION_UNKNOWN] = "warning",
  };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[check->outcome]);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->reason);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), outcome_text (check->outcome));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, classes[check->outcome]);
  gtk_widget_set_tooltip_text (icon, outcome_text (check->outcome));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  outcome_text (check->outcome), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static const char *
verdict_text (DtEligibilityVerdict verdict)
{
  switch (verdict)
    {
    case DT_ELIGIBILITY_QUALIFIES:
      return _("Qualifies: every criterion is met");
    case DT_ELIGIBILITY_UNKNOWN:
      return _("May qualify: some data is missing");
    case DT_ELIGIBILITY_DOES_NOT_QUALIFY:
      return _("Does not qualify");
    case DT_ELIGIBILITY_NO_CRITERIA:
    default:
      return _("No structured criteria: read the measure's text");
    }
}

typedef GtkWidget *(*RowFunc) (gpointer item,
                               gpointer data);

typedef struct
{
  GPtrArray *items;
  RowFunc    make_row;
  gpointer   data;
} LazyRows;

static void
lazy_rows_free (LazyRows *lazy)
{
  g_ptr_array_unref (lazy->items);
  g_free (lazy);
}

static void
add_lazy_rows (AdwExpanderRow *row)
{
  LazyRows *lazy;

  if (!adw_expander_row_get_expanded (row) ||
      (lazy = g_object_steal_data (G_OBJECT (row), "lazy-rows")) == NULL)
    return;
  for (guint i = 0; i < lazy->items->len; i++)
    adw_expander_row_add_row (row, lazy->make_row (g_ptr_array_index (lazy->items, i), lazy->data));
  lazy_rows_free (lazy);
}

/* @row gets a row per item of @items, made by @make_row, when it is first
 * expanded: a collapsed expander still lays out its rows, and a list of
 * answers would otherwise build hundreds of rows nobody has opened. */
static void
add_rows_when_expanded (AdwExpanderRow *row,
                        GPtrArray      *items,
                        RowFunc         make_row,
                        gpointer        data)
{
  LazyRows *lazy = g_new0 (LazyRows, 1);

  lazy->items = g_ptr_array_ref (items);
  lazy->make_row = make_row;
  lazy->data = data;
  g_object_set_data_full (G_OBJECT (row), "lazy-rows", lazy, (GDestroyNotify)lazy_rows_free);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (add_lazy_rows), NULL);
}

static GtkWidget *
make_criterion_row (gpointer check,
                    gpointer data)
{
  return criterion_row (check);
}

static GtkWidget *
answer_row (const char          *title,
            const DtEligibility *answer)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), verdict_text (answer->verdict));
  /* The reasons, when first expanded */
  add_rows_when_expanded (ADW_EXPANDER_ROW (row), answer->checks, make_criterion_row, NULL);
  if (answer->checks->len == 0)
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
  return row;
}

static void
show_error (AdwPreferencesGroup *group,
            const GError        *error)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Eligibility cannot be checked"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  adw_preferences_group_add (group, row);
}

typedef char *(*TitleFunc) (const DtEligibility *answer);

static GtkWidget *
make_answer_row (gpointer answer,
                 gpointer title_for)
{
  g_autofree char *title = ((TitleFunc)title_for) (answer);

  return answer_row (title, answer);
}

/* The rows that qualify (or may) go in @group, the others into one
 * expander at its end, which is returned for its title (NULL when there
 * are none); counts the verdicts. */
static GtkWidget *
add_answers (AdwPreferencesGroup  *group,
             GPtrArray            *answers,
             TitleFunc             title_for,
             guint                 counts[4])
{
  g_autoptr(GPtrArray) other_answers = g_ptr_array_new ();
  GtkWidget *others;

  for (guint i = 0; i < answers->len; i++)
    {
      DtEligibility *answer = g_ptr_array_index (answers, i);

      counts[answer->verdict]++;
      if (answer->verdict == DT_ELIGIBILITY_DOES_NOT_QUALIFY)
        g_ptr_array_add (other_answers, answer);
      else
        {
          g_autofree char *title = title_for (answer);

          adw_preferences_group_add (group, answer_row (title, answer));
        }
    }
  if (other_answers->len == 0)
    return NULL;

  /* Built when opened: 36 folded rows took a tenth of a second to lay
   * out. Their answers stay alive with @answers, which the expander holds. */
  others = adw_expander_row_new ();
  g_object_set_data_full (G_OBJECT (others), "all-answers", g_ptr_array_ref (answers),
                          (GDestroyNotify)g_ptr_array_unref);
  add_rows_when_expanded (ADW_EXPANDER_ROW (others), other_answers, make_answer_row, (gpointer)title_for);
  adw_preferences_group_add (group, others);
  return others;
}

static char *
measure_title (const DtEligibility *answer)
{
  return g_strdup_printf ("%lld. %s", (long long)answer->measure_no,
                          dt_pick_name (answer->measure_title_zh, answer->measure_title_en));
}

static char *
enterprise_title (const DtEligibility *answer)
{
  return g_strdup_printf ("%d. %s", answer->rank,
                          dt_pick_name (answer->enterprise_name_zh, answer->enterprise_name_en));
}

static void
enterprise_answers_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DtEligibilityList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = dt_measure_eligibility_for_enterprise_finish (result, &error);
  AdwPreferencesGroup *group;
  GtkWidget *others;
  guint counts[4] = { 0 };

  if (!task_finished (self, &error))
    return;

  group = ADW_PREFERENCES_GROUP (self->group);
  adw_preferences_group_set_description (group, NULL);
  if (answers == NULL)
    {
      show_error (group, error);
      return;
    }

  others = add_answers (group, answers, measure_title, counts);
  if (others != NULL)
    {
      guint n = counts[DT_ELIGIBILITY_DOES_NOT_QUALIFY];
      g_autofree char *title = g_strdup_printf (ngettext ("%u measure it does not qualify for",
                                                          "%u measures it does not qualify for", n), n);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (others), title);
    }

  self->n_qualifying = counts[DT_ELIGIBILITY_QUALIFIES];
  if (answers->len > 0)
    {
      DtEligibility *first = g_ptr_array_index (answers, 0);
      g_autofree char *judged = NULL;
      g_autofree char *no_criteria = NULL;
      g_autofree char *description = NULL;

      /* Two sentences, each with the plural of its own count. */
      judged = g_strdup_printf (ngettext ("Judged on its %d listing: qualifies for %u of %u measure, may qualify for %u where data is missing.",
                                          "Judged on its %d listing: qualifies for %u of %u measures, may qualify for %u where data is missing.",
                                          answers->len),
                                first->year, counts[DT_ELIGIBILITY_QUALIFIES], answers->len,
                                counts[DT_ELIGIBILITY_UNKNOWN]);
      no_criteria = g_strdup_printf (ngettext ("%u measure carries no structured criteria.",
                                               "%u measures carry no structured criteria.",
                                               counts[DT_ELIGIBILITY_NO_CRITERIA]),
                                     counts[DT_ELIGIBILITY_NO_CRITERIA]);
      description = g_strjoin (" ", judged, no_criteria, NULL);
      adw_preferences_group_set_description (group, description);
    }
}

static gboolean
start_enterprise_answers (gpointer data)
{
  DtEligibilityList *self = data;

  self->settle_timeout = 0;
  dt_measure_eligibility_for_enterprise_async (self->path, self->enterprise_id, self->year,
                                               self->cancellable, enterprise_answers_done, self);
  return G_SOURCE_REMOVE;
}

void
dt_eligibility_list_show_enterprise (DtEligibilityList *self,
                                     DtStore           *store,
                                     gint64             enterprise_id,
                                     int                year)
{
  g_return_if_fail (DT_IS_ELIGIBILITY_LIST (self));
  g_return_if_fail (DT_IS_STORE (store));

  new_group (self, _("Measures It Qualifies For"));
  g_free (self->path);
  self->path = g_strdup (dt_store_get_path (store));
  self->enterprise_id = enterprise_id;
  self->year = year;
  /* Busy from now: the task is counted while it waits to start. */
  task_started (self);
  self->settle_timeout = g_timeout_add (SETTLE_MS, start_enterprise_answers, self);
}

static void load_more (DtEligibilityList *self);

/* "Show More" while the count says there are more than listed. */
static void
update_more_button (DtEligibilityList *self)
{
  guint n_left = self->n_qualifying - MIN (self->n_listed, self->n_qualifying);
  g_autofree char *label = NULL;

  if (self->more_row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->group), self->more_row);
  self->more_row = NULL;
  if (!self->counted || n_left == 0)
    return;

  label = g_strdup_printf (ngettext ("Show %u More (%u Left)", "Show %u More (%u Left)", n_left),
                           MIN (n_left, PAGE_SIZE), n_left);
  self->more_row = gtk_button_new_with_label (label);
  gtk_widget_add_css_class (self->more_row, "flat");
  gtk_widget_set_margin_top (self->more_row, 6);
  gtk_widget_set_sensitive (self->more_row, self->n_pending == 0);
  g_signal_connect_swapped (self->more_row, "clicked", G_CALLBACK (load_more), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), self->more_row);
}

static void
page_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DtEligibilityList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = dt_measure_eligibility_qualifying_finish (result, &error);
  AdwPreferencesGroup *group;

  if (!task_finished (self, &error))
    return;

  group = ADW_PREFERENCES_GROUP (self->group);
  if (answers == NULL)
    {
      show_error (group, error);
      return;
    }

  if (self->more_row != NULL)
    adw_preferences_group_remove (group, self->more_row);
  self->more_row = NULL;
  for (guint i = 0; i < answers->len; i++)
    {
      DtEligibility *answer = g_ptr_array_index (answers, i);
      g_autofree char *title = enterprise_title (answer);

      adw_preferences_group_add (group, answer_row (title, answer));
    }
  self->n_listed += answers->len;
  update_more_button (self);
}

static void
load_page (DtEligibilityList *self)
{
  dt_measure_eligibility_qualifying_async (self->path, self->measure_no, self->year,
                                           self->n_listed, self->n_listed == 0 ? FIRST_PAGE_SIZE : PAGE_SIZE,
                                           task_started (self), page_done, self);
}

static void
load_more (DtEligibilityList *self)
{
  if (self->n_pending > 0)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (self->more_row, FALSE);
  load_page (self);
}

static void
summary_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DtEligibilityList *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtEligibilitySummary) summary = dt_measure_eligibility_summarise_finish (result, &error);
  AdwPreferencesGroup *group;
  g_autofree char *description = NULL;
  guint *counts;
  guint total = 0;

  if (!task_finished (self, &error))
    return;

  group = ADW_PREFERENCES_GROUP (self->group);
  adw_preferences_group_set_description (group, NULL);
  if (summary == NULL)
    {
      show_error (group, error);
      return;
    }

  counts = summary->counts;
  for (guint i = 0; i < G_N_ELEMENTS (summary->counts); i++)
    total += counts[i];

  if (summary->year == 0 || total == 0)
    {
      adw_preferences_group_set_description (group, _("No Top-100 list is in the database."));
      return;
    }

  if (counts[DT_ELIGIBILITY_NO_CRITERIA] > 0)
    {
      adw_preferences_group_set_description (group,
                                             _("This measure carries no structured criteria, so the app cannot tell who qualifies. Read its text for the conditions."));
      return;
    }

  self->counted = TRUE;
  self->n_qualifying = counts[DT_ELIGIBILITY_QUALIFIES];
  description = g_strdup_printf (ngettext ("Of the %u enterprise on the %d Top-100 list, %u qualify, %u may qualify where data is missing and %u do not. The qualifying ones by rank; expand a row for the reason per criterion.",
                                           "Of the %u enterprises on the %d Top-100 list, %u qualify, %u may qualify where data is missing and %u do not. The qualifying ones by rank; expand a row for the reason per criterion.",
                                           total),
                                 total, summary->year, counts[DT_ELIGIBILITY_QUALIFIES],
                                 counts[DT_ELIGIBILITY_UNKNOWN], counts[DT_ELIGIBILITY_DOES_NOT_QUALIFY]);
  adw_preferences_group_set_description (group, description);
  update_more_button (self);
}

void
dt_eligibility_list_show_measure (DtEligibilityList *self,
                                  DtStore           *store,
                                  gint64             no,
                                  int                year)
{
  g_return_if_fail (DT_IS_ELIGIBILITY_LIST (self));
  g_return_if_fail (DT_IS_STORE (store));

  new_group (self, _("Which Enterprises Qualify?"));
  g_free (self->path);
  self->path = g_strdup (dt_store_get_path (store));
  self->measure_no = no;
  self->year = year;
  /* The first qualifying rows need not wait for the whole list's count. */
  load_page (self);
  dt_measure_eligibility_summarise_async (self->path, no, year, 0,
                                          task_started (self), summary_done, self);
}
