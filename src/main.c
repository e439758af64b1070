/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "digital-trade"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-command-line.h"
#include "dt-error.h"
#include "dt-store-lock.h"

/* How long a headless run keeps trying when the window holds the database
 * but does not answer on the bus (it is starting or quitting). */
#define HAND_OVER_WAIT_US (5 * G_USEC_PER_SEC)

static gboolean
parse_sync (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  DtCommandLine *options = data;

  options->sync = TRUE;
  g_free (options->sync_url);
  options->sync_url = g_strdup (value);
  return TRUE;
}

/* Run from the build tree (tests, run.sh), use the translations built there. */
static const char *
locale_directory (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_LOCALEDIR;

  return LOCALEDIR;
}

/* Reads @argv into @result (the window reads command lines handed to it
 * with this too). The table fills a struct of its own, copied out at the
 * end. */
static gboolean
parse_command_line (char          ***argv,
                    DtCommandLine   *result,
                    GError         **error)
{
  DtCommandLine options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  GOptionGroup *group;

  {
    const GOptionEntry entries[] = {
      { "database", 0, 0, G_OPTION_ARG_FILENAME, &options.database, N_("Use the database FILE"), N_("FILE") },
      { "import", 0, 0, G_OPTION_ARG_FILENAME, &options.import_file, N_("Import a CSV or JSON file and exit"), N_("FILE") },
      { "kind", 0, 0, G_OPTION_ARG_STRING, &options.kind, N_("What the imported file holds: enterprises, measures, index or framework"), N_("KIND") },
      { "export", 0, 0, G_OPTION_ARG_STRING, &options.export_what, N_("Export enterprises, measures or index as CSV and exit"), N_("WHAT") },
      { "year", 0, 0, G_OPTION_ARG_INT, &options.year, N_("Only this list year"), N_("YEAR") },
      { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.filters, N_("Keep rows whose KEY is VALUE (repeatable)"), N_("KEY=VALUE") },
      { "search", 0, 0, G_OPTION_ARG_STRING, &options.search, N_("Keep rows matching TEXT"), N_("TEXT") },
      { "sort", 0, 0, G_OPTION_ARG_STRING, &options.sort, N_("Sort by KEY, descending with :desc"), N_("KEY[:desc]") },
      { "header", 0, 0, G_OPTION_ARG_STRING, &options.header, N_("Header row: labels (default) or keys"), N_("labels|keys") },
      { "no-bom", 0, 0, G_OPTION_ARG_NONE, &options.no_bom, N_("Write CSV without a byte-order mark"), NULL },
      { "output", 0, 0, G_OPTION_ARG_FILENAME, &options.output, N_("Write to FILE instead of standard output"), N_("FILE") },
      { "compute-index", 0, 0, G_OPTION_ARG_NONE, &options.compute_index, N_("Compute a composite index from CSV files and exit"), NULL },
      { "framework", 0, 0, G_OPTION_ARG_FILENAME, &options.framework, N_("The index framework (code,name,level,parent,direction,weight)"), N_("META.csv") },
      { "data", 0, 0, G_OPTION_ARG_FILENAME, &options.data, N_("Indicator values (uCode[,Time],codes…)"), N_("DATA.csv") },
      { "normalise", 0, 0, G_OPTION_ARG_STRING, &options.normalise, N_("base-year, minmax, zscore or goalposts"), N_("METHOD") },
      { "aggregate", 0, 0, G_OPTION_ARG_STRING, &options.aggregate, N_("amean or gmean"), N_("METHOD") },
      { "base-year", 0, 0, G_OPTION_ARG_INT, &options.base_year, N_("The base year for base-year normalisation"), N_("YEAR") },
      { "sync", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer)parse_sync, N_("Download and import the data pack and exit"), N_("URL") },
      { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &options.screenshot, N_("Save a picture of the window to FILE.png and exit"), N_("FILE") },
      { "page", 0, 0, G_OPTION_ARG_STRING, &options.page, N_("The page to show: overview, index, enterprises or measures"), N_("PAGE") },
      { NULL }
    };

    context = g_option_context_new (NULL);
    g_option_context_set_summary (context, _("Digital trade dashboard of Zhejiang Province"));
    group = g_option_group_new ("digital-trade", _("Digital Trade"), _("Digital Trade options"), &options, NULL);
    g_option_group_add_entries (group, entries);
    g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
    g_option_context_set_main_group (context, group);

    if (!g_option_context_parse_strv (context, argv, error))
      {
        dt_command_line_clear (&options);
        return FALSE;
      }
  }

  *result = options;
  return TRUE;
}

/* Headless runs share the database with each other; while the window has
 * it (its lock is exclusive), the window runs the command for us. */
static int
run_headless (DtCommandLine  *options,
              char          **argv)
{
  g_autofree char *database = NULL;
  gint64 deadline = g_get_monotonic_time () + HAND_OVER_WAIT_US;

  if (!dt_command_line_uses_database (options))
    return dt_command_line_run (options);

  database = dt_command_line_get_database (options);
  for (;;)
    {
      g_autoptr(DtStoreLock) lock = NULL;
      g_autoptr(GError) error = NULL;
      int status = 1;

      lock = dt_store_lock_acquire (database, DT_STORE_LOCK_SHARED, 0, &error);
      if (lock != NULL)
        return dt_command_line_run (options);
      if (!g_error_matches (error, DT_ERROR, DT_ERROR_BUSY))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      g_clear_error (&error);
      if (dt_application_forward_command_line (database, argv, &status, &error))
        return status;
      if (!g_error_matches (error, DT_ERROR, DT_ERROR_FAILED) ||
          g_get_monotonic_time () > deadline)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_usleep (100 * 1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_auto(DtCommandLine) options = { 0 };
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_directory ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* argv stays whole: it is what a running window is handed. */
  args = g_strdupv (argv);
  if (!parse_command_line (&args, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (dt_command_line_is_headless (&options))
    return run_headless (&options, argv);

  app = dt_application_new (options.database, options.screenshot, options.page);
  dt_application_set_parser (app, parse_command_line);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
