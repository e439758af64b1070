/* dt-enterprise-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dt-enterprise-summary.h"

void
dt_enterprise_summary_free (DtEnterpriseSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->facets, g_ptr_array_unref);
  g_clear_pointer (&summary->by_city, g_array_unref);
  g_clear_pointer (&summary->by_category, g_array_unref);
  g_free (summary);
}

static DtEnterpriseSummary *
summary_new (void)
{
  DtEnterpriseSummary *s = g_new0 (DtEnterpriseSummary, 1);

  s->facets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  return s;
}

/* The whole summary from the facet index; NULL when it is not ready (or
 * went away with a rebuild half way) or cannot answer the query. */
static DtEnterpriseSummary *
summary_from_index (DtFacetIndex       *index,
                    DtEnterpriseQuery  *query,
                    DtEnterpriseQuery  *all,
                    const char * const *facet_keys,
                    guint               n_facet_keys)
{
  g_autoptr(DtEnterpriseSummary) s = summary_new ();

  if (index == NULL ||
      !dt_facet_index_count (index, query, &s->count) ||
      !dt_facet_index_count (index, all, &s->total))
    return NULL;

  for (guint i = 0; i < n_facet_keys; i++)
    {
      GArray *groups = dt_facet_index_groups (index, query, facet_keys[i], TRUE);

      if (groups == NULL)
        return NULL;
      g_ptr_array_add (s->facets, groups);
    }
  if ((s->by_city = dt_facet_index_groups (index, query, "city", FALSE)) == NULL ||
      (s->by_category = dt_facet_index_groups (index, query, "category", FALSE)) == NULL)
    return NULL;
  return g_steal_pointer (&s);
}

static DtEnterpriseSummary *
summary_from_sql (sqlite3             *db,
                  DtEnterpriseQuery   *query,
                  DtEnterpriseQuery   *all,
                  const char * const  *facet_keys,
                  guint                n_facet_keys,
                  DtEnterpriseCounted  counted,
                  gpointer             user_data,
                  GError             **error)
{
  g_autoptr(DtEnterpriseSummary) s = summary_new ();

  if ((s->count = dt_enterprise_query_count (query, db, error)) < 0 ||
      (s->total = dt_enterprise_query_count (all, db, error)) < 0)
    return NULL;

  /* The table can show rows now; facets and charts follow. */
  if (counted != NULL)
    counted (s->count, s->total, user_data);

  for (guint i = 0; i < n_facet_keys; i++)
    {
      GArray *groups = dt_enterprise_query_groups (query, db, facet_keys[i], TRUE, error);

      if (groups == NULL)
        return NULL;
      g_ptr_array_add (s->facets, groups);
    }
  if ((s->by_city = dt_enterprise_query_groups (query, db, "city", FALSE, error)) == NULL ||
      (s->by_category = dt_enterprise_query_groups (query, db, "category", FALSE, error)) == NULL)
    return NULL;
  return g_steal_pointer (&s);
}

DtEnterpriseSummary *
dt_enterprise_summary_compute (const char          *db_path,
                               DtEnterpriseQuery   *query,
                               DtFacetIndex        *index,
                               const char * const  *facet_keys,
                               guint                n_facet_keys,
                               DtEnterpriseCounted  counted,
                               gpointer             user_data,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(DtEnterpriseQuery) all = NULL;
  DtEnterpriseSummary *s;
  GPtrArray *years;
  sqlite3 *db;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (query), NULL);

  /* "of N": the lists of the chosen years, before the other filters. */
  all = dt_enterprise_query_new ();
  years = dt_enterprise_query_get_filter (query, "year");
  for (guint i = 0; years != NULL && i < years->len; i++)
    dt_enterprise_query_add_filter (all, "year", g_ptr_array_index (years, i), NULL);

  if ((s = summary_from_index (index, query, all, facet_keys, n_facet_keys)) != NULL)
    return s;

  /* Its own connection: WAL lets it read while the window writes. */
  db = dt_enterprise_query_open_db (db_path, cancellable, error);
  if (db == NULL)
    return NULL;
  /* An interrupted statement fails with G_IO_ERROR_CANCELLED. */
  s = summary_from_sql (db, query, all, facet_keys, n_facet_keys, counted, user_data, error);
  sqlite3_close (db);
  return s;
}
