/* test-facet-index.c — the facet index answers exactly what SQL answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A differential test: random queries (seeded) through DtFacetIndex and
 * through DtEnterpriseQuery's SQL, on the sample data plus a few thousand
 * generated rows with Chinese names, mixed case, %, _ and quotes in them.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-credit-code.h"
#include "dt-dataset-import.h"
#include "dt-enterprise-query.h"
#include "dt-facet-index.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"
#include "dt-vocabulary.h"

#define N_QUERIES 1000

static const char * const syllables[] = {
  "观", "澄", "若", "禾", "屿", "朗", "数", "据", "贸", "易", "杭", "州", "智", "汇", "云",
};
static const char * const words[] = {
  "Data", "TRADE", "cloud", "Net", "100%", "a_b", "O'Brien", "Ruo%He", "x_", "Zhi", "\"Q\"",
};

typedef struct
{
  char      *dir;
  char      *path;
  DtStore   *store;
  GPtrArray *texts;     /* names and codes, to cut search strings from */
  GPtrArray *values[6]; /* stored values of year, city, district, category, sector, in_ftz */
} Fixture;

static const char * const value_keys[] = { "year", "city", "district", "category", "sector", "in_ftz" };

static void
generate (Fixture *f)
{
  const DtDatasetInfo info = { "facet-test", "enterprises", "facet test", NULL, "test", "user", "" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DtDatasetImport) import = NULL;
  g_autoptr(GPtrArray) counties = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  const DtTerm *categories, *sectors;
  guint n_categories, n_sectors;
  const guint n_ents = 1300, per_year = 1000;
  sqlite3_stmt *stmt;

  stmt = dt_store_prepare (f->store, "SELECT code, parent FROM regions WHERE level = 'county' ORDER BY code", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **pair = g_new0 (char *, 3);
      pair[0] = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      pair[1] = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      g_ptr_array_add (counties, pair);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (counties->len, >, 0);
  categories = dt_vocabulary_terms (DT_VOCABULARY_ENTERPRISE_CATEGORY, &n_categories);
  sectors = dt_vocabulary_terms (DT_VOCABULARY_SECTOR, &n_sectors);

  import = dt_dataset_import_begin (f->store, &info, &error);
  g_assert_no_error (error);
  for (guint year = 2024; year <= 2026; year++)
    for (guint r = 1; r <= per_year; r++)
      {
        g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
        DtRowInput row = { "facet.csv", 0, values, NULL, NULL };
        /* Enterprises recur across years, in a different order each year. */
        guint e = (r * 7 + year * 131) % n_ents;
        guint32 h = (guint32)(e * 2654435761u);
        char **county = g_ptr_array_index (counties, h % counties->len);
        GString *zh = g_string_new (NULL);

        for (guint i = 0; i < 2 + h % 4; i++)
          g_string_append (zh, syllables[(h >> (i * 3)) % G_N_ELEMENTS (syllables)]);
        if (e % 11 == 0)
          g_string_append (zh, e % 2 ? "_%" : "'数据'");
        g_string_append_printf (zh, "%u有限公司", e);
        g_hash_table_insert (values, "year", g_strdup_printf ("%u", year));
        g_hash_table_insert (values, "rank", g_strdup_printf ("%u", r));
        g_hash_table_insert (values, "name_zh", g_string_free (zh, FALSE));
        if (e % 5 != 0)
          g_hash_table_insert (values, "name_en",
                               g_strdup_printf ("%s %s Co %u", words[h % G_N_ELEMENTS (words)],
                                                words[(h >> 7) % G_N_ELEMENTS (words)], e));
        if (e % 3 != 0)
          {
            static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            char code[19] = "91330100";
            guint64 v = e * 2654435761ULL + 12345;

            for (int i = 8; i < 17; i++)
              {
                code[i] = alphabet[v % 31];
                v /= 31;
              }
            code[17] = '\0';
            code[17] = dt_credit_code_check_character (code);
            g_hash_table_insert (values, "credit_code", g_strdup (code));
          }
        g_hash_table_insert (values, "city", g_strdup (county[1]));
        if (h % 7 != 0)
          g_hash_table_insert (values, "district", g_strdup (county[0]));
        g_hash_table_insert (values, "category", g_strdup (categories[(h >> 5) % n_categories].key));
        g_hash_table_insert (values, "sector", g_strdup (sectors[(h >> 9) % n_sectors].key));
        if (g_rand_int_range (rand, 0, 10) != 0)
          g_hash_table_insert (values, "trade_volume",
                               g_strdup_printf ("%.1f", g_rand_int_range (rand, 0, 100000) / 10.0));
        g_hash_table_insert (values, "in_ftz", g_strdup (h % 4 == 0 ? "1" : "0"));
        if (e % 6 != 0)
          g_hash_table_insert (values, "founded", g_strdup_printf ("%u", 1990 + h % 30));
        dt_dataset_import_add_row (import, &row, &error);
        g_assert_no_error (error);
      }
  dt_dataset_import_commit (import, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  f->dir = g_dir_make_tmp ("dt-facet-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
  generate (f);

  f->texts = g_ptr_array_new_with_free_func (g_free);
  stmt = dt_store_prepare (f->store, "SELECT name_zh, name_en, credit_code FROM enterprises", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 3; i++)
      if (sqlite3_column_text (stmt, i) != NULL)
        g_ptr_array_add (f->texts, g_strdup ((const char *)sqlite3_column_text (stmt, i)));
  sqlite3_finalize (stmt);

  for (guint k = 0; k < G_N_ELEMENTS (value_keys); k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT DISTINCT %s FROM listings WHERE %s IS NOT NULL ORDER BY 1",
                                              value_keys[k], value_keys[k]);

      f->values[k] = g_ptr_array_new_with_free_func (g_free);
      stmt = dt_store_prepare (f->store, sql, &error);
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (f->values[k], g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      /* And one that no row has. */
      if (g_str_equal (value_keys[k], "year"))
        g_ptr_array_add (f->values[k], g_strdup ("1999"));
      else if (!g_str_equal (value_keys[k], "in_ftz"))
        g_ptr_array_add (f->values[k], g_strdup ("no-such-value"));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_clear_pointer (&f->texts, g_ptr_array_unref);
  for (guint k = 0; k < G_N_ELEMENTS (value_keys); k++)
    g_clear_pointer (&f->values[k], g_ptr_array_unref);
  dt_test_remove_backups (f->path);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A piece of a real name or code, of one to six characters, in any case. */
static char *
random_search (Fixture *f,
               GRand   *rand)
{
  static const char * const special[] = { "%", "_", "'", "\"", "100%", "a_b", "%数据", "_%", "o'b", "ZZZ", "数" };
  const char *text;
  glong len, start, n;
  g_autofree char *piece = NULL;

  if (g_rand_int_range (rand, 0, 6) == 0)
    return g_strdup (special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))]);

  text = g_ptr_array_index (f->texts, g_rand_int_range (rand, 0, f->texts->len));
  len = g_utf8_strlen (text, -1);
  n = g_rand_int_range (rand, 1, MIN (6, len) + 1);
  start = g_rand_int_range (rand, 0, len - n + 1);
  piece = g_utf8_substring (text, start, start + n);
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0: return g_ascii_strup (piece, -1);
    case 1: return g_ascii_strdown (piece, -1);
    default: return g_steal_pointer (&piece);
    }
}

static DtEnterpriseQuery *
random_query (Fixture *f,
              GRand   *rand)
{
  static const char * const ranges[][4] = {
    { "rank", "1..50", "..20", "900.." },
    { "trade_volume", "1000..5000", "..100", "9000.5.." },
    { "founded", "2000..2010", "1995", "..1992" },
    { "rank_change", "new", "-5..5", "1.." },
  };
  const char * const *keys = dt_enterprise_query_keys ();
  DtEnterpriseQuery *q = dt_enterprise_query_new ();
  g_autoptr(GError) error = NULL;

  if (g_rand_int_range (rand, 0, 3) != 0)
    {
      g_autofree char *search = random_search (f, rand);
      dt_enterprise_query_set_search (q, search);
    }
  for (guint k = 0; k < G_N_ELEMENTS (value_keys); k++)
    if (g_rand_int_range (rand, 0, 4) == 0)
      for (int n = g_rand_int_range (rand, 1, 3); n > 0; n--)
        {
          GPtrArray *values = f->values[k];
          dt_enterprise_query_add_filter (q, value_keys[k],
                                          g_ptr_array_index (values, g_rand_int_range (rand, 0, values->len)), &error);
          g_assert_no_error (error);
        }
  for (guint k = 0; k < G_N_ELEMENTS (ranges); k++)
    if (g_rand_int_range (rand, 0, 8) == 0)
      {
        dt_enterprise_query_add_filter (q, ranges[k][0], ranges[k][g_rand_int_range (rand, 1, 4)], &error);
        g_assert_no_error (error);
      }
  dt_enterprise_query_set_sort (q, keys[g_rand_int_range (rand, 0, g_strv_length ((char **)keys))],
                                g_rand_boolean (rand), &error);
  g_assert_no_error (error);
  return q;
}

/* For failure messages: the query as text. */
static char *
describe (DtEnterpriseQuery *q)
{
  const char * const *keys = dt_enterprise_query_keys ();
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "search “%s” sort %s%s", dt_enterprise_query_get_search (q),
                          dt_enterprise_query_get_sort_key (q),
                          dt_enterprise_query_get_sort_descending (q) ? ":desc" : "");
  for (guint k = 0; keys[k] != NULL; k++)
    {
      GPtrArray *values = dt_enterprise_query_get_filter (q, keys[k]);

      for (guint i = 0; values != NULL && i < values->len; i++)
        g_string_append_printf (s, " %s=%s", keys[k], (const char *)g_ptr_array_index (values, i));
    }
  return g_string_free (s, FALSE);
}

static void
assert_same_groups (GArray     *sql,
                    GArray     *index,
                    const char *key)
{
  g_assert_nonnull (index);
  g_assert_cmpuint (index->len, ==, sql->len);
  for (guint i = 0; i < sql->len; i++)
    {
      DtEnterpriseGroup *a = &g_array_index (sql, DtEnterpriseGroup, i);
      DtEnterpriseGroup *b = &g_array_index (index, DtEnterpriseGroup, i);

      g_assert_cmpstr (b->value, ==, a->value);
      g_assert_cmpint (b->count, ==, a->count);
      /* Sums in another order: the last bits may differ. */
      g_assert_cmpfloat_with_epsilon (b->volume, a->volume, 1e-6 * MAX (1.0, fabs (a->volume)));
    }
}

/* Whether @index answers @q (query number @i) as SQL does: count, ids in
 * order, groups. Returns whether any row matched. */
static gboolean
assert_same_answers (Fixture           *f,
                     DtFacetIndex      *index,
                     DtEnterpriseQuery *q,
                     guint              i)
{
  static const char * const facet_keys[] = { "year", "city", "district", "category", "sector", "in_ftz" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sql_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = NULL;
  sqlite3 *db = dt_store_get_db (f->store);
  sqlite3_stmt *rows = dt_enterprise_query_prepare_rows (q, db, -1, 0, &error);
  gint64 count = -1;

  g_assert_no_error (error);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rows, 0);
      g_array_append_val (sql_ids, id);
    }
  sqlite3_finalize (rows);

  g_assert_true (dt_facet_index_can_answer (index, q));
  g_assert_true (dt_facet_index_count (index, q, &count));
  if (count != (gint64)sql_ids->len)
    g_error ("query %u (%s): count %" G_GINT64_FORMAT ", SQL %u", i, describe (q), count, sql_ids->len);
  ids = dt_facet_index_query_ids (index, q);
  g_assert_nonnull (ids);
  if (ids->len != sql_ids->len ||
      (ids->len > 0 && memcmp (ids->data, sql_ids->data, ids->len * sizeof (gint64)) != 0))
    g_error ("query %u (%s): ids differ", i, describe (q));

  for (guint k = 0; k < G_N_ELEMENTS (facet_keys); k++)
    for (int facet = 0; facet <= 1; facet++)
      {
        g_autoptr(GArray) a = dt_enterprise_query_groups (q, db, facet_keys[k], facet, NULL);
        g_autoptr(GArray) b = dt_facet_index_groups (index, q, facet_keys[k], facet);

        assert_same_groups (a, b, facet_keys[k]);
      }
  return sql_ids->len > 0;
}

static void
test_differential (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtFacetIndex) index = dt_facet_index_new (f->path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_nonempty = 0;

  g_assert_false (dt_facet_index_is_ready (index));
  g_assert_true (dt_facet_index_build_sync (index, &error));
  g_assert_no_error (error);
  g_assert_true (dt_facet_index_is_ready (index));

  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(DtEnterpriseQuery) q = random_query (f, rand);

      n_nonempty += assert_same_answers (f, index, q, i);
    }
  /* The queries are not all empty. */
  g_assert_cmpuint (n_nonempty, >, N_QUERIES / 4);
}

/* Ids with gaps, as deletions leave them: enterprises are then found by
 * search rather than by their place, and listing ids start past 1. */
static void
test_gaps (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtFacetIndex) index = dt_facet_index_new (f->path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(DtEnterpriseQuery) all = dt_enterprise_query_new ();
  guint n_nonempty = 0;
  gint64 count = -1;

  g_assert_true (dt_store_exec (f->store,
                                "DELETE FROM listings WHERE id <= 50 OR enterprise_id % 9 = 4;"
                                "DELETE FROM enterprises WHERE id % 9 = 4",
                                &error));
  g_assert_no_error (error);
  g_assert_true (dt_facet_index_build_sync (index, &error));
  g_assert_no_error (error);

  g_assert_true (dt_facet_index_count (index, all, &count));
  g_assert_cmpint (count, <, 3000 - 50 - 3000 / 12);
  assert_same_answers (f, index, all, 0);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(DtEnterpriseQuery) q = random_query (f, rand);

      n_nonempty += assert_same_answers (f, index, q, i);
    }
  g_assert_cmpuint (n_nonempty, >, 200 / 4);
}

/* Typing a name or code a character at a time, and deleting it again: the
 * index narrows each search from the one before, and must not keep what a
 * shorter text found when the text changes otherwise. */
static void
test_typing (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtFacetIndex) index = dt_facet_index_new (f->path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3 *db = dt_store_get_db (f->store);

  g_assert_true (dt_facet_index_build_sync (index, &error));
  for (guint i = 0; i < 40; i++)
    {
      const char *text = g_ptr_array_index (f->texts, g_rand_int_range (rand, 0, f->texts->len));
      glong len = MIN (g_utf8_strlen (text, -1), 8);
      g_autoptr(DtEnterpriseQuery) q = dt_enterprise_query_new ();

      if (i % 2 == 0)
        dt_enterprise_query_add_filter (q, "year", "2025", NULL);
      /* Forward, then back, then a different start. */
      for (glong step = 1; step < 3 * len; step++)
        {
          glong end = step <= len ? step : step <= 2 * len ? 2 * len - step : step - 2 * len;
          glong start = step <= 2 * len ? 0 : 1;
          g_autofree char *prefix = g_utf8_substring (text, MIN (start, end), MAX (end, 1));
          gint64 count = -1;

          dt_enterprise_query_set_search (q, prefix);
          g_assert_true (dt_facet_index_count (index, q, &count));
          if (count != dt_enterprise_query_count (q, db, NULL))
            g_error ("search “%s”: index %" G_GINT64_FORMAT ", SQL %" G_GINT64_FORMAT,
                     prefix, count, dt_enterprise_query_count (q, db, NULL));
        }
    }
}

/* Filters the index cannot read the SQL way are left to SQL. */
static void
test_declines (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtFacetIndex) index = dt_facet_index_new (f->path);
  g_autoptr(DtEnterpriseQuery) q = dt_enterprise_query_new ();
  gint64 count = -1;

  /* Not built: nothing to answer with. */
  g_assert_false (dt_facet_index_count (index, q, &count));
  g_assert_true (dt_facet_index_build_sync (index, &error));
  g_assert_true (dt_facet_index_count (index, q, &count));
  g_assert_cmpint (count, ==, dt_test_query_int (f->store, "SELECT count(*) FROM listings"));

  dt_enterprise_query_add_filter (q, "name_zh", "杭州若禾数据科技有限公司", NULL);
  g_assert_false (dt_facet_index_can_answer (index, q));
  g_assert_null (dt_facet_index_query_ids (index, q));
  g_assert_null (dt_facet_index_groups (index, q, "city", TRUE));
  dt_enterprise_query_clear_filters (q);
  /* Not a facet key. */
  g_assert_null (dt_facet_index_groups (index, q, "rank", TRUE));
}

static void
on_ready (DtFacetIndex *index,
          gboolean     *ready)
{
  *ready = TRUE;
}

/* A rebuild sees what was committed since, and signals when ready. */
static void
test_rebuild (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtFacetIndex) index = dt_facet_index_new (f->path);
  g_autoptr(DtEnterpriseQuery) q = dt_enterprise_query_new ();
  gint64 before = -1, after = -1;
  gboolean ready = FALSE;

  g_assert_true (dt_facet_index_build_sync (index, &error));
  g_assert_true (dt_facet_index_count (index, q, &before));
  g_assert_cmpint (dt_facet_index_get_data_version (index), >=, 0);
  g_assert_cmpuint (dt_facet_index_get_memory (index), >, 0);

  g_assert_true (dt_store_exec (f->store, "DELETE FROM listings WHERE year = 2026", &error));
  g_signal_connect (index, "ready", G_CALLBACK (on_ready), &ready);
  dt_facet_index_rebuild (index);
  /* The old content is gone at once: no stale answers. */
  g_assert_false (dt_facet_index_count (index, q, &after));
  while (!ready)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dt_facet_index_count (index, q, &after));
  g_assert_cmpint (after, ==, before - 1000);
  g_assert_cmpint (after, ==, dt_enterprise_query_count (q, dt_store_get_db (f->store), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/facet-index/differential", Fixture, NULL, fixture_set_up, test_differential, fixture_tear_down);
  g_test_add ("/facet-index/typing", Fixture, NULL, fixture_set_up, test_typing, fixture_tear_down);
  g_test_add ("/facet-index/gaps", Fixture, NULL, fixture_set_up, test_gaps, fixture_tear_down);
  g_test_add ("/facet-index/declines", Fixture, NULL, fixture_set_up, test_declines, fixture_tear_down);
  g_test_add ("/facet-index/rebuild", Fixture, NULL, fixture_set_up, test_rebuild, fixture_tear_down);

  return g_test_run ();
}
