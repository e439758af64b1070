/* dt-briefing-print.c — "Export Briefing…" and "Print Briefing…" of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The briefing's few queries run on the window's connection: they read
 * one list year and the measures, which takes milliseconds, not the
 * seconds a page's query of a million rows can. The pages are written
 * on a thread.
 */

#define G_LOG_DOMAIN "dt-briefing-print"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-briefing-print.h"
#include "dt-briefing-render.h"
#include "dt-output.h"
#include "dt-window.h"

static DtBriefing *
build_briefing (GtkWindow          *parent,
                DtStore            *store,
                DtEnterpriseQuery  *query)
{
  g_autoptr(GError) error = NULL;
  DtBriefing *briefing = dt_briefing_build (store, query, 0, NULL, DT_BRIEFING_TOP_N, &error);

  if (briefing == NULL)
    dt_widget_show_error (GTK_WIDGET (parent), _("The Briefing Could Not Be Made"), error);
  return briefing;
}

static void
show_toast (GtkWindow  *parent,
            const char *message)
{
  if (DT_IS_WINDOW (parent))
    dt_window_add_toast (DT_WINDOW (parent), adw_toast_new (message));
}

typedef struct
{
  GtkWindow         *parent;
  DtStore           *store;
  DtEnterpriseQuery *query;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_clear_object (&job->query);
  g_free (job);
}

static gboolean
write_briefing (DtBriefing  *briefing,
                GFile       *file,
                GError     **error)
{
  g_autoptr(DtOutput) output = dt_output_open (file, NULL, error);

  if (output == NULL)
    return FALSE;
  if (!dt_briefing_write_pdf (briefing, dt_output_get_stream (output), error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }
  return dt_output_close (output, NULL, error);
}

/* Laying out and writing the pages takes a few hundred milliseconds:
 * on a thread, so the window keeps drawing. */
static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (write_briefing (task_data, file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GtkWindow *parent = GTK_WINDOW (source);
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    dt_widget_show_error (GTK_WIDGET (parent), _("The Briefing Could Not Be Saved"), error);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Briefing saved as %s"), name);

      show_toast (parent, message);
    }
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    ExportJob       *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      DtBriefing *briefing = build_briefing (job->parent, job->store, job->query);

      if (briefing != NULL)
        {
          g_autoptr(GTask) task = g_task_new (job->parent, NULL, on_written, NULL);

          g_task_set_task_data (task, briefing, (GDestroyNotify)dt_briefing_free);
          g_object_set_data_full (G_OBJECT (task), "file", g_steal_pointer (&file), g_object_unref);
          g_task_run_in_thread (task, write_in_thread);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_job_free (job);
}

void
dt_briefing_export_start (GtkWindow         *parent,
                          DtStore           *store,
                          DtEnterpriseQuery *query)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  ExportJob *job;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (DT_IS_STORE (store));

  job = g_new0 (ExportJob, 1);
  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  /* A copy: the page's query may change while the dialog is open. */
  job->query = query != NULL ? dt_enterprise_query_copy (query) : NULL;

  name = dt_briefing_default_name (query, dt_enterprise_query_latest_year (dt_store_get_db (store)));
  chooser = gtk_file_chooser_native_new (_("Export Briefing"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                DtBriefing        *briefing)
{
  /* The layout pass on the printer's page decides the page count. */
  DtBriefingLayout *layout = dt_briefing_layout_new (briefing,
                                                     gtk_print_context_get_width (context),
                                                     gtk_print_context_get_height (context));

  g_object_set_data_full (G_OBJECT (operation), "dt-briefing-layout", layout,
                          (GDestroyNotify)dt_briefing_layout_free);
  gtk_print_operation_set_n_pages (operation, dt_briefing_layout_get_n_pages (layout));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              DtBriefing        *briefing)
{
  DtBriefingLayout *layout = g_object_get_data (G_OBJECT (operation), "dt-briefing-layout");

  dt_briefing_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), page);
}

GtkPrintOperation *
dt_briefing_print_operation_new (DtBriefing *briefing)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  g_return_val_if_fail (briefing != NULL, NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The briefing keeps its own margins, the same as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, briefing->title);
  g_object_set_data_full (G_OBJECT (operation), "dt-briefing", briefing, (GDestroyNotify)dt_briefing_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), briefing);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), briefing);
  return operation;
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWindow               *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      dt_widget_show_error (GTK_WIDGET (parent), _("The Briefing Could Not Be Printed"), error);
    }
  g_object_unref (parent);
  g_object_unref (operation);
}

void
dt_briefing_print_start (GtkWindow         *parent,
                         DtStore           *store,
                         DtEnterpriseQuery *query)
{
  g_autoptr(GError) error = NULL;
  DtBriefing *briefing;
  GtkPrintOperation *operation;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (DT_IS_STORE (store));

  briefing = build_briefing (parent, store, query);
  if (briefing == NULL)
    return;
  operation = dt_briefing_print_operation_new (briefing);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), g_object_ref (parent));
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    dt_widget_show_error (GTK_WIDGET (parent), _("The Briefing Could Not Be Printed"), error);
}
