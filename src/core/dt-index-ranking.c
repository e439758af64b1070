/* dt-index-ranking.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-ranking"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-columns.h"
#include "dt-table-writer.h"
#include "dt-error.h"
#include "dt-index-ranking.h"
#include "dt-output.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

static void
entry_free (gpointer data)
{
  DtIndexRankingEntry *entry = data;

  g_free (entry->region);
  g_free (entry->name_zh);
  g_free (entry->name_en);
  g_free (entry->status);
  g_free (entry->source);
  g_free (entry->source_zh);
  g_free (entry);
}

void
dt_index_ranking_free (DtIndexRanking *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->level);
  g_free (self->province_status);
  g_ptr_array_unref (self->entries);
  g_free (self);
}

static int
by_score (gconstpointer a,
          gconstpointer b)
{
  const DtIndexRankingEntry *x = *(DtIndexRankingEntry * const *)a;
  const DtIndexRankingEntry *y = *(DtIndexRankingEntry * const *)b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return g_strcmp0 (x->region, y->region);
}

/* Competition ranking ("1, 2, 2, 4") over scores sorted best first. */
static void
assign_ranks (double *scores,
              guint  *ranks,
              guint   n)
{
  for (guint i = 0; i < n; i++)
    ranks[i] = (i > 0 && scores[i] == scores[i - 1]) ? ranks[i - 1] : i + 1;
}

int
dt_index_latest_year (DtStore    *store,
                      const char *code)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT max(year) FROM index_values WHERE code = ?1", NULL);
  int year = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    year = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return year;
}

DtIndexRanking *
dt_index_ranking_query (DtStore     *store,
                        const char  *code,
                        int          year,
                        const char  *level,
                        GError     **error)
{
  g_autoptr(DtIndexRanking) self = g_new0 (DtIndexRanking, 1);
  g_autoptr(GHashTable) previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) previous_scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) previous_regions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  double sum = 0;
  int rc;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL && level != NULL, NULL);

  self->code = g_strdup (code);
  self->year = year;
  self->level = g_strdup (level);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->province = NAN;

  stmt = dt_store_prepare (store,
                           "WITH best AS ("
                           "  SELECT v.region, v.year, v.value, v.status, v.source, v.source_zh,"
                           "    row_number () OVER (PARTITION BY v.region, v.year ORDER BY"
                           "      CASE v.status WHEN 'published' THEN 0 WHEN 'computed' THEN 1 ELSE 2 END) AS pick"
                           "  FROM index_values v WHERE v.code = ?1 AND v.year IN (?2, ?2 - 1))"
                           " SELECT b.region, r.name_zh, r.name_en, b.year, b.value, b.status, b.source, r.level, b.source_zh"
                           " FROM best b JOIN regions r ON r.code = b.region"
                           " WHERE b.pick = 1 AND (r.level = ?3 OR r.level = 'province')"
                           " ORDER BY b.value DESC, b.region", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, level, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *region = (const char *)sqlite3_column_text (stmt, 0);
      int row_year = sqlite3_column_int (stmt, 3);
      double value = sqlite3_column_double (stmt, 4);
      gboolean is_province = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 7), "province") == 0 &&
                             g_strcmp0 (level, "province") != 0;

      if (is_province)
        {
          if (row_year == year)
            {
              self->province = value;
              g_free (self->province_status);
              self->province_status = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
            }
          continue;
        }
      if (row_year == year)
        {
          DtIndexRankingEntry *entry = g_new0 (DtIndexRankingEntry, 1);

          entry->region = g_strdup (region);
          entry->name_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
          entry->name_en = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
          entry->score = value;
          entry->status = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
          entry->source = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
          entry->source_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
          entry->previous_score = NAN;
          entry->whatif_score = NAN;
          g_ptr_array_add (self->entries, entry);
          sum += value;
        }
      else
        {
          g_array_append_val (previous_scores, value);
          g_ptr_array_add (previous_regions, g_strdup (region));
        }
    }
  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), "index_values");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  /* Last year's ranks among the regions of the same level. */
  {
    g_autofree guint *ranks = g_new (guint, previous_scores->len + 1);

    assign_ranks ((double *)(gpointer)previous_scores->data, ranks, previous_scores->len);
    for (guint i = 0; i < previous_scores->len; i++)
      {
        guint *rank = g_new (guint, 1);

        *rank = ranks[i];
        g_hash_table_insert (previous, g_strdup (g_ptr_array_index (previous_regions, i)), rank);
      }
  }

  g_ptr_array_sort (self->entries, by_score);
  for (guint i = 0; i < self->entries->len; i++)
    {
      DtIndexRankingEntry *entry = g_ptr_array_index (self->entries, i);
      DtIndexRankingEntry *before = i > 0 ? g_ptr_array_index (self->entries, i - 1) : NULL;
      guint *rank = g_hash_table_lookup (previous, entry->region);

      entry->rank = (before != NULL && before->score == entry->score) ? before->rank : i + 1;
      if (rank != NULL)
        {
          entry->previous_rank = *rank;
          for (guint j = 0; j < previous_regions->len; j++)
            if (g_strcmp0 (g_ptr_array_index (previous_regions, j), entry->region) == 0)
              entry->previous_score = g_array_index (previous_scores, double, j);
        }
    }
  self->average = self->entries->len > 0 ? sum / self->entries->len : NAN;

  return g_steal_pointer (&self);
}

static int
by_whatif (gconstpointer a,
           gconstpointer b)
{
  const DtIndexRankingEntry *x = *(DtIndexRankingEntry * const *)a;
  const DtIndexRankingEntry *y = *(DtIndexRankingEntry * const *)b;

  if (isnan (x->whatif_score) != isnan (y->whatif_score))
    return isnan (x->whatif_score) ? 1 : -1;
  if (x->whatif_score != y->whatif_score)
    return x->whatif_score > y->whatif_score ? -1 : 1;
  return g_strcmp0 (x->region, y->region);
}

void
dt_index_ranking_rank_whatif (DtIndexRanking *self)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->entries, i));
  g_ptr_array_sort (order, by_whatif);
  for (guint i = 0; i < order->len; i++)
    {
      DtIndexRankingEntry *entry = g_ptr_array_index (order, i);
      DtIndexRankingEntry *before = i > 0 ? g_ptr_array_index (order, i - 1) : NULL;

      if (isnan (entry->whatif_score))
        entry->whatif_rank = 0;
      else
        entry->whatif_rank = (before != NULL && before->whatif_score == entry->whatif_score) ? before->whatif_rank : i + 1;
    }
  self->has_whatif = TRUE;
}

gboolean
dt_index_ranking_write_table (DtIndexRanking  *self,
                              GPtrArray       *order,
                              DtTableWriter   *writer,
                              gboolean         header_keys,
                              GError         **error)
{
  guint n_all = 0;
  const DtColumn *columns = dt_columns_for_kind ("ranking", &n_all);
  const DtColumn *status = dt_columns_lookup ("ranking", "status");
  /* The what-if columns come last, and only with a what-if. */
  guint n_columns = self->has_whatif ? n_all : n_all - 2;

  for (guint i = 0; i < n_columns; i++)
    dt_table_writer_add_header (writer, &columns[i], header_keys);
  if (!dt_table_writer_end_row (writer, NULL, error))
    return FALSE;

  if (order == NULL)
    order = self->entries;
  for (guint i = 0; i < order->len; i++)
    {
      DtIndexRankingEntry *entry = g_ptr_array_index (order, i);

      dt_table_writer_add_int (writer, entry->rank);
      dt_table_writer_add_text (writer, entry->region);
      dt_table_writer_add_text (writer, dt_pick_name (entry->name_zh, entry->name_en));
      dt_table_writer_add_double (writer, entry->score);
      dt_table_writer_add_text (writer, dt_columns_value_text (status, entry->status, header_keys));
      dt_table_writer_add_text (writer, header_keys ? entry->source : dt_source_label (entry->source_zh, entry->source));
      if (entry->previous_rank > 0)
        {
          dt_table_writer_add_int (writer, entry->previous_rank);
          dt_table_writer_add_int (writer, (gint64)entry->previous_rank - (gint64)entry->rank);
        }
      else
        {
          dt_table_writer_add_empty (writer);
          dt_table_writer_add_empty (writer);
        }
      dt_table_writer_add_double (writer, self->average);
      if (self->has_whatif)
        {
          dt_table_writer_add_double (writer, entry->whatif_score);
          if (entry->whatif_rank > 0)
            dt_table_writer_add_int (writer, entry->whatif_rank);
          else
            dt_table_writer_add_empty (writer);
        }
      if (!dt_table_writer_end_row (writer, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
dt_index_ranking_write_csv (DtIndexRanking  *self,
                            GPtrArray       *order,
                            GOutputStream   *stream,
                            gboolean         with_bom,
                            gboolean         header_keys,
                            GError         **error)
{
  g_autoptr(DtTableWriter) writer = dt_table_writer_new_csv (stream, with_bom);

  return dt_index_ranking_write_table (self, order, writer, header_keys, error) &&
         dt_table_writer_finish (writer, NULL, error);
}

gboolean
dt_index_ranking_export (DtStore            *store,
                         int                 year,
                         const char * const *filters,
                         gboolean            header_keys,
                         gboolean            with_bom,
                         const char         *output_path,
                         GError            **error)
{
  return dt_index_ranking_export_full (store, year, filters, DT_TABLE_FORMAT_CSV, header_keys, with_bom,
                                       output_path, error);
}

gboolean
dt_index_ranking_export_full (DtStore            *store,
                              int                 year,
                              const char * const *filters,
                              DtTableFormat       format,
                              gboolean            header_keys,
                              gboolean            with_bom,
                              const char         *output_path,
                              GError            **error)
{
  g_autoptr(DtTableWriter) writer = NULL;
  g_autoptr(DtIndexRanking) ranking = NULL;
  g_autoptr(DtOutput) output = NULL;
  const char *code = "OI";
  const char *level = "city";

  for (guint i = 0; filters != NULL && filters[i] != NULL; i++)
    {
      if (g_str_has_prefix (filters[i], "code="))
        code = filters[i] + strlen ("code=");
      else if (g_str_has_prefix (filters[i], "level="))
        level = filters[i] + strlen ("level=");
      else
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("--filter=%s is not a filter of the index; expected code=NODE or level=city|county"),
                       filters[i]);
          return FALSE;
        }
    }
  if (g_strcmp0 (level, "city") != 0 && g_strcmp0 (level, "county") != 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--filter=level=%s is not a level; expected city or county"), level);
      return FALSE;
    }
  if (year == 0)
    year = dt_index_latest_year (store, code);

  ranking = dt_index_ranking_query (store, code, year, level, error);
  if (ranking == NULL)
    return FALSE;
  if (ranking->entries->len == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("The index has no value of “%s” for any %s in %d; expected a node code and a year that the data holds"),
                   code, level, year);
      return FALSE;
    }
  /* Whole or nothing: a full disk must not leave half a table. */
  output = dt_output_open_arg (output_path != NULL ? output_path : "-", NULL, error);
  if (output == NULL)
    return FALSE;
  /* Translators: name of the sheet of an Excel export of the index ranking */
  writer = dt_table_writer_new (dt_output_get_stream (output), format,
                                dt_table_sheet_name (N_("Index ranking")), with_bom, error);
  if (writer == NULL || !dt_index_ranking_write_table (ranking, NULL, writer, header_keys, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }
  if (format == DT_TABLE_FORMAT_XLSX)
    {
      g_autofree char *year_text = g_strdup_printf ("%d", year);
      g_autofree char *query = g_strdup_printf ("code=%s, level=%s", code, level);

      dt_table_writer_add_about (writer, NULL, _("Ranking of the Zhejiang Openness Index"));
      dt_table_writer_add_about (writer, _("Year"), year_text);
      dt_table_writer_add_about (writer, _("Filters"), query);
      dt_table_writer_add_about_sources (writer, dt_store_get_db (store), dt_store_get_path (store), "index");
    }
  if (!dt_table_writer_finish (writer, NULL, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }
  return dt_output_close (output, NULL, error);
}
