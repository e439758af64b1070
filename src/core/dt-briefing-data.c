/* dt-briefing-data.c — the figures of the printed briefing, gathered as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-briefing-data"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-briefing-data.h"
#include "dt-error.h"
#include "dt-index-query.h"
#include "dt-index-ranking.h"
#include "dt-measure-query.h"
#include "dt-overview-figures.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

/* Follow-ups due within this many days are listed, as on the overview. */
#define FOLLOW_UP_DAYS 30

static void
series_free (gpointer data)
{
  DtBriefingSeries *series = data;

  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

static void
block_free (gpointer data)
{
  DtBriefingBlock *block = data;

  g_free (block->text);
  g_strfreev (block->header);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->unit);
  g_free (block->value_format);
  g_strfreev (block->categories);
  g_clear_pointer (&block->series, g_ptr_array_unref);
  g_free (block);
}

void
dt_briefing_free (DtBriefing *briefing)
{
  if (briefing == NULL)
    return;
  g_free (briefing->title);
  g_free (briefing->footer);
  g_clear_pointer (&briefing->blocks, g_ptr_array_unref);
  g_free (briefing);
}

static DtBriefingBlock *
add_block (DtBriefing          *briefing,
           DtBriefingBlockKind  kind,
           const char          *text)
{
  DtBriefingBlock *block = g_new0 (DtBriefingBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  g_ptr_array_add (briefing->blocks, block);
  return block;
}

/* A table with the NULL-terminated header given; rows are added with add_row(). */
static DtBriefingBlock *
add_table (DtBriefing         *briefing,
           const char         *caption,
           const char * const *header,
           guint32             numeric_columns)
{
  DtBriefingBlock *block = add_block (briefing, DT_BRIEFING_TABLE, caption);

  block->header = g_strdupv ((char **)header);
  block->n_columns = g_strv_length (block->header);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  block->numeric_columns = numeric_columns;
  return block;
}

/* Takes the n_columns strings that follow. */
static void
add_row (DtBriefingBlock *table,
         ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static DtBriefingBlock *
add_chart (DtBriefing *briefing,
           const char *title,
           gboolean    line,
           const char *unit,
           const char *value_format,
           GPtrArray  *categories)
{
  DtBriefingBlock *block = add_block (briefing, DT_BRIEFING_CHART, title);

  block->line = line;
  block->unit = g_strdup (unit);
  block->value_format = g_strdup (value_format);
  g_ptr_array_add (categories, NULL);
  block->categories = g_strdupv ((char **)categories->pdata);
  block->n_categories = categories->len - 1;
  block->series = g_ptr_array_new_with_free_func (series_free);
  return block;
}

static void
add_series (DtBriefingBlock *chart,
            const char      *name,
            double          *values)
{
  DtBriefingSeries *series = g_new0 (DtBriefingSeries, 1);

  series->name = g_strdup (name);
  series->values = values;
  g_ptr_array_add (chart->series, series);
}

static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static char *
format_volume (double volume)
{
  return g_strdup_printf ("%'.1f", volume);
}

/* "+4.7", "-1.2" or "0.0"; a dash when either side is missing. */
static char *
format_change (double now,
               double before)
{
  if (isnan (now) || isnan (before))
    return g_strdup ("—");
  return g_strdup_printf ("%+.1f", now - before);
}

static char *
format_count_change (gint64 now,
                     gint64 before)
{
  return now == before ? g_strdup ("0") : g_strdup_printf ("%+'" G_GINT64_FORMAT, now - before);
}

static char *
format_percent_change (double now,
                       double before)
{
  if (isnan (now) || isnan (before) || before == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%+.1f%%", 100.0 * (now - before) / before);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* The source and provenance of the latest dataset of @kind. */
static char *
dataset_source (DtStore    *store,
                const char *kind)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT source, provenance, source_zh FROM datasets WHERE kind = ?1 ORDER BY id DESC LIMIT 1",
                                         NULL);
  char *source = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    /* TRANSLATORS: a dataset's source, then its provenance (Sample, Official, User) */
    source = g_strdup_printf (_("%s (%s)"),
                              dt_source_label ((const char *)sqlite3_column_text (stmt, 2),
                                               (const char *)sqlite3_column_text (stmt, 0)),
                              dt_vocabulary_label (DT_VOCABULARY_PROVENANCE,
                                                   (const char *)sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return source != NULL ? source : g_strdup ("");
}

/* An index value's own source, or its dataset's where it only says
 * "sample" (the sample pack marks its values so). */
static char *
value_source (DtStore    *store,
              const char *source_zh,
              const char *source)
{
  /* The key, or its label where a query has shown it already. */
  if (dt_str_is_blank (source != NULL ? source : "") || g_str_equal (source, "sample") ||
      g_str_equal (source, dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, "sample")))
    return dataset_source (store, "index");
  return g_strdup (dt_source_label (source_zh, source));
}

/* The root of the index framework (the Openness Index itself) and its name. */
static char *
index_root (DtStore  *store,
            char    **name)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT code, name_zh, name_en FROM index_nodes"
                                         " WHERE parent IS NULL OR parent = '' ORDER BY position, code LIMIT 1",
                                         NULL);
  char *code = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      code = column_text (stmt, 0);
      *name = g_strdup (dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                      (const char *)sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  return code;
}

/* @query limited to list year @year, as a copy. */
static DtEnterpriseQuery *
query_for_year (DtEnterpriseQuery  *query,
                int                 year,
                GError            **error)
{
  g_autoptr(DtEnterpriseQuery) copy = query != NULL ? dt_enterprise_query_copy (query) : dt_enterprise_query_new ();
  g_autofree char *year_text = g_strdup_printf ("%d", year);

  dt_enterprise_query_clear_filter (copy, "year");
  if (!dt_enterprise_query_add_filter (copy, "year", year_text, error) ||
      !dt_enterprise_query_set_sort (copy, "rank", FALSE, error))
    return NULL;
  return g_steal_pointer (&copy);
}

static gboolean
sum_volume (DtEnterpriseQuery  *query,
            sqlite3            *db,
            gint64             *count,
            double             *volume,
            GError            **error)
{
  g_autoptr(GArray) groups = dt_enterprise_query_groups (query, db, "year", FALSE, error);

  if (groups == NULL)
    return FALSE;
  *count = 0;
  *volume = 0;
  for (guint i = 0; i < groups->len; i++)
    {
      DtEnterpriseGroup *group = &g_array_index (groups, DtEnterpriseGroup, i);

      *count += group->count;
      *volume += group->volume;
    }
  return TRUE;
}

/* "City: Hangzhou · Category: Data trade · Search: 云" — what the filter keeps. */
static char *
describe_query (DtEnterpriseQuery *query,
                GHashTable        *region_names)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *keys = dt_enterprise_query_keys ();
  const char *search;

  for (guint k = 0; keys[k] != NULL; k++)
    {
      GPtrArray *values;
      g_autoptr(GString) list = g_string_new (NULL);

      if (g_str_equal (keys[k], "year") || (values = dt_enterprise_query_get_filter (query, keys[k])) == NULL)
        continue;
      for (guint i = 0; i < values->len; i++)
        {
          const char *value = g_ptr_array_index (values, i);
          char **names = g_hash_table_lookup (region_names, value);
          g_autofree char *shown = dt_enterprise_query_format_value (keys[k], value,
                                                                     names != NULL ? names[0] : NULL,
                                                                     names != NULL ? names[1] : NULL);

          if (i > 0)
            g_string_append (list, _(", "));
          g_string_append (list, shown);
        }
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: a filter of the Top-100 list: the column, then its values */
      g_string_append_printf (text, _("%s: %s"), dt_enterprise_query_key_label (keys[k]), list->str);
    }
  search = dt_enterprise_query_get_search (query);
  if (search != NULL && !dt_str_is_blank (search))
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _("Search: “%s”"), search);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_title_page (DtBriefing        *briefing,
                DtStore           *store,
                DtOverviewFigures *figures,
                const char        *today,
                const char        *filter_text)
{
  DtBriefingBlock *title = add_block (briefing, DT_BRIEFING_TITLE, briefing->title);
  DtBriefingBlock *table;

  title->rows = g_ptr_array_new_with_free_func (g_free);
  /* TRANSLATORS: on the briefing's title page; %d is the list year */
  if (briefing->year != 0)
    g_ptr_array_add (title->rows, g_strdup_printf (_("Top-100 list year %d"), briefing->year));
  g_ptr_array_add (title->rows, g_strdup_printf (_("Prepared on %s"), today));
  g_ptr_array_add (title->rows, g_strdup_printf (_("Database: %s"), dt_store_get_path (store)));
  if (filter_text != NULL)
    g_ptr_array_add (title->rows, g_strdup_printf (_("Enterprises shown: %s"), filter_text));

  add_block (briefing, DT_BRIEFING_HEADING, _("Provenance of the data"));
  if (briefing->sample)
    add_block (briefing, DT_BRIEFING_PARAGRAPH,
               _("This briefing contains sample data: fictional figures for demonstration, not official statistics. "
                 "Import the bureau's own files before handing it on."));
  else
    add_block (briefing, DT_BRIEFING_PARAGRAPH,
               _("Every figure comes from the datasets below; published index values carry the source the academy gave."));

  {
    const char *header[] = { _("Dataset"), _("Source"), _("Provenance"), NULL };

    table = add_table (briefing, NULL, header, 0);
  }
  for (guint i = 0; i < figures->datasets->len; i++)
    {
      DtOverviewDataset *dataset = g_ptr_array_index (figures->datasets, i);

      add_row (table, g_strdup (dt_pick_name (dataset->title_zh, dataset->title)),
               g_strdup (dataset->source),
               g_strdup (dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, dataset->provenance)));
    }
}

static gboolean
add_key_figures (DtBriefing         *briefing,
                 DtStore            *store,
                 DtOverviewFigures  *figures,
                 DtEnterpriseQuery  *this_year,
                 DtEnterpriseQuery  *last_year,
                 const char         *index_code,
                 const char         *index_name,
                 int                 index_year,
                 GError            **error)
{
  const char *header[] = { _("Figure"), _("Value"), _("Year on year"), _("Source"), NULL };
  DtBriefingBlock *table;
  sqlite3 *db = dt_store_get_db (store);
  gint64 count = 0, last_count = 0;
  double volume = 0, last_volume = 0;
  g_autofree char *list_source = dataset_source (store, "enterprises");
  g_autofree char *measure_source = dataset_source (store, "measures");

  if (!sum_volume (this_year, db, &count, &volume, error))
    return FALSE;
  if (last_year != NULL && !sum_volume (last_year, db, &last_count, &last_volume, error))
    return FALSE;

  add_block (briefing, DT_BRIEFING_HEADING, _("Key figures"))->new_page = TRUE;
  table = add_table (briefing, NULL, header, 1 << 1 | 1 << 2);

  if (index_code != NULL && index_year != 0)
    {
      double value = NAN, before = NAN;
      g_autofree char *source = NULL;

      if (dt_index_query_best_value (store, "ZJ", index_year, index_code, &value, NULL, &source))
        {
          dt_index_query_best_value (store, "ZJ", index_year - 1, index_code, &before, NULL, NULL);
          add_row (table,
                   /* TRANSLATORS: a key figure: the index's name and its year */
                   g_strdup_printf (_("%s (province), %d"), index_name, index_year),
                   g_strdup_printf ("%.1f", value), format_change (value, before),
                   value_source (store, NULL, source));
        }
    }

  if (briefing->year != 0)
    {
      add_row (table,
               g_strdup_printf (_("Enterprises on the %d list"), briefing->year),
               format_count (count),
               last_year != NULL ? format_count_change (count, last_count) : g_strdup ("—"),
               g_strdup (list_source));
      add_row (table,
               g_strdup_printf (_("Their digital trade volume, %d (10,000 yuan)"), briefing->year),
               format_volume (volume),
               last_year != NULL ? format_percent_change (volume, last_volume) : g_strdup ("—"),
               g_strdup (list_source));
    }
  add_row (table, g_strdup (_("Measures in effect")),
           /* TRANSLATORS: measures in effect, of all measures */
           g_strdup_printf (_("%d of %d"), figures->measures_in_effect, figures->measures),
           g_strdup ("—"), g_strdup (measure_source));

  if (last_year != NULL)
    add_block (briefing, DT_BRIEFING_NOTE,
               _("The list's changes compare the same filter on the year before; volumes change in per cent."));
  else
    add_block (briefing, DT_BRIEFING_NOTE, _("There is no list of the year before to compare with."));
  return TRUE;
}

#define MAX_TREND_LINES 8

typedef struct
{
  DtIndexRegion *region;
  double        *values;
  double         latest;
} RegionTrend;

static int
compare_latest (gconstpointer a,
                gconstpointer b)
{
  double x = ((const RegionTrend *)a)->latest, y = ((const RegionTrend *)b)->latest;

  /* Highest first; regions without a value last. */
  if (isnan (x) || isnan (y))
    return isnan (x) - isnan (y);
  return (x < y) - (x > y);
}

/* The latest year with index values for the cities. */
static int
latest_city_year (DtStore    *store,
                  const char *code)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT max(v.year) FROM index_values v JOIN regions r ON r.code = v.region"
                                         " WHERE r.level = 'city' AND v.code = ?1", NULL);
  int year = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    year = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return year;
}

static void
add_index_section (DtBriefing *briefing,
                   DtStore    *store,
                   const char *index_code,
                   const char *index_name,
                   int         ranking_year)
{
  g_autoptr(GArray) years = dt_index_query_years (store);
  g_autoptr(GPtrArray) regions = dt_index_query_regions (store);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DtIndexRanking) ranking = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GArray) cities = g_array_new (FALSE, FALSE, sizeof (RegionTrend));
  DtBriefingBlock *chart;

  add_block (briefing, DT_BRIEFING_HEADING, _("Openness index"));
  if (index_code == NULL || years->len == 0)
    {
      add_block (briefing, DT_BRIEFING_PARAGRAPH, _("The database holds no index values."));
      return;
    }

  for (guint i = 0; i < years->len; i++)
    g_ptr_array_add (categories, g_strdup_printf ("%d", g_array_index (years, int, i)));
  /* TRANSLATORS: the title of a chart, %s is the index's name */
  title = g_strdup_printf (_("%s: the province and its cities"), index_name);
  chart = add_chart (briefing, title, TRUE, _("points (2018 = 100)"), "%.1f", categories);
  for (guint r = 0; r < regions->len; r++)
    {
      DtIndexRegion *region = g_ptr_array_index (regions, r);
      RegionTrend trend = { region, NULL, NAN };

      if (g_strcmp0 (region->level, "province") != 0 && g_strcmp0 (region->level, "city") != 0)
        continue;
      trend.values = dt_index_query_trend (store, region->code, index_code,
                                           (const int *)(gpointer)years->data, years->len);
      for (guint i = years->len; i > 0 && isnan (trend.latest); i--)
        trend.latest = trend.values[i - 1];
      if (g_strcmp0 (region->level, "province") == 0)
        add_series (chart, dt_pick_name (region->name_zh, region->name_en), trend.values);
      else
        g_array_append_val (cities, trend);
    }
  /* Eight lines stay apart in colour and legend; more would not. */
  g_array_sort (cities, compare_latest);
  for (guint i = 0; i < cities->len; i++)
    {
      RegionTrend *trend = &g_array_index (cities, RegionTrend, i);

      if (chart->series->len < MAX_TREND_LINES)
        add_series (chart, dt_pick_name (trend->region->name_zh, trend->region->name_en),
                    g_steal_pointer (&trend->values));
      g_free (trend->values);
    }
  if (cities->len + 1 > MAX_TREND_LINES)
    {
      g_autofree char *note = g_strdup_printf (ngettext ("The chart shows the province and the %u city with the highest latest score; "
                                                           "the table ranks every city.",
                                                           "The chart shows the province and the %u cities with the highest latest score; "
                                                           "the table ranks every city.", MAX_TREND_LINES - 1),
                                               MAX_TREND_LINES - 1);

      add_block (briefing, DT_BRIEFING_NOTE, note);
    }

  if (ranking_year == 0 || (ranking = dt_index_ranking_query (store, index_code, ranking_year, "city", NULL)) == NULL)
    return;

  {
    const char *header[] = { _("Rank"), _("City"), _("Score"), _("Change in rank"), _("Status"), NULL };
    g_autofree char *caption = g_strdup_printf (_("City ranking, %d"), ranking_year);
    DtBriefingBlock *table = add_table (briefing, caption, header, 1 << 0 | 1 << 2 | 1 << 3);
    g_autoptr(GString) sources = g_string_new (NULL);

    for (guint i = 0; i < ranking->entries->len; i++)
      {
        DtIndexRankingEntry *entry = g_ptr_array_index (ranking->entries, i);
        char *change = entry->previous_rank == 0 ? g_strdup ("—")
                       : format_count_change (entry->previous_rank, entry->rank);

        add_row (table, g_strdup_printf ("%u", entry->rank),
                 g_strdup (dt_pick_name (entry->name_zh, entry->name_en)),
                 g_strdup_printf ("%.1f", entry->score), change,
                 g_strdup (dt_vocabulary_label (DT_VOCABULARY_VALUE_STATUS, entry->status)));
        {
          g_autofree char *source = value_source (store, entry->source_zh, entry->source);

          if (!dt_str_is_blank (source) && strstr (sources->str, source) == NULL)
            g_string_append_printf (sources, "%s%s", sources->len > 0 ? "; " : "", source);
        }
      }
    if (sources->len > 0)
      {
        g_autofree char *note = g_strdup_printf (_("Source: %s"), sources->str);

        add_block (briefing, DT_BRIEFING_NOTE, note);
      }
  }
}

static int
compare_volume (gconstpointer a,
                gconstpointer b)
{
  double x = ((const DtEnterpriseGroup *)a)->volume, y = ((const DtEnterpriseGroup *)b)->volume;

  return (x < y) - (x > y);
}

static gboolean
add_groups_chart (DtBriefing         *briefing,
                  DtEnterpriseQuery  *query,
                  sqlite3            *db,
                  GHashTable         *region_names,
                  const char         *key,
                  const char         *title,
                  GError            **error)
{
  g_autoptr(GArray) groups = dt_enterprise_query_groups (query, db, key, FALSE, error);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *series_name = NULL;
  DtBriefingBlock *chart;
  double *values;

  if (groups == NULL)
    return FALSE;
  if (groups->len == 0)
    return TRUE;
  /* A chart of volumes reads best largest first. */
  g_array_sort (groups, compare_volume);
  values = g_new (double, groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      DtEnterpriseGroup *group = &g_array_index (groups, DtEnterpriseGroup, i);
      char **names = g_hash_table_lookup (region_names, group->value);

      g_ptr_array_add (categories, dt_enterprise_query_format_value (key, group->value,
                                                                     names != NULL ? names[0] : NULL,
                                                                     names != NULL ? names[1] : NULL));
      values[i] = group->volume;
    }
  chart = add_chart (briefing, title, FALSE, _("10,000 yuan"), "%'.0f", categories);
  add_series (chart, _("Digital trade volume"), values);
  return TRUE;
}

static gboolean
add_list_section (DtBriefing         *briefing,
                  DtStore            *store,
                  DtEnterpriseQuery  *query,
                  GHashTable         *region_names,
                  const char         *filter_text,
                  guint               top_n,
                  GError            **error)
{
  sqlite3 *db = dt_store_get_db (store);
  g_autofree char *heading = g_strdup_printf (_("Top-100 list, %d"), briefing->year);
  g_autofree char *summary = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *volume_text = NULL;
  gint64 count = 0;
  double volume = 0;
  sqlite3_stmt *stmt;
  DtBriefingBlock *table;

  if (briefing->year == 0)
    {
      add_block (briefing, DT_BRIEFING_HEADING, _("Top-100 list"))->new_page = TRUE;
      add_block (briefing, DT_BRIEFING_PARAGRAPH, _("The database holds no Top-100 list."));
      return TRUE;
    }
  if (!sum_volume (query, db, &count, &volume, error))
    return FALSE;

  add_block (briefing, DT_BRIEFING_HEADING, heading)->new_page = TRUE;
  volume_text = format_volume (volume);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s: %'d enterprise, with a digital trade volume of %s (10,000 yuan).",
                                          "%s: %'d enterprises, with a digital trade volume of %s (10,000 yuan).",
                                          (gulong)count),
                             filter_text != NULL ? filter_text : _("The whole list"), (int)count, volume_text);
  add_block (briefing, DT_BRIEFING_PARAGRAPH, summary);

  if (!add_groups_chart (briefing, query, db, region_names, "city", _("Digital trade volume by city"), error) ||
      !add_groups_chart (briefing, query, db, region_names, "category", _("Digital trade volume by category"), error))
    return FALSE;

  {
    const char *header[] = { _("Rank"), _("Enterprise"), _("City"), _("Category"), _("Volume (10,000 yuan)"), NULL };

    guint shown = (guint)MIN ((gint64)top_n, count);

    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %u enterprise", "The first %u enterprises", shown),
                               shown);
    table = add_table (briefing, caption, header, 1 << 0 | 1 << 4);
  }
  stmt = dt_enterprise_query_prepare_rows (query, db, top_n, 0, error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtEnterpriseRecord record = { 0 };

      dt_enterprise_query_read_record (stmt, &record);
      add_row (table, g_strdup_printf ("%d", record.rank),
               g_strdup (dt_pick_name (record.name_zh, record.name_en)),
               dt_enterprise_query_format_value ("city", record.city, record.city_zh, record.city_en),
               dt_enterprise_query_format_value ("category", record.category, NULL, NULL),
               isnan (record.trade_volume) ? g_strdup ("—") : format_volume (record.trade_volume));
      dt_enterprise_record_clear (&record);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
add_measures_section (DtBriefing        *briefing,
                      DtStore           *store,
                      DtOverviewFigures *figures,
                      const char        *today)
{
  guint n_statuses = 0, n_categories = 0;
  const DtTerm *statuses = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n_statuses);
  const DtTerm *categories = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_CATEGORY, &n_categories);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree char *caption = NULL;
  DtBriefingBlock *table;
  guint32 numeric = 0;

  add_block (briefing, DT_BRIEFING_HEADING, _("Preferential measures"))->new_page = TRUE;

  g_ptr_array_add (header, (gpointer)_("Category"));
  for (guint s = 0; s < n_statuses; s++)
    {
      g_ptr_array_add (header, (gpointer)dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, statuses[s].key));
      numeric |= 1 << (s + 1);
    }
  g_ptr_array_add (header, (gpointer)_("Total"));
  numeric |= 1 << (n_statuses + 1);
  g_ptr_array_add (header, NULL);
  table = add_table (briefing, _("Implementation status by category"), (const char * const *)header->pdata, numeric);
  for (guint c = 0; c < n_categories; c++)
    {
      char **row = g_new0 (char *, table->n_columns + 1);
      guint total = 0;

      row[0] = g_strdup (dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, categories[c].key));
      for (guint s = 0; s < n_statuses; s++)
        {
          guint n = figures->tracking_counts[s * n_categories + c];

          row[s + 1] = g_strdup_printf ("%u", n);
          total += n;
        }
      row[n_statuses + 1] = g_strdup_printf ("%u", total);
      g_ptr_array_add (table->rows, row);
    }

  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Follow-ups overdue or due within %u day of %s",
                                          "Follow-ups overdue or due within %u days of %s", FOLLOW_UP_DAYS),
                             FOLLOW_UP_DAYS, today);
  if (figures->follow_ups->len == 0)
    {
      add_block (briefing, DT_BRIEFING_PARAGRAPH, caption);
      add_block (briefing, DT_BRIEFING_NOTE, _("None are due."));
      return;
    }
  {
    const char *follow_header[] = { _("No."), _("Measure"), _("Status"), _("Department"), _("Follow-up"), NULL };

    table = add_table (briefing, caption, follow_header, 1 << 0);
  }
  for (guint i = 0; i < figures->follow_ups->len; i++)
    {
      DtMeasure *measure = g_ptr_array_index (figures->follow_ups, i);

      add_row (table, g_strdup_printf ("%" G_GINT64_FORMAT, measure->no),
               g_strdup (dt_pick_name (measure->title_zh, measure->title_en)),
               g_strdup (dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, measure->status)),
               g_strdup (measure->department != NULL ? measure->department : ""),
               g_strdup (measure->follow_up));
    }
}

static gboolean
has_list (DtStore *store,
          int      year)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT 1 FROM listings WHERE year = ?1 LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* "2021, 2022, 2023", for a message. */
static char *
list_years (DtStore *store)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT group_concat(year, ', ') FROM (SELECT DISTINCT year FROM listings ORDER BY year)",
                                         NULL);
  char *text = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    text = column_text (stmt, 0);
  sqlite3_finalize (stmt);
  return text != NULL ? text : g_strdup ("—");
}

DtBriefing *
dt_briefing_build (DtStore            *store,
                   DtEnterpriseQuery  *query,
                   int                 year,
                   const char         *today,
                   guint               top_n,
                   GError            **error)
{
  g_autoptr(DtBriefing) briefing = g_new0 (DtBriefing, 1);
  g_autoptr(DtOverviewFigures) figures = NULL;
  g_autoptr(DtEnterpriseQuery) this_year = NULL;
  g_autoptr(DtEnterpriseQuery) last_year = NULL;
  g_autoptr(GHashTable) region_names = NULL;
  g_autofree char *local_today = NULL;
  g_autofree char *filter_text = NULL;
  g_autofree char *index_name = NULL;
  g_autofree char *index_code = NULL;
  sqlite3 *db;
  int index_year;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  db = dt_store_get_db (store);
  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = local_today = g_date_time_format (now, "%Y-%m-%d");
    }
  if (year == 0 && query != NULL)
    {
      /* The year the page shows, when it shows one. */
      GPtrArray *years = dt_enterprise_query_get_filter (query, "year");

      if (years != NULL && years->len == 1 && strstr (g_ptr_array_index (years, 0), "..") == NULL)
        year = atoi (g_ptr_array_index (years, 0));
    }
  if (year == 0)
    year = dt_enterprise_query_latest_year (db);

  if (year != 0 && !has_list (store, year))
    {
      g_autofree char *years = list_years (store);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("The database holds no Top-100 list of %d; expected one of %s"),
                   year, years);
      return NULL;
    }

  figures = dt_overview_figures_compute (store, today, FOLLOW_UP_DAYS, error);
  if (figures == NULL)
    return NULL;
  this_year = query_for_year (query, year, error);
  if (this_year == NULL)
    return NULL;
  /* The change on the year before only when there was a list that year. */
  if (year > 0)
    {
      g_autoptr(DtEnterpriseQuery) whole = query_for_year (NULL, year - 1, error);

      if (whole == NULL)
        return NULL;
      if (dt_enterprise_query_count (whole, db, NULL) > 0)
        last_year = query_for_year (query, year - 1, error);
    }

  region_names = dt_enterprise_query_region_names (db);
  if (query != NULL)
    filter_text = describe_query (query, region_names);
  index_code = index_root (store, &index_name);
  index_year = index_code != NULL ? dt_index_latest_year (store, index_code) : 0;

  briefing->year = year;
  briefing->sample = dt_store_has_sample_data (store);
  briefing->title = g_strdup (_("Digital Trade Briefing"));
  /* TRANSLATORS: the footer of every page of the briefing; %s is its date */
  briefing->footer = briefing->sample
    ? g_strdup_printf (_("Sample data — fictional figures, not official statistics · Digital Trade Briefing, %s"), today)
    : g_strdup_printf (_("Digital Trade Briefing, %s"), today);
  briefing->blocks = g_ptr_array_new_with_free_func (block_free);

  add_title_page (briefing, store, figures, today, filter_text);
  if (!add_key_figures (briefing, store, figures, this_year, last_year, index_code, index_name,
                        index_year, error))
    return NULL;
  add_index_section (briefing, store, index_code, index_name,
                     index_code != NULL ? latest_city_year (store, index_code) : 0);
  if (!add_list_section (briefing, store, this_year, region_names, filter_text, top_n, error))
    return NULL;
  add_measures_section (briefing, store, figures, today);

  return g_steal_pointer (&briefing);
}

char *
dt_briefing_default_name (DtEnterpriseQuery *query,
                          int                year)
{
  GPtrArray *cities = query != NULL ? dt_enterprise_query_get_filter (query, "city") : NULL;
  GPtrArray *years = query != NULL ? dt_enterprise_query_get_filter (query, "year") : NULL;

  if (years != NULL && years->len == 1 && strstr (g_ptr_array_index (years, 0), "..") == NULL)
    year = atoi (g_ptr_array_index (years, 0));
  if (cities != NULL && cities->len == 1)
    return g_strdup_printf ("briefing-%d-%s.pdf", year, (const char *)g_ptr_array_index (cities, 0));
  return g_strdup_printf ("briefing-%d.pdf", year);
}
