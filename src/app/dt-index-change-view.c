/* dt-index-change-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-change-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-index-attribution.h"
#include "dt-index-change-view.h"
#include "dt-util.h"
#include "dt-waterfall.h"

struct _DtIndexChangeView
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *back_button;
  GtkWidget           *save_button;
  GtkLabel            *sentence_label;
  GtkLabel            *rank_label;
  DtWaterfall         *waterfall;

  DtIndexAttribution  *attribution;
  /* The stored index, aggregated once per change of the database. */
  DtStore             *store;
  DtIndexFramework    *framework;
  DtIndexTable        *table;
  guint64              generation;  /* of the store, when the table was made */
  char                *region_name;
  char                *sentence;
  guint                node;        /* the node whose children are shown */
  GArray              *step_nodes;  /* guint: the node of each step */
};

G_DEFINE_FINAL_TYPE (DtIndexChangeView, dt_index_change_view, ADW_TYPE_BIN)

static const char *
node_name (DtIndexFramework *framework,
           guint             node)
{
  const DtIndexNode *info = dt_index_framework_get_node (framework, node);

  return dt_pick_name (info->name, info->name_en);
}

static void
refresh (DtIndexChangeView *self)
{
  DtIndexAttribution *a = self->attribution;
  DtIndexFramework *framework;
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (DtWaterfallStep));
  g_autofree char *title = NULL;
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;
  g_autofree char *note = NULL;
  g_autofree char *description = NULL;
  guint n_children, root;
  const guint *children;
  double start, end;

  g_array_set_size (self->step_nodes, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), a != NULL);
  if (a == NULL)
    return;

  framework = dt_index_attribution_get_framework (a);
  root = dt_index_attribution_get_root (a);
  children = dt_index_framework_get_children (framework, self->node, &n_children);
  for (guint c = 0; c < n_children; c++)
    {
      DtWaterfallStep step = {
        .label = node_name (framework, children[c]),
        .value = dt_index_attribution_get_contribution (a, children[c]),
        .missing = dt_index_attribution_count_missing (a, children[c]) > 0,
      };
      guint n_grandchildren;

      dt_index_framework_get_children (framework, children[c], &n_grandchildren);
      step.has_children = n_grandchildren > 0;
      g_array_append_val (steps, step);
      g_array_append_val (self->step_nodes, children[c]);
    }

  if (self->node == root)
    {
      start = dt_index_attribution_get_value_from (a, root);
      end = dt_index_attribution_get_value_to (a, root);
      from_label = g_strdup_printf ("%d", dt_index_attribution_get_year_from (a));
      to_label = g_strdup_printf ("%d", dt_index_attribution_get_year_to (a));
      /* Translators: a region, a node of the index and two years, e.g. “Hangzhou, Openness Index: 2023 → 2024”. */
      title = g_strdup_printf (_("%s, %s: %d → %d"), self->region_name, node_name (framework, root),
                               dt_index_attribution_get_year_from (a), dt_index_attribution_get_year_to (a));
    }
  else
    {
      /* A part of the tree: its children build up its contribution from 0. */
      start = 0;
      end = dt_index_attribution_get_contribution (a, self->node);
      from_label = g_strdup ("0");
      to_label = g_strdup (node_name (framework, self->node));
      /* Translators: a region, a dimension and two years. */
      title = g_strdup_printf (_("%s, contribution of %s: %d → %d"), self->region_name, node_name (framework, self->node),
                               dt_index_attribution_get_year_from (a), dt_index_attribution_get_year_to (a));
    }
  note = g_strdup (_("Computed from the stored indicator values; hatched bars have missing values under them. Fictional sample data unless imported."));
  dt_waterfall_set_data (self->waterfall, title, from_label, start, to_label, end,
                         (const DtWaterfallStep *)(gpointer)steps->data, steps->len, note);

  g_free (self->sentence);
  self->sentence = dt_index_attribution_describe (a, self->node, self->region_name, 4);
  gtk_label_set_text (self->sentence_label, self->sentence);
  gtk_widget_set_sensitive (self->back_button, self->node != root);

  /* The description states every value, not only the largest four. */
  {
    g_autoptr(GString) text = g_string_new (title);

    g_string_append (text, ". ");
    for (guint i = 0; i < steps->len; i++)
      {
        DtWaterfallStep *s = &g_array_index (steps, DtWaterfallStep, i);

        g_string_append_printf (text, i == 0 ? "%s %+.2f" : _(", %s %+.2f"), s->label, s->value);
      }
    g_string_append (text, ". ");
    g_string_append (text, self->sentence);
    description = g_string_free (g_steal_pointer (&text), FALSE);
  }
  dt_waterfall_set_description (self->waterfall, description);
}

gboolean
dt_index_change_view_open_step (DtIndexChangeView *self,
                                guint              index)
{
  DtIndexFramework *framework;
  guint node, n_children;

  g_return_val_if_fail (DT_IS_INDEX_CHANGE_VIEW (self), FALSE);

  if (self->attribution == NULL || index >= self->step_nodes->len)
    return FALSE;
  framework = dt_index_attribution_get_framework (self->attribution);
  node = g_array_index (self->step_nodes, guint, index);
  dt_index_framework_get_children (framework, node, &n_children);
  if (n_children == 0)
    return FALSE;
  self->node = node;
  refresh (self);
  return TRUE;
}

gboolean
dt_index_change_view_go_up (DtIndexChangeView *self)
{
  int parent;

  g_return_val_if_fail (DT_IS_INDEX_CHANGE_VIEW (self), FALSE);

  if (self->attribution == NULL)
    return FALSE;
  parent = dt_index_framework_get_parent (dt_index_attribution_get_framework (self->attribution), self->node);
  if (parent < 0)
    return FALSE;
  self->node = parent;
  refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->waterfall));
  return TRUE;
}

static void
on_step_activated (DtIndexChangeView *self,
                   guint              index)
{
  dt_index_change_view_open_step (self, index);
}

static void
on_back_clicked (DtIndexChangeView *self)
{
  dt_index_change_view_go_up (self);
}

static gboolean
save_waterfall_file (const char  *path,
                     gpointer     waterfall,
                     GError     **error)
{
  return dt_waterfall_save (DT_WATERFALL (waterfall), path, 1200, 700, error);
}

static void
on_save_clicked (DtIndexChangeView *self)
{
  dt_save_chart_dialog (GTK_WIDGET (self), _("Save Chart"), "openness-index-change.png",
                        save_waterfall_file, self->waterfall);
}

/* The database changed (or another one is shown): aggregate again. */
static void
forget_table (DtIndexChangeView *self)
{
  g_clear_pointer (&self->table, dt_index_table_free);
  g_clear_pointer (&self->framework, dt_index_framework_free);
}

void
dt_index_change_view_show (DtIndexChangeView *self,
                           DtStore           *store,
                           const char        *region,
                           const char        *region_name,
                           int                year_from,
                           int                year_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overtakes = NULL;
  g_autofree char *summary = NULL;
  guint rank_from = 0, rank_to = 0;

  g_return_if_fail (DT_IS_INDEX_CHANGE_VIEW (self));

  g_clear_pointer (&self->attribution, dt_index_attribution_free);
  g_free (self->region_name);
  self->region_name = g_strdup (region_name != NULL ? region_name : region);
  if (store != self->store || (store != NULL && dt_store_get_generation (store) != self->generation))
    {
      forget_table (self);
      g_set_object (&self->store, store);
    }
  if (store != NULL && region != NULL && self->table == NULL)
    {
      self->generation = dt_store_get_generation (store);
      self->table = dt_index_attribution_stored_table (store, &self->framework, &error);
      if (self->table == NULL)
        {
          g_debug ("No stored index: %s", error->message);
          g_clear_error (&error);
        }
    }
  if (self->table != NULL && region != NULL)
    {
      self->attribution = dt_index_attribution_new (self->table, DT_INDEX_AGGREGATE_AMEAN, region,
                                                    year_from, year_to, &error);
      if (self->attribution == NULL)
        g_debug ("No change to explain: %s", error->message);
    }
  if (self->attribution != NULL)
    {
      self->node = dt_index_attribution_get_root (self->attribution);
      overtakes = dt_index_attribution_explain_rank_in_table (store, self->table, region, year_from, year_to,
                                                              &rank_from, &rank_to, NULL);
    }
  refresh (self);
  if (self->attribution == NULL)
    return;

  /* The rank line and the overtakes, with the regions by name. */
  summary = dt_index_attribution_summarise (self->attribution, self->region_name, rank_from, rank_to, overtakes);
  {
    const char *rest = strchr (summary, '\n');

    gtk_label_set_text (self->rank_label, rest != NULL ? rest + 1 : "");
  }
}

const char *
dt_index_change_view_get_sentence (DtIndexChangeView *self)
{
  g_return_val_if_fail (DT_IS_INDEX_CHANGE_VIEW (self), NULL);
  return self->sentence;
}

GtkWidget *
dt_index_change_view_get_chart (DtIndexChangeView *self)
{
  g_return_val_if_fail (DT_IS_INDEX_CHANGE_VIEW (self), NULL);
  return GTK_WIDGET (self->waterfall);
}

static void
dt_index_change_view_dispose (GObject *object)
{
  DtIndexChangeView *self = DT_INDEX_CHANGE_VIEW (object);

  g_clear_pointer (&self->attribution, dt_index_attribution_free);
  forget_table (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->region_name, g_free);
  g_clear_pointer (&self->sentence, g_free);
  g_clear_pointer (&self->step_nodes, g_array_unref);

  G_OBJECT_CLASS (dt_index_change_view_parent_class)->dispose (object);
}

static void
dt_index_change_view_class_init (DtIndexChangeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_index_change_view_dispose;
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0,
                                (GtkShortcutFunc)(void (*) (void))dt_index_change_view_go_up, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                (GtkShortcutFunc)(void (*) (void))dt_index_change_view_go_up, NULL);
}

static void
dt_index_change_view_init (DtIndexChangeView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);

  self->step_nodes = g_array_new (FALSE, FALSE, sizeof (guint));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("What Changed"));
  adw_preferences_group_set_description (self->group,
                                         _("The change of the index split over its dimensions. Click a bar, or choose it with the arrow keys and press Enter, to see what it is made of."));

  self->back_button = gtk_button_new_with_mnemonic (_("_Back Up"));
  gtk_widget_set_tooltip_text (self->back_button, _("Show the level above (Backspace)"));
  g_signal_connect_object (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self, G_CONNECT_SWAPPED);
  self->save_button = gtk_button_new_with_label (_("Save Chart…"));
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->back_button);
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  adw_preferences_group_set_header_suffix (self->group, buttons);

  self->sentence_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->sentence_label, TRUE);
  gtk_label_set_xalign (self->sentence_label, 0);
  gtk_label_set_selectable (self->sentence_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->sentence_label), "heading");
  self->rank_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->rank_label, TRUE);
  gtk_label_set_xalign (self->rank_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->rank_label), "dim-label");

  self->waterfall = DT_WATERFALL (dt_waterfall_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->waterfall), -1, 380);
  g_signal_connect_object (self->waterfall, "step-activated", G_CALLBACK (on_step_activated), self, G_CONNECT_SWAPPED);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->waterfall));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sentence_label));
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rank_label));
  adw_preferences_group_add (self->group, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
dt_index_change_view_new (void)
{
  return g_object_new (DT_TYPE_INDEX_CHANGE_VIEW, NULL);
}
