/* dt-overview-figures.c — what the overview page shows, in one read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "dt-measure-tracking.h"
#include "dt-overview-figures.h"
#include "dt-vocabulary.h"

static void
dataset_free (gpointer data)
{
  DtOverviewDataset *dataset = data;

  g_free (dataset->title);
  g_free (dataset->title_zh);
  g_free (dataset->source);
  g_free (dataset->provenance);
  g_free (dataset);
}

static void
city_free (gpointer data)
{
  DtOverviewCity *city = data;

  g_free (city->code);
  g_free (city->name_zh);
  g_free (city->name_en);
  g_free (city);
}

static void
enterprise_free (gpointer data)
{
  DtOverviewEnterprise *enterprise = data;

  g_free (enterprise->name_zh);
  g_free (enterprise->name_en);
  g_free (enterprise->city);
  g_free (enterprise->category);
  g_free (enterprise);
}

static void
group_free (gpointer data)
{
  DtOverviewGroup *group = data;

  g_free (group->key);
  g_free (group);
}

void
dt_overview_figures_free (DtOverviewFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->index_source);
  g_free (figures->latest_index_source);
  g_free (figures->list_source);
  g_clear_pointer (&figures->index_trend, g_array_unref);
  g_clear_pointer (&figures->cities, g_ptr_array_unref);
  g_clear_pointer (&figures->leaders, g_ptr_array_unref);
  g_clear_pointer (&figures->list_categories, g_ptr_array_unref);
  g_free (figures->tracking_counts);
  g_clear_pointer (&figures->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&figures->datasets, g_ptr_array_unref);
  g_free (figures);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* A source as the reader's language shows it: column @i holds the English
 * form, the next one the Chinese. */
static char *
source_text (sqlite3_stmt *stmt,
             int           i)
{
  const char *source = (const char *) sqlite3_column_text (stmt, i);

  if (source == NULL)
    return NULL;
  return g_strdup (dt_source_label ((const char *) sqlite3_column_text (stmt, i + 1), source));
}

static gboolean
read_key_figures (DtStore            *store,
                  DtOverviewFigures  *figures,
                  GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = dt_store_prepare (store,
                           "SELECT year, value, source, source_zh FROM index_values "
                           "WHERE region = 'ZJ' AND code = (SELECT code FROM index_nodes WHERE parent IS NULL OR parent = '' ORDER BY position LIMIT 1) "
                           "AND status = 'published' ORDER BY year DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      figures->has_index = TRUE;
      figures->index_year = sqlite3_column_int (stmt, 0);
      figures->index_value = sqlite3_column_double (stmt, 1);
      figures->index_source = source_text (stmt, 2);
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT l.year, count(*), sum(l.trade_volume), max(d.provenance = 'sample') "
                           "FROM listings l JOIN datasets d ON d.id = l.dataset_id "
                           "WHERE l.year = (SELECT max(year) FROM listings)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      figures->has_list = TRUE;
      figures->list_year = sqlite3_column_int (stmt, 0);
      figures->list_count = sqlite3_column_int (stmt, 1);
      figures->list_volume = sqlite3_column_double (stmt, 2);
      figures->list_sample = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT count(*), sum(coalesce(t.status, 'not-started') = 'in-effect') "
                           "FROM measures m LEFT JOIN measure_tracking t USING (no)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      figures->measures = sqlite3_column_int (stmt, 0);
      figures->measures_in_effect = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
read_datasets (DtStore            *store,
               DtOverviewFigures  *figures,
               GError            **error)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT title, title_zh, source, source_zh, provenance FROM datasets ORDER BY id",
                                         error);

  if (stmt == NULL)
    return FALSE;
  figures->datasets = g_ptr_array_new_with_free_func (dataset_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewDataset *dataset = g_new0 (DtOverviewDataset, 1);

      dataset->title = column_text (stmt, 0);
      dataset->title_zh = column_text (stmt, 1);
      dataset->source = source_text (stmt, 2);
      dataset->provenance = column_text (stmt, 4);
      g_ptr_array_add (figures->datasets, dataset);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Published values first, then computed, then imputed: what the index
 * page shows as the best value of a cell. */
#define STATUS_ORDER "CASE status WHEN 'published' THEN 0 WHEN 'computed' THEN 1 ELSE 2 END"

static char *
root_code (DtStore  *store,
           GError  **error)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT code FROM index_nodes WHERE parent IS NULL OR parent = '' "
                                         "ORDER BY position LIMIT 1", error);
  char *code = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = column_text (stmt, 0);
  sqlite3_finalize (stmt);
  return code != NULL ? code : g_strdup ("");
}

/* The province's trend, one best value per year. */
static gboolean
read_index_trend (DtStore            *store,
                  const char         *root,
                  DtOverviewFigures  *figures,
                  GError            **error)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT year, value, status = 'published', source, source_zh FROM index_values "
                                         "WHERE region = 'ZJ' AND code = ?1 ORDER BY year, " STATUS_ORDER,
                                         error);
  guint n;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, root, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewIndexPoint point = {
        sqlite3_column_int (stmt, 0), sqlite3_column_double (stmt, 1), sqlite3_column_int (stmt, 2) != 0,
      };

      n = figures->index_trend->len;
      if (n > 0 && g_array_index (figures->index_trend, DtOverviewIndexPoint, n - 1).year == point.year)
        continue;
      g_array_append_val (figures->index_trend, point);
      g_free (figures->latest_index_source);
      figures->latest_index_source = source_text (stmt, 3);
    }
  sqlite3_finalize (stmt);

  n = figures->index_trend->len;
  if (n > 0)
    {
      figures->has_latest_index = TRUE;
      figures->latest_index = g_array_index (figures->index_trend, DtOverviewIndexPoint, n - 1);
    }
  if (n > 1 && g_array_index (figures->index_trend, DtOverviewIndexPoint, n - 2).year == figures->latest_index.year - 1)
    {
      figures->has_previous_index = TRUE;
      figures->previous_index = g_array_index (figures->index_trend, DtOverviewIndexPoint, n - 2);
    }
  return TRUE;
}

static int
by_score_desc (gconstpointer a,
               gconstpointer b)
{
  const DtOverviewCity *x = *(DtOverviewCity * const *)a;
  const DtOverviewCity *y = *(DtOverviewCity * const *)b;

  /* Cities without a score go last, in their stored order. */
  if (isnan (x->score) || isnan (y->score))
    return isnan (x->score) - isnan (y->score);
  return (x->score < y->score) - (x->score > y->score);
}

/* The cities, with their score in the latest year any city has one and
 * their share of the latest list. */
static gboolean
read_cities (DtStore            *store,
             const char         *root,
             DtOverviewFigures  *figures,
             GError            **error)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;

  stmt = dt_store_prepare (store, "SELECT code, name_zh, name_en FROM regions WHERE level = 'city' "
                                  "ORDER BY position, code", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewCity *city = g_new0 (DtOverviewCity, 1);

      city->code = column_text (stmt, 0);
      city->name_zh = column_text (stmt, 1);
      city->name_en = column_text (stmt, 2);
      city->score = NAN;
      g_ptr_array_add (figures->cities, city);
      g_hash_table_insert (by_code, city->code, city);
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT max(v.year) FROM index_values v JOIN regions r ON r.code = v.region "
                           "WHERE r.level = 'city' AND v.code = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, root, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    figures->city_year = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT region, value, status = 'published' FROM index_values "
                           "WHERE code = ?1 AND year = ?2 ORDER BY region, " STATUS_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, root, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, figures->city_year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewCity *city = g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0));

      if (city == NULL || !isnan (city->score))
        continue;
      city->score = sqlite3_column_double (stmt, 1);
      city->published = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store, "SELECT city, count(*), total(trade_volume) FROM listings "
                                  "WHERE year = ?1 GROUP BY city", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, figures->list_year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewCity *city = g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0));

      if (city == NULL)
        continue;
      city->enterprises = sqlite3_column_int (stmt, 1);
      city->volume = sqlite3_column_double (stmt, 2);
    }
  sqlite3_finalize (stmt);

  g_ptr_array_sort (figures->cities, by_score_desc);
  return TRUE;
}

/* The list of the year before, the leading ten and the mix by category. */
static gboolean
read_list (DtStore            *store,
           DtOverviewFigures  *figures,
           GError            **error)
{
  sqlite3_stmt *stmt;

  if (!figures->has_list)
    return TRUE;

  stmt = dt_store_prepare (store,
                           "SELECT count(*), total(trade_volume) FROM listings WHERE year = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, figures->list_year - 1);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    {
      figures->has_previous_list = TRUE;
      figures->previous_list_year = figures->list_year - 1;
      figures->previous_list_count = sqlite3_column_int (stmt, 0);
      figures->previous_list_volume = sqlite3_column_double (stmt, 1);
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT d.source, d.source_zh FROM listings l JOIN datasets d ON d.id = l.dataset_id "
                           "WHERE l.year = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, figures->list_year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    figures->list_source = source_text (stmt, 0);
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT l.rank, e.name_zh, e.name_en, l.city, l.category, l.trade_volume "
                           "FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                           "WHERE l.year = ?1 ORDER BY l.rank LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, figures->list_year);
  sqlite3_bind_int (stmt, 2, DT_OVERVIEW_LEADERS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewEnterprise *enterprise = g_new0 (DtOverviewEnterprise, 1);

      enterprise->rank = sqlite3_column_int (stmt, 0);
      enterprise->name_zh = column_text (stmt, 1);
      enterprise->name_en = column_text (stmt, 2);
      enterprise->city = column_text (stmt, 3);
      enterprise->category = column_text (stmt, 4);
      enterprise->volume = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 5);
      g_ptr_array_add (figures->leaders, enterprise);
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (store,
                           "SELECT category, count(*), total(trade_volume) FROM listings WHERE year = ?1 "
                           "GROUP BY category ORDER BY 2 DESC, 3 DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, figures->list_year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewGroup *group = g_new0 (DtOverviewGroup, 1);

      group->key = column_text (stmt, 0);
      group->count = sqlite3_column_int (stmt, 1);
      group->volume = sqlite3_column_double (stmt, 2);
      g_ptr_array_add (figures->list_categories, group);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

DtOverviewFigures *
dt_overview_figures_compute (DtStore     *store,
                             const char  *today,
                             guint        follow_up_days,
                             GError     **error)
{
  g_autoptr(DtOverviewFigures) figures = g_new0 (DtOverviewFigures, 1);
  g_autofree char *root = NULL;
  guint n_statuses = 0, n_categories = 0;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n_statuses);
  dt_vocabulary_terms (DT_VOCABULARY_MEASURE_CATEGORY, &n_categories);
  figures->tracking_counts = g_new0 (guint, n_statuses * n_categories);
  figures->index_trend = g_array_new (FALSE, FALSE, sizeof (DtOverviewIndexPoint));
  figures->cities = g_ptr_array_new_with_free_func (city_free);
  figures->leaders = g_ptr_array_new_with_free_func (enterprise_free);
  figures->list_categories = g_ptr_array_new_with_free_func (group_free);

  root = root_code (store, error);
  if (root == NULL)
    return NULL;
  if (!read_key_figures (store, figures, error) ||
      !read_index_trend (store, root, figures, error) ||
      !read_list (store, figures, error) ||
      !read_cities (store, root, figures, error) ||
      !dt_measure_tracking_count_by_status_and_category (store, figures->tracking_counts, error))
    return NULL;
  figures->follow_ups = dt_measure_tracking_follow_ups_due (store, today, follow_up_days, error);
  if (figures->follow_ups == NULL || !read_datasets (store, figures, error))
    return NULL;

  return g_steal_pointer (&figures);
}
