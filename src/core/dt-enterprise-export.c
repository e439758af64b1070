/* dt-enterprise-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-sample-data.h"
#include "dt-enterprise-export.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-store.h"

DtEnterpriseQuery *
dt_enterprise_export_query_from_options (DtCommandLine  *options,
                                         sqlite3        *db,
                                         GError        **error)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();

  if (options->year != 0)
    {
      g_autofree char *year = g_strdup_printf ("%d", options->year);

      if (!dt_enterprise_query_add_filter (query, "year", year, error))
        return NULL;
    }

  for (guint i = 0; options->filters != NULL && options->filters[i] != NULL; i++)
    {
      const char *filter = options->filters[i];
      const char *eq = strchr (filter, '=');
      g_autofree char *key = NULL;
      g_autofree char *raw_value = NULL;
      g_autofree char *value = NULL;

      if (eq == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("--filter=%s: expected KEY=VALUE, e.g. city=hangzhou"), filter);
          return NULL;
        }
      key = g_strstrip (g_strndup (filter, eq - filter));
      raw_value = g_strstrip (g_strdup (eq + 1));
      value = dt_enterprise_query_resolve_value (db, key, raw_value, error);
      if (value == NULL || !dt_enterprise_query_add_filter (query, key, value, error))
        {
          g_prefix_error (error, "--filter=%s: ", filter);
          return NULL;
        }
    }

  if (options->search != NULL)
    dt_enterprise_query_set_search (query, options->search);

  if (options->sort != NULL && !dt_enterprise_query_parse_sort (query, options->sort, error))
    {
      g_prefix_error (error, "--sort=%s: ", options->sort);
      return NULL;
    }

  return g_steal_pointer (&query);
}

int
dt_enterprise_export_run (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtEnterpriseQuery) query = NULL;
  g_autoptr(DtOutput) output = NULL;
  g_autofree char *path = NULL;
  DtEnterpriseHeader header = DT_ENTERPRISE_HEADER_LABELS;

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

  query = dt_enterprise_export_query_from_options (options, dt_store_get_db (store), &error);
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
    if (!dt_enterprise_query_export (query, dt_store_get_db (store), buffered, header,
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
