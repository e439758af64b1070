/* dt-index-query.c — what the index page reads of the index values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "dt-index-query.h"
#include "dt-vocabulary.h"

/* Published beats computed beats imputed. */
#define BEST_STATUS_ORDER \
  "CASE status WHEN 'published' THEN 0 WHEN 'computed' THEN 1 ELSE 2 END"

void
dt_index_region_free (gpointer data)
{
  DtIndexRegion *region = data;

  if (region == NULL)
    return;
  g_free (region->code);
  g_free (region->name_zh);
  g_free (region->name_en);
  g_free (region->level);
  g_free (region->parent);
  g_free (region);
}

gboolean
dt_index_query_best_value (DtStore     *store,
                           const char  *region,
                           int          year,
                           const char  *code,
                           double      *value,
                           char       **status,
                           char       **source)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);

  stmt = dt_store_prepare (store,
                           "SELECT value, status, source, source_zh FROM index_values"
                           " WHERE region = ?1 AND year = ?2 AND code = ?3"
                           " ORDER BY " BEST_STATUS_ORDER
                           " LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *value = sqlite3_column_double (stmt, 0);
      if (status != NULL)
        *status = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      if (source != NULL)
        *source = g_strdup (dt_source_label ((const char *)sqlite3_column_text (stmt, 3),
                                             (const char *)sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  return found;
}

DtIndexTable *
dt_index_query_indicator_table (DtStore          *store,
                                DtIndexFramework *framework)
{
  g_autoptr(DtIndexTable) table = dt_index_table_new (framework, TRUE, "index_values");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  stmt = dt_store_prepare (store,
                           "SELECT region, year, code, value FROM ("
                           "  SELECT v.region, v.year, v.code, v.value, row_number () OVER ("
                           "    PARTITION BY v.region, v.year, v.code ORDER BY"
                           "    CASE v.status WHEN 'published' THEN 0 WHEN 'computed' THEN 1 ELSE 2 END) AS pick"
                           "  FROM index_values v JOIN index_nodes n ON n.code = v.code AND n.level = 1)"
                           " WHERE pick = 1 ORDER BY region, year", NULL);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *region = (const char *)sqlite3_column_text (stmt, 0);
      int year = sqlite3_column_int (stmt, 1);
      int node = dt_index_framework_lookup (framework, (const char *)sqlite3_column_text (stmt, 2));
      int row = dt_index_table_find_row (table, region, year);

      if (node < 0)
        continue;
      if (row < 0)
        row = dt_index_table_add_row (table, region, year, 0);
      dt_index_table_set_value (table, row, node, sqlite3_column_double (stmt, 3));
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&table);
}

GArray *
dt_index_query_years (DtStore *store)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_STORE (store), years);

  stmt = dt_store_prepare (store, "SELECT DISTINCT year FROM index_values ORDER BY year", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  sqlite3_finalize (stmt);
  return years;
}

int
dt_index_query_ranking_year (DtStore *store)
{
  sqlite3_stmt *stmt;
  int year = 0;

  g_return_val_if_fail (DT_IS_STORE (store), 0);

  stmt = dt_store_prepare (store,
                           "SELECT max(v.year) FROM index_values v JOIN regions r ON r.code = v.region"
                           " WHERE v.status = 'published' AND r.level = 'city' AND v.year <> 2018", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    year = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return year;
}

GPtrArray *
dt_index_query_regions (DtStore *store)
{
  GPtrArray *regions = g_ptr_array_new_with_free_func (dt_index_region_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_STORE (store), regions);

  stmt = dt_store_prepare (store,
                           "SELECT r.code, r.name_zh, r.name_en, r.level, r.parent FROM regions r"
                           " WHERE EXISTS (SELECT 1 FROM index_values v WHERE v.region = r.code)"
                           " ORDER BY CASE r.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, r.position, r.code",
                           NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtIndexRegion *region = g_new0 (DtIndexRegion, 1);

      region->code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      region->name_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      region->name_en = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      region->level = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      region->parent = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      g_ptr_array_add (regions, region);
    }
  sqlite3_finalize (stmt);
  return regions;
}

double *
dt_index_query_trend (DtStore    *store,
                      const char *region,
                      const char *code,
                      const int  *years,
                      guint       n_years)
{
  double *values = g_new (double, MAX (n_years, 1));
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n_years; i++)
    values[i] = NAN;

  g_return_val_if_fail (DT_IS_STORE (store), values);

  stmt = dt_store_prepare (store,
                           "SELECT year, value FROM ("
                           "  SELECT year, value, row_number () OVER (PARTITION BY year ORDER BY "
                           BEST_STATUS_ORDER ") AS pick"
                           "  FROM index_values WHERE region = ?1 AND code = ?2)"
                           " WHERE pick = 1", NULL);
  if (stmt == NULL)
    return values;
  sqlite3_bind_text (stmt, 1, region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      for (guint i = 0; i < n_years; i++)
        if (years[i] == year)
          values[i] = sqlite3_column_double (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return values;
}
