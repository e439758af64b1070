/* dt-app-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-app-util"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-util.h"

void
dt_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
dt_widget_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWidget       *parent;
  DtSaveChartFunc  save;
  gpointer         data;  /* owned */
} SaveChart;

static void
on_save_chart_response (GtkNativeDialog *dialog,
                        int              response,
                        SaveChart       *closure)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  if (path != NULL)
    {
      /* The format follows the name; a name without one is saved as PNG. */
      if (!g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".svg") && !g_str_has_suffix (path, ".pdf"))
        {
          char *with_suffix = g_strconcat (path, ".png", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (!closure->save (path, closure->data, &error))
        dt_widget_show_error (closure->parent, _("Could Not Save"), error);
    }
  g_object_unref (closure->parent);
  g_object_unref (closure->data);
  g_free (closure);
  g_object_unref (dialog);
}

/* Every chart and map is saved through the same dialog, so they all offer
 * the same formats and treat a name without a suffix alike. @parent (for
 * the error message) and @data, a GObject such as the chart widget, are
 * kept alive until the dialog closes. */
void
dt_save_chart_dialog (GtkWidget       *parent,
                      const char      *title,
                      const char      *default_name,
                      DtSaveChartFunc  save,
                      gpointer         data)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *dialog;
  SaveChart *closure;
  const struct { const char *name; const char *suffix; } formats[] = {
    { N_("PNG image"), "png" },
    { N_("SVG image"), "svg" },
    { N_("PDF document"), "pdf" },
  };

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (save != NULL);
  g_return_if_fail (G_IS_OBJECT (data));

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), default_name);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_suffix (filter, formats[i].suffix);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }

  closure = g_new0 (SaveChart, 1);
  closure->parent = g_object_ref (parent);
  closure->save = save;
  closure->data = g_object_ref (data);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_chart_response), closure);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GTK 4.8 opens OpenGL at start-up and paints with it whenever it gets a
 * context, even from Mesa's software rasteriser (llvmpipe) on a machine
 * without a GPU: a virtual machine, a remote or virtual display. There
 * cairo paints the window several times faster, and leaving GL unloaded
 * saves some 60 MB and a fifth of a second at start (build-aux/bench.sh).
 * A GSK_RENDERER or GDK_DEBUG the user set is kept. */
void
dt_choose_renderer (void)
{
  if (dt_gpu_device_present ("/dev") && g_strcmp0 (g_getenv ("LIBGL_ALWAYS_SOFTWARE"), "1") != 0)
    return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
}

void
dt_report_first_frame (void)
{
  const char *launched = g_getenv ("DT_LAUNCHED_NS");

  if (launched != NULL)
    g_print ("first-frame %.3f\n", (g_get_real_time () * 1000.0 - g_ascii_strtod (launched, NULL)) / 1e9);
}
