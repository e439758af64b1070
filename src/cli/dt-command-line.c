/* dt-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-command-line"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "dt-backup.h"
#include "dt-briefing-data.h"
#include "dt-briefing-render.h"
#include "dt-command-line.h"
#include "dt-data-pack.h"
#include "dt-enterprise-export.h"
#include "dt-enterprise-query.h"
#include "dt-error.h"
#include "dt-import-file.h"
#include "dt-index-attribution.h"
#include "dt-index-compute.h"
#include "dt-index-ranking.h"
#include "dt-index-uncertainty.h"
#include "dt-measure-export.h"
#include "dt-measure-query.h"
#include "dt-enterprise-comparison.h"
#include "dt-output.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-sync.h"
#include "dt-table-writer.h"

void
dt_command_line_clear (DtCommandLine *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_file, g_free);
  g_clear_pointer (&options->kind, g_free);
  g_clear_pointer (&options->export_what, g_free);
  g_clear_pointer (&options->filters, g_strfreev);
  g_clear_pointer (&options->search, g_free);
  g_clear_pointer (&options->sort, g_free);
  g_clear_pointer (&options->header, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->briefing, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->framework, g_free);
  g_clear_pointer (&options->data, g_free);
  g_clear_pointer (&options->normalise, g_free);
  g_clear_pointer (&options->aggregate, g_free);
  g_clear_pointer (&options->region, g_free);
  g_clear_pointer (&options->sync_url, g_free);
  g_clear_pointer (&options->restore, g_free);
  g_clear_pointer (&options->screenshot, g_free);
  g_clear_pointer (&options->page, g_free);
  g_clear_pointer (&options->noise, g_strfreev);
  g_clear_pointer (&options->alternatives, g_strfreev);
  g_clear_pointer (&options->level, g_free);
  g_clear_pointer (&options->compare_years, g_free);
}

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

/* The table fills a struct of its own, copied out at the end. */
gboolean
dt_command_line_parse (char          ***argv,
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
      { "replace-all", 0, 0, G_OPTION_ARG_NONE, &options.replace_all, N_("With --import: replace every row of the kind, not only the years, numbers or codes the file holds"), NULL },
      { "kind", 0, 0, G_OPTION_ARG_STRING, &options.kind, N_("What the imported file holds: enterprises, measures, index or framework"), N_("KIND") },
      { "export", 0, 0, G_OPTION_ARG_STRING, &options.export_what, N_("Export enterprises, measures or index as CSV or Excel and exit"), N_("WHAT") },
      { "year", 0, 0, G_OPTION_ARG_INT, &options.year, N_("Only this list year"), N_("YEAR") },
      { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.filters, N_("Keep rows whose KEY is VALUE (repeatable)"), N_("KEY=VALUE") },
      { "search", 0, 0, G_OPTION_ARG_STRING, &options.search, N_("Keep rows matching TEXT"), N_("TEXT") },
      { "sort", 0, 0, G_OPTION_ARG_STRING, &options.sort, N_("Sort by KEY, descending with :desc"), N_("KEY[:desc]") },
      { "header", 0, 0, G_OPTION_ARG_STRING, &options.header, N_("Header row: labels (default) or keys"), N_("labels|keys") },
      { "no-bom", 0, 0, G_OPTION_ARG_NONE, &options.no_bom, N_("Write CSV without a byte-order mark"), NULL },
      { "output", 0, 0, G_OPTION_ARG_FILENAME, &options.output, N_("Write to FILE instead of standard output; FILE.xlsx writes an Excel workbook"), N_("FILE") },
      { "format", 0, 0, G_OPTION_ARG_STRING, &options.format, N_("With --export: csv or xlsx (default: from the --output file name, else csv)"), N_("FORMAT") },
      { "briefing", 0, 0, G_OPTION_ARG_FILENAME, &options.briefing, N_("Write a PDF briefing of the latest list (or --year, --filter, --search) to FILE and exit"), N_("FILE.pdf") },
      { "compute-index", 0, 0, G_OPTION_ARG_NONE, &options.compute_index, N_("Compute a composite index from CSV files and exit"), NULL },
      { "framework", 0, 0, G_OPTION_ARG_FILENAME, &options.framework, N_("The index framework (code,name,level,parent,direction,weight)"), N_("META.csv") },
      { "data", 0, 0, G_OPTION_ARG_FILENAME, &options.data, N_("Indicator values (uCode[,Time],codes…)"), N_("DATA.csv") },
      { "normalise", 0, 0, G_OPTION_ARG_STRING, &options.normalise, N_("base-year, minmax, zscore or goalposts"), N_("METHOD") },
      { "aggregate", 0, 0, G_OPTION_ARG_STRING, &options.aggregate, N_("amean or gmean"), N_("METHOD") },
      { "base-year", 0, 0, G_OPTION_ARG_INT, &options.base_year, N_("The base year for base-year normalisation"), N_("YEAR") },
      { "uncertainty", 0, 0, G_OPTION_ARG_NONE, &options.uncertainty, N_("Monte Carlo uncertainty of the index ranks; writes uCode[,Time],nominal_score,nominal_rank,median_rank,p5_rank,p95_rank,mean_score,sd_score (ranks: 1 is best; percentiles by the nearest-rank method)"), NULL },
      { "sensitivity", 0, 0, G_OPTION_ARG_NONE, &options.sensitivity, N_("Variance-based sensitivity of the ranks to each uncertain input; writes uCode[,Time],input,first_order,first_order_low,first_order_high,total,total_low,total_high (uCode ALL: the average over the regions; low and high: 95 % bootstrap interval)"), NULL },
      { "noise", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.noise, N_("With --uncertainty or --sensitivity: draw the weights of LEVEL uniformly within ±F of their value (repeatable)"), N_("LEVEL:F") },
      { "alternatives", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.alternatives, N_("Methods to draw from: normalise:minmax,zscore or aggregate:amean,gmean (repeatable)"), N_("WHAT:A,B") },
      { "drop-indicators", 0, 0, G_OPTION_ARG_NONE, &options.drop_indicators, N_("Leave out one indicator at a time (or none) in each run"), NULL },
      { "replications", 0, 0, G_OPTION_ARG_INT, &options.replications, N_("Number of runs (default 1000; for --sensitivity the base sample N, run N × (inputs + 2) times)"), N_("N") },
      { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed, N_("Seed of the random numbers: the same seed gives the same result"), N_("S") },
      { "threads", 0, 0, G_OPTION_ARG_INT, &options.threads, N_("Threads to use (default: every core); the result does not depend on it"), N_("N") },
      { "level", 0, 0, G_OPTION_ARG_STRING, &options.level, N_("With --uncertainty on the stored index: city or county"), N_("LEVEL") },
      { "explain-change", 0, 0, G_OPTION_ARG_NONE, &options.explain_change, N_("Split a region's change of the index between two years over its dimensions and indicators, write it as CSV and exit"), NULL },
      { "region", 0, 0, G_OPTION_ARG_STRING, &options.region, N_("With --explain-change: the region (code, name or GB/T 2260 code)"), N_("REGION") },
      { "from", 0, 0, G_OPTION_ARG_INT, &options.from_year, N_("With --explain-change: the first year"), N_("YEAR") },
      { "to", 0, 0, G_OPTION_ARG_INT, &options.to_year, N_("With --explain-change: the second year"), N_("YEAR") },
      { "sync", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer)parse_sync, N_("Download and import the data pack and exit"), N_("URL") },
      { "backups", 0, 0, G_OPTION_ARG_NONE, &options.backups, N_("List the backups of the database and exit"), NULL },
      { "restore", 0, 0, G_OPTION_ARG_FILENAME, &options.restore, N_("Restore backup N (see --backups) or FILE into the database and exit"), N_("N|FILE") },
      { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &options.screenshot, N_("Save a picture of the window to FILE.png and exit"), N_("FILE") },
      { "compare-years", 0, 0, G_OPTION_ARG_STRING, &options.compare_years, N_("Compare the Top-100 lists of two years (entrants, dropouts, rank changes) as CSV and exit"), N_("Y1,Y2") },
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

gboolean
dt_command_line_is_headless (DtCommandLine *options)
{
  return options->import_file != NULL ||
         options->export_what != NULL ||
         options->briefing != NULL ||
         options->compare_years != NULL ||
         options->compute_index ||
         options->uncertainty || options->sensitivity ||
         options->explain_change ||
         options->sync ||
         options->backups ||
         options->restore != NULL;
}

gboolean
dt_command_line_uses_database (DtCommandLine *options)
{
  return dt_command_line_is_headless (options) && !options->compute_index &&
         !((options->uncertainty || options->sensitivity || options->explain_change) && options->framework != NULL);
}

char *
dt_command_line_get_database (DtCommandLine *options)
{
  return options->database != NULL ? g_strdup (options->database) : dt_store_default_path ();
}

static void
make_absolute (char       **path,
               const char  *cwd)
{
  char *absolute;

  if (*path == NULL || g_path_is_absolute (*path) || g_uri_peek_scheme (*path) != NULL ||
      g_str_equal (*path, "-"))
    return;

  absolute = g_build_filename (cwd, *path, NULL);
  g_free (*path);
  *path = absolute;
}

void
dt_command_line_make_paths_absolute (DtCommandLine *options,
                                     const char    *cwd)
{
  g_return_if_fail (cwd != NULL);

  make_absolute (&options->database, cwd);
  make_absolute (&options->import_file, cwd);
  make_absolute (&options->output, cwd);
  make_absolute (&options->briefing, cwd);
  make_absolute (&options->framework, cwd);
  make_absolute (&options->data, cwd);
  make_absolute (&options->screenshot, cwd);
  /* --restore=N names a backup by number, --restore=FILE a file. */
  if (options->restore != NULL && strspn (options->restore, "0123456789") != strlen (options->restore))
    make_absolute (&options->restore, cwd);
}

static int
fail (GError *error)
{
  g_printerr ("%s\n", error->message);
  return 1;
}

static DtStore *
open_store (DtCommandLine  *options,
            GError        **error)
{
  g_autofree char *path = dt_command_line_get_database (options);

  return dt_sample_data_open (path, error);
}

/* Needs no working database: it is how one finds a way back from a
 * damaged one. */
static int
run_backups (DtCommandLine *options)
{
  g_autofree char *path = dt_command_line_get_database (options);
  g_autofree char *folder = dt_backup_folder (path);
  g_autoptr(GPtrArray) backups = dt_backup_list (path);

  if (backups->len == 0)
    {
      g_print (_("%s has no backups yet; one is made in %s before every import, update and restore\n"),
               path, folder);
      return 0;
    }

  g_print (_("Backups of %s in %s, newest first:\n"), path, folder);
  for (guint i = 0; i < backups->len; i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *when = g_date_time_format (dt_backup_get_time (backup), "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (dt_backup_get_size (backup));

      g_print ("%3u  %s  %10s  %s\n", i + 1, when, size, dt_backup_get_reason_label (backup));
    }
  return 0;
}

static int
run_restore (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autofree char *path = dt_command_line_get_database (options);
  g_autofree char *source = dt_backup_find (path, options->restore, &error);
  g_autofree char *moved = NULL;

  if (source == NULL)
    return fail (error);

  store = dt_store_open (path, &error);
  if (store == NULL && g_error_matches (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE))
    {
      /* A damaged database cannot be backed up; it is kept aside instead. */
      g_clear_error (&error);
      store = dt_backup_recover (path, source, &moved, &error);
      if (store == NULL)
        return fail (error);
      g_print (_("Restored %s into %s. The damaged database was moved to %s\n"), source, path, moved);
      return 0;
    }
  if (store == NULL || !dt_backup_restore (store, source, &error))
    return fail (error);

  g_print (_("Restored %s into %s. The data as it was before is backup 1 (see --backups)\n"), source, path);
  return 0;
}

/* One whole sentence per kind, not the kind's key spliced into one. */
static char *
imported_message (const char *kind,
                  guint       n_rows,
                  const char *file,
                  const char *database)
{
  if (g_strcmp0 (kind, "enterprises") == 0)
    return g_strdup_printf (ngettext ("Imported %u row of the Top-100 lists from %s into %s\n",
                                      "Imported %u rows of the Top-100 lists from %s into %s\n", n_rows),
                            n_rows, file, database);
  if (g_strcmp0 (kind, "measures") == 0)
    return g_strdup_printf (ngettext ("Imported %u measure from %s into %s\n",
                                      "Imported %u measures from %s into %s\n", n_rows),
                            n_rows, file, database);
  if (g_strcmp0 (kind, "index") == 0)
    return g_strdup_printf (ngettext ("Imported %u Openness Index value from %s into %s\n",
                                      "Imported %u Openness Index values from %s into %s\n", n_rows),
                            n_rows, file, database);
  if (g_strcmp0 (kind, "framework") == 0)
    return g_strdup_printf (ngettext ("Imported %u node of the index framework from %s into %s\n",
                                      "Imported %u nodes of the index framework from %s into %s\n", n_rows),
                            n_rows, file, database);
  return g_strdup_printf (ngettext ("Imported %u region from %s into %s\n",
                                    "Imported %u regions from %s into %s\n", n_rows),
                            n_rows, file, database);
}

static int
run_import (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(DtImportPlan) plan = NULL;
  DtImportOptions import_options = {
    .kind = options->kind,
    .year = options->year,
    .flags = options->replace_all ? DT_IMPORT_REPLACE_ALL : DT_IMPORT_NONE,
  };
  guint n_rows = 0;

  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);

  /* Read as a stream: a million-row file never sits in memory whole. */
  file = g_file_new_for_commandline_arg (options->import_file);
  if (!dt_import_file_full (store, file, options->import_file, &import_options,
                            NULL, NULL, NULL, &kind, &n_rows, &plan, &error))
    return fail (error);

  /* The same account of what was added, replaced and kept as the window's
   * import preview gives. */
  summary = dt_import_plan_describe (plan);
  {
    g_autofree char *imported = imported_message (kind, n_rows, options->import_file, dt_store_get_path (store));

    g_print ("%s", imported);
  }
  g_print ("%s\n", summary);
  return 0;
}

/* --export=KIND --output=FILE.json: a data pack (docs/data-pack.md). */
static int
run_export_pack (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GFile) file = NULL;

  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (options->output != NULL ? options->output : "/dev/stdout");
  /* The pack of the index is its values, whichever name asked for it. */
  if (!dt_data_pack_export (store, g_strcmp0 (options->export_what, "index-values") == 0 ? "index" : options->export_what,
                            file, &error))
    return fail (error);
  return 0;
}

/* The address from Preferences, when the settings schema is installed
 * (the command line also runs from a build tree without it). */
static char *
settings_sync_url (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    return NULL;
  settings = g_settings_new (APP_ID);
  return g_settings_get_string (settings, "sync-url");
}

static int
run_sync (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autofree char *url = options->sync_url != NULL ? g_strdup (options->sync_url) : settings_sync_url ();
  g_auto(DtSyncResult) result = { 0 };

  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);

  if (!dt_sync_run (store, url, NULL, NULL, NULL, NULL, &result, &error))
    return fail (error);

  if (result.n_imported == 0)
    g_print (ngettext ("The data is up to date (%u unchanged pack)\n",
                       "The data is up to date (%u unchanged packs)\n", result.n_unchanged),
             result.n_unchanged);
  else
    g_print (ngettext ("Imported %u pack (%u rows); %u unchanged\n",
                       "Imported %u packs (%u rows); %u unchanged\n", result.n_imported),
             result.n_imported, result.n_rows, result.n_unchanged);
  return 0;
}

static int
run_compute_index (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;

  if (!dt_index_compute_files (options->framework, options->data, options->normalise,
                               options->aggregate, options->base_year, options->output,
                               !options->no_bom, &error))
    return fail (error);
  return 0;
}

/* --uncertainty / --sensitivity: on CSV files with --framework and
 * --data, else on the stored index of --year and --level. */
static int
run_uncertainty (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  DtIndexUncertaintySpec spec;
  gboolean on_files = options->framework != NULL || options->data != NULL;

  dt_index_uncertainty_spec_init (&spec);
  /* The stored indicators are scores against 2018 already. */
  if (!on_files)
    spec.normalise = DT_INDEX_NORMALISE_NONE;
  if (!dt_index_methods_parse (options->normalise, options->aggregate, options->base_year,
                               &spec.normalise, &spec.aggregate, &error))
    return fail (error);
  spec.base_year = options->base_year;
  for (guint i = 0; options->noise != NULL && options->noise[i] != NULL; i++)
    if (!dt_index_uncertainty_spec_parse_noise (&spec, options->noise[i], &error))
      return fail (error);
  for (guint i = 0; options->alternatives != NULL && options->alternatives[i] != NULL; i++)
    if (!dt_index_uncertainty_spec_parse_alternatives (&spec, options->alternatives[i], &error))
      return fail (error);
  spec.drop_indicators = options->drop_indicators;
  if (options->replications < 0 || options->threads < 0)
    {
      g_printerr (_("--replications and --threads take a number above 0\n"));
      return 1;
    }
  if (options->replications > 0)
    spec.replications = options->replications;
  spec.seed = (guint64)options->seed;
  spec.n_threads = options->threads;

  if (!on_files)
    {
      store = open_store (options, &error);
      if (store == NULL)
        return fail (error);
    }
  if (!dt_index_uncertainty_command (store, options->framework, options->data, options->year,
                                     options->level, &spec, options->sensitivity,
                                     options->output, !options->no_bom, &error))
    return fail (error);
  return 0;
}

/* The format of a table export: --format, else the --output file's
 * extension, else CSV. PDF is a report of its own, not a table. */
static gboolean
export_format (DtCommandLine *options,
               DtTableFormat *format)
{
  g_autofree char *lower = options->output != NULL ? g_ascii_strdown (options->output, -1) : NULL;

  if (g_strcmp0 (options->format, "pdf") == 0 ||
      (options->format == NULL && lower != NULL && g_str_has_suffix (lower, ".pdf")))
    {
      g_printerr (_("--export=%s: a table is written as CSV or Excel (csv, xlsx), not as PDF; PDF reports are written with --briefing=FILE.pdf\n"),
                  options->export_what);
      return FALSE;
    }
  if (options->format != NULL)
    {
      if (!dt_table_format_parse (options->format, format))
        {
          g_printerr (_("--format=%s: unknown format; expected csv or xlsx\n"), options->format);
          return FALSE;
        }
    }
  else
    *format = dt_table_format_for_name (options->output, DT_TABLE_FORMAT_CSV);

  /* A workbook is a zip file: on a terminal it would be noise. */
  if (*format == DT_TABLE_FORMAT_XLSX && (options->output == NULL || g_str_equal (options->output, "-")) &&
      isatty (STDOUT_FILENO))
    {
      g_printerr (_("--format=xlsx: an Excel workbook is not written to a terminal; give a file with --output=FILE.xlsx\n"));
      return FALSE;
    }
  return TRUE;
}

static const char *
table_sheet_name (const char *kind)
{
  if (g_str_equal (kind, "regions"))
    /* Translators: name of the sheet of an Excel export */
    return dt_table_sheet_name (N_("Regions"));
  if (g_str_equal (kind, "framework"))
    /* Translators: name of the sheet of an Excel export */
    return dt_table_sheet_name (N_("Index framework"));
  /* Translators: name of the sheet of an Excel export */
  return dt_table_sheet_name (N_("Index values"));
}

/* The CSV goes to --output (standard output without it); the sentences
 * go to standard output when the CSV does not. */
static int
run_explain_change (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean to_stdout = options->output == NULL || g_str_equal (options->output, "-");
  gboolean ok;

  if (options->framework != NULL || options->data != NULL)
    ok = dt_index_attribution_explain_files (options->framework, options->data, options->normalise,
                                             options->aggregate, options->base_year, options->region,
                                             options->from_year, options->to_year, options->output,
                                             !options->no_bom, to_stdout ? NULL : &summary, &error);
  else
    {
      g_autoptr(DtStore) store = open_store (options, &error);

      ok = store != NULL &&
           dt_index_attribution_explain_store (store, options->region, options->from_year, options->to_year,
                                               options->output, !options->no_bom,
                                               to_stdout ? NULL : &summary, &error);
    }
  if (!ok)
    return fail (error);
  if (summary != NULL)
    g_print ("%s\n", summary);
  return 0;
}

/* --export=regions|framework|index-values: every row of the kind, as imported. */
static int
run_export_table (DtCommandLine *options,
                  const char    *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = open_store (options, &error);
  g_autoptr(DtOutput) output = NULL;
  g_autoptr(DtTableWriter) writer = NULL;
  DtTableFormat format;

  if (store == NULL)
    return fail (error);
  if (options->header != NULL && !g_str_equal (options->header, "keys") && !g_str_equal (options->header, "labels"))
    {
      g_printerr (_("--header=%s: expected labels or keys\n"), options->header);
      return 1;
    }
  if (!export_format (options, &format))
    return 1;
  output = dt_output_open_arg (options->output != NULL ? options->output : "-", NULL, &error);
  if (output == NULL)
    return fail (error);
  writer = dt_table_writer_new (dt_output_get_stream (output), format, table_sheet_name (kind), !options->no_bom, &error);
  if (writer != NULL &&
      dt_data_pack_write_table (store, kind, writer, g_strcmp0 (options->header, "keys") == 0, NULL, &error))
    {
      dt_table_writer_add_about (writer, NULL, table_sheet_name (kind));
      dt_table_writer_add_about_sources (writer, dt_store_get_db (store), dt_store_get_path (store), kind);
    }
  else
    g_clear_pointer (&writer, dt_table_writer_free);
  if (writer == NULL || !dt_table_writer_finish (writer, NULL, &error))
    {
      dt_output_abandon (output, &error);
      return fail (error);
    }
  if (!dt_output_close (output, NULL, &error))
    return fail (error);
  return 0;
}

static int
run_export_index (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  DtTableFormat format;

  if (!export_format (options, &format))
    return 1;
  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);
  if (!dt_index_ranking_export_full (store, options->year, (const char * const *)options->filters, format,
                                     g_strcmp0 (options->header, "keys") == 0, !options->no_bom,
                                     options->output, &error))
    return fail (error);
  return 0;
}

static int
run_export_enterprises (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtEnterpriseQuery) query = NULL;
  g_autoptr(DtOutput) output = NULL;
  g_autofree char *path = NULL;
  DtEnterpriseHeader header = DT_ENTERPRISE_HEADER_LABELS;
  DtTableFormat format;

  if (!export_format (options, &format))
    return 1;
  if (options->header != NULL)
    {
      if (g_str_equal (options->header, "keys"))
        header = DT_ENTERPRISE_HEADER_KEYS;
      else if (!g_str_equal (options->header, "labels"))
        {
          g_printerr (_("--header=%s: expected labels or keys\n"), options->header);
          return 1;
        }
    }

  path = options->database != NULL ? g_strdup (options->database) : dt_store_default_path ();
  store = dt_sample_data_open (path, &error);
  if (store == NULL)
    goto fail;

  query = dt_enterprise_export_query_new (options->year, (const char *const *)options->filters,
                                         options->search, options->sort,
                                         dt_store_get_db (store), &error);
  if (query == NULL)
    goto fail;

  /* A file is replaced only when the export succeeds; a pipe is written as it goes. */
  output = dt_output_open_arg (options->output != NULL ? options->output : "-", NULL, &error);
  if (output == NULL)
    goto fail;

  /* A large buffer: the writer's rows are small, system calls are not. */
  {
    g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (dt_output_get_stream (output), 256 * 1024);

    g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
    if (!dt_enterprise_export_write (query, dt_store_get_path (store), buffered, format, header,
                                     !options->no_bom, NULL, NULL, NULL, NULL, &error) ||
        !g_output_stream_close (buffered, NULL, &error))
      {
        dt_output_abandon (output, &error);
        goto fail;
      }
  }
  if (!dt_output_close (output, NULL, &error))
    goto fail;

  return 0;

fail:
  g_printerr ("%s\n", error->message);
  return 1;
}

static int
run_export_measures (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autofree char *path = NULL;
  gboolean header_keys = FALSE;
  DtTableFormat format;

  if (!export_format (options, &format))
    return 1;
  if (options->header != NULL && g_strcmp0 (options->header, "labels") != 0)
    {
      if (g_strcmp0 (options->header, "keys") != 0)
        {
          g_printerr (_("--header=%s: expected labels or keys\n"), options->header);
          return 1;
        }
      header_keys = TRUE;
    }

  for (guint i = 0; options->filters != NULL && options->filters[i] != NULL; i++)
    if (!dt_measure_query_parse_filter (query, options->filters[i], &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  if (options->search != NULL)
    dt_measure_query_set_search (query, options->search);
  if (!dt_measure_query_set_sort (query, options->sort, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  path = options->database != NULL ? g_strdup (options->database) : dt_store_default_path ();
  store = dt_sample_data_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!dt_measure_export_to_file_full (store, query, options->output != NULL ? options->output : "-",
                                       format, header_keys, !options->no_bom, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

/* --briefing=FILE.pdf: the briefing on the list of --year (default the
 * latest) that --filter and --search keep, replaced whole or not at all. */
static int
run_briefing (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = open_store (options, &error);
  g_autoptr(DtEnterpriseQuery) query = NULL;
  g_autoptr(DtBriefing) briefing = NULL;
  g_autoptr(DtOutput) output = NULL;

  if (store == NULL)
    return fail (error);
  /* The year is the briefing's own; the query holds the other filters. */
  query = dt_enterprise_export_query_new (0, (const char *const *)options->filters, options->search,
                                         NULL, dt_store_get_db (store), &error);
  if (query == NULL)
    return fail (error);
  briefing = dt_briefing_build (store, query, options->year, NULL, DT_BRIEFING_TOP_N, &error);
  if (briefing == NULL)
    return fail (error);

  output = dt_output_open_arg (options->briefing, NULL, &error);
  if (output == NULL)
    return fail (error);
  if (!dt_briefing_write_pdf (briefing, dt_output_get_stream (output), &error))
    {
      dt_output_abandon (output, &error);
      return fail (error);
    }
  if (!dt_output_close (output, NULL, &error))
    return fail (error);
  return 0;
}

/* --compare-years=Y1,Y2 [--output=FILE.csv] [--header=keys] [--no-bom] */
static int
run_compare_years (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtOutput) output = NULL;
  g_autoptr(DtEnterpriseComparison) comparison = NULL;
  g_auto(GStrv) years = g_strsplit (options->compare_years, ",", -1);
  gint64 year_a = 0, year_b = 0;

  if (g_strv_length (years) != 2 ||
      !g_ascii_string_to_signed (g_strstrip (years[0]), 10, 1900, 2999, &year_a, NULL) ||
      !g_ascii_string_to_signed (g_strstrip (years[1]), 10, 1900, 2999, &year_b, NULL))
    {
      g_printerr (_("--compare-years=%s: expected two list years, e.g. 2022,2023\n"), options->compare_years);
      return 1;
    }
  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);
  comparison = dt_enterprise_comparison_read (store, year_a, year_b, &error);
  if (comparison == NULL)
    return fail (error);
  output = dt_output_open_arg (options->output != NULL ? options->output : "-", NULL, &error);
  if (output == NULL)
    return fail (error);
  if (!dt_enterprise_comparison_write_csv (comparison, dt_output_get_stream (output),
                                           g_strcmp0 (options->header, "keys") == 0, !options->no_bom, &error))
    {
      dt_output_abandon (output, &error);
      return fail (error);
    }
  if (!dt_output_close (output, NULL, &error))
    return fail (error);
  return 0;
}

int
dt_command_line_run (DtCommandLine *options)
{
  if (options->compare_years != NULL)
    return run_compare_years (options);
  if (options->backups)
    return run_backups (options);
  if (options->restore != NULL)
    return run_restore (options);
  if (options->import_file != NULL)
    return run_import (options);
  if (options->briefing != NULL)
    return run_briefing (options);
  if (options->export_what != NULL &&
      (g_strcmp0 (options->format, "json") == 0 ||
       (options->format == NULL && options->output != NULL && g_str_has_suffix (options->output, ".json"))))
    return run_export_pack (options);
  if (options->sync)
    return run_sync (options);
  if (options->compute_index)
    return run_compute_index (options);
  if (options->uncertainty || options->sensitivity)
    return run_uncertainty (options);
  if (options->explain_change)
    return run_explain_change (options);
  if (g_strcmp0 (options->export_what, "index") == 0)
    return run_export_index (options);
  if (g_strcmp0 (options->export_what, "measures") == 0)
    return run_export_measures (options);
  if (g_strcmp0 (options->export_what, "enterprises") == 0)
    return run_export_enterprises (options);
  if (g_strcmp0 (options->export_what, "regions") == 0 || g_strcmp0 (options->export_what, "framework") == 0)
    return run_export_table (options, options->export_what);
  if (g_strcmp0 (options->export_what, "index-values") == 0)
    return run_export_table (options, "index");

  g_printerr (_("--export=%s: unknown list; expected enterprises, measures, index, index-values, framework or regions\n"),
              options->export_what);
  return 1;
}
