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

struct _DtEligibilityList
{
  GtkBox     parent_instance;

  GtkWidget *group;
  guint      n_qualifying;
};

G_DEFINE_FINAL_TYPE (DtEligibilityList, dt_eligibility_list, GTK_TYPE_BOX)

static void
dt_eligibility_list_class_init (DtEligibilityListClass *klass)
{
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

  if (self->group != NULL)
    gtk_box_remove (GTK_BOX (self), self->group);
  self->group = NULL;
  self->n_qualifying = 0;
}

guint
dt_eligibility_list_get_n_qualifying (DtEligibilityList *self)
{
  g_return_val_if_fail (DT_IS_ELIGIBILITY_LIST (self), 0);

  return self->n_qualifying;
}

static AdwPreferencesGroup *
new_group (DtEligibilityList *self,
           const char        *title)
{
  dt_eligibility_list_clear (self);
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), title);
  gtk_box_append (GTK_BOX (self), self->group);
  return ADW_PREFERENCES_GROUP (self->group);
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

static GtkWidget *
answer_row (const char          *title,
            const DtEligibility *answer)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), verdict_text (answer->verdict));
  for (guint i = 0; i < answer->checks->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), criterion_row (g_ptr_array_index (answer->checks, i)));
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

/* The rows that qualify (or may) go in @group, the others into one
 * expander at its end, which is returned for its title (NULL when there
 * are none); counts the verdicts. */
static GtkWidget *
add_answers (AdwPreferencesGroup  *group,
             GPtrArray            *answers,
             char               *(*title_for) (const DtEligibility *answer),
             guint                 counts[4])
{
  GtkWidget *others = NULL;

  for (guint i = 0; i < answers->len; i++)
    {
      DtEligibility *answer = g_ptr_array_index (answers, i);
      g_autofree char *title = title_for (answer);

      counts[answer->verdict]++;
      if (answer->verdict == DT_ELIGIBILITY_DOES_NOT_QUALIFY)
        {
          if (others == NULL)
            others = adw_expander_row_new ();
          adw_expander_row_add_row (ADW_EXPANDER_ROW (others), answer_row (title, answer));
        }
      else
        adw_preferences_group_add (group, answer_row (title, answer));
    }

  if (others != NULL)
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

void
dt_eligibility_list_show_enterprise (DtEligibilityList *self,
                                     DtStore           *store,
                                     gint64             enterprise_id,
                                     int                year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *description = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *others;
  guint counts[4] = { 0 };

  g_return_if_fail (DT_IS_ELIGIBILITY_LIST (self));
  g_return_if_fail (DT_IS_STORE (store));

  group = new_group (self, _("Measures It Qualifies For"));
  answers = dt_measure_eligibility_for_enterprise (store, enterprise_id, year, &error);
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

      description = g_strdup_printf (_("Judged on its %d listing: qualifies for %u of %u measures, may qualify for %u where data is missing; %u measures carry no structured criteria."),
                                     first->year, counts[DT_ELIGIBILITY_QUALIFIES], answers->len,
                                     counts[DT_ELIGIBILITY_UNKNOWN], counts[DT_ELIGIBILITY_NO_CRITERIA]);
      adw_preferences_group_set_description (group, description);
    }
}

void
dt_eligibility_list_show_measure (DtEligibilityList *self,
                                  DtStore           *store,
                                  gint64             no,
                                  int                year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *description = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *others;
  guint counts[4] = { 0 };

  g_return_if_fail (DT_IS_ELIGIBILITY_LIST (self));
  g_return_if_fail (DT_IS_STORE (store));

  group = new_group (self, _("Which Enterprises Qualify?"));
  answers = dt_measure_eligibility_for_measure (store, no, year, &error);
  if (answers == NULL)
    {
      show_error (group, error);
      return;
    }

  if (answers->len == 0)
    {
      adw_preferences_group_set_description (group, _("No Top-100 list is in the database."));
      return;
    }

  if (((DtEligibility *)g_ptr_array_index (answers, 0))->verdict == DT_ELIGIBILITY_NO_CRITERIA)
    {
      adw_preferences_group_set_description (group,
                                             _("This measure carries no structured criteria, so the app cannot tell who qualifies. Read its text for the conditions."));
      return;
    }

  others = add_answers (group, answers, enterprise_title, counts);
  if (others != NULL)
    {
      guint n = counts[DT_ELIGIBILITY_DOES_NOT_QUALIFY];
      g_autofree char *title = g_strdup_printf (ngettext ("%u enterprise does not qualify",
                                                          "%u enterprises do not qualify", n), n);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (others), title);
    }

  self->n_qualifying = counts[DT_ELIGIBILITY_QUALIFIES];
  description = g_strdup_printf (_("Of the %u enterprises on the %d Top-100 list, %u qualify and %u may qualify where data is missing. Rank and name; expand a row for the reason per criterion."),
                                 answers->len, ((DtEligibility *)g_ptr_array_index (answers, 0))->year,
                                 counts[DT_ELIGIBILITY_QUALIFIES], counts[DT_ELIGIBILITY_UNKNOWN]);
  adw_preferences_group_set_description (group, description);
}
