/* dt-export-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After an export the official wants to look at the file, or attach it to
 * a mail: the toast opens it or shows it in its folder. GTK 4.8 has no
 * GtkFileLauncher (4.10), so GIO launches the default app, and the file
 * manager is asked over D-Bus (org.freedesktop.FileManager1) to show it.
 */

#define G_LOG_DOMAIN "dt-export-util"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-export-util.h"

static GSettings *
settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* The app runs from a build tree without the schema installed too. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    return NULL;
  return g_settings_new (APP_ID);
}

DtTableFormat
dt_export_get_last_format (void)
{
  g_autoptr(GSettings) s = settings ();
  g_autofree char *text = s != NULL ? g_settings_get_string (s, "export-format") : NULL;
  DtTableFormat format = DT_TABLE_FORMAT_CSV;

  dt_table_format_parse (text, &format);
  return format;
}

static void
remember_format (DtTableFormat format)
{
  g_autoptr(GSettings) s = settings ();

  if (s != NULL)
    g_settings_set_string (s, "export-format", format == DT_TABLE_FORMAT_XLSX ? "xlsx" : "csv");
}

static const char *
extension (DtTableFormat format)
{
  return format == DT_TABLE_FORMAT_XLSX ? ".xlsx" : ".csv";
}

/* The name follows the filter the official picks. */
static void
on_filter_changed (GtkFileChooser *chooser,
                   GParamSpec     *pspec,
                   gpointer        data)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  DtTableFormat format;
  char *dot;

  if (filter == NULL || name == NULL)
    return;
  format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "dt-format"));
  dot = strrchr (name, '.');
  if (dot != NULL && (g_ascii_strcasecmp (dot, ".csv") == 0 || g_ascii_strcasecmp (dot, ".xlsx") == 0))
    {
      g_autofree char *renamed = NULL;

      *dot = '\0';
      renamed = g_strconcat (name, extension (format), NULL);
      gtk_file_chooser_set_current_name (chooser, renamed);
    }
}

GtkFileChooserNative *
dt_export_chooser_new (GtkWidget  *widget,
                       const char *title,
                       const char *base_name)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *csv = gtk_file_filter_new ();
  GtkFileFilter *xlsx = gtk_file_filter_new ();
  DtTableFormat format = dt_export_get_last_format ();
  g_autofree char *name = g_strconcat (base_name, extension (format), NULL);

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  g_object_set_data (G_OBJECT (csv), "dt-format", GINT_TO_POINTER (DT_TABLE_FORMAT_CSV));
  gtk_file_filter_set_name (xlsx, _("Excel workbooks"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_add_mime_type (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  g_object_set_data (G_OBJECT (xlsx), "dt-format", GINT_TO_POINTER (DT_TABLE_FORMAT_XLSX));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xlsx);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), format == DT_TABLE_FORMAT_XLSX ? xlsx : csv);
  g_object_unref (csv);
  g_object_unref (xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "notify::filter", G_CALLBACK (on_filter_changed), NULL);
  return dialog;
}

GFile *
dt_export_chooser_get_file (GtkFileChooserNative *chooser,
                            DtTableFormat        *out_format)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  DtTableFormat fallback = filter != NULL
                           ? (DtTableFormat)GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "dt-format"))
                           : dt_export_get_last_format ();
  g_autofree char *name = NULL;
  DtTableFormat format;

  if (file == NULL)
    return NULL;
  name = g_file_get_basename (file);
  format = dt_table_format_for_name (name, fallback);
  /* A name typed without an extension gets the filter's. */
  if (strchr (name, '.') == NULL)
    {
      g_autofree char *named = g_strconcat (name, extension (format), NULL);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_clear_object (&file);
      file = g_file_get_child (parent, named);
    }
  remember_format (format);
  *out_format = format;
  return g_steal_pointer (&file);
}

static void
launched (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Cannot open the exported file: %s", error->message);
}

static void
launch_uri (const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gdk_display_get_default ());

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, launched, NULL);
}

void
dt_export_open_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  launch_uri (uri);
}

static void
open_folder_of (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = parent != NULL ? g_file_get_uri (parent) : NULL;

  if (uri != NULL)
    launch_uri (uri);
}

static void
shown (GObject      *source,
       GAsyncResult *result,
       gpointer      data)
{
  g_autoptr(GFile) file = data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No file manager answers: open the folder instead. */
      g_debug ("FileManager1.ShowItems: %s", error->message);
      open_folder_of (file);
    }
}

void
dt_export_show_in_folder (GFile *file)
{
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus = app != NULL ? g_application_get_dbus_connection (app) : NULL;
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      open_folder_of (file);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          5000, NULL, shown, g_object_ref (file));
}

static void
unref_file (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

static void
on_open_clicked (AdwToast *toast,
                 GFile    *file)
{
  dt_export_open_file (file);
}

static void
on_show_clicked (GtkButton *button,
                 GFile     *file)
{
  dt_export_show_in_folder (file);
}

AdwToast *
dt_export_toast_new (const char *message,
                     GFile      *file)
{
  AdwToast *toast = adw_toast_new (message);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (message);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  /* AdwToast has one button: "Show in Folder" sits beside the message. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (show, "flat");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), show);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked),
                         g_object_ref (file), unref_file, 0);
  g_signal_connect_data (show, "clicked", G_CALLBACK (on_show_clicked),
                         g_object_ref (file), unref_file, 0);
  return toast;
}
