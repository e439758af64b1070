/* dt-recovery-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-recovery-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-backup.h"
#include "dt-recovery-page.h"
#include "dt-util.h"

struct _DtRecoveryPage
{
  AdwBin          parent_instance;

  char           *database;

  AdwStatusPage  *status_page;
  GtkLabel       *backup_label;
  GtkButton      *restore_button;
  GtkButton      *fresh_button;
};

G_DEFINE_FINAL_TYPE (DtRecoveryPage, dt_recovery_page, ADW_TYPE_BIN)

enum {
  RECOVERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char     *database;
  gboolean  fresh;
  char     *moved_to;
} RecoverData;

static void
recover_data_free (gpointer data)
{
  RecoverData *recover = data;

  g_free (recover->database);
  g_free (recover->moved_to);
  g_free (recover);
}

static void
recover_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RecoverData *data = task_data;
  GError *error = NULL;
  DtStore *store;

  if (data->fresh)
    store = dt_backup_start_fresh (data->database, &data->moved_to, &error);
  else
    store = dt_backup_recover (data->database, NULL, &data->moved_to, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
set_busy (DtRecoveryPage *self,
          gboolean        busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), !busy && gtk_widget_get_visible (GTK_WIDGET (self->restore_button)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->fresh_button), !busy);
}

static void
on_recovered (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DtRecoveryPage *self = DT_RECOVERY_PAGE (source);
  RecoverData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;
  g_autofree char *moved_name = NULL;

  set_busy (self, FALSE);

  if (store == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  data->fresh ? _("Cannot Start Afresh") : _("Cannot Restore the Backup"),
                                                  error->message);

      /* Part of the application, so that Ctrl+Q still works while it is
       * in front. */
      gtk_window_set_application (GTK_WINDOW (dialog),
                                  gtk_window_get_application (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)))));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  moved_name = g_path_get_basename (data->moved_to);
  message = data->fresh ? g_strdup_printf (_("Started with a new database; the damaged one was kept as %s"), moved_name)
                        : g_strdup_printf (_("The latest backup was restored; the damaged database was kept as %s"), moved_name);
  g_signal_emit (self, signals[RECOVERED], 0, store, message);
}

static void
start (DtRecoveryPage *self,
       gboolean        fresh)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_recovered, NULL);
  RecoverData *data = g_new0 (RecoverData, 1);

  data->database = g_strdup (self->database);
  data->fresh = fresh;
  g_task_set_task_data (task, data, recover_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, recover_thread);
}

static void
on_restore_clicked (DtRecoveryPage *self)
{
  start (self, FALSE);
}

static void
on_fresh_clicked (DtRecoveryPage *self)
{
  start (self, TRUE);
}

GtkWidget *
dt_recovery_page_new (const char   *database,
                      const GError *error)
{
  DtRecoveryPage *self = g_object_new (DT_TYPE_RECOVERY_PAGE, NULL);
  g_autoptr(GPtrArray) backups = dt_backup_list (database);
  g_autofree char *description = NULL;
  g_autofree char *name = g_path_get_basename (database);

  g_return_val_if_fail (database != NULL, NULL);

  self->database = g_strdup (database);

  description = g_strdup_printf (_("%s\n\nNothing has been changed. Whatever you choose, the damaged file is kept in its folder as %s.damaged-…"),
                                 error != NULL ? error->message : database, name);
  adw_status_page_set_description (self->status_page, description);

  if (backups->len > 0)
    {
      DtBackup *latest = g_ptr_array_index (backups, 0);
      g_autofree char *when = dt_format_date_time (dt_backup_get_time (latest));
      g_autofree char *text = NULL;

      /* Translators: the first %s is a date and time, the second why the backup was made ("Before an import") */
      text = g_strdup_printf (_("Latest backup: %s (%s)"), when, dt_backup_get_reason_label (latest));
      gtk_label_set_text (self->backup_label, text);
    }
  else
    {
      gtk_label_set_text (self->backup_label, _("There is no backup of this database yet."));
      gtk_widget_set_visible (GTK_WIDGET (self->restore_button), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->fresh_button), "suggested-action");
    }

  return GTK_WIDGET (self);
}

static void
dt_recovery_page_finalize (GObject *object)
{
  DtRecoveryPage *self = (DtRecoveryPage *)object;

  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (dt_recovery_page_parent_class)->finalize (object);
}

static void
dt_recovery_page_class_init (DtRecoveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_recovery_page_finalize;

  /**
   * DtRecoveryPage::recovered:
   * @store: the database, restored or new
   * @message: what was done, for a toast
   */
  signals[RECOVERED] =
    g_signal_new ("recovered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DT_TYPE_STORE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-recovery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtRecoveryPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, DtRecoveryPage, backup_label);
  gtk_widget_class_bind_template_child (widget_class, DtRecoveryPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, DtRecoveryPage, fresh_button);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_fresh_clicked);
}

static void
dt_recovery_page_init (DtRecoveryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
