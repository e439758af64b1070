/* dt-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-command-line.h"
#include "dt-data-pack.h"
#include "dt-enterprise-export.h"
#include "dt-error.h"
#include "dt-index-compute.h"
#include "dt-index-ranking.h"
#include "dt-import-file.h"
#include "dt-measure-export.h"
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
  g_clear_pointer (&options->screenshot, g_free);
  g_clear_pointer (&options->page, g_free);
}

gboolean
dt_command_line_is_headless (DtCommandLine *options)
{
  return options->import_file != NULL ||
         options->export_what != NULL ||
         options->compute_index ||
         options->sync;
}

gboolean
dt_command_line_uses_database (DtCommandLine *options)
{
  return dt_command_line_is_headless (options) && !options->compute_index;
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
  make_absolute (&options->framework, cwd);
  make_absolute (&options->data, cwd);
  make_absolute (&options->screenshot, cwd);
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

  return dt_store_open_with_samples (path, error);
}

static int
run_import (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *kind = NULL;
  guint n_rows = 0;

  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (options->import_file);
  bytes = dt_import_load_file (file, NULL, &error);
  if (bytes == NULL)
    return fail (error);

  if (!dt_import_bytes (store, bytes, options->import_file, options->kind, options->year,
                        NULL, NULL, NULL, &kind, &n_rows, &error))
    return fail (error);

  g_print (_("Imported %u rows of %s from %s into %s\n"), n_rows, kind,
           options->import_file, dt_store_get_path (store));
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
  if (!dt_data_pack_export (store, options->export_what, file, &error))
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

  g_printerr (_("--export=%s: unknown list; expected enterprises, measures or index\n"),
              options->export_what);
  return 1;
}
