/* dt-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-briefing-print.h"
#include "dt-enterprises-page.h"
#include "dt-error.h"
#include "dt-import-dialog.h"
#include "dt-index-page.h"
#include "dt-measures-page.h"
#include "dt-overview-page.h"
#include "dt-preferences-window.h"
#include "dt-recovery-page.h"
#include "dt-restore-dialog.h"
#include "dt-sync-task.h"
#include "dt-window.h"
#include "dt-page-bin.h"

struct _DtWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  DtStore              *store;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *main_box;
  GtkWidget            *held_main_box;  /* while another page stands in for it */
  AdwViewStack         *stack;
  GtkRevealer          *sample_banner;
  GtkLabel             *sample_label;
  GtkWidget            *main_menu_button;
  DtOverviewPage       *overview_page;
  DtIndexPage          *index_page;
  DtEnterprisesPage    *enterprises_page;
  DtMeasuresPage       *measures_page;

  guint                 changes_timeout;

  /* Pages visited before the one shown, for Back (Alt+←). */
  GPtrArray            *history;
  char                 *current_page;
  gboolean              going_back;
  GtkWidget            *back_button;
  guint                 bind_idle;      /* the shown page gets the store before the first frame */
  guint                 bound;          /* pages that have the store, by bit */
};

G_DEFINE_FINAL_TYPE (DtWindow, dt_window, ADW_TYPE_APPLICATION_WINDOW)

/* What the sample data covers, in the words of the window. */
static const char *
sample_kind_label (const char *kind)
{
  if (g_str_equal (kind, "enterprises"))
    return _("the Top-100 enterprises");
  if (g_str_equal (kind, "measures"))
    return _("the texts of the measures");
  if (g_str_equal (kind, "index"))
    return _("most Openness Index values");
  if (g_str_equal (kind, "framework"))
    return _("the index indicators below the five dimensions");
  /* The built-in regions are the real divisions: nothing to warn of. */
  return NULL;
}

/* Shown while sample data is there, naming which kinds are sample: an
 * official import of one kind takes that kind off the list. */
static void
update_sample_banner (DtWindow *self)
{
  g_auto(GStrv) kinds = self->store != NULL ? dt_store_sample_kinds (self->store) : NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      const char *label = sample_kind_label (kinds[i]);

      if (label == NULL)
        continue;
      if (list->len > 0)
        /* Translators: between the items of a list of data kinds */
        g_string_append (list, _(", "));
      g_string_append (list, label);
    }
  gtk_revealer_set_reveal_child (self->sample_banner, list->len > 0);
  if (list->len == 0)
    return;
  /* Translators: %s is a list such as "the Top-100 enterprises, the
   * texts of the measures" */
  text = g_strdup_printf (_("Fictional sample data is shown for %s. Figures marked “Published” are official."),
                          list->str);
  gtk_label_set_label (self->sample_label, text);
}

const char *
dt_window_get_sample_banner_text (DtWindow *self)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return gtk_revealer_get_reveal_child (self->sample_banner) ? gtk_label_get_label (self->sample_label) : NULL;
}

static void
on_store_changed (DtWindow   *self,
                  const char *kind)
{
  update_sample_banner (self);
}

/* The header bar goes with the page: AdwApplicationWindow draws no title
 * bar of its own, so without it the window could not be closed. */
static void
show_instead_of_main (DtWindow  *self,
                      GtkWidget *page)
{
  if (self->held_main_box == NULL)
    self->held_main_box = g_object_ref (self->main_box);
  adw_toast_overlay_set_child (self->toast_overlay, page);
}

/* Another program (the command line, a second window) may have changed
 * the database: look when the official comes back to the window, and now
 * and then while it is open. */
#define CHANGES_CHECK_SECONDS 2

static gboolean
check_for_changes (gpointer data)
{
  DtWindow *self = data;

  if (self->store != NULL)
    dt_store_check_for_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static void
on_is_active_changed (DtWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    check_for_changes (self);
}

static void
show_store_error (DtWindow     *self,
                  const GError *error)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The Database Cannot Be Opened"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  show_instead_of_main (self, box);
}

/* Gives the page shown the store, once. */
static void
bind_visible_page (DtWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (self->store == NULL || self->bind_idle != 0 || name == NULL)
    return;
  if (g_str_equal (name, "overview") && !(self->bound & 1))
    dt_overview_page_set_store (self->overview_page, self->store);
  else if (g_str_equal (name, "index") && !(self->bound & 2))
    dt_index_page_set_store (self->index_page, self->store);
  else if (g_str_equal (name, "enterprises") && !(self->bound & 4))
    dt_enterprises_page_set_store (self->enterprises_page, self->store);
  else if (g_str_equal (name, "measures") && !(self->bound & 8))
    dt_measures_page_set_store (self->measures_page, self->store);
  self->bound |= g_str_equal (name, "overview") ? 1 : g_str_equal (name, "index") ? 2 :
                 g_str_equal (name, "enterprises") ? 4 : g_str_equal (name, "measures") ? 8 : 0;
}

static gboolean
bind_shown_page (gpointer data)
{
  DtWindow *self = data;

  self->bind_idle = 0;
  bind_visible_page (self);
  return G_SOURCE_REMOVE;
}

static void
attach_store (DtWindow *self,
              DtStore  *store)
{
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
  self->changes_timeout = g_timeout_add_seconds (CHANGES_CHECK_SECONDS, check_for_changes, self);

  /* Pages load their data when first shown, not all at start-up. */
  self->bound = 0;
  g_clear_handle_id (&self->bind_idle, g_source_remove);
  self->bind_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, bind_shown_page, self, NULL);
  update_sample_banner (self);
}

static void
on_recovered (DtWindow   *self,
              DtStore    *store,
              const char *message,
              GtkWidget  *page)
{
  adw_toast_overlay_set_child (self->toast_overlay, self->held_main_box);
  g_clear_object (&self->held_main_box);
  attach_store (self, store);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

DtWindow *
dt_window_new_for_recovery (DtApplication *application,
                            const char    *database,
                            const GError  *error)
{
  DtWindow *self = g_object_new (DT_TYPE_WINDOW, "application", application, NULL);
  GtkWidget *page = dt_recovery_page_new (database, error);

  g_signal_connect_object (page, "recovered", G_CALLBACK (on_recovered), self, G_CONNECT_SWAPPED);
  show_instead_of_main (self, page);
  return self;
}

DtWindow *
dt_window_new (DtApplication *application,
               DtStore       *store,
               const GError  *store_error)
{
  DtWindow *self;

  /* Damaged or not SQLite: offer a way back rather than a dead end. */
  if (store == NULL && g_error_matches (store_error, DT_ERROR, DT_ERROR_NOT_A_DATABASE) &&
      dt_application_get_database (application) != NULL)
    return dt_window_new_for_recovery (application, dt_application_get_database (application), store_error);

  self = g_object_new (DT_TYPE_WINDOW, "application", application, NULL);
  if (store == NULL)
    show_store_error (self, store_error);
  else
    attach_store (self, store);

  return self;
}

void
dt_window_show_page (DtWindow   *self,
                     const char *name)
{
  g_return_if_fail (DT_IS_WINDOW (self));

  /* The Index page scrolled to what moved the index (for screenshots). */
  if (g_strcmp0 (name, "index-change") == 0)
    {
      adw_view_stack_set_visible_child_name (self->stack, "index");
      dt_index_page_show_change (self->index_page);
      return;
    }
  if (name != NULL && adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->stack, name);
      /* Asked for before the first frame: the page need not wait for the
       * idle that binds the default one, and its first query runs while
       * the window is being presented. */
      if (self->bind_idle != 0)
        {
          g_clear_handle_id (&self->bind_idle, g_source_remove);
          bind_visible_page (self);
        }
    }
  else if (name != NULL)
    g_warning ("No page named “%s”; expected overview, index, enterprises or measures", name);
}

void
dt_window_add_toast (DtWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (DT_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

DtStore *
dt_window_get_store (DtWindow *self)
{
  g_return_val_if_fail (DT_IS_WINDOW (self), NULL);

  return self->store;
}

/* Navigation history */

#define MAX_HISTORY 30

static void
update_back (DtWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->history->len > 0);
  gtk_widget_set_visible (self->back_button, self->history->len > 0);
}

static void
on_visible_page_changed (DtWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (name, self->current_page) == 0)
    return;
  /* Pages shown before the window is (the --page at start) are no
   * place to go back to. */
  if (!self->going_back && self->current_page != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (self->history->len == MAX_HISTORY)
        g_ptr_array_remove_index (self->history, 0);
      g_ptr_array_add (self->history, g_steal_pointer (&self->current_page));
    }
  g_free (self->current_page);
  self->current_page = g_strdup (name);
  update_back (self);
}

gboolean
dt_window_go_back (DtWindow *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (DT_IS_WINDOW (self), FALSE);

  if (self->history->len == 0)
    return FALSE;
  name = g_ptr_array_steal_index (self->history, self->history->len - 1);
  self->going_back = TRUE;
  adw_view_stack_set_visible_child_name (self->stack, name);
  self->going_back = FALSE;
  update_back (self);
  return TRUE;
}

static void
on_back (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  dt_window_go_back (DT_WINDOW (widget));
}

/* Click-through from the Overview: each opens a page on the detail. */

static void
on_open_region (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  dt_window_show_page (self, "index");
  dt_index_page_show_region (self->index_page, g_variant_get_string (parameter, NULL));
}

static void
on_open_enterprises (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  const char *key, *value;

  g_variant_get (parameter, "(&s&s)", &key, &value);
  dt_window_show_page (self, "enterprises");
  dt_enterprises_page_show_filtered (self->enterprises_page, key, value);
}

static void
on_open_measures (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  const char *category, *status;

  g_variant_get (parameter, "(&s&s)", &category, &status);
  dt_window_show_page (self, "measures");
  dt_measures_page_show_filtered (self->measures_page, category[0] != '\0' ? category : NULL,
                                  status[0] != '\0' ? status : NULL);
}

static void
on_open_measure (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  dt_window_show_page (self, "measures");
  dt_measures_page_show_filtered (self->measures_page, NULL, NULL);
  dt_measures_page_select (self->measures_page, g_variant_get_int64 (parameter));
}

static void
on_show_page (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dt_window_show_page (DT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
import_file (DtWindow *self,
             GFile    *file)
{
  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (dt_import_dialog_new (GTK_WINDOW (self), self->store, file, self->toast_overlay)));
}

void
dt_window_import_file (DtWindow *self,
                       GFile    *file)
{
  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  import_file (self, file);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    DtWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      import_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DtWindow      *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->store == NULL)
    return FALSE;

  import_file (self, g_value_get_object (value));
  return TRUE;
}

static void
on_sync (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  if (self->store != NULL)
    dt_sync_task_start (GTK_WINDOW (self), self->store, self->toast_overlay);
}

static void
on_restore (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (dt_restore_dialog_new (GTK_WINDOW (self), self->store, self->toast_overlay)));
}

static void
on_preferences (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (dt_preferences_window_new (GTK_WINDOW (widget))));
}

static void
on_import (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  {
    g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
    g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

    gtk_file_filter_set_name (tables, _("Tables and data packs (CSV, Excel, JSON)"));
    gtk_file_filter_add_suffix (tables, "csv");
    gtk_file_filter_add_suffix (tables, "tsv");
    gtk_file_filter_add_suffix (tables, "txt");
    gtk_file_filter_add_suffix (tables, "xlsx");
    gtk_file_filter_add_suffix (tables, "json");
    gtk_file_filter_set_name (all, _("All files"));
    gtk_file_filter_add_pattern (all, "*");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The briefing covers what the Top-100 page shows (its year and filters). */
static void
on_export_briefing (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  if (self->store != NULL)
    dt_briefing_export_start (GTK_WINDOW (self), self->store,
                              dt_enterprises_page_get_query (self->enterprises_page));
}

static void
on_print_briefing (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  if (self->store != NULL)
    dt_briefing_print_start (GTK_WINDOW (self), self->store,
                             dt_enterprises_page_get_query (self->enterprises_page));
}

static gboolean
dt_window_close_request (GtkWindow *window)
{
  DtWindow *self = DT_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (dt_window_parent_class)->close_request (window);
}

static void
dt_window_dispose (GObject *object)
{
  DtWindow *self = (DtWindow *)object;

  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  g_clear_handle_id (&self->bind_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_WINDOW);
  g_clear_object (&self->held_main_box);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->current_page, g_free);

  G_OBJECT_CLASS (dt_window_parent_class)->dispose (object);
}

static void
dt_window_class_init (DtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dt_window_dispose;
  window_class->close_request = dt_window_close_request;

  g_type_ensure (DT_TYPE_PAGE_BIN);
  g_type_ensure (DT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (DT_TYPE_INDEX_PAGE);
  g_type_ensure (DT_TYPE_ENTERPRISES_PAGE);
  g_type_ensure (DT_TYPE_MEASURES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, sample_label);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, index_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, enterprises_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, measures_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, back_button);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", on_show_page);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, on_import);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, on_restore);
  gtk_widget_class_install_action (widget_class, "win.export-briefing", NULL, on_export_briefing);
  gtk_widget_class_install_action (widget_class, "win.print-briefing", NULL, on_print_briefing);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-briefing", NULL);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, on_preferences);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, on_sync);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "index");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "enterprises");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "measures");
  gtk_widget_class_install_action (widget_class, "win.back", NULL, on_back);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-region", "s", on_open_region);
  gtk_widget_class_install_action (widget_class, "win.open-enterprises", "(ss)", on_open_enterprises);
  gtk_widget_class_install_action (widget_class, "win.open-measures", "(ss)", on_open_measures);
  gtk_widget_class_install_action (widget_class, "win.open-measure", "x", on_open_measure);
}

/* GTK 4.8 sizes the menu button's plain tooltip to a sliver, so its text
 * came one character per line; a label that does not wrap keeps it on one. */
static gboolean
on_menu_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  GtkWidget *label = gtk_label_new (_("Main Menu"));

  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static void
dt_window_init (DtWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->main_menu_button, "query-tooltip", G_CALLBACK (on_menu_query_tooltip), NULL);

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->current_page = g_strdup (adw_view_stack_get_visible_child_name (self->stack));
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (on_visible_page_changed),
                           self, G_CONNECT_SWAPPED);
  update_back (self);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (bind_visible_page), self);

  /* A file dropped anywhere on the window is offered for import. */
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
