/* test-import.c — CSV and JSON import: good files in, bad files refused with nothing changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "dt-columns.h"
#include "dt-credit-code.h"
#include "dt-csv-import.h"
#include "dt-csv-writer.h"
#include "dt-data-pack.h"
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

/* A database with the samples, built once and copied for each test:
 * loading the samples takes most of a test's time. */
static char *template_path;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;

  f->dir = g_dir_make_tmp ("dt-import-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);

  if (template_path == NULL)
    {
      g_autoptr(DtStore) store = NULL;

      template_path = g_build_filename (g_get_tmp_dir (), "dt-import-template-XXXXXX.db", NULL);
      g_close (g_mkstemp (template_path), NULL);
      g_remove (template_path);
      store = dt_sample_data_open (template_path, &error);
      g_assert_no_error (error);
      /* Fold the WAL into the file so that copying the file is enough. */
      g_assert_true (dt_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
    }

  source = g_file_new_for_path (template_path);
  target = g_file_new_for_path (f->path);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->store = dt_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
remove_template (void)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (template_path == NULL)
    return;
  wal = g_strconcat (template_path, "-wal", NULL);
  shm = g_strconcat (template_path, "-shm", NULL);
  g_remove (template_path);
  g_remove (wal);
  g_remove (shm);
  g_clear_pointer (&template_path, g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  dt_test_remove_backups (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Imports @data and returns the error; asserts the database did not change. */
static GError *
import_refused (Fixture    *f,
                const char *name,
                const char *data,
                gsize       size,
                const char *kind)
{
  g_autofree char *before = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  GError *error = NULL;

  g_assert_false (dt_import_bytes (f->store, bytes, name, kind, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  after = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_str_has_prefix (error->message, name));
  return error;
}

static void
assert_refused (Fixture    *f,
                const char *name,
                const char *text,
                const char *prefix,
                const char *needle)
{
  g_autoptr(GError) error = import_refused (f, name, text, strlen (text), NULL);

  g_assert_error (error, DT_ERROR, error->code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, needle) == NULL)
    g_error ("expected “%s…%s”, got “%s”", prefix, needle, error->message);
}

static void
test_bad_empty (Fixture *f, gconstpointer data)
{
  assert_refused (f, "empty.csv", "", "empty.csv:1:1:", "empty");
  assert_refused (f, "empty.json", "", "empty.json:1:1:", "empty");
}

static void
test_bad_binary (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree guchar *garbage = g_malloc (4096);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4096; i++)
    {
      garbage[i] = g_rand_int_range (rand, 1, 256); /* no NUL: that has its own test */
    }
  error = import_refused (f, "garbage.csv", (const char *)garbage, 4096, NULL);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "garbage.csv:"));
}

static void
test_bad_nul (Fixture *f, gconstpointer data)
{
  static const char csv[] = "year,rank,name_zh,city\n2024,1,A\0B,hangzhou\n";
  static const char json[] = "{\"format\":\"digital-trade-pack\",\n\"version\":1\0}";
  g_autoptr(GError) e1 = import_refused (f, "nul.csv", csv, sizeof csv - 1, NULL);
  g_autoptr(GError) e2 = import_refused (f, "nul.json", json, sizeof json - 1, NULL);

  g_assert_true (g_str_has_prefix (e1->message, "nul.csv:2:1:"));
  g_assert_nonnull (strstr (e1->message, "NUL"));
  g_assert_true (g_str_has_prefix (e2->message, "nul.json:2:1:"));
  g_assert_nonnull (strstr (e2->message, "NUL"));
}

static void
test_bad_truncated_json (Fixture *f, gconstpointer data)
{
  assert_refused (f, "cut.json",
                  "{\n \"format\": \"digital-trade-pack\",\n \"version\": 1,\n \"kind\": \"enterprises\",\n \"rows\": [\n  {\"year\": 2024, \"ra",
                  "cut.json:6:", "not valid JSON");
}

static void
test_bad_unknown_version (Fixture *f, gconstpointer data)
{
  assert_refused (f, "v2.json",
                  "{\n \"format\": \"digital-trade-pack\",\n \"version\": 2,\n \"kind\": \"enterprises\",\n \"rows\": []\n}\n",
                  "v2.json:3:1:", "version 2 is not supported");
}

static void
test_bad_long_line (Fixture *f, gconstpointer data)
{
  gsize size = 10 * 1024 * 1024;
  g_autoptr(GString) text = g_string_new ("year,rank,name_zh,city\n2024,1,");
  g_autoptr(GError) error = NULL;

  while (text->len < size)
    g_string_append (text, "很长的企业名称");
  g_string_append (text, ",hangzhou\n");
  error = import_refused (f, "long.csv", text->str, text->len, NULL);
  g_assert_error (error, DT_ERROR, DT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "long.csv:2:1:"));
}

static void
test_bad_long_json_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"digital-trade-pack\", \"version\": 1, \"kind\": \"measures\",\n"
                                          " \"rows\": [{\"no\": 1,\n  \"title_zh\": \"");
  g_autoptr(GError) error = NULL;

  while (text->len < 400 * 1024)
    g_string_append (text, "很长的标题");
  g_string_append (text, "\"}]}\n");
  error = import_refused (f, "long.json", text->str, text->len, NULL);
  g_assert_true (g_str_has_prefix (error->message, "long.json:3:1:"));
  g_assert_nonnull (strstr (error->message, "“Title” is"));
}

static void
test_bad_too_many_fields (Fixture *f, gconstpointer data)
{
  assert_refused (f, "many.csv", "year,rank,name_zh,city\n2024,1,A,hangzhou\n2024,2,B,1,5,hangzhou\n",
                  "many.csv:3:5:", "has 6 fields; expected 4");
}

static void
test_bad_too_few_fields (Fixture *f, gconstpointer data)
{
  assert_refused (f, "few.csv", "year,rank,name_zh,city\n2024,1,A,hangzhou\n2024,2,B\n",
                  "few.csv:3:4:", "has 3 fields; expected 4");
}

static void
test_bad_missing_column (Fixture *f, gconstpointer data)
{
  assert_refused (f, "nocity.csv", "年份,排名,企业名称\n2024,1,甲公司\n",
                  "nocity.csv:1:1:", "required column “city” is missing");
  assert_refused (f, "nothing.csv", "foo,bar\n1,2\n", "nothing.csv:1:1:", "names no known columns");
}

static void
test_bad_non_numeric_rank (Fixture *f, gconstpointer data)
{
  assert_refused (f, "rank.csv", "年份,排名,企业名称,所在地市\n2024,1,甲,杭州\n2024,第二,乙,杭州\n",
                  "rank.csv:3:2:", "“第二” in field “Rank” is not valid");
}

/* A comma is a thousands separator or nothing: "1,5" was once read as 15.
 * CSV (any separator) and JSON packs share the parser and the message. */
static void
test_bad_decimal_comma (Fixture *f, gconstpointer data)
{
  assert_refused (f, "comma.csv", "year;rank;name_zh;city;trade_volume\n2024;1;甲;杭州;12,345.5\n2024;2;乙;杭州;1,5\n",
                  "comma.csv:3:5:", "a comma may only separate groups of three digits");
  assert_refused (f, "comma2.csv", "year,rank,name_zh,city,trade_volume\n2024,1,甲,杭州,\"12,34\"\n",
                  "comma2.csv:2:5:", "“12,34” in field “Digital trade volume (10k CNY)” is not a number");
  assert_refused (f, "comma.json",
                  "{\"format\": \"digital-trade-pack\", \"version\": 1, \"kind\": \"enterprises\",\n"
                  " \"rows\": [{\"year\": 2024, \"rank\": 1, \"name_zh\": \"甲\", \"city\": \"hangzhou\",\n"
                  "  \"trade_volume\": \"1,5\"}]}\n",
                  "comma.json:3:", "a comma may only separate groups of three digits");
  assert_refused (f, "rank-comma.csv", "year;rank;name_zh;city\n2024;1,0;甲;杭州\n",
                  "rank-comma.csv:2:2:", "a comma may only separate");
}

static void
test_bad_district_not_in_city (Fixture *f, gconstpointer data)
{
  assert_refused (f, "district.csv", "年份,排名,企业名称,所在地市,区县\n2024,1,甲,杭州,滨江区\n2024,2,乙,宁波,滨江区\n",
                  "district.csv:3:5:", "is not in the city");
}

static void
test_bad_duplicate_rank (Fixture *f, gconstpointer data)
{
  assert_refused (f, "dup.csv", "年份,排名,企业名称,所在地市\n2024,1,甲,杭州\n2023,1,乙,杭州\n2024,1,丙,宁波\n",
                  "dup.csv:4:2:", "rank 1 appears twice in 2024 (first on line 2)");
}

static void
test_bad_credit_code (Fixture *f, gconstpointer data)
{
  assert_refused (f, "code.csv", "年份,排名,企业名称,统一社会信用代码,所在地市\n2024,1,甲,91330100MA2XXXXXX1,杭州\n",
                  "code.csv:2:4:", "not a valid unified social credit code");
}

static void
test_bad_unknown_city (Fixture *f, gconstpointer data)
{
  assert_refused (f, "city.csv", "年份,排名,企业名称,所在地市\n2024,1,甲,杭州\n2024,2,乙,北京\n",
                  "city.csv:3:4:", "unknown city “北京”");
}

static void
test_bad_mixed_encodings (Fixture *f, gconstpointer data)
{
  g_autofree char *gb = g_convert ("2024,2,乙公司,宁波\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autofree char *text = g_strconcat ("年份,排名,企业名称,所在地市\n2024,1,甲公司,杭州\n", gb, NULL);

  assert_refused (f, "mixed.csv", text, "mixed.csv:3:1:", "mixes encodings");
}

static void
test_bad_unclosed_quote (Fixture *f, gconstpointer data)
{
  assert_refused (f, "quote.csv", "year,rank,name_zh,city\n2024,1,\"A,hangzhou\n2024,2,B,hangzhou\n",
                  "quote.csv:2:3:", "never closed");
}

static void
test_bad_kind_mismatch (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) pack = dt_data_pack_export_bytes (f->store, "measures", NULL);
  g_autoptr(GError) error = import_refused (f, "m.json", g_bytes_get_data (pack, NULL),
                                            g_bytes_get_size (pack), "enterprises");

  g_assert_nonnull (strstr (error->message, "expected enterprises"));
}

/* A valid code built with the check character, so the test does not carry
 * a real enterprise's code. */
static char *
make_credit_code (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, dt_credit_code_check_character (first17));
}

static void
test_gb18030_chinese_headers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = make_credit_code ("91330108MA2H00001");
  g_autofree char *utf8 = g_strdup_printf (
      "年份,排名,企业名称,英文名称,统一社会信用代码,所在地市,所在区县,类别,行业,数字贸易额（万元）,是否自贸区,成立年份\r\n"
      "2024,1,\"杭州甲,\"\"乙\"\"\r\n科技有限公司\",\"Jia, Yi Co.\",%s,杭州市,滨江区,数字技术贸易,软件,\"12,345.5\",是,2012\r\n"
      "2024,2,宁波丙有限公司,,,宁波,,跨境电商,,880,否,\r\n", code);
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (gb, strlen (gb));
  g_autoptr(DtCsvImport) csv = dt_csv_import_new (bytes, "excel.csv", NULL, 0, &error);
  g_autofree char *name = NULL;
  g_autofree char *credit = NULL;
  guint n_rows = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (dt_csv_import_get_kind (csv), ==, "enterprises");
  g_assert_cmpstr (dt_csv_import_get_encoding (csv), ==, "GB18030");
  g_assert_cmpint (dt_csv_import_get_separator (csv), ==, ',');
  g_assert_cmpstr (dt_csv_import_get_column_key (csv, 9), ==, "trade_volume");
  g_assert_cmpstr (dt_csv_import_get_column_key (csv, 10), ==, "in_ftz");

  g_assert_true (dt_csv_import_run (csv, f->store, NULL, NULL, NULL, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);

  name = dt_test_query_text (f->store, "SELECT e.name_zh FROM listings l JOIN enterprises e ON e.id = l.enterprise_id WHERE rank = 1");
  g_assert_cmpstr (name, ==, "杭州甲,\"乙\"\r\n科技有限公司");
  credit = dt_test_query_text (f->store, "SELECT credit_code FROM enterprises WHERE name_en = 'Jia, Yi Co.'");
  g_assert_cmpstr (credit, ==, code);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings WHERE rank = 1 AND city = 'hangzhou' AND district = 'hangzhou.binjiang' "
                                        "AND category = 'digital-technology' AND sector = 'software' AND trade_volume = 12345.5 AND in_ftz = 1"), ==, 1);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings WHERE rank = 2 AND city = 'ningbo' AND in_ftz = 0 AND trade_volume = 880"), ==, 1);
  /* It replaced the sample list, and is marked as official. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings"), ==, 2);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM datasets WHERE key = 'enterprises' AND provenance = 'official'"), ==, 1);
}

static void
test_separators (Fixture *f, gconstpointer data)
{
  static const char * const files[] = {
    "year;rank;name_zh;city;trade_volume\n2024;1;甲;杭州;\"12,345.5\"\n2024;2;乙;ningbo;3\n",
    "year\trank\tname_zh\tcity\ttrade_volume\n2024\t1\t甲\t杭州\t1.5\n2024\t2\t乙\tningbo\t3\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (files[i], strlen (files[i]));
      g_autoptr(GError) error = NULL;
      g_autofree char *kind = NULL;

      g_assert_true (dt_import_bytes (f->store, bytes, "sep.csv", NULL, 0, NULL, NULL, NULL, &kind, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kind, ==, "enterprises");
      g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings"), ==, 2);
      g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings WHERE rank = 2 AND city = 'ningbo' AND trade_volume = 3"), ==, 1);
    }
}

/* Line numbers stay right after a cell that spans lines. */
static void
test_quoted_line_breaks (Fixture *f, gconstpointer data)
{
  static const char ok[] = "序号,标题,正文\n1,\"第一条\",\"第一行\n第二行\n第三行\"\n2,第二条,短\n";
  static const char bad[] = "序号,标题,正文\n1,\"第一条\",\"第一行\n第二行\n第三行\"\n两,第二条,短\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (ok, sizeof ok - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bad_error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *kind = NULL;

  g_assert_true (dt_import_bytes (f->store, bytes, "m.csv", NULL, 0, NULL, NULL, NULL, &kind, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kind, ==, "measures");
  body = dt_test_query_text (f->store, "SELECT body_zh FROM measures WHERE no = 1");
  g_assert_cmpstr (body, ==, "第一行\n第二行\n第三行");

  bad_error = import_refused (f, "m.csv", bad, sizeof bad - 1, NULL);
  g_assert_true (g_str_has_prefix (bad_error->message, "m.csv:5:1:"));
}

static void
test_wide_index (Fixture *f, gconstpointer data)
{
  static const char wide[] = "uCode,Time,OI,D1\nZJ,2023,120.5,\n杭州市,2023,130,99.5\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (wide, sizeof wide - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtCsvImport) csv = dt_csv_import_new (bytes, "wide.csv", NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_true (dt_csv_import_is_wide (csv));
  g_assert_cmpstr (dt_csv_import_get_kind (csv), ==, "index");
  g_assert_true (dt_csv_import_run (csv, f->store, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The empty cell is a missing value, not a zero. */
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM index_values"), ==, 3);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM index_values WHERE region = 'hangzhou' AND year = 2023 AND code = 'D1' AND value = 99.5"), ==, 1);
}

static void
test_long_index (Fixture *f, gconstpointer data)
{
  static const char text[] = "地区,年份,指标代码,数值\n浙江省,2022,OI,119.9\nningbo,2022,OI,12x\n";
  g_autoptr(GError) error = import_refused (f, "long.csv", text, sizeof text - 1, "index");

  g_assert_true (g_str_has_prefix (error->message, "long.csv:3:4:"));
  g_assert_nonnull (strstr (error->message, "not a number"));
}

static void
test_tracking_untouched (Fixture *f, gconstpointer data)
{
  static const char text[] = "序号,标题,状态,备注\n1,新的第一条,expired,覆盖\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  g_assert_true (dt_store_exec (f->store, "INSERT INTO measure_tracking (no, status, notes) VALUES (1, 'in-progress', '已联系')", NULL));
  g_assert_true (dt_import_bytes (f->store, bytes, "m.csv", NULL, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  notes = dt_test_query_text (f->store, "SELECT status || ' ' || notes FROM measure_tracking WHERE no = 1");
  g_assert_cmpstr (notes, ==, "in-progress 已联系");
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM measures"), ==, 1);
}

static void
test_cancel_writes_nothing (Fixture *f, gconstpointer data)
{
  static const char text[] = "year,rank,name_zh,city\n2024,1,A,hangzhou\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (dt_import_bytes (f->store, bytes, "c.csv", NULL, 0, cancellable, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (before, ==, after);
}

/* Export every kind as a pack, import the packs again: same tables. */
static void
test_json_round_trip (Fixture *f, gconstpointer data)
{
  static const char * const kinds[] = { "regions", "framework", "index", "enterprises", "measures" };
  g_autofree char *before = dt_test_database_checksum (f->store, TRUE);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      GBytes *pack = dt_data_pack_export_bytes (f->store, kinds[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (packs, pack);
    }

  /* Regions first: the others refer to them. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *kind = NULL;

      g_assert_true (dt_import_bytes (f->store, g_ptr_array_index (packs, i), "pack.json", NULL, 0,
                                      NULL, NULL, NULL, &kind, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kind, ==, kinds[i]);
    }

  after = dt_test_database_checksum (f->store, TRUE);
  g_assert_cmpstr (before, ==, after);
}

/* The command line: a refused file exits 1 with FILE:LINE:COLUMN on stderr
 * and changes nothing; export → import of a pack changes nothing either. */
static char *
checksum_of_file (const char *path,
                  gboolean    content_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (path, &error);

  g_assert_no_error (error);
  return dt_test_database_checksum (store, content_only);
}

static void
test_command_line (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *pack = g_build_filename (f->dir, "measures.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *before_content = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *err = NULL;

  if (g_getenv ("DT_BINARY") == NULL || !g_file_test (g_getenv ("DT_BINARY"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not built");
      return;
    }

  /* The binary opens the database itself. */
  g_clear_object (&f->store);
  before = checksum_of_file (f->path, FALSE);
  before_content = checksum_of_file (f->path, TRUE);

  g_assert_true (g_file_set_contents (bad, "年份,排名,企业名称,所在地市\n2024,1,甲,杭州\n2024,1,乙,杭州\n", -1, NULL));
  g_assert_cmpint (dt_test_run_program (f->path, NULL, &err, "--import", bad, NULL), ==, 1);
  expected = g_strdup_printf ("%s:3:2: rank 1 appears twice", bad);
  g_assert_true (g_str_has_prefix (err, expected));
  after = checksum_of_file (f->path, FALSE);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&after, g_free);

  g_assert_cmpint (dt_test_run_program (f->path, NULL, &err, "--export=measures", "--output", pack, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (f->path, NULL, &err, "--import", pack, "--kind=measures", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  after = checksum_of_file (f->path, TRUE);
  g_assert_cmpstr (before_content, ==, after);
  {
    g_autoptr(DtStore) store = dt_store_open (f->path, NULL);

    /* The pack said "sample"; a file's claim does not count. */
    g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE kind = 'measures' AND provenance = 'user'"), ==, 1);
  }

  g_assert_cmpint (dt_test_run_program (f->path, NULL, &err, "--import", pack, "--kind=enterprises", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "expected enterprises"));

  g_remove (bad);
  g_remove (pack);
  f->store = dt_store_open (f->path, NULL);
}

/* What the CSV writer writes (BOM, CRLF, quoting, the apostrophe before
 * formula-like text, Chinese labels from dt-columns) imports to the same values. */
static void
test_csv_writer_round_trip (Fixture *f, gconstpointer data)
{
  static const char * const keys[] = { "year", "rank", "name_zh", "name_en", "city", "sector", "trade_volume" };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(DtCsvWriter) writer = dt_csv_writer_new (stream, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  g_autofree char *sector = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    dt_csv_writer_add_text (writer, dt_columns_lookup ("enterprises", keys[i])->label_zh);
  g_assert_true (dt_csv_writer_end_row (writer, NULL, &error));
  dt_csv_writer_add_int (writer, 2024);
  dt_csv_writer_add_int (writer, 1);
  dt_csv_writer_add_text (writer, "甲,\"乙\"\n丙有限公司");
  dt_csv_writer_add_text (writer, "=HYPERLINK(\"x\")");
  dt_csv_writer_add_text (writer, "杭州市");
  dt_csv_writer_add_text (writer, "-区块链-");
  dt_csv_writer_add_double (writer, 0.1);
  g_assert_true (dt_csv_writer_end_row (writer, NULL, &error));
  g_assert_true (dt_csv_writer_flush (writer, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  g_assert_true (dt_import_bytes (f->store, bytes, "export.csv", NULL, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  name = dt_test_query_text (f->store, "SELECT name_zh FROM enterprises");
  g_assert_cmpstr (name, ==, "甲,\"乙\"\n丙有限公司");
  name_en = dt_test_query_text (f->store, "SELECT name_en FROM enterprises");
  g_assert_cmpstr (name_en, ==, "=HYPERLINK(\"x\")");
  sector = dt_test_query_text (f->store, "SELECT sector FROM listings");
  g_assert_cmpstr (sector, ==, "-区块链-");
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings WHERE trade_volume = 0.1 AND city = 'hangzhou'"), ==, 1);
}

static void
test_columns_labels (void)
{
  g_assert_cmpstr (dt_columns_find ("enterprises", "数字贸易额(万元)")->key, ==, "trade_volume");
  g_assert_cmpstr (dt_columns_find ("enterprises", " Credit_Code ")->key, ==, "credit_code");
  g_assert_cmpstr (dt_columns_find ("enterprises", "Unified social credit code")->key, ==, "credit_code");
  g_assert_cmpstr (dt_columns_find ("measures", "编号")->key, ==, "no");
  g_assert_cmpstr (dt_columns_find ("index", "uCode")->key, ==, "region");
  g_assert_null (dt_columns_find ("enterprises", "备注"));
  g_assert_cmpstr (dt_columns_dataset_key ("index"), ==, "index-values");
}

/* Only regular files are read: a device never ends, a pipe may block. */
static void
test_bad_not_regular (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.csv", NULL);
  const char *paths[] = { f->dir, "/dev/zero", fifo };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dt_import_load_file (file, NULL, &error);

      g_assert_null (bytes);
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, paths[i]));
    }
  g_remove (fifo);
}

/* The real program: --import=/dev/zero is refused at once, not read into
 * memory until the process dies, and the database stays as it was. */
static void
test_command_line_dev_zero (Fixture       *f,
                            gconstpointer  data)
{
  const char *binary = g_getenv ("DT_BINARY");
  g_autofree char *db_arg = g_strconcat ("--database=", f->path, NULL);
  g_autofree char *before = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "timeout", "60", binary, db_arg, "--import=/dev/zero", NULL };
  int status = 0;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("DT_BINARY is not built");
      return;
    }

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_true (g_str_has_prefix (err, "/dev/zero: "));
  g_assert_nonnull (strstr (err, "not a regular file"));
  after = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (before, ==, after);
}

/* A table read from file as a stream: a line in another encoding far past
 * the first chunk still refuses the whole file, named by its line, and
 * nothing is written; the same file without that line plans and imports. */
static void
test_file_stream_mixed_refused (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "stream.csv", NULL);
  g_autofree char *gb = g_convert ("2024,40001,宁波测试有限公司,宁波,1.5\r\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autofree char *before = dt_test_database_checksum (f->store, FALSE);
  g_autofree char *after = NULL;
  g_autoptr(GString) csv = g_string_new ("年份,排名,企业名称,所在地市,数字贸易额（万元）\r\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtImportPlan) plan = NULL;
  DtImportOptions options = { .kind = "enterprises" };
  guint n_rows = 0;

  for (guint i = 1; i <= 40000; i++)
    g_string_append_printf (csv, "2024,%u,流式企业%06u有限公司,杭州,%u.5\r\n", i, i, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  plan = dt_import_plan_file (f->store, file, "stream.csv", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);

  g_string_append (csv, gb); /* line 40002 */
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  g_assert_false (dt_import_file_full (f->store, file, "stream.csv", &options, NULL, NULL, NULL,
                                       NULL, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "stream.csv:40002:1: "));
  after = dt_test_database_checksum (f->store, FALSE);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  csv->len -= strlen (gb);
  csv->str[csv->len] = '\0';
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  g_assert_true (dt_import_file_full (f->store, file, "stream.csv", &options, NULL, NULL, NULL,
                                      NULL, &n_rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 40000);
  g_assert_cmpint (dt_test_query_int (f->store, "SELECT count(*) FROM listings WHERE year = 2024"), ==, 40000);
  {
    g_autofree char *checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)csv->str, csv->len);
    g_autofree char *stored = dt_test_query_text (f->store, "SELECT checksum FROM datasets WHERE kind = 'enterprises'");

    g_assert_cmpstr (stored, ==, checksum);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/bad/empty", test_bad_empty);
  ADD ("/import/stream/mixed-encoding-past-first-chunk", test_file_stream_mixed_refused);
  ADD ("/import/bad/binary-garbage", test_bad_binary);
  ADD ("/import/bad/nul-bytes", test_bad_nul);
  ADD ("/import/bad/truncated-json", test_bad_truncated_json);
  ADD ("/import/bad/unknown-version", test_bad_unknown_version);
  ADD ("/import/bad/ten-megabyte-line", test_bad_long_line);
  ADD ("/import/bad/long-json-field", test_bad_long_json_field);
  ADD ("/import/bad/too-many-fields", test_bad_too_many_fields);
  ADD ("/import/bad/too-few-fields", test_bad_too_few_fields);
  ADD ("/import/bad/missing-column", test_bad_missing_column);
  ADD ("/import/bad/non-numeric-rank", test_bad_non_numeric_rank);
  ADD ("/import/bad/duplicate-rank", test_bad_duplicate_rank);
  ADD ("/import/bad/invalid-credit-code", test_bad_credit_code);
  ADD ("/import/bad/unknown-city", test_bad_unknown_city);
  ADD ("/import/bad/mixed-encodings", test_bad_mixed_encodings);
  ADD ("/import/bad/unclosed-quote", test_bad_unclosed_quote);
  ADD ("/import/bad/kind-mismatch", test_bad_kind_mismatch);
  ADD ("/import/bad/decimal-comma", test_bad_decimal_comma);
  ADD ("/import/bad/district-not-in-city", test_bad_district_not_in_city);
  ADD ("/import/bad/not-a-regular-file", test_bad_not_regular);
  ADD ("/import/bad/command-line-dev-zero", test_command_line_dev_zero);
  ADD ("/import/csv/gb18030-chinese-headers", test_gb18030_chinese_headers);
  ADD ("/import/csv/separators", test_separators);
  ADD ("/import/csv/quoted-line-breaks", test_quoted_line_breaks);
  ADD ("/import/csv/wide-index", test_wide_index);
  ADD ("/import/csv/long-index-bad-value", test_long_index);
  ADD ("/import/csv/tracking-untouched", test_tracking_untouched);
  ADD ("/import/cancel-writes-nothing", test_cancel_writes_nothing);
  ADD ("/import/json/round-trip", test_json_round_trip);
  ADD ("/import/command-line", test_command_line);
  ADD ("/import/csv/writer-round-trip", test_csv_writer_round_trip);
#undef ADD
  g_test_add_func ("/import/columns/labels", test_columns_labels);

  {
    int status = g_test_run ();

    remove_template ();
    return status;
  }
}
