/* dt-enterprise-export.c — the query an export of enterprises writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-enterprise-export.h"
#include "dt-error.h"

DtEnterpriseQuery *
dt_enterprise_export_query_new (int                year,
                                const char *const *filters,
                                const char        *search,
                                const char        *sort,
                                sqlite3           *db,
                                GError           **error)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();

  if (year != 0)
    {
      g_autofree char *year_text = g_strdup_printf ("%d", year);

      if (!dt_enterprise_query_add_filter (query, "year", year_text, error))
        return NULL;
    }

  for (guint i = 0; filters != NULL && filters[i] != NULL; i++)
    {
      const char *filter = filters[i];
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

  if (search != NULL)
    dt_enterprise_query_set_search (query, search);

  if (sort != NULL && !dt_enterprise_query_parse_sort (query, sort, error))
    {
      g_prefix_error (error, "--sort=%s: ", sort);
      return NULL;
    }

  return g_steal_pointer (&query);
}
