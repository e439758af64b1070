/* dt-year-comparison-view.c — two years of the Top-100 list side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from the Top-100 page: who entered and who dropped out, the
 * biggest risers and fallers, and the change of volume by city and
 * category. The comparison is read through the data service; Export
 * writes every enterprise with its change as CSV.
 */

#define G_LOG_DOMAIN "dt-year-comparison-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-data-service.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-util.h"
#include "dt-vocabulary.h"
#include "dt-year-comparison-view.h"

/* Risers and fallers shown; the export has them all. */
#define MAX_MOVERS 10

struct _DtYearComparisonView
{
  AdwWindow               parent_instance;

  DtStore                *store;
  GCancellable           *cancellable;
  DtEnterpriseComparison *comparison;
  gboolean                updating;

  GtkDropDown            *year_a;
  GtkDropDown            *year_b;
  GtkLabel               *summary;
  GtkBox                 *content;
  GArray                 *years;      /* int, as in the dropdowns */
};

G_DEFINE_FINAL_TYPE (DtYearComparisonView, dt_year_comparison_view, ADW_TYPE_WINDOW)

static void compare (DtYearComparisonView *self, int year_a, int year_b);

static const char *
move_name (const DtComparisonMove *move)
{
  return dt_pick_name (move->name_zh, move->name_en);
}

static char *
format_volume (double ten_thousands)
{
  /* Translators: an amount in units of 10,000 yuan (万元) */
  return g_strdup_printf (_("%.0f × 10,000 yuan"), ten_thousands);
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
move_subtitle (const DtComparisonMove *move)
{
  const char *category = move->category != NULL
                           ? dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, move->category) : "";

  /* Translators: an enterprise's city and category */
  return g_strdup_printf (_("%s · %s"), move->city_name != NULL ? move->city_name : move->city, category);
}

static void
add_moves (DtYearComparisonView *self,
           const char           *title,
           const char           *empty,
           GPtrArray            *moves,
           guint                 limit)
{
  DtEnterpriseComparison *c = self->comparison;
  g_autofree char *heading = g_strdup_printf ("%s (%u)", title, moves->len);
  GtkWidget *group = group_new (heading, NULL);

  for (guint i = 0; i < moves->len && i < limit; i++)
    {
      DtComparisonMove *move = g_ptr_array_index (moves, i);
      g_autofree char *subtitle = move_subtitle (move);
      g_autofree char *value = NULL;

      switch (move->change)
        {
        case DT_COMPARISON_ENTRANT:
          /* Translators: the rank of an enterprise new on a list, e.g. "No. 12 in 2023" */
          value = g_strdup_printf (_("No. %d in %d"), move->rank_b, c->year_b);
          break;
        case DT_COMPARISON_DROPOUT:
          value = g_strdup_printf (_("No. %d in %d"), move->rank_a, c->year_a);
          break;
        case DT_COMPARISON_RISER:
        case DT_COMPARISON_FALLER:
        case DT_COMPARISON_UNCHANGED:
        default:
          /* Translators: ranks in two years and the places gained, e.g. "83 → 38 (+45)" */
          value = g_strdup_printf (_("%d → %d (%+d)"), move->rank_a, move->rank_b,
                                   dt_comparison_move_rank_change (move));
          break;
        }
      add_row (group, move_name (move), subtitle, value);
    }
  if (moves->len == 0)
    add_row (group, empty, NULL, NULL);
  gtk_box_append (self->content, group);
}

static void
add_groups (DtYearComparisonView *self,
            const char           *title,
            GPtrArray            *groups,
            gboolean              categories)
{
  DtEnterpriseComparison *c = self->comparison;
  GtkWidget *group = group_new (title, NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      DtComparisonGroup *g = g_ptr_array_index (groups, i);
      const char *name = categories ? dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, g->key)
                                    : (g->name != NULL ? g->name : g->key);
      g_autofree char *a = format_volume (g->volume_a);
      g_autofree char *b = format_volume (g->volume_b);
      /* Translators: enterprises and volume of a city or category in one
       * list year, e.g. "2022: 5 enterprises, 1.2 billion yuan" */
      g_autofree char *in_a = g_strdup_printf (ngettext ("%d: %d enterprise, %s", "%d: %d enterprises, %s", g->count_a),
                                               c->year_a, g->count_a, a);
      g_autofree char *in_b = g_strdup_printf (ngettext ("%d: %d enterprise, %s", "%d: %d enterprises, %s", g->count_b),
                                               c->year_b, g->count_b, b);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", in_a, in_b);
      g_autofree char *value = NULL;

      if (g->volume_a > 0)
        /* Translators: a change in per cent */
        value = g_strdup_printf (_("%+.1f%%"), (g->volume_b - g->volume_a) / g->volume_a * 100);
      else if (g->count_a == 0)
        value = g_strdup (_("new"));
      else
        /* Listed in both years, with no volume to compare against. */
        value = g_strdup ("—");
      add_row (group, name, subtitle, value);
    }
  gtk_box_append (self->content, group);
}

static void
show_comparison (DtYearComparisonView *self)
{
  DtEnterpriseComparison *c = self->comparison;
  GtkWidget *child;
  g_autofree char *summary = NULL;
  g_autofree char *entrants = NULL;
  g_autofree char *dropouts = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  if (c == NULL)
    return;

  entrants = g_strdup_printf (ngettext ("%u enterprise entered the list", "%u enterprises entered the list",
                                        c->entrants->len), c->entrants->len);
  dropouts = g_strdup_printf (ngettext ("%u dropped out", "%u dropped out", c->dropouts->len), c->dropouts->len);
  /* Translators: two years, then "12 enterprises entered the list" and "12 dropped out" */
  summary = g_strdup_printf (_("From %d to %d: %s, %s."), c->year_a, c->year_b, entrants, dropouts);
  gtk_label_set_text (self->summary, summary);

  add_moves (self, _("Entrants"), _("No enterprise entered the list"), c->entrants, G_MAXUINT);
  add_moves (self, _("Dropped Out"), _("No enterprise dropped out"), c->dropouts, G_MAXUINT);
  add_moves (self, _("Biggest Risers"), _("No enterprise moved up"), c->risers, MAX_MOVERS);
  add_moves (self, _("Biggest Fallers"), _("No enterprise moved down"), c->fallers, MAX_MOVERS);
  add_groups (self, _("Trade Volume by City"), c->by_city, FALSE);
  add_groups (self, _("Trade Volume by Category"), c->by_category, TRUE);
}

static void
fill_years (DtYearComparisonView *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) list_a = NULL;
  g_autoptr(GtkStringList) list_b = NULL;
  DtEnterpriseComparison *c = self->comparison;

  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, c->years->data, c->years->len);
  for (guint i = 0; i < c->years->len; i++)
    g_ptr_array_add (labels, g_strdup_printf ("%d", g_array_index (c->years, int, i)));
  g_ptr_array_add (labels, NULL);
  list_a = gtk_string_list_new ((const char * const *)labels->pdata);
  list_b = gtk_string_list_new ((const char * const *)labels->pdata);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->year_a, G_LIST_MODEL (list_a));
  gtk_drop_down_set_model (self->year_b, G_LIST_MODEL (list_b));
  for (guint i = 0; i < self->years->len; i++)
    {
      if (g_array_index (self->years, int, i) == c->year_a)
        gtk_drop_down_set_selected (self->year_a, i);
      if (g_array_index (self->years, int, i) == c->year_b)
        gtk_drop_down_set_selected (self->year_b, i);
    }
  self->updating = FALSE;
}

static void
compared (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DtYearComparisonView) self = user_data;
  g_autoptr(GError) error = NULL;
  DtEnterpriseComparison *comparison;

  comparison = dt_data_service_compare_years_finish (DT_DATA_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->comparison, dt_enterprise_comparison_free);
  if (comparison == NULL)
    {
      gtk_label_set_text (self->summary, error->message);
      show_comparison (self);
      return;
    }
  self->comparison = comparison;
  fill_years (self);
  show_comparison (self);
}

static void
compare (DtYearComparisonView *self,
         int                   year_a,
         int                   year_b)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->summary, _("Comparing…"));
  dt_data_service_compare_years_async (dt_data_service_for_store (self->store), year_a, year_b,
                                       self->cancellable, compared, g_object_ref (self));
}

void
dt_year_comparison_view_set_years (DtYearComparisonView *self,
                                   int                   year_a,
                                   int                   year_b)
{
  g_return_if_fail (DT_IS_YEAR_COMPARISON_VIEW (self));

  g_clear_pointer (&self->comparison, dt_enterprise_comparison_free);
  compare (self, year_a, year_b);
}

static void
on_year_changed (DtYearComparisonView *self)
{
  guint a = gtk_drop_down_get_selected (self->year_a);
  guint b = gtk_drop_down_get_selected (self->year_b);

  if (self->updating || a >= self->years->len || b >= self->years->len)
    return;
  dt_year_comparison_view_set_years (self, g_array_index (self->years, int, a), g_array_index (self->years, int, b));
}

DtEnterpriseComparison *
dt_year_comparison_view_get_comparison (DtYearComparisonView *self)
{
  g_return_val_if_fail (DT_IS_YEAR_COMPARISON_VIEW (self), NULL);

  return self->cancellable == NULL ? self->comparison : NULL;
}

gboolean
dt_year_comparison_view_export (DtYearComparisonView  *self,
                                GFile                 *file,
                                GError               **error)
{
  g_autoptr(DtOutput) output = NULL;

  g_return_val_if_fail (DT_IS_YEAR_COMPARISON_VIEW (self), FALSE);

  if (self->comparison == NULL)
    {
      g_set_error_literal (error, DT_ERROR, DT_ERROR_FAILED, _("There is no comparison to export yet"));
      return FALSE;
    }
  /* A failed export leaves no partial CSV in place of the target. */
  output = dt_output_open (file, NULL, error);
  if (output == NULL)
    return FALSE;
  if (!dt_enterprise_comparison_write_csv (self->comparison, dt_output_get_stream (output), FALSE, TRUE, error))
    {
      dt_output_abandon (output, NULL);
      return FALSE;
    }
  return dt_output_close (output, NULL, error);
}

static void
on_export_response (GtkNativeDialog      *dialog,
                    int                   response,
                    DtYearComparisonView *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (!dt_year_comparison_view_export (self, file, &error))
        dt_widget_show_error (GTK_WIDGET (self), _("Could Not Save"), error);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtYearComparisonView *self = DT_YEAR_COMPARISON_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (self->comparison == NULL)
    return;
  name = g_strdup_printf ("top-100-%d-%d.csv", self->comparison->year_a, self->comparison->year_b);
  dialog = gtk_file_chooser_native_new (_("Export Comparison"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_export_response),
                         g_object_ref (self), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkWidget *
labelled (const char  *text,
          GtkDropDown *dropdown)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (dropdown));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dropdown));
  return box;
}

GtkWidget *
dt_year_comparison_view_new (GtkWindow *parent,
                             DtStore   *store)
{
  DtYearComparisonView *self;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  self = g_object_new (DT_TYPE_YEAR_COMPARISON_VIEW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  compare (self, 0, 0);
  return GTK_WIDGET (self);
}

static void
dt_year_comparison_view_dispose (GObject *object)
{
  DtYearComparisonView *self = DT_YEAR_COMPARISON_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->comparison, dt_enterprise_comparison_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_year_comparison_view_parent_class)->dispose (object);
}

static void
dt_year_comparison_view_class_init (DtYearComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_year_comparison_view_dispose;

  gtk_widget_class_install_action (widget_class, "comparison.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "comparison.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
dt_year_comparison_view_init (DtYearComparisonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *years = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_window_set_title (GTK_WINDOW (self), _("Compare Top-100 Lists"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->year_a = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  self->year_b = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  /* Translators: the earlier list year of a comparison */
  gtk_box_append (GTK_BOX (years), labelled (_("_From"), self->year_a));
  /* Translators: the later list year of a comparison */
  gtk_box_append (GTK_BOX (years), labelled (_("_To"), self->year_b));
  g_signal_connect_object (self->year_a, "notify::selected", G_CALLBACK (on_year_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_b, "notify::selected", G_CALLBACK (on_year_changed), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), years);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "comparison.export");
  gtk_widget_set_tooltip_text (export, _("Export every enterprise with its change as CSV (Ctrl+E)"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (box), header);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "title-4");
  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->content));
  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}
