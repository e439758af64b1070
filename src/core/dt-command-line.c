/* dt-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-backup.h"
#include "dt-command-line.h"
#include "dt-data-pack.h"
#include "dt-enterprise-export.h"
#include "dt-error.h"
#include "dt-index-compute.h"
#include "dt-index-ranking.h"
#include "dt-import-file.h"
#include "dt-measure-export.h"
#include "dt-output.h"
#include "dt-store.h"
#include "dt-sync.h"

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
  g_clear_pointer (&options->framework, g_free);
  g_clear_pointer (&options->data, g_free);
  g_clear_pointer (&options->normalise, g_free);
  g_clear_pointer (&options->aggregate, g_free);
  g_clear_pointer (&options->sync_url, g_free);
  g_clear_pointer (&options->restore, g_free);
  g_clear_pointer (&options->screenshot, g_free);
  g_clear_pointer (&options->page, g_free);
}

gboolean
dt_command_line_is_headless (DtCommandLine *options)
{
  return options->import_file != NULL ||
         options->export_what != NULL ||
         options->compute_index ||
         options->sync ||
         options->backups ||
         options->restore != NULL;
}

static int
fail (GError *error)
{
  g_printerr ("%s\n", error->message);
  return 1;
}

static char *
database_path (DtCommandLine *options)
{
  return options->database != NULL ? g_strdup (options->database) : dt_store_default_path ();
}

static DtStore *
open_store (DtCommandLine  *options,
            GError        **error)
{
  g_autofree char *path = database_path (options);

  return dt_store_open_with_samples (path, error);
}

/* Needs no working database: it is how one finds a way back from a
 * damaged one. */
static int
run_backups (DtCommandLine *options)
{
  g_autofree char *path = database_path (options);
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
  g_autofree char *path = database_path (options);
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

static int
run_import (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
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

  file = g_file_new_for_commandline_arg (options->import_file);
  bytes = dt_import_load_file (file, NULL, &error);
  if (bytes == NULL)
    return fail (error);

  if (!dt_import_bytes_full (store, bytes, options->import_file, &import_options,
                             NULL, NULL, NULL, &kind, &n_rows, &plan, &error))
    return fail (error);

  /* The same account of what was added, replaced and kept as the window's
   * import preview gives. */
  summary = dt_import_plan_describe (plan);
  g_print (_("Imported %u rows of %s from %s into %s\n"), n_rows, kind,
           options->import_file, dt_store_get_path (store));
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

  file = g_file_new_for_commandline_arg (options->output);
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
    g_print (_("The data is up to date (%u unchanged packs)\n"), result.n_unchanged);
  else
    g_print (_("Imported %u packs (%u rows); %u unchanged\n"),
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

/* --export=regions|framework|index-values: every row of the kind, as imported. */
static int
run_export_table (DtCommandLine *options,
                  const char    *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = open_store (options, &error);
  g_autoptr(DtOutput) output = NULL;

  if (store == NULL)
    return fail (error);
  if (options->header != NULL && !g_str_equal (options->header, "keys") && !g_str_equal (options->header, "labels"))
    {
      g_printerr (_("--header=%s: expected labels or keys\n"), options->header);
      return 1;
    }
  output = dt_output_open_arg (options->output != NULL ? options->output : "-", NULL, &error);
  if (output == NULL)
    return fail (error);
  if (!dt_data_pack_export_csv (store, kind, dt_output_get_stream (output),
                                g_strcmp0 (options->header, "keys") == 0, !options->no_bom, NULL, &error))
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
  g_autoptr(DtStore) store = open_store (options, &error);

  if (store == NULL)
    return fail (error);
  if (!dt_index_ranking_export (store, options->year, (const char * const *)options->filters,
                                g_strcmp0 (options->header, "keys") == 0, !options->no_bom,
                                options->output, &error))
    return fail (error);
  return 0;
}

int
dt_command_line_run (DtCommandLine *options)
{
  if (options->backups)
    return run_backups (options);
  if (options->restore != NULL)
    return run_restore (options);
  if (options->import_file != NULL)
    return run_import (options);
  if (options->export_what != NULL && options->output != NULL &&
      g_str_has_suffix (options->output, ".json"))
    return run_export_pack (options);
  if (options->sync)
    return run_sync (options);
  if (options->compute_index)
    return run_compute_index (options);
  if (g_strcmp0 (options->export_what, "index") == 0)
    return run_export_index (options);
  if (g_strcmp0 (options->export_what, "measures") == 0)
    return dt_measure_export_run_command (options);
  if (g_strcmp0 (options->export_what, "enterprises") == 0)
    return dt_enterprise_export_run (options);
  if (g_strcmp0 (options->export_what, "regions") == 0 || g_strcmp0 (options->export_what, "framework") == 0)
    return run_export_table (options, options->export_what);
  if (g_strcmp0 (options->export_what, "index-values") == 0)
    return run_export_table (options, "index");

  g_printerr (_("--export=%s: unknown list; expected enterprises, measures, index, index-values, framework or regions\n"),
              options->export_what);
  return 1;
}
