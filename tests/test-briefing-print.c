/* test-briefing-print.c — printing the briefing draws the PDF's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK_PRINT_OPERATION_ACTION_EXPORT renders the print operation to a PDF
 * file without a dialog; it must hold the same pages as the PDF writer.
 */

#define G_LOG_DOMAIN "test-briefing-print"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "dt-application.h"
#include "dt-briefing-print.h"
#include "dt-enterprises-page.h"
#include "dt-briefing-render.h"
#include "dt-sample-data.h"
#include "dt-test-widgets.h"
#include "dt-window.h"

static char *tmp_dir;

static char *
run_tool (const char *tool,
          const char *arg,
          const char *pdf)
{
  const char *argv[] = { tool, arg, pdf, arg != NULL ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (arg == NULL)
    argv[1] = pdf, argv[2] = NULL;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pages_line (const char *pdf)
{
  g_autofree char *info = run_tool ("pdfinfo", NULL, pdf);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Pages:"))
      return g_strdup (lines[i]);
  g_assert_not_reached ();
}

static void
test_export_matches_pdf (void)
{
  g_autofree char *database = g_build_filename (tmp_dir, "print.db", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autofree char *written = g_build_filename (tmp_dir, "written.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (database, &error);
  g_autoptr(DtBriefing) briefing = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *printed_pages = NULL;
  g_autofree char *written_pages = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *written_text = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);

  /* The PDF writer's pages. */
  briefing = dt_briefing_build (store, NULL, 0, "2026-01-05", 100, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (written);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dt_briefing_write_pdf (briefing, G_OUTPUT_STREAM (stream), &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);

  /* The print operation's, on the same briefing. */
  operation = dt_briefing_print_operation_new (dt_briefing_build (store, NULL, 0, "2026-01-05", 100, &error));
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, printed);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));

  printed_pages = pages_line (printed);
  written_pages = pages_line (written);
  g_assert_cmpstr (printed_pages, ==, written_pages);
  printed_text = run_tool ("pdftotext", "-layout", printed);
  written_text = run_tool ("pdftotext", "-layout", written);
  g_assert_nonnull (strstr (printed_text, "Digital Trade Briefing"));
  g_assert_nonnull (strstr (printed_text, "Key figures"));
  g_assert_cmpstr (printed_text, ==, written_text);
}

/* The window installs both actions (the menu's items, Ctrl+P). */
static void
test_window_actions (void)
{
  GtkWidgetClass *klass = g_type_class_ref (DT_TYPE_WINDOW);
  gboolean export_found = FALSE, print_found = FALSE;
  const GVariantType *parameter_type;
  const char *name, *property;
  GType owner;

  /* GTK 4.8 writes every out argument. */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property); i++)
    {
      export_found |= g_str_equal (name, "win.export-briefing");
      print_found |= g_str_equal (name, "win.print-briefing");
    }
  g_assert_true (export_found);
  g_assert_true (print_found);
  g_type_class_unref (klass);
}

/* The PDF is written on a thread: done once it ends as a PDF ends. */
static gboolean
pdf_complete (gpointer path)
{
  g_autofree char *data = NULL;
  gsize size;

  /* Binary: compare the bytes, not a C string. */
  return g_file_get_contents (path, &data, &size, NULL) && size > 6 && memcmp (data + size - 6, "%%EOF\n", 6) == 0;
}

/* Export Briefing… saves what the Top 100 page shows: its filter is in
 * the PDF, and the file chooser proposes a name that says what it is. */
static void
test_window_export_uses_page_filter (void)
{
  g_autofree char *database = g_build_filename (tmp_dir, "window.db", NULL);
  g_autofree char *folder = g_build_filename (tmp_dir, "saved", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder_file = NULL;
  g_autoptr(DtApplication) app = dt_application_new (database, NULL, NULL);
  DtEnterprisesPage *page;
  DtWindow *window;
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = dt_window_new (app, dt_application_get_store (app), NULL);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  page = DT_ENTERPRISES_PAGE (dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_ENTERPRISES_PAGE));
  g_assert_true (dt_enterprise_query_add_filter (dt_enterprises_page_get_query (page), "city", "hangzhou", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-briefing", NULL));
  dt_test_iterate_until_idle ();
  dialog = dt_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_true (g_str_has_prefix (name, "briefing-"));
  g_assert_true (g_str_has_suffix (name, "-hangzhou.pdf"));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  folder_file = g_file_new_for_path (folder);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder_file, NULL));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  pdf = g_build_filename (folder, name, NULL);
  dt_test_wait_for (pdf_complete, pdf, 30);

  text = run_tool ("pdftotext", "-layout", pdf);
  g_assert_nonnull (strstr (text, "Digital Trade Briefing"));
  g_assert_nonnull (strstr (text, "City: Hangzhou"));

  /* Ctrl+P opens the print dialog; cancelling it prints nothing and
   * leaves the window as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-briefing", NULL));
  dt_test_iterate_until_idle ();
  /* By name: its header is in gtk4-unix-print, which the app needs not. */
  dialog = dt_test_find_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  dt_test_iterate_until_idle ();
  g_assert_null (dt_test_find_toplevel (g_type_from_name ("GtkPrintUnixDialog")));

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp ("test-briefing-print-XXXXXX", NULL);

  g_test_add_func ("/briefing/print/export-matches-pdf", test_export_matches_pdf);
  g_test_add_func ("/briefing/print/window-actions", test_window_actions);
  g_test_add_func ("/briefing/window/export-uses-page-filter", test_window_export_uses_page_filter);

  status = g_test_run ();
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    if (system (command) != 0)
      g_warning ("could not remove %s", tmp_dir);
  }
  return status;
}
