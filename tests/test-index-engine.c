/* test-index-engine.c — the composite-index engine on cases worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-index-compute.h"
#include "dt-index-engine.h"

#define EPS 1e-12

/* Two dimensions under one index; A weighs 3 and B 1 (they do not sum to
 * 1); a2 counts against; b1 and b2 weigh 2 each. */
static const char tree_csv[] =
  "code,name,level,parent,direction,weight,goalpost_low,goalpost_high\n"
  "I,Index,3,,1,1,,\n"
  "A,\"Dimension A, first\",2,I,1,3,,\n"
  "a1,A one,1,A,1,1,0,200\n"
  "a2,A two,1,A,-1,1,0,10\n"
  "B,Dimension B,2,I,1,1,,\n"
  "b1,B one,1,B,1,2,0,20\n"
  "b2,B two,1,B,1,2,0,10\n";

static DtIndexFramework *
framework_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DtIndexFramework *framework = dt_index_framework_new_from_bytes (bytes, "meta.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (framework);
  return framework;
}

static char *
framework_error (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexFramework) framework = dt_index_framework_new_from_bytes (bytes, "meta.csv", &error);

  g_assert_null (framework);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  return g_strdup (error->message);
}

static DtIndexTable *
table_from (DtIndexFramework *framework,
            const char       *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DtIndexTable *table = dt_index_table_new_from_bytes (framework, bytes, "data.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static double
value_of (DtIndexTable *table,
          const char   *unit,
          int           year,
          const char   *code)
{
  int row = dt_index_table_find_row (table, unit, year);
  int node = dt_index_framework_lookup (dt_index_table_get_framework (table), code);

  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (node, >=, 0);
  return dt_index_table_get_value (table, row, node);
}

static void
test_framework_tree (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  const guint *order, *children;
  guint n;

  g_assert_cmpuint (dt_index_framework_get_n_nodes (fw), ==, 7);
  g_assert_cmpstr (dt_index_framework_get_node (fw, 1)->name, ==, "Dimension A, first");
  g_assert_cmpint (dt_index_framework_get_node (fw, 3)->direction, ==, -1);
  g_assert_cmpfloat (dt_index_framework_get_node (fw, 2)->goalpost_high, ==, 200);
  g_assert_true (isnan (dt_index_framework_get_node (fw, 0)->goalpost_low));
  children = dt_index_framework_get_children (fw, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (children[0], ==, 1);
  g_assert_cmpuint (children[1], ==, 4);
  /* Children are aggregated before their parents. */
  order = dt_index_framework_get_bottom_up (fw, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (order[2], ==, 0);
}

static void
test_minmax_direction (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,Time,a1,a2,b1,b2\n"
    "X,2018,10,4,5,8\n"
    "X,2019,20,2,10,8\n"
    "Y,2018,40,8,15,1\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_index_normalise (t, DT_INDEX_NORMALISE_MINMAX, 0, &error));
  g_assert_no_error (error);
  /* a1: min 10, max 40 over every row and year together. */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2018, "a1"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2019, "a1"), 100.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 2018, "a1"), 100, EPS);
  /* a2 counts against: the smallest value scores 100. */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2019, "a2"), 100, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2018, "a2"), 100.0 * 4 / 6, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 2018, "a2"), 0, EPS);
  /* b2: 8, 8, 1 */
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 2018, "b2"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2019, "b2"), 100, EPS);
}

static void
test_zscore (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,a1,a2,b1,b2\n"
    "X,2,2,1,1\n"
    "Y,4,4,,2\n"
    "Z,6,6,3,4\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_index_normalise (t, DT_INDEX_NORMALISE_ZSCORE, 0, &error));
  g_assert_no_error (error);
  /* mean 4, sample sd sqrt ((4 + 0 + 4) / 2) = 2 */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "a1"), -1, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "a1"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Z", 0, "a1"), 1, EPS);
  /* direction -1 flips the sign */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "a2"), 1, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Z", 0, "a2"), -1, EPS);
  /* b1 over the two present values: mean 2, sd sqrt (2) */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "b1"), -1 / sqrt (2), EPS);
  g_assert_true (isnan (value_of (t, "Y", 0, "b1")));
  /* b2: 1, 2, 4: mean 7/3, sd sqrt ((16/9 + 1/9 + 25/9) / 2) = sqrt (7/3) */
  g_assert_cmpfloat_with_epsilon (value_of (t, "Z", 0, "b2"), (4 - 7.0 / 3) / sqrt (7.0 / 3), EPS);
}

static void
test_base_year (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,Time,a1,a2,b1,b2\n"
    "X,2018,50,4,5,\n"
    "X,2019,60,5,,2\n"
    "Y,2018,20,8,10,1\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_index_normalise (t, DT_INDEX_NORMALISE_BASE_YEAR, 2018, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2018, "a1"), 100, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2019, "a1"), 120, EPS);
  /* direction -1: base / x × 100 */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 2019, "a2"), 80, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 2018, "a2"), 100, EPS);
  /* missing value, and a base that is missing */
  g_assert_true (isnan (value_of (t, "X", 2019, "b1")));
  g_assert_true (isnan (value_of (t, "X", 2019, "b2")));
  /* Y has no 2019 row: it is simply absent, not an error. */
  g_assert_cmpint (dt_index_table_find_row (t, "Y", 2019), ==, -1);
  g_assert_cmpuint (dt_index_table_get_n_rows (t), ==, 3);
}

static void
test_goalposts (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,a1,a2,b1,b2\n"
    "X,50,2.5,25,-1\n"
    "Y,150,12,5,5\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_index_normalise (t, DT_INDEX_NORMALISE_GOALPOSTS, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "a1"), 25, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "a1"), 75, EPS);
  /* direction -1 within 0..10 */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "a2"), 75, EPS);
  /* beyond the goalposts: clamped */
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "a2"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "b1"), 100, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "b2"), 0, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "b1"), 25, EPS);
}

static void
test_goalposts_missing (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (
    "code,name,level,parent,direction,weight\n"
    "I,Index,2,,1,1\n"
    "x,X,1,I,1,1\n");
  g_autoptr(DtIndexTable) t = table_from (fw, "uCode,x\nA,1\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (dt_index_normalise (t, DT_INDEX_NORMALISE_GOALPOSTS, 0, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "meta.csv:3:7: "));
  g_assert_nonnull (strstr (error->message, "“x”"));
}

static void
test_amean_weights (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,a1,a2,b1,b2\n"
    "X,80,80,40,40\n"
    "Y,90,70,10,50\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_index_aggregate (t, DT_INDEX_AGGREGATE_AMEAN, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "A"), 80, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "B"), 40, EPS);
  /* weights 3 and 1: (3 × 80 + 40) / 4 */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "I"), 70, EPS);
  /* b1, b2 weigh 2 each: the same as 1 each */
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "B"), 30, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "I"), (3 * 80 + 30) / 4.0, EPS);
}

static void
test_gmean (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,a1,a2,b1,b2\n"
    "X,80,20,10,40\n");
  g_autoptr(GError) error = NULL;
  double a = 40, b = 20;

  g_assert_true (dt_index_aggregate (t, DT_INDEX_AGGREGATE_GMEAN, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "A"), a, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "B"), b, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "I"), pow (a, 0.75) * pow (b, 0.25), 1e-9);
}

static void
test_gmean_non_positive (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,Time,a1,a2,b1,b2\n"
    "X,2020,80,20,10,40\n"
    "Y,2020,80,20,0,40\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (dt_index_aggregate (t, DT_INDEX_AGGREGATE_GMEAN, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "“B”"));
  g_assert_nonnull (strstr (error->message, "Y, 2020"));
  g_assert_nonnull (strstr (error->message, "“b1”"));
}

static void
test_missing_reweighted (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,a1,a2,b1,b2\n"
    "X,60,,40,\n"
    "Y,,,10,30\n"
    "Z,,,,\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_index_aggregate (t, DT_INDEX_AGGREGATE_AMEAN, &error));
  g_assert_no_error (error);
  /* a2 missing: A is a1 alone; b2 missing: B is b1 alone */
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "A"), 60, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "I"), (3 * 60 + 40) / 4.0, EPS);
  /* A has no child present: it is missing, and I is B alone */
  g_assert_true (isnan (value_of (t, "Y", 0, "A")));
  g_assert_cmpfloat_with_epsilon (value_of (t, "Y", 0, "I"), 20, EPS);
  g_assert_true (isnan (value_of (t, "Z", 0, "I")));
}

static void
test_weight_change (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexFramework) copy = dt_index_framework_copy (fw);
  g_autoptr(DtIndexTable) t = NULL;
  g_autoptr(GError) error = NULL;

  /* What-if: B now weighs as much as A; the original stays as it was. */
  dt_index_framework_set_weight (copy, dt_index_framework_lookup (copy, "B"), 3);
  g_assert_cmpfloat (dt_index_framework_get_node (fw, 4)->weight, ==, 1);
  t = table_from (copy, "uCode,a1,a2,b1,b2\nX,80,80,40,40\n");
  g_assert_true (dt_index_aggregate (t, DT_INDEX_AGGREGATE_AMEAN, &error));
  g_assert_cmpfloat_with_epsilon (value_of (t, "X", 0, "I"), 60, EPS);
}

static void
test_framework_errors (void)
{
  const struct { const char *csv; const char *prefix; const char *words; } cases[] = {
    { "code,name,level,parent,direction,weight\nI,Index,2,,1,1\nx,X,1,J,1,1\n",
      "meta.csv:3:4: ", "unknown parent “J”" },
    { "code,name,level,parent,direction,weight\nI,Index,3,,1,1\nA,A,2,B,1,1\nB,B,2,A,1,1\nx,X,1,A,1,1\n",
      "meta.csv:3:4: ", "cycle" },
    { "code,name,level,parent,direction,weight\nI,Index,2,,1,1\nx,X,1,I,1,heavy\n",
      "meta.csv:3:6: ", "“heavy”" },
    { "code,name,level,parent,direction,weight\nI,Index,2,,1,1\nx,X,1,I,2,1\n",
      "meta.csv:3:5: ", "1 or -1" },
    { "code,name,level,parent,direction,weight\nI,Index,2,,1,1\nx,X,one,I,1,1\n",
      "meta.csv:3:3: ", "level" },
    { "code,name,level,parent,direction,weight\nI,Index,2,,1,1\nx,X,1,I,1,1\nx,Y,1,I,1,1\n",
      "meta.csv:4:1: ", "used twice" },
    { "code,name,level,parent,direction\nI,Index,2,,1\n",
      "meta.csv:1:", "weight" },
    { "code,name,level,parent,direction,weight,goalpost_low,goalpost_high\nI,Index,2,,1,1,,\nx,X,1,I,1,1,5,1\n",
      "meta.csv:3:8: ", "upper goalpost" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = framework_error (cases[i].csv);

      g_test_message ("%s", message);
      g_assert_true (g_str_has_prefix (message, cases[i].prefix));
      g_assert_nonnull (strstr (message, cases[i].words));
    }
}

static void
test_data_errors (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  const struct { const char *csv; const char *prefix; const char *words; } cases[] = {
    { "uCode,Time,a1,a2,b1,b2\nX,2018,1,2,3,4\nX,2019,1,two,3,4\n", "data.csv:3:4: ", "“two”" },
    { "uCode,a1,a2,b1,zz\nX,1,2,3,4\n", "data.csv:1:5: ", "“zz”" },
    { "uCode,a1,a2,b1,A\nX,1,2,3,4\n", "data.csv:1:5: ", "aggregate" },
    { "uCode,a1,a2,b1\nX,1,2,3\n", "data.csv:1:5: ", "“b2”" },
    { "uCode,Time,a1,a2,b1,b2\nX,2018,1,2,3,4\nX,2018,1,2,3,4\n", "data.csv:3:1: ", "again" },
    { "uCode,Time,a1,a2,b1,b2\nX,20x8,1,2,3,4\n", "data.csv:2:2: ", "year" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].csv, strlen (cases[i].csv));
      g_autoptr(GError) error = NULL;
      g_autoptr(DtIndexTable) t = dt_index_table_new_from_bytes (fw, bytes, "data.csv", &error);

      g_assert_null (t);
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_base_year_absent (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw,
    "uCode,Time,a1,a2,b1,b2\n"
    "X,2018,1,2,3,4\n"
    "Z,2019,1,2,3,4\n");
  g_autoptr(DtIndexTable) no_time = table_from (fw, "uCode,a1,a2,b1,b2\nX,1,2,3,4\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (dt_index_normalise (t, DT_INDEX_NORMALISE_BASE_YEAR, 2018, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "data.csv:3:2: "));
  g_assert_nonnull (strstr (error->message, "“Z”"));
  g_assert_nonnull (strstr (error->message, "2018"));
  g_clear_error (&error);

  g_assert_false (dt_index_normalise (no_time, DT_INDEX_NORMALISE_BASE_YEAR, 2018, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static void
test_constant_indicator (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from (tree_csv);
  g_autoptr(DtIndexTable) t = table_from (fw, "uCode,a1,a2,b1,b2\nX,1,2,3,4\nY,1,3,4,5\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (dt_index_normalise (t, DT_INDEX_NORMALISE_MINMAX, 0, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "data.csv:1:2: "));
}

/* The command as analysts run it: the whole pipeline, the output layout
 * with 17 digits, and nothing written on error. */
static void
test_compute_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-index-XXXXXX", NULL);
  g_autofree char *meta = g_build_filename (dir, "meta.csv", NULL);
  g_autofree char *data = g_build_filename (dir, "data.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *bad_out = g_build_filename (dir, "bad-out.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (meta, tree_csv, -1, NULL));
  g_assert_true (g_file_set_contents (data,
                                      "uCode,Time,a1,a2,b1,b2\n"
                                      "X,2018,1,3,3,\n"
                                      "X,2019,2,2,6,4\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "uCode,Time,a1,a2,b1,b2\nX,2019,1,2,3,4\n", -1, NULL));

  g_assert_true (dt_index_compute_files (meta, data, "base-year", "amean", 2018, out, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  /* a2 = 3 / 2 × 100 = 150; A = 175; B = 200; I = (3 × 175 + 200) / 4 = 181.25 */
  g_assert_cmpstr (text, ==,
                   "uCode,Time,I,A,a1,a2,B,b1,b2\r\n"
                   "X,2018,100,100,100,100,100,100,\r\n"
                   "X,2019,181.25,175,200,150,200,200,\r\n");
  g_clear_pointer (&text, g_free);

  g_assert_false (dt_index_compute_files (meta, bad, "base-year", "amean", 2018, bad_out, FALSE, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_false (g_file_test (bad_out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (dt_index_compute_files (meta, data, "median", NULL, 0, bad_out, FALSE, &error));
  g_assert_false (g_file_test (bad_out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_remove (meta);
  g_remove (data);
  g_remove (bad);
  g_remove (out);
  g_rmdir (dir);
}

static void
test_seventeen_digits (void)
{
  g_autoptr(DtIndexFramework) fw = framework_from ("code,name,level,parent,direction,weight\nI,I,2,,1,1\nx,x,1,I,1,1\ny,y,1,I,1,2\n");
  g_autoptr(DtIndexTable) t = table_from (fw, "uCode,x,y\nA,0,1\n");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dt_index_aggregate (t, DT_INDEX_AGGREGATE_AMEAN, &error));
  g_assert_true (dt_index_table_write_csv (t, stream, FALSE, &error));
  g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_cmpstr (text, ==, "uCode,I,x,y\r\nA,0.66666666666666663,0,1\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/index/framework/tree", test_framework_tree);
  g_test_add_func ("/index/framework/errors", test_framework_errors);
  g_test_add_func ("/index/data/errors", test_data_errors);
  g_test_add_func ("/index/normalise/minmax-direction", test_minmax_direction);
  g_test_add_func ("/index/normalise/minmax-constant", test_constant_indicator);
  g_test_add_func ("/index/normalise/zscore", test_zscore);
  g_test_add_func ("/index/normalise/base-year", test_base_year);
  g_test_add_func ("/index/normalise/base-year-absent", test_base_year_absent);
  g_test_add_func ("/index/normalise/goalposts", test_goalposts);
  g_test_add_func ("/index/normalise/goalposts-missing", test_goalposts_missing);
  g_test_add_func ("/index/aggregate/amean-weights", test_amean_weights);
  g_test_add_func ("/index/aggregate/gmean", test_gmean);
  g_test_add_func ("/index/aggregate/gmean-non-positive", test_gmean_non_positive);
  g_test_add_func ("/index/aggregate/missing-reweighted", test_missing_reweighted);
  g_test_add_func ("/index/aggregate/weight-change", test_weight_change);
  g_test_add_func ("/index/compute/files", test_compute_files);
  g_test_add_func ("/index/compute/seventeen-digits", test_seventeen_digits);

  return g_test_run ();
}
