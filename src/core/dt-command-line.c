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
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *kind = NULL;

  store = open_store (options, &error);
  if (store == NULL)
    return fail (error);

  mapped = g_mapped_file_new (options->import_file, FALSE, &error);
  if (mapped == NULL)
    {
      g_prefix_error (&error, "%s: ", options->import_file);
      return fail (error);
    }
  bytes = g_mapped_file_get_bytes (mapped);

  if (!dt_data_pack_import_bytes (store, bytes, options->import_file, NULL, &kind, &error))
    return fail (error);

  g_print (_("Imported %s into %s\n"), options->import_file, dt_store_get_path (store));
  return 0;
}

int
dt_command_line_run (DtCommandLine *options)
{
  if (options->import_file != NULL)
    return run_import (options);
  if (g_strcmp0 (options->export_what, "enterprises") == 0)
    return dt_enterprise_export_run (options);

  return 0;
}
