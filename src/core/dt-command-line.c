/* dt-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-command-line.h"
#include "dt-data-pack.h"
#include "dt-error.h"
#include "dt-import-file.h"
#include "dt-store.h"

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
  g_autofree char *path = options->database != NULL ? g_strdup (options->database)
                                                     : dt_store_default_path ();

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

int
dt_command_line_run (DtCommandLine *options)
{
  if (options->import_file != NULL)
    return run_import (options);
  if (options->export_what != NULL && options->output != NULL &&
      g_str_has_suffix (options->output, ".json"))
    return run_export_pack (options);

  return 0;
}
