/* bench-enterprise.c — the measuring half of build-aux/bench.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by meson, never run as a test: the figures depend on the machine.
 *
 *   bench-enterprise generate N FILE.csv        N synthetic listing rows
 *   bench-enterprise load DB FILE.csv           import through DtCsvReader + DtDatasetImport
 *   bench-enterprise latency DB SQL-OUT         per-keystroke timings; writes the same SQL
 *                                               (parameters expanded) for the sqlite3 CLI
 *   bench-enterprise index-latency DB           the same session through DtFacetIndex: build time,
 *                                               memory, count, facets+charts and ordered-ids timings
 *   bench-enterprise export-sql DB              the SQL the export runs, parameters expanded
 *   bench-enterprise scroll DB                  the list model: time to first rows, and per
 *                                               page when jumping to the end and around
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-credit-code.h"
#include "dt-csv-reader.h"
#include "dt-csv-writer.h"
#include "dt-dataset-import.h"
#include "dt-enterprise-list-model.h"
#include "dt-enterprise-query.h"
#include "dt-facet-index.h"
#include "dt-measure-eligibility.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-vocabulary.h"

#define YEARS 5
#define FIRST_YEAR 2024  /* after the sample lists (2021–2023), which stay in the database */

static const struct { const char *zh, *en; } syllables[] = {
  { "观", "Guan" }, { "澄", "Cheng" }, { "若", "Ruo" }, { "禾", "He" }, { "屿", "Yu" },
  { "朗", "Lang" }, { "垣", "Yuan" }, { "晟", "Sheng" }, { "鹭", "Lu" }, { "砚", "Yan" },
  { "知", "Zhi" }, { "桥", "Qiao" }, { "舒", "Shu" }, { "云", "Yun" }, { "远", "Yuan" },
  { "星", "Xing" }, { "海", "Hai" }, { "辰", "Chen" }, { "恒", "Heng" }, { "达", "Da" },
  { "信", "Xin" }, { "诚", "Cheng" }, { "睿", "Rui" }, { "博", "Bo" }, { "华", "Hua" },
  { "泰", "Tai" }, { "安", "An" }, { "新", "Xin" }, { "创", "Chuang" }, { "峰", "Feng" },
  { "明", "Ming" }, { "德", "De" }, { "润", "Run" }, { "宇", "Yu" }, { "鸿", "Hong" },
  { "蓝", "Lan" }, { "智", "Zhi" }, { "汇", "Hui" }, { "欣", "Xin" }, { "卓", "Zhuo" },
};

static const struct { const char *zh, *en; } trades[] = {
  { "数据科技", "Data Technology" }, { "网络科技", "Network Technology" },
  { "信息技术", "Information Technology" }, { "跨境电子商务", "Cross-border E-commerce" },
  { "云服务", "Cloud Services" }, { "物流科技", "Logistics Technology" },
  { "软件", "Software" }, { "通信技术", "Communication Technology" },
  { "大数据服务", "Big Data Services" }, { "数字文化", "Digital Culture" },
};

typedef struct
{
  char *code, *parent, *name_zh;
} Region;

static guint32
mix (guint64 x)
{
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return (guint32)x;
}

static guint64
gcd (guint64 a, guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;
      a = b;
      b = t;
    }
  return a;
}

static int
generate (guint64     n,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dt-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "regions.db", NULL);
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  g_autoptr(GPtrArray) cities = g_ptr_array_new ();
  g_autoptr(GPtrArray) counties = g_ptr_array_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GOutputStream) raw = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(DtCsvWriter) w = NULL;
  const DtTerm *categories, *sectors;
  guint n_categories, n_sectors;
  guint64 per_year = MAX (n / YEARS, 1);
  guint64 n_enterprises = per_year + per_year / 4 + 1;
  sqlite3_stmt *stmt;
  static const char * const keys[] = { "year", "rank", "name_zh", "name_en", "credit_code", "city",
                                       "district", "category", "sector", "trade_volume", "in_ftz", "founded", NULL };

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  stmt = dt_store_prepare (store, "SELECT code, parent, name_zh, level FROM regions WHERE level IN ('city','county') ORDER BY position, code", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Region *r = g_new0 (Region, 1);
      r->code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      r->parent = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      r->name_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      g_ptr_array_add (g_str_equal ((const char *)sqlite3_column_text (stmt, 3), "city") ? cities : counties, r);
    }
  sqlite3_finalize (stmt);
  g_clear_object (&store);

  categories = dt_vocabulary_terms (DT_VOCABULARY_ENTERPRISE_CATEGORY, &n_categories);
  sectors = dt_vocabulary_terms (DT_VOCABULARY_SECTOR, &n_sectors);

  raw = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
  if (raw == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  out = g_buffered_output_stream_new_sized (raw, 1 << 20);
  w = dt_csv_writer_new (out, FALSE);
  for (guint i = 0; keys[i] != NULL; i++)
    dt_csv_writer_add_text (w, keys[i]);
  dt_csv_writer_end_row (w, NULL, NULL);

  for (guint y = 0; y < YEARS; y++)
    {
      /* A bijection of ranks onto enterprises per year: each year lists
       * per_year of the n_enterprises, in a different order. */
      guint64 a = 7919 + 104729 * y;

      while (gcd (a, n_enterprises) != 1)
        a++;

      for (guint64 r = 0; r < per_year && y * per_year + r < n; r++)
        {
          guint64 e = (a * r + 31 * y) % n_enterprises;
          guint32 h = mix (e), h2 = mix (e + 0x9e3779b9), h3 = mix (e * 3 + y);
          /* Hangzhou holds about 40% of the list, as in the province. */
          Region *city = g_ptr_array_index (cities, (h % 10) < 4 ? 0 : (h >> 8) % cities->len);
          Region *district = NULL;
          guint n_match = 0;
          g_autofree char *city_short = NULL;
          g_autofree char *name_zh = NULL;
          g_autofree char *name_en = NULL;
          char code[19];
          static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
          guint s1 = (h >> 4) % G_N_ELEMENTS (syllables), s2 = (h2 >> 3) % G_N_ELEMENTS (syllables);
          guint t = (h2 >> 11) % G_N_ELEMENTS (trades);

          for (guint i = 0; i < counties->len; i++)
            if (g_str_equal (((Region *)g_ptr_array_index (counties, i))->parent, city->code))
              n_match++;
          if (n_match > 0)
            {
              guint pick = (h2 >> 17) % n_match;
              for (guint i = 0; i < counties->len; i++)
                if (g_str_equal (((Region *)g_ptr_array_index (counties, i))->parent, city->code) && pick-- == 0)
                  district = g_ptr_array_index (counties, i);
            }

          city_short = g_strndup (city->name_zh, strlen (city->name_zh) - strlen ("市"));
          name_zh = g_strdup_printf ("%s%s%s%s%s", city_short, syllables[s1].zh, syllables[s2].zh, trades[t].zh,
                                     (h2 % 8) == 0 ? "股份有限公司" : "有限公司");
          name_en = g_strdup_printf ("%c%s %s%s %s Co., Ltd. %" G_GUINT64_FORMAT,
                                     g_ascii_toupper (city->code[0]), city->code + 1,
                                     syllables[s1].en, syllables[s2].en[0] ? syllables[s2].en : "",
                                     trades[t].en, e);
          /* 91 + 3301xx + 9 characters from the enterprise number + check. */
          code[0] = '9';
          code[1] = '1';
          memcpy (code + 2, "330100", 6);
          {
            guint64 v = e * 2654435761ULL + 12345;
            for (int i = 8; i < 17; i++)
              {
                code[i] = alphabet[v % 31];
                v /= 31;
              }
          }
          code[17] = '\0';
          code[17] = dt_credit_code_check_character (code);
          code[18] = '\0';

          dt_csv_writer_add_int (w, FIRST_YEAR + y);
          dt_csv_writer_add_int (w, (gint64)r + 1);
          dt_csv_writer_add_text (w, name_zh);
          dt_csv_writer_add_text (w, name_en);
          dt_csv_writer_add_text (w, code);
          dt_csv_writer_add_text (w, city->code);
          if (district != NULL)
            dt_csv_writer_add_text (w, district->code);
          else
            dt_csv_writer_add_empty (w);
          dt_csv_writer_add_text (w, categories[(h >> 13) % n_categories].key);
          dt_csv_writer_add_text (w, sectors[(h >> 19) % n_sectors].key);
          dt_csv_writer_add_double (w, round (1e6 / (1.0 + r * 0.01) * (0.8 + (h3 % 400) / 1000.0)) / 10.0);
          dt_csv_writer_add_int (w, district != NULL && g_str_equal (district->code, "hangzhou.binjiang") && (h3 % 5) != 0);
          dt_csv_writer_add_int (w, 1990 + (h % 33));
          if (!dt_csv_writer_end_row (w, NULL, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
        }
    }

  if (!dt_csv_writer_flush (w, NULL, &error) || !g_output_stream_close (out, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_remove (db_path);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }
  return 0;
}

static int
load (const char *db_path,
      const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (db_path, &error);
  g_autoptr(DtCsvReader) reader = NULL;
  g_autoptr(DtDatasetImport) import = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  DtDatasetInfo info = { "bench", "enterprises", "Synthetic enterprises (benchmark)", NULL,
                         "build-aux/bench.sh", "user", "bench" };
  GPtrArray *row;
  gint64 start = g_get_monotonic_time ();

  if (store == NULL || (reader = dt_csv_reader_new_for_path (csv_path, &error)) == NULL)
    goto fail;
  row = dt_csv_reader_next_row (reader, &error);
  if (row == NULL)
    goto fail;
  header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < row->len; i++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (row, i)));

  if ((import = dt_dataset_import_begin (store, &info, &error)) == NULL)
    goto fail;
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      DtRowInput input = { csv_path, dt_csv_reader_get_line (reader), values, NULL, NULL };

      g_hash_table_remove_all (values);
      for (guint i = 0; i < row->len && i < header->len; i++)
        {
          const char *v = g_ptr_array_index (row, i);
          if (v[0] != '\0')
            g_hash_table_insert (values, g_ptr_array_index (header, i), (gpointer)v);
        }
      if (!dt_dataset_import_add_row (import, &input, &error))
        goto fail;
    }
  if (error != NULL || !dt_dataset_import_commit (import, &error))
    goto fail;

  g_print ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;

fail:
  g_printerr ("%s\n", error != NULL ? error->message : "failed");
  return 1;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, compare_double);
  g_print ("%s median_ms=%.2f p95_ms=%.2f max_ms=%.2f n=%u\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint)ceil (ms->len * 0.95) - 1)),
           g_array_index (ms, double, ms->len - 1), ms->len);
}

static void
write_expanded (FILE         *sql_out,
                sqlite3_stmt *stmt)
{
  char *sql = sqlite3_expanded_sql (stmt);
  fprintf (sql_out, "%s;\n", sql);
  sqlite3_free (sql);
}

/* The query states of a typing session: each word a character at a time
 * on the latest list, then filters picked one after another with a search
 * in place. */
static void
add_states (DtStore   *store,
            GPtrArray *states)
{
  static const char * const words[] = { "杭州若禾", "数据", "ruohe", "913301", NULL };
  int latest = 0;
  g_autofree char *year = NULL;

  {
    sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT max(year) FROM listings", NULL);
    sqlite3_step (stmt);
    latest = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
  }
  year = g_strdup_printf ("%d", latest);

  for (guint w = 0; words[w] != NULL; w++)
    for (const char *p = g_utf8_next_char (words[w]); ; p = g_utf8_next_char (p))
      {
        DtEnterpriseQuery *q = dt_enterprise_query_new ();
        g_autofree char *prefix = g_strndup (words[w], p - words[w]);

        dt_enterprise_query_add_filter (q, "year", year, NULL);
        dt_enterprise_query_set_search (q, prefix);
        g_ptr_array_add (states, q);
        if (*p == '\0')
          break;
      }
  {
    DtEnterpriseQuery *q = dt_enterprise_query_new ();
    dt_enterprise_query_add_filter (q, "year", year, NULL);
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    dt_enterprise_query_add_filter (q, "city", "hangzhou", NULL);
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    dt_enterprise_query_add_filter (q, "category", "data", NULL);
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    dt_enterprise_query_add_filter (q, "city", "ningbo", NULL);
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    dt_enterprise_query_add_filter (q, "in_ftz", "1", NULL);
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    dt_enterprise_query_set_search (q, "数据");
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    dt_enterprise_query_set_sort (q, "trade_volume", TRUE, NULL);
    g_ptr_array_add (states, dt_enterprise_query_copy (q));
    g_object_unref (q);
  }

}

/* What the page does on a keystroke: count the matches, then fetch the
 * first page of rows; the facets and charts follow off the main thread. */
static int
latency (const char *db_path,
         const char *sql_path)
{
  static const char * const facet_keys[] = { "year", "city", "category", "sector", "in_ftz", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (db_path, &error);
  g_autoptr(GArray) keystroke = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) summary = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db;
  FILE *sql_out;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  db = dt_store_get_db (store);
  add_states (store, states);

  sql_out = fopen (sql_path, "w");
  if (sql_out == NULL)
    return 1;
  fprintf (sql_out, ".timer on\n");

  for (guint rep = 0; rep < 3; rep++)
    for (guint i = 0; i < states->len; i++)
      {
        DtEnterpriseQuery *q = g_ptr_array_index (states, i);
        gint64 t0 = g_get_monotonic_time ();
        gint64 n = dt_enterprise_query_count (q, db, NULL);
        gint64 t1 = g_get_monotonic_time ();
        sqlite3_stmt *rows = dt_enterprise_query_prepare_rows (q, db, 200, 0, NULL);
        sqlite3_stmt *count = dt_enterprise_query_prepare_count (q, db, NULL);
        double ms, count_ms = (t1 - t0) / 1000.0, page_ms;
        guint got = 0;

        while (sqlite3_step (rows) == SQLITE_ROW)
          {
            DtEnterpriseRecord r = { 0 };
            dt_enterprise_query_read_record (rows, &r);
            dt_enterprise_record_clear (&r);
            got++;
          }
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        page_ms = ms - count_ms;
        /* The first pass warms the cache and is not counted. */
        if (rep > 0)
          {
            g_array_append_val (keystroke, ms);
            g_array_append_val (counts, count_ms);
            g_array_append_val (pages, page_ms);
          }
        if (rep == 0)
          {
            g_printerr ("  state %2u: search=%s rows=%" G_GINT64_FORMAT " first-page=%u %.1f ms\n", i,
                        dt_enterprise_query_get_search (q) ? dt_enterprise_query_get_search (q) : "-", n, got, ms);
            /* The CLI does the same two statements per keystroke. */
            fprintf (sql_out, "-- keystroke %u\n", i);
            write_expanded (sql_out, count);
            write_expanded (sql_out, rows);
          }
        sqlite3_finalize (rows);
        sqlite3_finalize (count);

        if (rep == 0)
          {
            t0 = g_get_monotonic_time ();
            for (guint k = 0; facet_keys[k] != NULL; k++)
              g_array_unref (dt_enterprise_query_groups (q, db, facet_keys[k], TRUE, NULL));
            g_array_unref (dt_enterprise_query_groups (q, db, "city", FALSE, NULL));
            g_array_unref (dt_enterprise_query_groups (q, db, "category", FALSE, NULL));
            ms = (g_get_monotonic_time () - t0) / 1000.0;
            g_array_append_val (summary, ms);
          }
      }
  fclose (sql_out);

  report ("keystroke", keystroke);
  report ("count", counts);
  report ("first-page", pages);
  report ("facets+charts", summary);
  return 0;
}

static gsize
resident_bytes (void)
{
  g_autofree char *text = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    sscanf (text, "%lu %lu", &size, &resident);
  return (gsize)resident * 4096;
}

/* The same typing session through the facet index: its build, then per
 * state the count (a keystroke), the ordered ids, and the facets and
 * charts as the page's summary asks for them. */
static int
index_latency (const char *db_path)
{
  static const char * const facet_keys[] = { "year", "city", "category", "sector", "in_ftz", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (db_path, &error);
  g_autoptr(DtFacetIndex) index = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) summary = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  gsize rss_before;
  gint64 t0;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  add_states (store, states);

  rss_before = resident_bytes ();
  t0 = g_get_monotonic_time ();
  index = dt_facet_index_new (db_path);
  if (!dt_facet_index_build_sync (index, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("index build_s=%.2f memory_mb=%.1f rss_growth_mb=%.1f\n",
           (g_get_monotonic_time () - t0) / 1e6, dt_facet_index_get_memory (index) / 1048576.0,
           ((double)resident_bytes () - rss_before) / 1048576.0);

  for (guint rep = 0; rep < 3; rep++)
    for (guint i = 0; i < states->len; i++)
      {
        DtEnterpriseQuery *q = g_ptr_array_index (states, i);
        g_autoptr(DtEnterpriseQuery) all = dt_enterprise_query_new ();
        GPtrArray *years = dt_enterprise_query_get_filter (q, "year");
        gint64 n = -1, total = -1;
        double ms;
        GArray *list;

        for (guint y = 0; years != NULL && y < years->len; y++)
          dt_enterprise_query_add_filter (all, "year", g_ptr_array_index (years, y), NULL);

        /* A keystroke: the count of a query the index has not seen. */
        t0 = g_get_monotonic_time ();
        if (!dt_facet_index_count (index, q, &n))
          {
            g_printerr ("the index declined state %u\n", i);
            return 1;
          }
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (counts, ms);

        /* The summary: "N of M", the facets and the charts. */
        t0 = g_get_monotonic_time ();
        dt_facet_index_count (index, q, &n);
        dt_facet_index_count (index, all, &total);
        dt_facet_index_count (index, q, &n);
        for (guint k = 0; facet_keys[k] != NULL; k++)
          g_array_unref (dt_facet_index_groups (index, q, facet_keys[k], TRUE));
        g_array_unref (dt_facet_index_groups (index, q, "city", FALSE));
        g_array_unref (dt_facet_index_groups (index, q, "category", FALSE));
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (summary, ms);

        /* The ordered ids for the table. */
        t0 = g_get_monotonic_time ();
        list = dt_facet_index_query_ids (index, q);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        if (rep > 0)
          g_array_append_val (ids, ms);
        if (rep == 0)
          g_printerr ("  state %2u: search=%s sort=%s rows=%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " ids=%u %.1f ms\n", i,
                      dt_enterprise_query_get_search (q) ? dt_enterprise_query_get_search (q) : "-",
                      dt_enterprise_query_get_sort_key (q), n, total, list->len, ms);
        g_array_unref (list);
      }

  report ("index-count", counts);
  report ("index-facets+charts", summary);
  report ("index-ordered-ids", ids);
  return 0;
}

/* Selecting a measure: the first 50 qualifying enterprises with their
 * reasons, and the verdict counts of the whole list, for each of the 36
 * measures (the page runs both at once, on two threads). */
static int
eligibility (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open_read_only (db_path, &error);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (int pass = 0; pass < 2; pass++)
    for (gint64 no = 1; no <= 36; no++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(GPtrArray) page = dt_measure_eligibility_qualifying (store, no, 0, 0, 50, NULL, &error);
        gint64 middle = g_get_monotonic_time ();
        g_autoptr(DtEligibilitySummary) summary = page != NULL ? dt_measure_eligibility_summarise (store, no, 0, 0, NULL, &error) : NULL;
        double page_ms = (middle - start) / 1000.0;
        double count_ms = (g_get_monotonic_time () - middle) / 1000.0;

        if (summary == NULL)
          {
            g_printerr ("measure %" G_GINT64_FORMAT ": %s\n", no, error->message);
            return 1;
          }
        if (pass > 0)  /* the first pass warms the cache */
          {
            g_array_append_val (first, page_ms);
            g_array_append_val (counts, count_ms);
          }
      }
  report ("eligibility-first-page", first);
  report ("eligibility-counts", counts);
  return 0;
}

/* Runs the main loop until @row's page has arrived; milliseconds taken. */
static double
wait_for_row (DtEnterpriseListModel *model,
              guint                  position)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  while (dt_enterprise_row_get_loading (row))
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* The page's model on a whole database: the snapshot of ids off the main
 * thread, then pages by id, as the view asks for them. */
static int
scroll (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (db_path, &error);
  static const char * const sorts[] = { "rank", "name_zh", "trade_volume:desc", NULL };

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint s = 0; sorts[s] != NULL; s++)
    {
      g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (store);
      g_autoptr(DtEnterpriseQuery) q = dt_enterprise_query_new ();
      g_autoptr(GArray) end = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double snapshot_ms, first_ms;
      guint n;

      dt_enterprise_query_parse_sort (q, sorts[s], NULL);
      dt_enterprise_list_model_set_query (model, q);
      while (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0 &&
             dt_enterprise_list_model_get_loading (model))
        g_main_context_iteration (NULL, TRUE);
      snapshot_ms = (g_get_monotonic_time () - t0) / 1000.0;
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      if (n == 0)
        {
          g_printerr ("no rows\n");
          return 1;
        }
      wait_for_row (model, 0);
      first_ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_print ("scroll sort=%s rows=%u snapshot_ms=%.1f first_rows_ms=%.1f\n",
               sorts[s], n, snapshot_ms, first_ms);

      /* The end, then page by page upwards: each a page not yet fetched. */
      for (guint k = 0; k < 20 && k * DT_ENTERPRISE_PAGE_SIZE < n; k++)
        {
          double ms = wait_for_row (model, n - 1 - k * DT_ENTERPRISE_PAGE_SIZE);
          g_array_append_val (end, ms);
        }
      /* Dragging the scroll bar: anywhere. */
      for (guint k = 0; k < 40; k++)
        {
          double ms = wait_for_row (model, g_random_int_range (0, (gint32)n));
          g_array_append_val (jumps, ms);
        }
      what = g_strdup_printf ("scroll-end-page sort=%s", sorts[s]);
      report (what, end);
      g_free (what);
      what = g_strdup_printf ("scroll-random-page sort=%s", sorts[s]);
      report (what, jumps);
    }

  /* What the end of the list cost before: LIMIT/OFFSET over the sort. */
  {
    g_autoptr(DtEnterpriseQuery) q = dt_enterprise_query_new ();
    gint64 n = dt_enterprise_query_count (q, dt_store_get_db (store), NULL);
    gint64 t0 = g_get_monotonic_time ();
    sqlite3_stmt *stmt = dt_enterprise_query_prepare_rows (q, dt_store_get_db (store), DT_ENTERPRISE_PAGE_SIZE,
                                                           MAX (0, n - DT_ENTERPRISE_PAGE_SIZE), NULL);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      ;
    sqlite3_finalize (stmt);
    g_print ("limit-offset-last-page sort=rank ms=%.1f\n", (g_get_monotonic_time () - t0) / 1000.0);
  }
  return 0;
}

static int
export_sql (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (db_path, &error);
  g_autoptr(DtEnterpriseQuery) q = dt_enterprise_query_new ();
  sqlite3_stmt *stmt;

  if (store == NULL)
    return 1;
  stmt = dt_enterprise_query_prepare_rows (q, dt_store_get_db (store), -1, 0, NULL);
  {
    char *sql = sqlite3_expanded_sql (stmt);
    g_print ("%s;\n", sql);
    sqlite3_free (sql);
  }
  sqlite3_finalize (stmt);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (g_ascii_strtoull (argv[2], NULL, 10), argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "load"))
    return load (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "latency"))
    return latency (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "index-latency"))
    return index_latency (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "export-sql"))
    return export_sql (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "eligibility"))
    return eligibility (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "scroll"))
    return scroll (argv[2]);

  g_printerr ("usage: %s generate N FILE.csv | load DB FILE.csv | latency DB SQL-OUT | index-latency DB | export-sql DB | eligibility DB | scroll DB\n", argv[0]);
  return 2;
}
