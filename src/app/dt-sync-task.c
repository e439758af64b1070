/* dt-sync-task.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-sync-task"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-preferences-window.h"
#include "dt-sync-task.h"
#include "dt-sync.h"

typedef struct
{
  char            *database;
  char            *url;
  DtStore         *store;     /* the window's, for dt_store_emit_changed() */
  AdwToastOverlay *toasts;
  AdwToast        *progress;  /* "Checking for updates…", with Cancel */
  GCancellable    *cancellable;
  DtSyncResult     result;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_free (data->database);
  g_free (data->url);
  g_clear_object (&data->store);
  g_clear_object (&data->toasts);
  g_clear_weak_pointer (&data->progress);
  g_clear_object (&data->cancellable);
  dt_sync_result_clear (&data->result);
  g_free (data);
}

/* Only one sync at a time: a second click while one runs does nothing. */
static gboolean running;

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncData *data = task_data;
  g_autoptr(DtStore) store = NULL;
  GError *error = NULL;

  /* A connection of its own: the pages keep reading while this writes. */
  store = dt_store_open (data->database, &error);
  if (store == NULL ||
      !dt_sync_run (store, data->url, NULL, cancellable, NULL, NULL, &data->result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GtkWindow *window = GTK_WINDOW (source);
  SyncData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  running = FALSE;
  if (data->progress != NULL)
    adw_toast_dismiss (data->progress);

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_toast_overlay_add_toast (data->toasts, adw_toast_new (_("Update cancelled; nothing was changed")));
      return;
    }
  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Update Failed"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  for (guint i = 0; data->result.kinds != NULL && data->result.kinds[i] != NULL; i++)
    dt_store_emit_changed (data->store, data->result.kinds[i]);

  if (data->result.n_imported == 0)
    adw_toast_overlay_add_toast (data->toasts, adw_toast_new (_("The data is up to date")));
  else
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Updated: %u row imported", "Updated: %u rows imported",
                                                          data->result.n_rows),
                                                data->result.n_rows);
      adw_toast_overlay_add_toast (data->toasts, adw_toast_new (title));
    }
}

static void
on_progress_dismissed (AdwToast *toast,
                       SyncData *data)
{
  g_signal_handlers_disconnect_by_func (toast, on_progress_dismissed, data);
  g_clear_weak_pointer (&data->progress);
}

void
dt_sync_task_start (GtkWindow       *window,
                    DtStore         *store,
                    AdwToastOverlay *toasts)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *url = g_settings_get_string (settings, "sync-url");
  g_autoptr(GTask) task = NULL;
  AdwToast *progress;
  SyncData *data;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (DT_IS_STORE (store));

  if (running)
    return;

  if (url[0] == '\0')
    {
      adw_toast_overlay_add_toast (toasts, adw_toast_new (_("Enter the data pack address first")));
      gtk_window_present (GTK_WINDOW (dt_preferences_window_new (window)));
      return;
    }

  data = g_new0 (SyncData, 1);
  data->database = g_strdup (dt_store_get_path (store));
  data->url = g_steal_pointer (&url);
  data->store = g_object_ref (store);
  data->toasts = g_object_ref (toasts);

  data->cancellable = g_cancellable_new ();

  running = TRUE;
  /* The progress stays on show until the sync ends; its button stops the
   * download (or the import) and leaves the data as it was. */
  progress = adw_toast_new (_("Checking for updates…"));
  adw_toast_set_timeout (progress, 0);
  adw_toast_set_priority (progress, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (progress, _("_Cancel"));
  g_signal_connect_object (progress, "button-clicked", G_CALLBACK (g_cancellable_cancel),
                           data->cancellable, G_CONNECT_SWAPPED);
  g_signal_connect (progress, "dismissed", G_CALLBACK (on_progress_dismissed), data);
  g_set_weak_pointer (&data->progress, progress);
  adw_toast_overlay_add_toast (toasts, progress);

  task = g_task_new (window, data->cancellable, on_synced, NULL);
  /* A cancel that comes after the commit must not hide the update. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify)sync_data_free);
  g_task_run_in_thread (task, sync_thread);
}
