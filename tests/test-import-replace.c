/* test-import-replace.c — an import replaces exactly what its file covers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>

#include "dt-data-pack.h"
#include "dt-dataset-import.h"
#include "dt-enterprise-search.h"
#include "dt-error.h"
#include "dt-import-file.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
} Fixture;

/* The first column of the first row @sql selects is @expected. */
static void
assert_text (DtStore    *store,
             const char *sql,
             const char *expected)
{
  g_autofree char *text = dt_test_query_text (store, sql);

  g_assert_cmpstr (text, ==, expected);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dt-import-replace-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
import_text (Fixture    *f,
             const char *name,
             const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  dt_import_bytes (f->store, bytes, name, NULL, 0, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A Top-100 list of @year: the firms in @names, ranked in that order. */
static char *
list_csv (int                 year,
          const char * const *names)
{
  GString *text = g_string_new ("year,rank,name_zh,city\n");

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%d,%u,%s,hangzhou\n", year, i + 1, names[i]);
  return g_string_free (text, FALSE);
}

static void
import_list (Fixture            *f,
             int                 year,
             const char * const *names)
{
  g_autofree char *csv = list_csv (year, names);
  g_autofree char *name = g_strdup_printf ("top100-%d.csv", year);

  import_text (f, name, csv);
}

/* prev_rank of @firm on the list of @year: -1 without a listing, 0 when NULL. */
static gint64
prev_rank (Fixture    *f,
           int         year,
           const char *firm)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(l.prev_rank, 0) FROM listings l JOIN enterprises e ON e.id = l.enterprise_id"
                                          " WHERE l.year = %d AND e.name_zh = '%s'", year, firm);
  return dt_test_query_int (f->store, sql);
}

/* Firms the search index finds for @needle. */
static gint64
search_count (Fixture    *f,
              const char *needle)
{
  g_autofree char *match = dt_enterprise_search_match (needle);
  g_autofree char *quoted = g_strdup (match);
  g_autofree char *sql = NULL;

  g_strdelimit (quoted, "'", ' ');
  sql = g_strdup_printf ("SELECT count(*) FROM enterprise_search WHERE enterprise_search MATCH '%s'", quoted);
  return dt_test_query_int (f->store, sql);
}

static gint64
count_year (Fixture *f,
            int      year)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM listings WHERE year = %d", year);
  return dt_test_query_int (f->store, sql);
}

static const char * const list_2021[] = { "甲", "乙", "丙", NULL };
static const char * const list_2022[] = { "乙", "甲", "丁", NULL };
static const char * const list_2023[] = { "丁", "乙", "甲", "戊", NULL };
static const char * const list_2024[] = { "甲", "戊", "丁", NULL };

static void
import_four_years (Fixture *f)
{
  import_list (f, 2021, list_2021);
  import_list (f, 2022, list_2022);
  import_list (f, 2023, list_2023);
  import_list (f, 2024, list_2024);
}

static void
test_years_one_by_one (Fixture *f, gconstpointer data)
{
  import_four_years (f);

  /* Every year is there; the sample years went with the first import. */
  g_assert_cmpint (count_year (f, 2021), ==, 3);
  g_assert_cmpint (count_year (f, 2022), ==, 3);
  g_assert_cmpint (count_year (f, 2023), ==, 4);
  g_assert_cmpint (count_year (f, 2024), ==, 3);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings"), ==, 13);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE kind = 'enterprises'"), ==, 4);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE provenance = 'sample' AND kind = 'enterprises'"), ==, 0);
  /* One row per firm, whatever the number of lists naming it. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM enterprises"), ==, 5);

  /* Rank change links the separately imported years. */
  g_assert_cmpint (prev_rank (f, 2021, "甲"), ==, 0);
  g_assert_cmpint (prev_rank (f, 2022, "乙"), ==, 2);
  g_assert_cmpint (prev_rank (f, 2022, "甲"), ==, 1);
  g_assert_cmpint (prev_rank (f, 2022, "丁"), ==, 0);
  g_assert_cmpint (prev_rank (f, 2023, "丁"), ==, 3);
  g_assert_cmpint (prev_rank (f, 2023, "戊"), ==, 0);
  g_assert_cmpint (prev_rank (f, 2024, "甲"), ==, 3);
  g_assert_cmpint (prev_rank (f, 2024, "戊"), ==, 4);
  g_assert_cmpint (prev_rank (f, 2024, "丁"), ==, 1);
}

/* Importing an earlier year after a later one fills the later one's rank change. */
static void
test_years_earlier_after_later (Fixture *f, gconstpointer data)
{
  import_list (f, 2024, list_2024);
  import_list (f, 2023, list_2023);

  g_assert_cmpint (prev_rank (f, 2024, "甲"), ==, 3);
  g_assert_cmpint (prev_rank (f, 2024, "戊"), ==, 4);
  g_assert_cmpint (prev_rank (f, 2024, "丁"), ==, 1);
}

static void
test_years_reimport_one (Fixture *f, gconstpointer data)
{
  static const char * const new_2023[] = { "甲", "丁", "己", NULL };
  g_autofree char *kept_before = NULL;
  g_autofree char *kept_after = NULL;
  const char *kept_sql = "SELECT group_concat(l.year || ':' || l.rank || ':' || e.name_zh || ':' || coalesce(l.prev_rank, '-'), ',')"
                         " FROM (SELECT * FROM listings WHERE year IN (2021, 2022) ORDER BY year, rank) l"
                         " JOIN enterprises e ON e.id = l.enterprise_id";

  import_four_years (f);
  kept_before = dt_test_query_text (f->store, kept_sql);
  import_list (f, 2023, new_2023);
  kept_after = dt_test_query_text (f->store, kept_sql);

  /* Only 2023 changed. */
  g_assert_cmpstr (kept_before, ==, kept_after);
  g_assert_cmpint (count_year (f, 2023), ==, 3);
  g_assert_cmpint (count_year (f, 2024), ==, 3);
  g_assert_cmpint (dt_test_query_int (f->store,
                                      "SELECT count(*) FROM listings l JOIN enterprises e ON e.id = l.enterprise_id"
                                      " WHERE l.year = 2023 AND l.rank = 3 AND e.name_zh = '己'"), ==, 1);
  /* 2024 is measured against the new 2023 list. */
  g_assert_cmpint (prev_rank (f, 2024, "甲"), ==, 1);
  g_assert_cmpint (prev_rank (f, 2024, "丁"), ==, 2);
  g_assert_cmpint (prev_rank (f, 2024, "戊"), ==, 0);
  g_assert_cmpint (prev_rank (f, 2023, "丁"), ==, 3);
  /* The dataset of the old 2023 list went with its rows; 乙 stays (2021,
   * 2022), 戊 stays (2024), nobody is left without a list. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE kind = 'enterprises'"), ==, 4);
  g_assert_cmpint (dt_test_query_int (f->store,
                                      "SELECT count(*) FROM enterprises e WHERE NOT EXISTS"
                                      " (SELECT 1 FROM listings l WHERE l.enterprise_id = e.id)"), ==, 0);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM enterprises"), ==, 6);
  g_assert_cmpint (dt_test_query_int (f->store,
                                      "SELECT count(*) FROM datasets d WHERE kind = 'enterprises' AND NOT EXISTS"
                                      " (SELECT 1 FROM listings l WHERE l.dataset_id = d.id)"), ==, 0);
  /* Searching still finds every firm once. */
  g_assert_cmpint (search_count (f, "己"), ==, 1);
}

/* Past the bulk threshold (20,000 rows) the triggers make way for one
 * fill; the years around the imported one must still link. */
static void
test_years_bulk (Fixture *f, gconstpointer data)
{
  static const char * const list_2022b[] = { "甲", "乙", NULL };
  static const char * const list_2024b[] = { "乙", "甲", "丙", NULL };
  g_autoptr(GString) csv = g_string_new ("year,rank,name_zh,city\n");

  import_list (f, 2022, list_2022b);
  import_list (f, 2024, list_2024b);

  g_string_append (csv, "2023,1,乙,hangzhou\n");
  for (guint i = 2; i <= 20500; i++)
    g_string_append_printf (csv, "2023,%u,企业%u,hangzhou\n", i, i);
  g_string_append (csv, "2023,20501,甲,hangzhou\n");
  import_text (f, "top-2023.csv", csv->str);

  g_assert_cmpint (count_year (f, 2023), ==, 20501);
  g_assert_cmpint (prev_rank (f, 2023, "乙"), ==, 2);
  g_assert_cmpint (prev_rank (f, 2023, "甲"), ==, 1);
  g_assert_cmpint (prev_rank (f, 2024, "乙"), ==, 1);
  g_assert_cmpint (prev_rank (f, 2024, "甲"), ==, 20501);
  g_assert_cmpint (prev_rank (f, 2024, "丙"), ==, 0);
  /* The indexes and triggers are back. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM sqlite_schema WHERE name = 'listings_prev_rank_insert'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM sqlite_schema WHERE name = 'listings_dataset'"), ==, 1);
  /* (The grams find candidates; the query then checks the exact text.) */
  g_assert_cmpint (search_count (f, "企业20500"), >=, 1);
}

/* Rank change as the schema defines it: the firm's rank the year before. */
static gint64
wrong_prev_ranks (Fixture *f)
{
  return dt_test_query_int (f->store,
                            "SELECT count(*) FROM listings l WHERE prev_rank IS NOT"
                            " (SELECT p.rank FROM listings p"
                            "  WHERE p.enterprise_id = l.enterprise_id AND p.year = l.year - 1)");
}

/* One file, its years in order or not: rank changes set while the rows go
 * in must match the definition, as the fill after them does. */
static void
test_years_one_file_any_order (Fixture *f, gconstpointer data)
{
  static const char in_order[] =
    "year,rank,name_zh,city\n"
    "2021,1,甲,hangzhou\n2021,2,乙,hangzhou\n2021,3,丙,hangzhou\n"
    "2022,1,乙,hangzhou\n2022,2,丁,hangzhou\n2022,3,甲,hangzhou\n"
    "2024,1,甲,hangzhou\n2024,2,丁,hangzhou\n";
  static const char out_of_order[] =
    "year,rank,name_zh,city\n"
    "2022,1,乙,hangzhou\n2022,2,丁,hangzhou\n2022,3,甲,hangzhou\n"
    "2021,1,甲,hangzhou\n2021,2,乙,hangzhou\n2021,3,丙,hangzhou\n"
    "2023,1,丁,hangzhou\n2023,2,甲,hangzhou\n";

  import_text (f, "in-order.csv", in_order);
  g_assert_cmpint (wrong_prev_ranks (f), ==, 0);
  g_assert_cmpint (prev_rank (f, 2022, "乙"), ==, 2);
  g_assert_cmpint (prev_rank (f, 2022, "甲"), ==, 1);
  g_assert_cmpint (prev_rank (f, 2022, "丁"), ==, 0);
  g_assert_cmpint (prev_rank (f, 2024, "甲"), ==, 0);   /* no 2023 list */

  import_text (f, "out-of-order.csv", out_of_order);
  g_assert_cmpint (wrong_prev_ranks (f), ==, 0);
  g_assert_cmpint (prev_rank (f, 2022, "乙"), ==, 2);
  g_assert_cmpint (prev_rank (f, 2022, "甲"), ==, 1);
  g_assert_cmpint (prev_rank (f, 2023, "甲"), ==, 3);
  g_assert_cmpint (prev_rank (f, 2023, "丁"), ==, 2);
  /* 2024 is another file's: it links to this file's 2023. */
  g_assert_cmpint (prev_rank (f, 2024, "甲"), ==, 2);
  g_assert_cmpint (prev_rank (f, 2024, "丁"), ==, 1);
}

static char *
schema_checksum (Fixture *f)
{
  return dt_test_query_checksum (f->store, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
}

/* A large file refused at its last row, after the indexes and triggers
 * made way for bulk writing: nothing changed, the schema included. */
static void
test_years_bulk_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) csv = g_string_new ("year,rank,name_zh,city\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *schema_after = NULL;

  import_list (f, 2022, list_2022);
  before = dt_test_database_checksum (f->store, FALSE);
  schema_before = schema_checksum (f);

  for (guint i = 1; i <= 25000; i++)
    g_string_append_printf (csv, "2023,%u,企业%u,hangzhou\n", i, i);
  g_string_append (csv, "2023,25001,最后,atlantis\n");
  bytes = g_bytes_new (csv->str, csv->len);
  g_assert_false (dt_import_bytes (f->store, bytes, "big.csv", NULL, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "big.csv:25002:4: "));

  after = dt_test_database_checksum (f->store, FALSE);
  schema_after = schema_checksum (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (schema_after, ==, schema_before);
}

/* Planning a large import writes nothing, not even for a moment. */
static void
test_plan_large_keeps_schema (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) csv = g_string_new ("year,rank,name_zh,city\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const DtImportOptions options = { 0 };
  g_autoptr(DtImportPlan) plan = NULL;
  g_autofree char *schema_before = schema_checksum (f);
  g_autofree char *schema_after = NULL;

  for (guint i = 1; i <= 20500; i++)
    g_string_append_printf (csv, "2023,%u,企业%u,hangzhou\n", i, i);
  bytes = g_bytes_new (csv->str, csv->len);
  plan = dt_import_plan_bytes (f->store, bytes, "plan.csv", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  schema_after = schema_checksum (f);
  g_assert_cmpstr (schema_after, ==, schema_before);
}

/* Re-imports the sample pack of @kind as the user's own data, so that what
 * follows is not sample data (which any import replaces wholly). */
static void
make_real (Fixture    *f,
           const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pack = dt_data_pack_export_bytes (f->store, kind, &error);

  g_assert_no_error (error);
  g_assert_true (dt_data_pack_import_bytes (f->store, pack, "mine.json", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_measures_by_number (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *criteria = NULL;
  g_autofree char *other_title = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *sql = NULL;
  gint64 no;

  make_real (f, "measures");
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM measures"), ==, 36);
  no = dt_test_query_int (f->store, "SELECT no FROM measures WHERE criteria IS NOT NULL AND criteria <> '' AND no > 1 ORDER BY no LIMIT 1");
  g_assert_cmpint (no, >, 0);
  sql = g_strdup_printf ("SELECT criteria FROM measures WHERE no = %" G_GINT64_FORMAT, no);
  criteria = dt_test_query_text (f->store, sql);
  other_title = dt_test_query_text (f->store, "SELECT title_zh FROM measures WHERE no = 36");
  g_assert_true (dt_store_exec (f->store, "INSERT INTO measure_tracking (no, status, progress, notes) VALUES (1, 'in-effect', 80, '已落实')", NULL));

  /* No criteria column: the measure's criteria stay. */
  csv = g_strdup_printf ("序号,标题\n%" G_GINT64_FORMAT ",修订后的条款\n1,第一条（修订）\n40,新增条款\n", no);
  import_text (f, "measures.csv", csv);

  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM measures"), ==, 37);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM measures WHERE no = %" G_GINT64_FORMAT " AND title_zh = '修订后的条款'", no);
  g_assert_cmpint (dt_test_query_int (f->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT criteria FROM measures WHERE no = %" G_GINT64_FORMAT, no);
  assert_text (f->store, sql, criteria);
  assert_text (f->store, "SELECT title_zh FROM measures WHERE no = 36", other_title);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM measure_tracking WHERE no = 1 AND status = 'in-effect' AND progress = 80 AND notes = '已落实'"), ==, 1);
  /* Two datasets now: the 33 measures the file did not name, and the file's. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE kind = 'measures'"), ==, 2);

  /* With a criteria column, the file's criteria count, empty ones too. */
  import_text (f, "criteria.csv", "序号,标题,criteria\n1,第一条,\n");
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM measures WHERE no = 1 AND criteria IS NULL"), ==, 1);
}

static void
test_index_cells (Fixture *f, gconstpointer data)
{
  g_autofree char *code = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *sql = NULL;
  gint64 n_before, year;

  make_real (f, "index");
  n_before = dt_test_query_int (f->store, "SELECT count(*) FROM index_values");
  year = dt_test_query_int (f->store, "SELECT max(year) FROM index_values");
  code = dt_test_query_text (f->store, "SELECT code FROM index_values WHERE region = 'hangzhou' ORDER BY year DESC LIMIT 1");

  csv = g_strdup_printf ("region,year,code,value\nhangzhou,%" G_GINT64_FORMAT ",%s,999.5\nhangzhou,%" G_GINT64_FORMAT ",%s,\"1,001.5\"\n",
                         year, code, year + 1, code);
  import_text (f, "cells.csv", csv);

  /* One cell replaced, one added, the rest as they were. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM index_values"), ==, n_before + 1);
  sql = g_strdup_printf ("SELECT count(*) FROM index_values WHERE region = 'hangzhou' AND code = '%s' AND year = %" G_GINT64_FORMAT " AND value = 999.5",
                         code, year);
  g_assert_cmpint (dt_test_query_int (f->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM index_values WHERE year = %" G_GINT64_FORMAT " AND value = 1001.5", year + 1);
  g_assert_cmpint (dt_test_query_int (f->store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(DISTINCT year) FROM index_values WHERE year < %" G_GINT64_FORMAT, year);
  g_assert_cmpint (dt_test_query_int (f->store, sql), >, 1);
}

/* The plan says what an import would do, and writes nothing. */
static void
test_plan (Fixture *f, gconstpointer data)
{
  static const char * const new_2023[] = { "甲", "丁", NULL };
  DtImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DtImportPlan) plan = NULL;
  g_autoptr(DtImportPlan) replace = NULL;
  g_autofree char *csv = list_csv (2024, list_2024);
  g_autofree char *csv_2023 = list_csv (2023, new_2023);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GBytes) bytes_2023 = g_bytes_new (csv_2023, strlen (csv_2023));
  g_autofree char *text = NULL;
  g_autofree char *text_2023 = NULL;
  g_autofree char *text_all = NULL;

  import_list (f, 2021, list_2021);
  import_list (f, 2022, list_2022);
  import_list (f, 2023, list_2023);

  plan = dt_import_plan_bytes (f->store, bytes, "2024.csv", &options, NULL, &error);
  g_assert_no_error (error);
  text = dt_import_plan_describe (plan);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "2024: 3 new rows."));
  g_assert_nonnull (strstr (text, "2021–2023: kept, as the file holds nothing of those years."));
  g_assert_cmpint (count_year (f, 2024), ==, 0);

  g_clear_pointer (&plan, dt_import_plan_free);
  plan = dt_import_plan_bytes (f->store, bytes_2023, "2023.csv", &options, NULL, &error);
  g_assert_no_error (error);
  text_2023 = dt_import_plan_describe (plan);
  g_assert_nonnull (strstr (text_2023, "2023: 2 rows replace the 4 there now."));
  g_assert_nonnull (strstr (text_2023, "2021–2022: kept"));
  g_assert_cmpint (count_year (f, 2023), ==, 4);

  options.flags = DT_IMPORT_REPLACE_ALL;
  replace = dt_import_plan_bytes (f->store, bytes, "2024.csv", &options, NULL, &error);
  g_assert_no_error (error);
  text_all = dt_import_plan_describe (replace);
  g_assert_nonnull (strstr (text_all, "the 10 rows there now go"));
  g_assert_null (strstr (text_all, "kept"));
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings"), ==, 10);

  /* A file that would be refused has no plan. */
  {
    g_autoptr(GBytes) bad = g_bytes_new_static ("year,rank,name_zh,city\n2024,1,甲,nowhere\n", 42);
    g_autoptr(DtImportPlan) none = dt_import_plan_bytes (f->store, bad, "bad.csv", &options, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  }
}

/* A pack's key names its dataset and nothing more: a framework pack that
 * calls itself "measures" replaces framework nodes only. */
static void
test_pack_key_of_other_kind (Fixture *f, gconstpointer data)
{
  static const char pack[] =
    "{\"format\": \"digital-trade-pack\", \"version\": 1, \"kind\": \"framework\",\n"
    " \"dataset\": {\"key\": \"measures\", \"title\": \"Framework\"},\n"
    " \"rows\": [{\"code\": \"X1\", \"name_zh\": \"指标一\", \"level\": 1}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pack, sizeof pack - 1);
  g_autoptr(GError) error = NULL;

  make_real (f, "framework");
  g_assert_true (dt_data_pack_import_bytes (f->store, bytes, "framework.json", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM measures"), ==, 36);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE key = 'measures' AND kind = 'measures'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM index_nodes WHERE code = 'X1'"), ==, 1);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM index_nodes"), >, 1);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE key LIKE 'measures#%' AND kind = 'framework'"), ==, 1);
}

static void
test_pack_official_claim (Fixture *f, gconstpointer data)
{
  static const char pack[] =
    "{\"format\": \"digital-trade-pack\", \"version\": 1, \"kind\": \"measures\",\n"
    " \"dataset\": {\"key\": \"claims\", \"title\": \"Claims\", \"provenance\": \"official\"},\n"
    " \"rows\": [{\"no\": 1, \"title_zh\": \"第一条\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pack, sizeof pack - 1);
  g_autoptr(GError) error = NULL;
  DtImportOptions synced = { .provenance = "official" };

  g_assert_true (dt_import_bytes (f->store, bytes, "claims.json", NULL, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_text (f->store, "SELECT provenance FROM datasets WHERE key = 'claims'", "user");

  /* What the configured sync source serves is official. */
  g_assert_true (dt_import_bytes_full (f->store, bytes, "https://example.org/claims.json", &synced, NULL,
                                       NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_text (f->store, "SELECT provenance FROM datasets WHERE key = 'claims'", "official");
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE kind = 'measures'"), ==, 1);
}

static void
test_number_parser (void)
{
  static const struct { const char *text; gboolean ok; double value; } cases[] = {
    { "12,345.5", TRUE, 12345.5 }, { "1,234,567", TRUE, 1234567 }, { " 1.5 ", TRUE, 1.5 },
    { "-1,000", TRUE, -1000 }, { "3.0", TRUE, 3 }, { "1e3", TRUE, 1000 },
    { "1,5", FALSE, 0 }, { "12,34", FALSE, 0 }, { "1,2345", FALSE, 0 }, { ",5", FALSE, 0 },
    { "1,234.5,6", FALSE, 0 }, { "0x10", FALSE, 0 }, { "inf", FALSE, 0 }, { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = 0;
      gboolean misplaced;

      g_assert_cmpint (dt_parse_import_number (cases[i].text, &value, &misplaced), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpfloat (value, ==, cases[i].value);
    }
}

static void
test_replace_all_command_line (Fixture *f, gconstpointer data)
{
  g_autofree char *file_2024 = g_build_filename (f->dir, "top100-2024.csv", NULL);
  g_autofree char *csv = list_csv (2024, list_2024);
  g_autofree char *out = NULL;

  if (g_getenv ("DT_BINARY") == NULL || !g_file_test (g_getenv ("DT_BINARY"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not built");
      return;
    }

  import_list (f, 2022, list_2022);
  import_list (f, 2023, list_2023);
  g_clear_object (&f->store);
  g_assert_true (g_file_set_contents (file_2024, csv, -1, NULL));

  /* Without --replace-all, the other years stay, and the summary says so. */
  g_assert_cmpint (dt_test_run_program (f->path, &out, NULL, "--import", file_2024, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2024: 3 new rows."));
  g_assert_nonnull (strstr (out, "2022–2023: kept"));
  f->store = dt_store_open (f->path, NULL);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(DISTINCT year) FROM listings"), ==, 3);
  g_clear_object (&f->store);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (dt_test_run_program (f->path, &out, NULL, "--import", file_2024, "--replace-all", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Every row of this kind is replaced"));
  f->store = dt_store_open (f->path, NULL);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(DISTINCT year) FROM listings"), ==, 1);
  g_assert_cmpint (count_year (f, 2024), ==, 3);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM enterprises"), ==, 3);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE kind = 'enterprises'"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/years/added-one-by-one", test_years_one_by_one);
  ADD ("/import/years/earlier-after-later", test_years_earlier_after_later);
  ADD ("/import/years/reimport-replaces-only-that-year", test_years_reimport_one);
  ADD ("/import/years/bulk-links-neighbour-years", test_years_bulk);
  ADD ("/import/measures/by-number", test_measures_by_number);
  ADD ("/import/index/cells", test_index_cells);
  ADD ("/import/plan/added-replaced-kept", test_plan);
  ADD ("/import/pack/key-of-other-kind", test_pack_key_of_other_kind);
  ADD ("/import/pack/official-claim-stored-as-user", test_pack_official_claim);
  ADD ("/import/command-line/replace-all", test_replace_all_command_line);
  ADD ("/import/years/one-file-any-order", test_years_one_file_any_order);
  ADD ("/import/years/bulk-refused-leaves-database", test_years_bulk_refused);
  ADD ("/import/plan/large-keeps-schema", test_plan_large_keeps_schema);
  g_test_add_func ("/import/numbers/thousands-separator-only", test_number_parser);

  return g_test_run ();
}
