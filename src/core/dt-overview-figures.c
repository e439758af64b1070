/* dt-overview-figures.c — what the overview page shows, in one read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

void
dt_overview_figures_free (DtOverviewFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->index_source);
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

static gboolean
read_key_figures (DtStore            *store,
                  DtOverviewFigures  *figures,
                  GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = dt_store_prepare (store,
                           "SELECT year, value, source FROM index_values "
                           "WHERE region = 'ZJ' AND code = (SELECT code FROM index_nodes WHERE parent IS NULL OR parent = '' LIMIT 1) "
                           "AND status = 'published' ORDER BY year DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      figures->has_index = TRUE;
      figures->index_year = sqlite3_column_int (stmt, 0);
      figures->index_value = sqlite3_column_double (stmt, 1);
      figures->index_source = column_text (stmt, 2);
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
                                         "SELECT title, title_zh, source, provenance FROM datasets ORDER BY id",
                                         error);

  if (stmt == NULL)
    return FALSE;
  figures->datasets = g_ptr_array_new_with_free_func (dataset_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtOverviewDataset *dataset = g_new0 (DtOverviewDataset, 1);

      dataset->title = column_text (stmt, 0);
      dataset->title_zh = column_text (stmt, 1);
      dataset->source = column_text (stmt, 2);
      dataset->provenance = column_text (stmt, 3);
      g_ptr_array_add (figures->datasets, dataset);
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
  guint n_statuses = 0, n_categories = 0;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n_statuses);
  dt_vocabulary_terms (DT_VOCABULARY_MEASURE_CATEGORY, &n_categories);
  figures->tracking_counts = g_new0 (guint, n_statuses * n_categories);

  if (!read_key_figures (store, figures, error) ||
      !dt_measure_tracking_count_by_status_and_category (store, figures->tracking_counts, error))
    return NULL;
  figures->follow_ups = dt_measure_tracking_follow_ups_due (store, today, follow_up_days, error);
  if (figures->follow_ups == NULL || !read_datasets (store, figures, error))
    return NULL;

  return g_steal_pointer (&figures);
}
