/* test-enterprise-query.c — the one query behind the enterprise table,
 * its facets, its charts and its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-dataset-import.h"
#include "dt-enterprise-export.h"
#include "dt-enterprise-list-model.h"
#include "dt-enterprise-query.h"
#include "dt-enterprise-search.h"
#include "dt-enterprise-summary.h"
#include "dt-facet-index.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
  sqlite3 *db;
  GArray  *all;   /* DtEnterpriseRecord, every row */
} Fixture;

static void
record_array_clear (gpointer data)
{
  dt_enterprise_record_clear (data);
}

static GArray *
read_all (DtEnterpriseQuery *query,
          sqlite3           *db)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (DtEnterpriseRecord));
  sqlite3_stmt *stmt = dt_enterprise_query_prepare_rows (query, db, -1, 0, NULL);

  g_assert_nonnull (stmt);
  g_array_set_clear_func (rows, record_array_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtEnterpriseRecord r = { 0 };

      dt_enterprise_query_read_record (stmt, &r);
      g_array_append_val (rows, r);
    }
  sqlite3_finalize (stmt);
  return rows;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  gboolean samples = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("dt-enterprise-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = samples ? dt_sample_data_open (f->path, &error) : dt_store_open (f->path, &error);
  g_assert_no_error (error);
  f->db = dt_store_get_db (f->store);
  f->all = read_all (query, f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_pointer (&f->all, g_array_unref);
  g_clear_object (&f->store);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  dt_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

/* A small dataset with the awkward cases, inserted through SQL so that the
 * triggers that keep the search index and the rank change run. */
static void
add_awkward_rows (Fixture *f)
{
  exec (f, "INSERT INTO datasets (id, key, kind, title, provenance, imported_at, checksum)"
           " VALUES (1, 'test', 'enterprises', 'test', 'user', '2024-01-01', 'x')");
  exec (f, "INSERT INTO enterprises (id, credit_code, name_zh, name_en, founded, dataset_id) VALUES"
           " (1, '91330100000000001A', '杭州数据科技有限公司', 'Hangzhou Data, \"Big\" Co.', 2001, 1),"
           " (2, '91330100000000002B', '宁波100%增长有限公司', 'Ningbo 100% Growth', 2002, 1),"
           " (3, '91330100000000003C', '温州下划_线有限公司', 'Wenzhou under_score', 2003, 1),"
           " (4, '91330100000000004D', '嘉兴'' OR 1=1 --公司', 'Jiaxing'' OR 1=1 --', 2004, 1),"
           " (5, '91330100000000005E', '=SUM(A1)公司', '-Minus\nNewline', NULL, 1),"
           " (6, '91330100000000006F', '杭 州分开公司', 'Hangzhou apart', 2006, 1)");
  exec (f, "INSERT INTO listings (year, rank, enterprise_id, city, district, category, sector, trade_volume, in_ftz, dataset_id) VALUES"
           " (2022, 1, 1, 'hangzhou', 'hangzhou.binjiang', 'data', 'data-services', 100.5, 1, 1),"
           " (2022, 2, 2, 'ningbo', NULL, 'digital-services', 'software', 90, 0, 1),"
           " (2023, 1, 2, 'ningbo', NULL, 'digital-services', 'software', -12.25, 0, 1),"
           " (2023, 2, 1, 'hangzhou', 'hangzhou.binjiang', 'data', 'data-services', 0.1, 1, 1),"
           " (2023, 3, 3, 'wenzhou', NULL, 'data', 'cloud-computing', 1e6, 0, 1),"
           " (2023, 4, 4, 'jiaxing', NULL, 'cross-border-ecommerce', 'e-commerce-platform', 5, 0, 1),"
           " (2023, 5, 5, 'hangzhou', NULL, 'data', 'gaming', NULL, 0, 1),"
           " (2023, 6, 6, 'hangzhou', NULL, 'data', 'gaming', 7, 0, 1)");
}

static gint64
count (Fixture           *f,
       DtEnterpriseQuery *query)
{
  g_autoptr(GError) error = NULL;
  gint64 n = dt_enterprise_query_count (query, f->db, &error);

  g_assert_no_error (error);
  return n;
}

static char *
record_value (const DtEnterpriseRecord *r,
              const char               *key)
{
  if (g_str_equal (key, "year"))
    return g_strdup_printf ("%d", r->year);
  if (g_str_equal (key, "city"))
    return g_strdup (r->city);
  if (g_str_equal (key, "category"))
    return g_strdup (r->category);
  if (g_str_equal (key, "sector"))
    return g_strdup (r->sector);
  if (g_str_equal (key, "in_ftz"))
    return g_strdup (r->in_ftz ? "1" : "0");
  g_assert_not_reached ();
}

/* Filters as the brute force sees them: same key ORed, keys ANDed. */
static gboolean
record_matches (const DtEnterpriseRecord *r,
                const char * const       *keys,
                const char * const       *values[],
                guint                     mask)
{
  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autofree char *v = NULL;
      gboolean any = FALSE;

      if (!(mask & (1u << k)))
        continue;
      v = record_value (r, keys[k]);
      for (guint j = 0; values[k][j] != NULL; j++)
        if (g_strcmp0 (v, values[k][j]) == 0)
          any = TRUE;
      if (!any)
        return FALSE;
    }
  return TRUE;
}

static void
test_filter_combinations (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const keys[] = { "year", "city", "category", "sector", "in_ftz", NULL };
  static const char * const years[] = { "2023", NULL };
  static const char * const cities[] = { "hangzhou", "ningbo", NULL };
  static const char * const categories[] = { "data", "digital-technology", NULL };
  static const char * const sectors[] = { "data-services", "software", "telecom", NULL };
  static const char * const ftz[] = { "1", NULL };
  const char * const *values[] = { years, cities, categories, sectors, ftz };
  guint n_nonempty = 0;

  g_assert_cmpuint (f->all->len, ==, 300);

  /* Every subset of the five facet keys, with several values for most. */
  for (guint mask = 0; mask < (1u << 5); mask++)
    {
      g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
      gint64 expected = 0;
      g_autoptr(GArray) rows = NULL;

      for (guint k = 0; keys[k] != NULL; k++)
        if (mask & (1u << k))
          for (guint j = 0; values[k][j] != NULL; j++)
            g_assert_true (dt_enterprise_query_add_filter (query, keys[k], values[k][j], NULL));

      for (guint i = 0; i < f->all->len; i++)
        if (record_matches (&g_array_index (f->all, DtEnterpriseRecord, i), keys, values, mask))
          expected++;

      g_assert_cmpint (count (f, query), ==, expected);
      rows = read_all (query, f->db);
      g_assert_cmpint (rows->len, ==, expected);
      for (guint i = 0; i < rows->len; i++)
        g_assert_true (record_matches (&g_array_index (rows, DtEnterpriseRecord, i), keys, values, mask));
      if (expected > 0)
        n_nonempty++;
    }
  /* The test means something only when most combinations select rows. */
  g_assert_cmpuint (n_nonempty, >, 16);
}

static void
test_ranges_and_new (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 expected = 0;

  g_assert_true (dt_enterprise_query_add_filter (query, "rank", "1..10", NULL));
  g_assert_true (dt_enterprise_query_add_filter (query, "rank", "95..", NULL));
  g_assert_true (dt_enterprise_query_add_filter (query, "year", "2022", NULL));
  for (guint i = 0; i < f->all->len; i++)
    {
      DtEnterpriseRecord *r = &g_array_index (f->all, DtEnterpriseRecord, i);
      if (r->year == 2022 && (r->rank <= 10 || r->rank >= 95))
        expected++;
    }
  g_assert_cmpint (expected, ==, 16);
  g_assert_cmpint (count (f, query), ==, expected);

  /* New entries have no rank the year before. */
  dt_enterprise_query_clear_filters (query);
  g_assert_true (dt_enterprise_query_add_filter (query, "rank_change", "new", NULL));
  g_assert_true (dt_enterprise_query_add_filter (query, "year", "2023", NULL));
  rows = read_all (query, f->db);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_false (g_array_index (rows, DtEnterpriseRecord, i).has_prev_rank);

  g_assert_false (dt_enterprise_query_add_filter (query, "rank", "ten", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (dt_enterprise_query_add_filter (query, "colour", "red", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "colour"));
}

static void
test_rank_change (Fixture       *f,
                  gconstpointer  data)
{
  /* Every 2023 row's prev_rank is the same enterprise's 2022 rank. */
  for (guint i = 0; i < f->all->len; i++)
    {
      DtEnterpriseRecord *r = &g_array_index (f->all, DtEnterpriseRecord, i);
      gboolean found = FALSE;

      for (guint j = 0; j < f->all->len; j++)
        {
          DtEnterpriseRecord *p = &g_array_index (f->all, DtEnterpriseRecord, j);
          if (p->enterprise_id == r->enterprise_id && p->year == r->year - 1)
            {
              g_assert_true (r->has_prev_rank);
              g_assert_cmpint (r->prev_rank, ==, p->rank);
              found = TRUE;
            }
        }
      if (!found)
        g_assert_false (r->has_prev_rank);
    }
}

static void
test_resolve_values (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *key, *text, *code; } cases[] = {
    { "city", "hangzhou", "hangzhou" },
    { "city", "杭州", "hangzhou" },
    { "city", "杭州市", "hangzhou" },
    { "city", "HANGZHOU", "hangzhou" },
    { "district", "滨江区", "hangzhou.binjiang" },
    { "category", "数据贸易", "data" },
    { "category", "Data trade", "data" },
    { "sector", "software", "software" },
    { "in_ftz", "yes", "1" },
    { "in_ftz", "否", "0" },
  };
  g_autoptr(GError) error = NULL;
  char *value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = dt_enterprise_query_resolve_value (f->db, cases[i].key, cases[i].text, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, cases[i].code);
    }

  value = dt_enterprise_query_resolve_value (f->db, "city", "Atlantis", &error);
  g_assert_null (value);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static gint64
brute_search (Fixture    *f,
              const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (needle, -1);
  gint64 n = 0;

  for (guint i = 0; i < f->all->len; i++)
    {
      DtEnterpriseRecord *r = &g_array_index (f->all, DtEnterpriseRecord, i);
      g_autofree char *zh = g_ascii_strdown (r->name_zh, -1);
      g_autofree char *en = g_ascii_strdown (r->name_en ? r->name_en : "", -1);
      g_autofree char *code = g_ascii_strdown (r->credit_code ? r->credit_code : "", -1);

      if (strstr (zh, lower) || strstr (en, lower) || strstr (code, lower))
        n++;
    }
  return n;
}

static void
test_search_chinese (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const needles[] = { "杭州", "数据", "杭", "科技有限", "hangzhou", "Data Tech", "9133", "x", NULL };

  for (guint i = 0; needles[i] != NULL; i++)
    {
      g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
      gint64 expected = brute_search (f, needles[i]);

      dt_enterprise_query_set_search (query, needles[i]);
      g_test_message ("search %s: %" G_GINT64_FORMAT, needles[i], expected);
      g_assert_cmpint (count (f, query), ==, expected);
    }

  /* Two-character Chinese queries find rows; the sample has both words. */
  g_assert_cmpint (brute_search (f, "杭州"), >, 0);
  g_assert_cmpint (brute_search (f, "数据"), >, 0);
}

static void
test_search_literal (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *needle; gint64 n; } cases[] = {
    { "' OR 1=1 --", 1 },   /* SQL: only the enterprise named so */
    { "%", 2 },             /* LIKE wildcards: literal */
    { "_", 1 },
    { "100%", 2 },
    { "杭州", 2 },          /* not 杭 州, with a space between */
    { "数据", 2 },
    { "\"", 2 },            /* FTS syntax: literal */
    { "data, \"big\"", 2 },
    { "*", 0 },
    { "under_score", 1 },
    { "under%score", 0 },
  };

  add_awkward_rows (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();

      dt_enterprise_query_set_search (query, cases[i].needle);
      g_test_message ("search %s", cases[i].needle);
      g_assert_cmpint (count (f, query), ==, cases[i].n);
    }
}

static void
test_search_index_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();

  add_awkward_rows (f);
  dt_enterprise_query_set_search (query, "温州");
  g_assert_cmpint (count (f, query), ==, 1);

  /* Renaming and deleting keep the n-gram index in step. */
  exec (f, "UPDATE enterprises SET name_zh = '丽水下划线公司' WHERE id = 3");
  g_assert_cmpint (count (f, query), ==, 0);
  dt_enterprise_query_set_search (query, "丽水");
  g_assert_cmpint (count (f, query), ==, 1);
  exec (f, "DELETE FROM enterprises WHERE id = 3");
  g_assert_cmpint (count (f, query), ==, 0);
}

static gint64
sql_int (Fixture    *f,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
schema_text (Fixture *f)
{
  sqlite3_stmt *stmt = NULL;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  return g_string_free (text, FALSE);
}

/* A large import drops the secondary indexes and insert triggers and builds
 * their content once at the end: the result must be what the triggers give,
 * with the schema exactly as before. */
static void
test_bulk_import (Fixture       *f,
                  gconstpointer  data)
{
  const guint n = 8003;  /* 22,408 rows: past the bulk threshold of 20,000 */
  const DtDatasetInfo info = { "bulk-test", "enterprises", "bulk", NULL, "test", "user", "" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatasetImport) import = NULL;
  g_autofree char *schema_before = schema_text (f);
  g_autofree char *schema_after = NULL;
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;

  import = dt_dataset_import_begin (f->store, &info, &error);
  g_assert_no_error (error);
  /* Enterprise by enterprise, so that some are first written after the
   * switch to bulk writing and others before it. */
  for (guint i = 0; i < n; i++)
    for (guint year = 2022; year <= 2024; year++)
      {
        g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
        DtRowInput row = { "bulk.csv", 0, values, NULL, NULL };

        /* Every fifth enterprise is missing from 2023: no rank change in 2024. */
        if (year == 2023 && i % 5 == 0)
          continue;
        g_hash_table_insert (values, "year", g_strdup_printf ("%u", year));
        g_hash_table_insert (values, "rank", g_strdup_printf ("%u", (i * 7 + year) % n + 1));
        g_hash_table_insert (values, "name_zh", g_strdup_printf ("杭州测试%u数据有限公司", i));
        g_hash_table_insert (values, "city", g_strdup ("hangzhou"));
        dt_dataset_import_add_row (import, &row, &error);
        g_assert_no_error (error);
      }
  dt_dataset_import_commit (import, &error);
  g_assert_no_error (error);

  schema_after = schema_text (f);
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM listings"), ==, 3 * n - (n + 4) / 5);
  g_assert_cmpint (sql_int (f, "SELECT count(prev_rank) FROM listings"), ==, 2 * (n - (n + 4) / 5));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM listings l WHERE prev_rank IS NOT"
                               " (SELECT p.rank FROM listings p"
                               "  WHERE p.enterprise_id = l.enterprise_id AND p.year = l.year - 1)"), ==, 0);

  match = dt_enterprise_search_match ("测试7654数");
  sql = sqlite3_mprintf ("SELECT count(*) FROM enterprise_search WHERE enterprise_search MATCH %Q", match);
  g_assert_cmpint (sql_int (f, sql), ==, 1);
  sqlite3_free (g_steal_pointer (&sql));
  g_free (match);
  match = dt_enterprise_search_match ("杭州");
  sql = sqlite3_mprintf ("SELECT count(*) FROM enterprise_search WHERE enterprise_search MATCH %Q", match);
  g_assert_cmpint (sql_int (f, sql), ==, n);
  sqlite3_free (g_steal_pointer (&sql));
}

static void
test_facets (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GArray) cities = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) chart = NULL;
  gint64 total = 0;

  add_awkward_rows (f);
  dt_enterprise_query_add_filter (query, "year", "2023", NULL);
  dt_enterprise_query_add_filter (query, "city", "hangzhou", NULL);
  dt_enterprise_query_add_filter (query, "category", "data", NULL);

  /* The city facet ignores the city filter but keeps the others. */
  cities = dt_enterprise_query_groups (query, f->db, "city", TRUE, NULL);
  g_assert_nonnull (cities);
  g_assert_cmpuint (cities->len, ==, 2);
  g_assert_cmpstr (g_array_index (cities, DtEnterpriseGroup, 0).value, ==, "hangzhou");
  g_assert_cmpint (g_array_index (cities, DtEnterpriseGroup, 0).count, ==, 3);
  g_assert_cmpstr (g_array_index (cities, DtEnterpriseGroup, 1).value, ==, "wenzhou");
  g_assert_cmpint (g_array_index (cities, DtEnterpriseGroup, 1).count, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (cities, DtEnterpriseGroup, 1).volume, 1e6, 1e-9);

  /* The year facet ignores the year filter. */
  years = dt_enterprise_query_groups (query, f->db, "year", TRUE, NULL);
  g_assert_cmpuint (years->len, ==, 2);
  for (guint i = 0; i < years->len; i++)
    {
      DtEnterpriseGroup *g = &g_array_index (years, DtEnterpriseGroup, i);
      if (g_str_equal (g->value, "2022"))
        g_assert_cmpint (g->count, ==, 1);
      else
        g_assert_cmpint (g->count, ==, 3);
    }

  /* Charts follow every filter: only Hangzhou, summing known volumes. */
  chart = dt_enterprise_query_groups (query, f->db, "city", FALSE, NULL);
  g_assert_cmpuint (chart->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (chart, DtEnterpriseGroup, 0).volume, 7.1, 1e-9);
  for (guint i = 0; i < chart->len; i++)
    total += g_array_index (chart, DtEnterpriseGroup, i).count;
  g_assert_cmpint (total, ==, count (f, query));

  /* A search narrows facets as well. */
  dt_enterprise_query_set_search (query, "数据");
  g_clear_pointer (&cities, g_array_unref);
  cities = dt_enterprise_query_groups (query, f->db, "city", TRUE, NULL);
  g_assert_cmpuint (cities->len, ==, 1);
  g_assert_cmpint (g_array_index (cities, DtEnterpriseGroup, 0).count, ==, 1);
}

static GBytes *
export_bytes (Fixture            *f,
              DtEnterpriseQuery  *query,
              DtEnterpriseHeader  header,
              gboolean            bom)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (dt_enterprise_query_export (query, f->db, out, header, bom, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  g_assert_cmpint (n, ==, count (f, query));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *got = g_strndup (data, len);

  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));
}

static void
test_export_bytes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GBytes) keys = NULL;
  g_autoptr(GBytes) nobom = NULL;

  add_awkward_rows (f);
  dt_enterprise_query_add_filter (query, "year", "2023", NULL);
  dt_enterprise_query_set_sort (query, "trade_volume", TRUE, NULL);

  keys = export_bytes (f, query, DT_ENTERPRISE_HEADER_KEYS, TRUE);
  assert_bytes (keys,
    "\xEF\xBB\xBF"
    "year,rank,name_zh,name_en,credit_code,city,district,category,sector,trade_volume,in_ftz,founded,rank_change\r\n"
    "2023,3,温州下划_线有限公司,Wenzhou under_score,91330100000000003C,wenzhou,,data,cloud-computing,1000000,0,2003,\r\n"
    "2023,6,杭 州分开公司,Hangzhou apart,91330100000000006F,hangzhou,,data,gaming,7,0,2006,\r\n"
    "2023,4,嘉兴' OR 1=1 --公司,Jiaxing' OR 1=1 --,91330100000000004D,jiaxing,,cross-border-ecommerce,e-commerce-platform,5,0,2004,\r\n"
    "2023,2,杭州数据科技有限公司,\"Hangzhou Data, \"\"Big\"\" Co.\",91330100000000001A,hangzhou,hangzhou.binjiang,data,data-services,0.1,1,2001,-1\r\n"
    "2023,1,宁波100%增长有限公司,Ningbo 100% Growth,91330100000000002B,ningbo,,digital-services,software,-12.25,0,2002,1\r\n"
    "2023,5,'=SUM(A1)公司,\"'-Minus\nNewline\",91330100000000005E,hangzhou,,data,gaming,,0,,\r\n");

  dt_enterprise_query_set_search (query, "宁波");
  nobom = export_bytes (f, query, DT_ENTERPRISE_HEADER_KEYS, FALSE);
  assert_bytes (nobom,
    "year,rank,name_zh,name_en,credit_code,city,district,category,sector,trade_volume,in_ftz,founded,rank_change\r\n"
    "2023,1,宁波100%增长有限公司,Ningbo 100% Growth,91330100000000002B,ningbo,,digital-services,software,-12.25,0,2002,1\r\n");
}

static void
test_export_labels (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GBytes) bytes = NULL;
  const char *text;

  dt_enterprise_query_add_filter (query, "year", "2021", NULL);
  dt_enterprise_query_add_filter (query, "rank", "1", NULL);
  bytes = export_bytes (f, query, DT_ENTERPRISE_HEADER_LABELS, TRUE);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFYear,Rank,Enterprise name,"));
  /* Values in the user's language: region names, category labels, Yes/No, New. */
  g_assert_nonnull (strstr (text, ",Hangzhou,Binjiang District,Digital technology trade,Telecommunications,766525.3,No,2000,New\r\n"));
}

/* What the export writes is what the model shows, in the same order. */
static void
test_model_matches_export (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  dt_enterprise_query_add_filter (query, "category", "digital-services", NULL);
  dt_enterprise_query_add_filter (query, "category", "data", NULL);
  dt_enterprise_query_set_sort (query, "trade_volume", TRUE, NULL);
  g_assert_true (dt_enterprise_list_model_load (model, query, &error));
  g_assert_no_error (error);

  rows = read_all (query, f->db);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, rows->len);
  g_assert_cmpuint (n, >, 50);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      const DtEnterpriseRecord *r = dt_enterprise_row_get_record (row);

      g_assert_cmpint (r->listing_id, ==, g_array_index (rows, DtEnterpriseRecord, i).listing_id);
      if (i > 0)
        g_assert_cmpfloat (r->trade_volume, <=, g_array_index (rows, DtEnterpriseRecord, i - 1).trade_volume);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static void
test_model_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  guint n;

  /* 3000 rows: more pages than are cached. */
  exec (f, "INSERT INTO datasets (id, key, kind, title, provenance, imported_at, checksum)"
           " VALUES (1, 'many', 'enterprises', 'many', 'user', '2024-01-01', 'x')");
  exec (f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
           " INSERT INTO enterprises (id, name_zh, dataset_id) SELECT i, '企业' || i, 1 FROM n");
  exec (f, "INSERT INTO listings (year, rank, enterprise_id, city, dataset_id)"
           " SELECT 2024, id, id, 'hangzhou', 1 FROM enterprises");

  g_assert_true (dt_enterprise_list_model_load (model, query, &error));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 3000);
  for (guint i = 0; i < n; i += 7)
    {
      g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (dt_enterprise_row_get_record (row)->rank, ==, i + 1);
    }
  g_assert_cmpuint (dt_enterprise_list_model_get_n_cached_pages (model), <=, DT_ENTERPRISE_PAGES_CACHED);

  /* An index-backed search for one row among thousands. */
  dt_enterprise_query_set_search (query, "企业2999");
  g_assert_cmpint (count (f, query), ==, 1);
}

static void
test_sort_parse (void)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_enterprise_query_parse_sort (query, "trade_volume:desc", NULL));
  g_assert_cmpstr (dt_enterprise_query_get_sort_key (query), ==, "trade_volume");
  g_assert_true (dt_enterprise_query_get_sort_descending (query));
  g_assert_true (dt_enterprise_query_parse_sort (query, "name_zh", NULL));
  g_assert_false (dt_enterprise_query_get_sort_descending (query));
  g_assert_false (dt_enterprise_query_parse_sort (query, "volume", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (dt_enterprise_query_parse_sort (query, "rank:sideways", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static void
test_grams (void)
{
  g_autofree char *grams = dt_enterprise_search_grams ("杭州 AB");
  g_autofree char *m1 = dt_enterprise_search_match ("杭州数据");
  g_autofree char *m2 = dt_enterprise_search_match ("' or 1=1 --");
  g_autofree char *m3 = dt_enterprise_search_match ("%_");

  g_assert_cmpstr (grams, ==, "杭 州 杭州 a b ab");
  g_assert_cmpstr (m1, ==, "\"杭州\" AND \"州数\" AND \"数据\"");
  g_assert_cmpstr (m2, ==, "\"or\" AND \"1\" AND \"1\"");
  g_assert_null (m3);
}

/* The command line: filters by name, unknown keys refused with status 1. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  const char *binary = g_getenv ("DT_BINARY");
  g_autofree char *db_arg = g_strconcat ("--database=", f->path, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not built");
      return;
    }
  g_clear_object (&f->store);

  {
    const char *argv[] = { binary, db_arg, "--export=enterprises", "--year=2023", "--filter=city=杭州",
                           "--filter=city=Ningbo", "--filter=in_ftz=yes", "--sort=rank:desc",
                           "--header=keys", "--no-bom", NULL };
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (out, "year,rank,"));
    lines = g_strsplit (out, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), >, 3);
    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
        g_assert_true (strstr (lines[i], ",hangzhou,") || strstr (lines[i], ",ningbo,"));
        g_assert_cmpstr (cells[0], ==, "2023");
        if (i > 1)
          {
            g_auto(GStrv) prev = g_strsplit (lines[i - 1], ",", -1);
            g_assert_cmpint (atoi (prev[1]), >, atoi (cells[1]));
          }
      }
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { binary, db_arg, "--export=enterprises", "--filter=colour=red", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "colour"));
  }
}

static void
count_counted (gint64   count,
               gint64   total,
               gpointer data)
{
  gint64 *seen = data;

  seen[0]++;
  seen[1] = count;
  seen[2] = total;
}

static void
assert_groups_equal (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      DtEnterpriseGroup *x = &g_array_index (a, DtEnterpriseGroup, i);
      DtEnterpriseGroup *y = &g_array_index (b, DtEnterpriseGroup, i);

      g_assert_cmpstr (x->value, ==, y->value);
      g_assert_cmpint (x->count, ==, y->count);
    }
}

/* The page's summary: SQL (no index, or one not built) and the facet index
 * give the same; SQL tells the counts early; a cancel ends it. */
static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  static const char * const keys[] = { "year", "city", "category", "sector", "in_ftz" };
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(DtFacetIndex) index = dt_facet_index_new (f->path);
  g_autoptr(DtEnterpriseSummary) by_sql = NULL;
  g_autoptr(DtEnterpriseSummary) unbuilt = NULL;
  g_autoptr(DtEnterpriseSummary) by_index = NULL;
  g_autoptr(DtEnterpriseSummary) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 seen[3] = { 0, -1, -1 };

  dt_enterprise_query_add_filter (query, "year", "2023", NULL);
  dt_enterprise_query_add_filter (query, "city", "hangzhou", NULL);

  by_sql = dt_enterprise_summary_compute (f->path, query, NULL, keys, G_N_ELEMENTS (keys),
                                          count_counted, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seen[0], ==, 1);
  g_assert_cmpint (seen[1], ==, by_sql->count);
  g_assert_cmpint (seen[2], ==, by_sql->total);
  g_assert_cmpint (by_sql->count, ==, count (f, query));
  g_assert_cmpint (by_sql->count, >, 0);
  g_assert_cmpint (by_sql->total, >, by_sql->count);
  g_assert_cmpuint (by_sql->facets->len, ==, G_N_ELEMENTS (keys));

  unbuilt = dt_enterprise_summary_compute (f->path, query, index, keys, G_N_ELEMENTS (keys),
                                           NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (unbuilt->count, ==, by_sql->count);

  g_assert_true (dt_facet_index_build_sync (index, &error));
  g_assert_no_error (error);
  seen[0] = 0;
  by_index = dt_enterprise_summary_compute (f->path, query, index, keys, G_N_ELEMENTS (keys),
                                            count_counted, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seen[0], ==, 0);   /* no early message: it is all there at once */
  g_assert_cmpint (by_index->count, ==, by_sql->count);
  g_assert_cmpint (by_index->total, ==, by_sql->total);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    assert_groups_equal (g_ptr_array_index (by_index->facets, i), g_ptr_array_index (by_sql->facets, i));
  assert_groups_equal (by_index->by_city, by_sql->by_city);
  assert_groups_equal (by_index->by_category, by_sql->by_category);

  g_cancellable_cancel (cancellable);
  cancelled = dt_enterprise_summary_compute (f->path, query, NULL, keys, G_N_ELEMENTS (keys),
                                             NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

/* What the detail pane and the page's setup read. */
static void
test_detail_reads (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) ranks = NULL;
  g_autoptr(GHashTable) regions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *none = NULL;
  char **names;

  g_assert_cmpint (dt_enterprise_query_latest_year (f->db), ==, 0);
  add_awkward_rows (f);
  g_assert_cmpint (dt_enterprise_query_latest_year (f->db), ==, 2023);

  g_assert_true (dt_enterprise_query_rank_history (f->db, 1, &years, &ranks, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2022);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2023);
  g_assert_cmpfloat (g_array_index (ranks, double, 0), ==, 1);
  g_assert_cmpfloat (g_array_index (ranks, double, 1), ==, 2);

  exec (f, "INSERT INTO regions (code, name_zh, name_en, level, dataset_id) VALUES ('zz-test', '测试市', 'Test City', 'city', 1)");
  regions = dt_enterprise_query_region_names (f->db);
  names = g_hash_table_lookup (regions, "zz-test");
  g_assert_nonnull (names);
  g_assert_cmpstr (names[0], ==, "测试市");
  g_assert_cmpstr (names[1], ==, "Test City");

  source = dt_dataset_describe (f->store, 1);
  g_assert_nonnull (source);
  g_assert_nonnull (strstr (source, "2024-01-01"));
  none = dt_dataset_describe (f->store, 999);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, samples) \
  g_test_add (path, Fixture, GINT_TO_POINTER (samples), fixture_set_up, func, fixture_tear_down)

  ADD ("/enterprise/query/filter-combinations", test_filter_combinations, TRUE);
  ADD ("/enterprise/query/ranges-and-new", test_ranges_and_new, TRUE);
  ADD ("/enterprise/query/rank-change", test_rank_change, TRUE);
  ADD ("/enterprise/query/resolve-values", test_resolve_values, TRUE);
  ADD ("/enterprise/search/chinese-two-characters", test_search_chinese, TRUE);
  ADD ("/enterprise/search/literal", test_search_literal, FALSE);
  ADD ("/enterprise/search/index-kept", test_search_index_kept, FALSE);
  ADD ("/enterprise/facets/counts", test_facets, FALSE);
  ADD ("/enterprise/import/bulk", test_bulk_import, TRUE);
  ADD ("/enterprise/export/bytes", test_export_bytes, FALSE);
  ADD ("/enterprise/export/labels", test_export_labels, TRUE);
  ADD ("/enterprise/model/matches-export", test_model_matches_export, TRUE);
  ADD ("/enterprise/model/pages", test_model_pages, FALSE);
  ADD ("/enterprise/command-line/export", test_command_line, TRUE);
  ADD ("/enterprise/summary/index-or-sql", test_summary, TRUE);
  ADD ("/enterprise/query/detail-reads", test_detail_reads, FALSE);
  g_test_add_func ("/enterprise/query/sort-parse", test_sort_parse);
  g_test_add_func ("/enterprise/search/grams", test_grams);

  return g_test_run ();
}
