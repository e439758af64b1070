/* dt-measures-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One DtMeasureQuery holds the search and filters: the list shows it, the
 * filter counts summarise it and Export writes it.
 */

#define G_LOG_DOMAIN "dt-measures-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-measure-detail.h"
#include "dt-export-util.h"
#include "dt-measure-export.h"
#include "dt-measure-query.h"
#include "dt-measure-row.h"
#include "dt-measures-page.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtMeasuresPage
{
  AdwBin           parent_instance;

  DtStore         *store;
  DtMeasureQuery  *query;
  GHashTable      *facet_buttons;   /* key → GPtrArray of GtkCheckButton */
  gboolean         updating;
  guint            n_shown;

  GtkSearchEntry  *search_entry;
  GtkMenuButton   *category_button;
  GtkMenuButton   *status_button;
  GtkMenuButton   *department_button;
  GtkBox          *category_box;
  GtkBox          *status_box;
  GtkBox          *department_box;
  GtkLabel        *summary_label;
  GtkLabel        *sample_label;
  AdwLeaflet      *leaflet;
  GtkListBox      *list;
  GtkWidget       *empty_page;
  DtMeasureDetail *detail;
};

G_DEFINE_FINAL_TYPE (DtMeasuresPage, dt_measures_page, ADW_TYPE_BIN)

static const char *
facet_label (const char *key,
             const char *value)
{
  if (g_str_equal (key, "category"))
    return dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, value);
  if (g_str_equal (key, "status"))
    return dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, value);
  return value;
}

static GtkMenuButton *
facet_button (DtMeasuresPage *self,
              const char     *key)
{
  if (g_str_equal (key, "category"))
    return self->category_button;
  if (g_str_equal (key, "status"))
    return self->status_button;
  return self->department_button;
}

static const char *
facet_title (const char *key)
{
  if (g_str_equal (key, "category"))
    return _("Category");
  if (g_str_equal (key, "status"))
    return _("Status");
  return _("Department");
}

/* Labels with counts, given the other filters and the search. */
static void
update_facets (DtMeasuresPage *self)
{
  const char * const *keys = dt_measure_query_filter_keys ();

  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autoptr(GPtrArray) facets = dt_measure_query_count (self->query, self->store, keys[k], NULL);
      GPtrArray *buttons = g_hash_table_lookup (self->facet_buttons, keys[k]);
      guint n_active = 0;

      if (facets == NULL || buttons == NULL)
        continue;

      for (guint b = 0; b < buttons->len; b++)
        {
          GtkCheckButton *button = g_ptr_array_index (buttons, b);
          const char *value = g_object_get_data (G_OBJECT (button), "value");
          guint count = 0;
          g_autofree char *label = NULL;

          for (guint i = 0; i < facets->len; i++)
            {
              DtMeasureFacet *facet = g_ptr_array_index (facets, i);
              if (g_str_equal (facet->value, value))
                count = facet->count;
            }
          label = g_strdup_printf ("%s (%u)", facet_label (keys[k], value), count);
          gtk_check_button_set_label (button, label);
          if (gtk_check_button_get_active (button))
            n_active++;
        }

      {
        g_autofree char *title = n_active > 0 ? g_strdup_printf ("%s · %u", facet_title (keys[k]), n_active)
                                              : g_strdup (facet_title (keys[k]));

        gtk_menu_button_set_label (facet_button (self, keys[k]), title);
      }
    }
}

static void
refresh (DtMeasuresPage *self,
         gboolean        follow_list)
{
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shown_no = dt_measure_detail_get_no (self->detail);
  GtkWidget *child;
  int total;

  if (self->store == NULL)
    return;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  measures = dt_measure_query_run (self->query, self->store, &error);
  if (measures == NULL)
    {
      g_warning ("Cannot list the measures: %s", error->message);
      self->updating = FALSE;
      return;
    }

  for (guint i = 0; i < measures->len; i++)
    {
      DtMeasure *measure = g_ptr_array_index (measures, i);
      GtkWidget *row = dt_measure_row_new (measure);

      gtk_list_box_append (self->list, row);
      /* Keep the measure being edited selected, without reloading it. */
      if (measure->no == shown_no)
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
    }
  /* The detail shows a measure of the list: after a filter or search
   * that drops it, the first one shown (or none). A tracking change keeps
   * the measure being edited even when it leaves the list. */
  if (follow_list && gtk_list_box_get_selected_row (self->list) == NULL)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

      if (first != NULL)
        gtk_list_box_select_row (self->list, first);
      dt_measure_detail_show (self->detail, first != NULL ? dt_measure_row_get_no (DT_MEASURE_ROW (first)) : 0);
    }
  self->n_shown = measures->len;
  gtk_widget_set_visible (GTK_WIDGET (self->list), measures->len > 0);
  gtk_widget_set_visible (self->empty_page, measures->len == 0);

  total = MAX (dt_measure_query_count_all (self->store, NULL), 0);
  {
    g_autofree char *summary = g_strdup_printf (ngettext ("%u of %d measure shown", "%u of %d measures shown", total),
                                                measures->len, total);
    gtk_label_set_label (self->summary_label, summary);
  }

  update_facets (self);
  self->updating = FALSE;
}

static void
on_facet_toggled (GtkCheckButton *button,
                  DtMeasuresPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "key");
  const char *value = g_object_get_data (G_OBJECT (button), "value");

  if (self->updating)
    return;

  if (gtk_check_button_get_active (button))
    dt_measure_query_add_filter (self->query, key, value, NULL);
  else
    dt_measure_query_remove_filter (self->query, key, value);
  refresh (self, TRUE);
}

static GtkBox *
facet_box (DtMeasuresPage *self,
           const char     *key)
{
  if (g_str_equal (key, "category"))
    return self->category_box;
  if (g_str_equal (key, "status"))
    return self->status_box;
  return self->department_box;
}

/* One check button per value; rebuilt when the data changes, while
 * refresh() only relabels them so an open popover keeps its focus. */
static void
build_facets (DtMeasuresPage *self)
{
  const char * const *keys = dt_measure_query_filter_keys ();
  g_autoptr(DtMeasureQuery) everything = dt_measure_query_new ();

  g_hash_table_remove_all (self->facet_buttons);

  for (guint k = 0; keys[k] != NULL; k++)
    {
      GtkBox *box = facet_box (self, keys[k]);
      g_autoptr(GPtrArray) facets = dt_measure_query_count (everything, self->store, keys[k], NULL);
      GPtrArray *buttons = g_ptr_array_new ();
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
        gtk_box_remove (box, child);

      for (guint i = 0; facets != NULL && i < facets->len; i++)
        {
          DtMeasureFacet *facet = g_ptr_array_index (facets, i);
          GtkWidget *button = gtk_check_button_new_with_label (facet_label (keys[k], facet->value));

          g_object_set_data_full (G_OBJECT (button), "key", g_strdup (keys[k]), g_free);
          g_object_set_data_full (G_OBJECT (button), "value", g_strdup (facet->value), g_free);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                                       dt_measure_query_has_filter (self->query, keys[k], facet->value));
          g_signal_connect (button, "toggled", G_CALLBACK (on_facet_toggled), self);
          gtk_box_append (box, button);
          g_ptr_array_add (buttons, button);
        }
      g_hash_table_insert (self->facet_buttons, g_strdup (keys[k]), buttons);
    }
}

static void
update_sample_note (DtMeasuresPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sample_label), dt_measure_query_is_sample (self->store));
}

static void
reload (DtMeasuresPage *self)
{
  gint64 no = dt_measure_detail_get_no (self->detail);

  if (self->store == NULL)
    return;

  self->updating = TRUE;
  build_facets (self);
  self->updating = FALSE;
  update_sample_note (self);
  refresh (self, FALSE);
  /* The text of the measure shown, who qualifies for it, or the measure
   * itself may have changed: read it again (an empty pane when it is
   * gone). On first load show the first measure rather than an empty pane. */
  if (no != 0)
    {
      dt_measure_detail_reload (self->detail);
      return;
    }
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

    if (first != NULL)
      dt_measures_page_select (self, dt_measure_row_get_no (DT_MEASURE_ROW (first)));
  }
}

static void
on_store_changed (DtMeasuresPage *self,
                  const char     *kind)
{
  reload (self);
}

static void
on_search_changed (DtMeasuresPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  dt_measure_query_set_search (self->query, text[0] != '\0' ? text : NULL);
  refresh (self, TRUE);
}

static void
on_row_selected (DtMeasuresPage *self,
                 GtkListBoxRow  *row)
{
  if (self->updating || row == NULL)
    return;

  dt_measure_detail_show (self->detail, dt_measure_row_get_no (DT_MEASURE_ROW (row)));
}

static void
on_row_activated (DtMeasuresPage *self,
                  GtkListBoxRow  *row)
{
  if (dt_measure_detail_get_no (self->detail) != dt_measure_row_get_no (DT_MEASURE_ROW (row)))
    dt_measure_detail_show (self->detail, dt_measure_row_get_no (DT_MEASURE_ROW (row)));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_tracking_changed (DtMeasuresPage *self,
                     gint64          no)
{
  refresh (self, FALSE);
}

static void
on_detail_back (DtMeasuresPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed (DtMeasuresPage *self)
{
  dt_measure_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
}

void
dt_measures_page_show_filtered (DtMeasuresPage *self,
                                const char     *category,
                                const char     *status)
{
  GHashTableIter iter;
  gpointer key, buttons;

  g_return_if_fail (DT_IS_MEASURES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  dt_measure_query_set_search (self->query, NULL);
  /* The check buttons are the filters: each toggle edits the query. */
  g_hash_table_iter_init (&iter, self->facet_buttons);
  while (g_hash_table_iter_next (&iter, &key, &buttons))
    for (guint i = 0; i < ((GPtrArray *)buttons)->len; i++)
      {
        GtkCheckButton *button = g_ptr_array_index ((GPtrArray *)buttons, i);
        const char *value = g_object_get_data (G_OBJECT (button), "value");
        const char *wanted = g_str_equal (key, "category") ? category : g_str_equal (key, "status") ? status : NULL;

        gtk_check_button_set_active (button, wanted != NULL && g_strcmp0 (value, wanted) == 0);
      }
  refresh (self, TRUE);
}

void
dt_measures_page_select (DtMeasuresPage *self,
                         gint64          no)
{
  g_return_if_fail (DT_IS_MEASURES_PAGE (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (DT_IS_MEASURE_ROW (row) && dt_measure_row_get_no (DT_MEASURE_ROW (row)) == no)
      {
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
        return;
      }
  dt_measure_detail_show (self->detail, no);
}

gboolean
dt_measures_page_export (DtMeasuresPage  *self,
                         const char      *path,
                         GError         **error)
{
  g_return_val_if_fail (DT_IS_MEASURES_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  /* Notes still waiting for the typing to pause belong in the file. */
  dt_measure_detail_save_pending (self->detail);
  return dt_measure_export_to_file_full (self->store, self->query, path,
                                         dt_table_format_for_name (path, DT_TABLE_FORMAT_CSV),
                                         FALSE, TRUE, NULL, error);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    DtMeasuresPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  DtTableFormat format;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = dt_export_chooser_get_file (GTK_FILE_CHOOSER_NATIVE (chooser), &format)) != NULL)
    {
      path = g_file_get_path (file);
      name = g_file_get_basename (file);
      if (path != NULL && dt_measures_page_export (self, path, &error))
        {
          g_autofree char *message = g_strdup_printf (ngettext ("Exported %u measure to %s", "Exported %u measures to %s",
                                                                self->n_shown),
                                                      self->n_shown, name);

          dt_widget_add_toast (GTK_WIDGET (self), dt_export_toast_new (message, file));
        }
      else
        {
          AdwToast *toast = adw_toast_new_format (_("Export failed: %s"),
                                                  error != NULL ? error->message : _("not a local file"));
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          dt_widget_add_toast (GTK_WIDGET (self), toast);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  DtMeasuresPage *self = DT_MEASURES_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (today, "binjiang-measures-%Y-%m-%d");

  if (self->store == NULL)
    return;

  /* Named for what it holds and the day of the tracking it carries. */
  chooser = dt_export_chooser_new (widget, _("Export Measures"), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_search (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  DtMeasuresPage *self = DT_MEASURES_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
dt_measures_page_set_store (DtMeasuresPage *self,
                            DtStore        *store)
{
  g_return_if_fail (DT_IS_MEASURES_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);

  dt_measure_detail_set_store (self->detail, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
dt_measures_page_dispose (GObject *object)
{
  DtMeasuresPage *self = (DtMeasuresPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_MEASURES_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->query, dt_measure_query_free);
  g_clear_pointer (&self->facet_buttons, g_hash_table_unref);

  G_OBJECT_CLASS (dt_measures_page_parent_class)->dispose (object);
}

static void
dt_measures_page_class_init (DtMeasuresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_measures_page_dispose;

  g_type_ensure (DT_TYPE_MEASURE_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-measures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, category_button);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, status_button);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, department_button);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, category_box);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, department_box);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, sample_label);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, list);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "measures.export", NULL, on_export);
  gtk_widget_class_install_action (widget_class, "measures.search", NULL, on_search);
}

static void
dt_measures_page_init (DtMeasuresPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = dt_measure_query_new ();
  self->facet_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_ptr_array_unref);

  /* Managed by the window, so Ctrl+F and Ctrl+E work wherever the focus
   * is while this page is shown (hidden pages are not mapped). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("measures.search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_e, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("measures.export")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_swapped (self->detail, "tracking-changed", G_CALLBACK (on_tracking_changed), self);
  g_signal_connect_swapped (self->detail, "back", G_CALLBACK (on_detail_back), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self);
}
