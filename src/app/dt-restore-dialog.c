/* dt-restore-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-backup.h"
#include "dt-restore-dialog.h"
#include "dt-util.h"

struct _DtRestoreDialog
{
  AdwWindow        parent_instance;

  DtStore         *store;
  AdwToastOverlay *toasts;
  GtkListBox      *list;
  gboolean         running;
};

G_DEFINE_FINAL_TYPE (DtRestoreDialog, dt_restore_dialog, ADW_TYPE_WINDOW)

/* Every kind a page may show: a restore can change any of them. */
static const char * const all_kinds[] = { "regions", "framework", "index", "enterprises", "measures" };

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **paths = task_data;   /* the database, the backup */
  g_autoptr(DtStore) store = NULL;
  GError *error = NULL;

  /* A connection of its own, like imports: the pages keep reading. */
  store = dt_store_open (paths[0], &error);
  if (store == NULL || !dt_backup_restore (store, paths[1], &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DtRestoreDialog *self = DT_RESTORE_DIALOG (source);
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Restore the Backup"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    dt_store_emit_changed (self->store, all_kinds[i]);
  if (self->toasts != NULL)
    adw_toast_overlay_add_toast (self->toasts,
                                 adw_toast_new (_("Backup restored; the data as it was before is the newest backup")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     DtRestoreDialog  *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "restore") || self->running)
    return;

  self->running = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), FALSE);
  task = g_task_new (self, NULL, on_restored, NULL);
  g_task_set_task_data (task, g_strdupv ((char *[]) { (char *)dt_store_get_path (self->store), (char *)path, NULL }),
                        (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, restore_thread);
}

static char *
format_time (DtBackup *backup)
{
  return dt_format_date_time (dt_backup_get_time (backup));
}

static void
on_restore_clicked (GtkButton       *button,
                    DtRestoreDialog *self)
{
  DtBackup *backup = g_object_get_data (G_OBJECT (button), "backup");
  g_autofree char *when = format_time (backup);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("All data will be replaced by the backup of %s. The data as it is now is backed up first, so this can be undone."),
                                  when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (dt_backup_get_path (backup)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_row (DtRestoreDialog *self,
          DtBackup        *backup)
{
  g_autofree char *when = format_time (backup);
  g_autofree char *size = g_format_size (dt_backup_get_size (backup));
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

  /* Translators: why the backup was made ("Before an import"), then its size */
  subtitle = g_strdup_printf (_("%s · %s"), dt_backup_get_reason_label (backup), size);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  accessible = g_strdup_printf (_("Restore the backup of %s"), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, accessible);
  g_object_set_data_full (G_OBJECT (button), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

GtkWidget *
dt_restore_dialog_new (GtkWindow       *parent,
                       DtStore         *store,
                       AdwToastOverlay *toasts)
{
  DtRestoreDialog *self;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *intro = NULL;
  GtkWidget *box, *header, *scrolled, *clamp, *inner, *label;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  self = g_object_new (DT_TYPE_RESTORE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Restore from Backup"),
                       "default-width", 520,
                       "default-height", 480,
                       NULL);
  self->store = g_object_ref (store);
  if (toasts != NULL)
    self->toasts = g_object_ref (toasts);

  backups = dt_backup_list (dt_store_get_path (store));
  folder = dt_backup_folder (dt_store_get_path (store));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  if (backups->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-open-recent-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Backups Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("A backup is made before every import, update and restore."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (box), status);
      adw_window_set_content (ADW_WINDOW (self), box);
      return GTK_WIDGET (self);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);

  intro = g_strdup_printf (ngettext ("The database is backed up before every import, update and restore. The newest backup is first; %u is kept in %s.",
                                     "The database is backed up before every import, update and restore. The newest backup is first; %u are kept in %s.",
                                     DT_BACKUP_KEEP),
                           DT_BACKUP_KEEP, folder);
  label = gtk_label_new (intro);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (inner), label);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups"), -1);
  for (guint i = 0; i < backups->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (backups, i)));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));

  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  return GTK_WIDGET (self);
}

static void
dt_restore_dialog_dispose (GObject *object)
{
  DtRestoreDialog *self = (DtRestoreDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->toasts);

  G_OBJECT_CLASS (dt_restore_dialog_parent_class)->dispose (object);
}

/* Stays open while a restore runs, so that its outcome is reported. */
static gboolean
dt_restore_dialog_close_request (GtkWindow *window)
{
  if (DT_RESTORE_DIALOG (window)->running)
    return TRUE;
  return GTK_WINDOW_CLASS (dt_restore_dialog_parent_class)->close_request (window);
}

static void
dt_restore_dialog_class_init (DtRestoreDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dt_restore_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = dt_restore_dialog_close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_restore_dialog_init (DtRestoreDialog *self)
{
}
