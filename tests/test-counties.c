/* test-counties.c — the index at county level, and regions named by their GB/T 2260 code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dt-error.h"
#include "dt-import-file.h"
#include "dt-index-attribution.h"
#include "dt-index-ranking.h"
#include "dt-sample-data.h"
#include "dt-schema.h"
#include "dt-store.h"
#include "dt-test-util.h"

static char *folder;
static DtStore *sample_store;

/* One database with the samples for the read-only tests. */
static DtStore *
sample (void)
{
  if (sample_store == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      folder = g_dir_make_tmp ("dt-counties-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (folder, "sample.db", NULL);
      sample_store = dt_sample_data_open (path, &error);
      g_assert_no_error (error);
    }
  return sample_store;
}

static void
test_sample_has_counties (void)
{
  DtStore *store = sample ();

  g_assert_cmpint (dt_test_query_int (store, "SELECT count(DISTINCT v.region) FROM index_values v"
                                             " JOIN regions r ON r.code = v.region WHERE r.level = 'county'"), ==, 90);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(DISTINCT v.year) FROM index_values v"
                                             " JOIN regions r ON r.code = v.region WHERE r.level = 'county'"), ==, 7);
  /* Every region has its official code, and no code is used twice. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(DISTINCT gb_code) FROM regions WHERE length(gb_code) = 6"), ==, 102);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE name_zh = '西湖区'"), ==, 330106);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE name_zh = '临平区'"), ==, 330113);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE name_zh = '钱塘区'"), ==, 330114);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE name_zh = '杭州市'"), ==, 330100);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE name_zh = '浙江省'"), ==, 330000);
  /* A county's code begins with its city's four digits. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM regions c JOIN regions p ON p.code = c.parent"
                                             " WHERE c.level = 'county' AND substr(c.gb_code, 1, 4) <> substr(p.gb_code, 1, 4)"), ==, 0);
}

static void
test_county_ranking (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexRanking) ranking = dt_index_ranking_query (sample (), "OI", 2024, "county", &error);
  guint hangzhou = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ranking->entries->len, ==, 90);
  for (guint i = 0; i < ranking->entries->len; i++)
    {
      DtIndexRankingEntry *e = g_ptr_array_index (ranking->entries, i);

      if (i > 0)
        {
          DtIndexRankingEntry *before = g_ptr_array_index (ranking->entries, i - 1);

          g_assert_cmpfloat (before->score, >=, e->score);
          g_assert_cmpuint (before->rank, <=, e->rank);
        }
      g_assert_cmpuint (e->previous_rank, >, 0);
      hangzhou += g_str_has_prefix (e->region, "hangzhou.");
    }
  g_assert_cmpuint (((DtIndexRankingEntry *)g_ptr_array_index (ranking->entries, 0))->rank, ==, 1);
  g_assert_cmpuint (hangzhou, ==, 13);
}

/* The stored index explains a county's change, named by its GB/T 2260
 * code, and ranks it among the counties. */
static void
test_county_attribution (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexAttribution) a = dt_index_attribution_new_from_store (sample (), "330106", 2023, 2024, &error);
  g_autoptr(GPtrArray) overtakes = NULL;
  DtIndexFramework *framework;
  guint root, n_children, rank_from = 0, rank_to = 0;
  const guint *children;
  double sum = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (dt_index_attribution_get_unit (a), ==, "hangzhou.xihu");
  framework = dt_index_attribution_get_framework (a);
  root = dt_index_attribution_get_root (a);
  children = dt_index_framework_get_children (framework, root, &n_children);
  g_assert_cmpuint (n_children, ==, 5);
  for (guint c = 0; c < n_children; c++)
    sum += dt_index_attribution_get_contribution (a, children[c]);
  g_assert_cmpfloat_with_epsilon (sum, dt_index_attribution_get_value_to (a, root) -
                                       dt_index_attribution_get_value_from (a, root), 1e-9);
  /* The stored aggregate agrees with the recomputed one (rounded to 0.01). */
  g_assert_cmpfloat_with_epsilon (dt_index_attribution_get_value_to (a, root),
                                  dt_test_query_int (sample (), "SELECT round(value * 100) FROM index_values"
                                                                " WHERE region = 'hangzhou.xihu' AND year = 2024 AND code = 'OI'") / 100.0,
                                  0.006);

  overtakes = dt_index_attribution_explain_rank_from_store (sample (), "西湖区", 2023, 2024, &rank_from, &rank_to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rank_from, >=, 1);
  g_assert_cmpuint (rank_from, <=, 90);
  g_assert_cmpuint (rank_to, <=, 90);
  /* Ranks move by as many places as there are overtakes. */
  {
    int net = 0;

    for (guint i = 0; i < overtakes->len; i++)
      net += ((DtIndexOvertake *)g_ptr_array_index (overtakes, i))->passed ? 1 : -1;
    g_assert_cmpint ((int)rank_from - (int)rank_to, ==, net);
  }
}

/* Jingning lacks two indicators in 2023 in the sample: stated. */
static void
test_county_missing_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexAttribution) a = dt_index_attribution_new_from_store (sample (), "lishui.jingning", 2022, 2023, &error);
  g_autofree char *sentence = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (dt_index_attribution_count_missing (a, dt_index_attribution_get_root (a)), ==, 2);
  sentence = dt_index_attribution_describe (a, dt_index_attribution_get_root (a), "Jingning", 5);
  g_assert_nonnull (strstr (sentence, "2 indicators have no value in 2022 or 2023"));
}

static DtStore *
copy_of_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (path);
  DtStore *store;

  sample ();
  g_assert_true (dt_store_exec (sample_store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  source = g_file_new_for_path (dt_store_get_path (sample_store));
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  store = dt_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_import_by_gb_code (void)
{
  static const char good[] = "region,year,code,value\n330106,2024,D1,99.5\n330100,2024,D1,88.5\n";
  static const char bad[] = "region,year,code,value\n330106,2024,D1,99.5\n339999,2024,D1,77.5\n";
  g_autoptr(DtStore) store = copy_of_sample ("gb.db");
  g_autoptr(GBytes) good_bytes = g_bytes_new_static (good, sizeof good - 1);
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, sizeof bad - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (dt_import_bytes (store, good_bytes, "codes.csv", "index", 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM index_values WHERE region = 'hangzhou.xihu'"
                                             " AND year = 2024 AND code = 'D1' AND value = 99.5"), ==, 1);
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM index_values WHERE region = 'hangzhou'"
                                             " AND year = 2024 AND code = 'D1' AND value = 88.5"), ==, 1);

  /* An unknown code is refused where it is, and nothing changes. */
  before = dt_test_database_checksum (store, TRUE);
  g_assert_false (dt_import_bytes (store, bad_bytes, "codes.csv", "index", 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "codes.csv:3:1:"));
  g_assert_nonnull (strstr (error->message, "339999"));
  after = dt_test_database_checksum (store, TRUE);
  g_assert_cmpstr (before, ==, after);
}

static void
test_regions_gb_code_checked (void)
{
  static const char bad[] = "code,name_zh,name_en,level,parent,gb_code\nx,某区,X District,county,hangzhou,33010\n";
  g_autoptr(DtStore) store = copy_of_sample ("regions.db");
  g_autoptr(GBytes) bytes = g_bytes_new_static (bad, sizeof bad - 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (dt_import_bytes (store, bytes, "regions.csv", "regions", 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "regions.csv:2:6:"));
}

/* A database made before the codes existed gets them on opening. */
static void
test_migration_fills_codes (void)
{
  g_autofree char *path = g_build_filename (folder, "v4.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= 4; v++)
    g_assert_cmpint (sqlite3_exec (db, dt_schema_migration_sql (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 4;"
                                 "INSERT INTO datasets (id, key, kind, title, provenance, imported_at, checksum)"
                                 "  VALUES (1, 'regions', 'regions', 'Regions', 'sample', '2024-01-01', '');"
                                 "INSERT INTO regions (code, name_zh, name_en, level, parent, dataset_id) VALUES"
                                 "  ('hangzhou', '杭州市', 'Hangzhou', 'city', 'ZJ', 1),"
                                 "  ('hangzhou.linping', '临平区', 'Linping District', 'county', 'hangzhou', 1),"
                                 "  ('elsewhere', '别处', 'Elsewhere', 'county', 'hangzhou', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dt_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE code = 'hangzhou'"), ==, 330100);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code FROM regions WHERE code = 'hangzhou.linping'"), ==, 330113);
  g_assert_cmpint (dt_test_query_int (store, "SELECT gb_code IS NULL FROM regions WHERE code = 'elsewhere'"), ==, 1);
}

/* --explain-change on the stored index, the region named by its code. */
static void
test_command_line_stored (void)
{
  g_autofree char *database = NULL;
  g_autofree char *output = g_build_filename (folder != NULL ? folder : g_get_tmp_dir (), "xihu.csv", NULL);
  g_autofree char *output_arg = g_strconcat ("--output=", output, NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  g_auto(GStrv) lines = NULL;
  double sum = 0, root = NAN;

  {
    g_autoptr(DtStore) store = copy_of_sample ("cli.db");

    database = g_strdup (dt_store_get_path (store));
  }
  g_assert_cmpint (dt_test_run_program (database, &out, &err, "--explain-change", "--region=330106",
                                        "--from=2023", "--to=2024", "--no-bom", output_arg, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Xihu District "));
  g_assert_nonnull (strstr (out, "Rank "));
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "code,name,level,parent,value_from,value_to,contribution");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      if (i == 1)
        {
          g_assert_cmpstr (cells[0], ==, "OI");
          root = g_ascii_strtod (cells[6], NULL);
          g_assert_cmpfloat_with_epsilon (root, g_ascii_strtod (cells[5], NULL) - g_ascii_strtod (cells[4], NULL), 1e-9);
        }
      else if (g_str_equal (cells[3], "OI"))
        sum += g_ascii_strtod (cells[6], NULL);
    }
  g_assert_cmpfloat_with_epsilon (sum, root, 1e-9);

  /* An unknown region is refused. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (database, NULL, &err, "--explain-change", "--region=339999",
                                        "--from=2023", "--to=2024", output_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "339999"));
  dt_test_remove_backups (database);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/counties/sample-has-counties", test_sample_has_counties);
  g_test_add_func ("/counties/ranking", test_county_ranking);
  g_test_add_func ("/counties/attribution", test_county_attribution);
  g_test_add_func ("/counties/attribution-missing-values", test_county_missing_values);
  g_test_add_func ("/counties/import-by-gb-code", test_import_by_gb_code);
  g_test_add_func ("/counties/regions-gb-code-checked", test_regions_gb_code_checked);
  g_test_add_func ("/counties/migration-fills-codes", test_migration_fills_codes);
  g_test_add_func ("/counties/command-line-stored", test_command_line_stored);

  status = g_test_run ();
  g_clear_object (&sample_store);
  if (folder != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          g_remove (path);
        }
      g_rmdir (folder);
    }
  return status;
}
