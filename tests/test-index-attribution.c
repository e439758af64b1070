/* test-index-attribution.c — what moved an index between two years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "dt-csv-reader.h"
#include "dt-error.h"
#include "dt-index-attribution.h"
#include "dt-index-engine.h"
#include "dt-test-util.h"

#define EPS 1e-9

/* A weighs 3 and B 1; a1 and a2 weigh 1 each, b1 and b2 2 each. */
static const char tree_csv[] =
  "code,name,level,parent,direction,weight\n"
  "I,Index,3,,1,1\n"
  "A,Dimension A,2,I,1,3\n"
  "a1,A one,1,A,1,1\n"
  "a2,A two,1,A,1,1\n"
  "B,Dimension B,2,I,1,1\n"
  "b1,B one,1,B,1,2\n"
  "b2,B two,1,B,1,2\n";

/* X: every value present. Y: a1 missing in 2021. Z: for the ranks. */
static const char data_csv[] =
  "uCode,Time,a1,a2,b1,b2\n"
  "X,2020,10,20,30,40\n"
  "X,2021,16,20,30,50\n"
  "Y,2020,10,20,30,40\n"
  "Y,2021,,24,30,40\n"
  "Z,2020,30,20,30,40\n"
  "Z,2021,20,20,30,40\n";

static DtIndexFramework *
framework_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DtIndexFramework *framework = dt_index_framework_new_from_bytes (bytes, "meta.csv", &error);

  g_assert_no_error (error);
  return framework;
}

static DtIndexTable *
table_from (DtIndexFramework *framework,
            const char       *text,
            DtIndexAggregate  method)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  DtIndexTable *table = dt_index_table_new_from_bytes (framework, bytes, "data.csv", &error);

  g_assert_no_error (error);
  g_assert_true (dt_index_aggregate (table, method, &error));
  g_assert_no_error (error);
  return table;
}

static double
contribution (DtIndexAttribution *a,
              const char         *code)
{
  int node = dt_index_framework_lookup (dt_index_attribution_get_framework (a), code);

  g_assert_cmpint (node, >=, 0);
  return dt_index_attribution_get_contribution (a, node);
}

/* Every node's children add up to it; the root's is its change. */
static void
assert_adds_up (DtIndexAttribution *a,
                double              tolerance)
{
  DtIndexFramework *framework = dt_index_attribution_get_framework (a);
  guint root = dt_index_attribution_get_root (a);

  g_assert_cmpfloat_with_epsilon (dt_index_attribution_get_contribution (a, root),
                                  dt_index_attribution_get_value_to (a, root) -
                                  dt_index_attribution_get_value_from (a, root), tolerance);
  for (guint i = 0; i < dt_index_framework_get_n_nodes (framework); i++)
    {
      guint n_children;
      const guint *children = dt_index_framework_get_children (framework, i, &n_children);
      double sum = 0, log_sum = 0;

      if (n_children == 0)
        continue;
      for (guint c = 0; c < n_children; c++)
        {
          sum += dt_index_attribution_get_contribution (a, children[c]);
          log_sum += dt_index_attribution_get_log_contribution (a, children[c]);
        }
      g_assert_cmpfloat_with_epsilon (sum, dt_index_attribution_get_contribution (a, i), tolerance);
      if (dt_index_attribution_get_method (a) == DT_INDEX_AGGREGATE_GMEAN)
        g_assert_cmpfloat_with_epsilon (log_sum, dt_index_attribution_get_log_contribution (a, i), tolerance);
    }
}

/* Worked by hand: I = (3·A + B) / 4, A = (a1 + a2) / 2, B = (b1 + b2) / 2.
 * X: A 15 → 18, B 35 → 40, I 20 → 23.5; A gives 3/4 · 3 = 2.25, B 1/4 · 5 = 1.25. */
static void
test_hand_computed (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from (tree_csv);
  g_autoptr(DtIndexTable) table = table_from (framework, data_csv, DT_INDEX_AGGREGATE_AMEAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexAttribution) a = dt_index_attribution_new (table, DT_INDEX_AGGREGATE_AMEAN, "X", 2020, 2021, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (contribution (a, "I"), 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "A"), 2.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "B"), 1.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "a1"), 2.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "a2"), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "b1"), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "b2"), 1.25, 1e-12);
  g_assert_cmpuint (dt_index_attribution_count_missing (a, dt_index_attribution_get_root (a)), ==, 0);
  assert_adds_up (a, 1e-12);
}

/* Y loses a1 in 2021: A is a2 alone (24), I = (3·24 + 35) / 4 = 26.75.
 * a1 takes its 2020 share away (−3/8 · 10), a2 gains the whole of A's
 * weight (3/4 · 24 − 3/8 · 20 = 10.5). */
static void
test_missing_child (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from (tree_csv);
  g_autoptr(DtIndexTable) table = table_from (framework, data_csv, DT_INDEX_AGGREGATE_AMEAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexAttribution) a = dt_index_attribution_new (table, DT_INDEX_AGGREGATE_AMEAN, "Y", 2020, 2021, &error);
  g_autofree char *sentence = NULL;
  int a1 = dt_index_framework_lookup (framework, "a1");

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (contribution (a, "I"), 6.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "A"), 6.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "a1"), -3.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "a2"), 10.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (contribution (a, "B"), 0, 1e-12);
  g_assert_true (isnan (dt_index_attribution_get_value_to (a, a1)));
  g_assert_cmpuint (dt_index_attribution_count_missing (a, dt_index_attribution_get_root (a)), ==, 1);
  assert_adds_up (a, 1e-12);

  /* Stated, not hidden. */
  sentence = dt_index_attribution_describe (a, dt_index_attribution_get_root (a), "Y", 5);
  g_assert_nonnull (strstr (sentence, "Y +6.8: Dimension A +6.8, Dimension B +0.00"));
  g_assert_nonnull (strstr (sentence, "1 indicator has no value in 2020 or 2021"));
}

static void
test_gmean_in_logs (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from (tree_csv);
  g_autoptr(DtIndexTable) table = table_from (framework, data_csv, DT_INDEX_AGGREGATE_GMEAN);
  const char *units[] = { "X", "Y", "Z" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DtIndexAttribution) a = dt_index_attribution_new (table, DT_INDEX_AGGREGATE_GMEAN, units[u], 2020, 2021, &error);
      guint root;

      g_assert_no_error (error);
      root = dt_index_attribution_get_root (a);
      /* The log contributions add up to Δlog(root) ... */
      g_assert_cmpfloat_with_epsilon (dt_index_attribution_get_log_contribution (a, root),
                                      log (dt_index_attribution_get_value_to (a, root)) -
                                      log (dt_index_attribution_get_value_from (a, root)), EPS);
      /* ... and, scaled, to the change. */
      assert_adds_up (a, EPS);
    }
}

static void
test_rank_change (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from (tree_csv);
  g_autoptr(DtIndexTable) table = table_from (framework, data_csv, DT_INDEX_AGGREGATE_AMEAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) overtakes = NULL;
  guint rank_from = 0, rank_to = 0;
  DtIndexOvertake *o;

  /* 2020: Z 27.5, X 20, Y 20. 2021: Y 26.75, Z 23.75 (A 25 → 20), X 23.5. */
  overtakes = dt_index_attribution_explain_rank (table, DT_INDEX_AGGREGATE_AMEAN, "Y", 2020, 2021, NULL,
                                                 &rank_from, &rank_to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rank_from, ==, 2);
  g_assert_cmpuint (rank_to, ==, 1);
  g_assert_cmpuint (overtakes->len, ==, 1);
  o = g_ptr_array_index (overtakes, 0);
  g_assert_cmpstr (o->unit, ==, "Z");
  g_assert_true (o->passed);
  g_assert_cmpint (o->node, ==, dt_index_framework_lookup (framework, "A"));
  /* Y's A gave +6.75, Z's −3.75 (30 → 20, at 3/8). */
  g_assert_cmpfloat_with_epsilon (o->node_gap, 10.5, 1e-12);
}

static void
test_unknown_unit (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from (tree_csv);
  g_autoptr(DtIndexTable) table = table_from (framework, data_csv, DT_INDEX_AGGREGATE_AMEAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexAttribution) a = dt_index_attribution_new (table, DT_INDEX_AGGREGATE_AMEAN, "W", 2020, 2021, &error);

  g_assert_null (a);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

/* ASEM */

static char *
asem_path (const char *name)
{
  const char *shared = g_getenv ("DT_SHARED_DIR");

  if (shared == NULL)
    return NULL;
  return g_build_filename (shared, "datasets", "asem", name, NULL);
}

/* panel-raw.csv holds names and groups beside the indicators; the engine
 * takes `uCode,Time,<indicators>`: writes the years asked for that way. */
static char *
write_asem_panel (const char *folder)
{
  g_autofree char *path = asem_path ("panel-raw.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(DtCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char *target = g_build_filename (folder, "panel.csv", NULL);
  GPtrArray *row;
  int time = -1;
  guint first = 0;

  reader = dt_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      if (time < 0)
        {
          for (guint i = 0; i < row->len; i++)
            if (g_str_equal (g_ptr_array_index (row, i), "Time"))
              time = i;
          g_assert_cmpint (time, >, 0);
          first = time + 1;
        }
      else if (!g_str_equal (g_ptr_array_index (row, time), "2018") &&
               !g_str_equal (g_ptr_array_index (row, time), "2022"))
        continue;
      g_string_append_printf (out, "%s,%s", (char *)g_ptr_array_index (row, 0), (char *)g_ptr_array_index (row, time));
      for (guint i = first; i < row->len; i++)
        g_string_append_printf (out, ",%s", (char *)g_ptr_array_index (row, i));
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (target, out->str, out->len, &error));
  return target;
}

static void
test_asem_command_line (void)
{
  g_autofree char *meta = asem_path ("meta.csv");
  g_autofree char *folder = NULL;
  g_autofree char *panel = NULL;
  g_autofree char *output = NULL;
  g_autofree char *framework_arg = NULL, *data_arg = NULL, *output_arg = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) contribution_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) sum_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(DtCsvReader) reader = NULL;
  GPtrArray *row;
  GHashTableIter iter;
  gpointer key, value;
  guint n_rows = 0;

  if (meta == NULL || !g_file_test (meta, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The ASEM example data is not here: set DT_SHARED_DIR");
      return;
    }
  folder = g_dir_make_tmp ("dt-attribution-XXXXXX", &error);
  g_assert_no_error (error);
  panel = write_asem_panel (folder);
  output = g_build_filename (folder, "change.csv", NULL);
  framework_arg = g_strconcat ("--framework=", meta, NULL);
  data_arg = g_strconcat ("--data=", panel, NULL);
  output_arg = g_strconcat ("--output=", output, NULL);

  g_assert_cmpint (dt_test_run_program (NULL, &out, &err, "--explain-change", framework_arg, data_arg,
                                        "--region=AUT", "--from=2018", "--to=2022", "--no-bom",
                                        output_arg, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* The sentence names the region and the change. */
  g_assert_true (g_str_has_prefix (out, "AUT "));

  reader = dt_csv_reader_new_for_path (output, &error);
  g_assert_no_error (error);
  row = dt_csv_reader_next_row (reader, &error);
  g_assert_cmpuint (row->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "code");
  g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "contribution");
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      const char *code = g_ptr_array_index (row, 0);
      const char *parent = g_ptr_array_index (row, 3);
      double c = g_ascii_strtod (g_ptr_array_index (row, 6), NULL);
      double *sum;

      if (n_rows++ == 0)
        {
          /* The root first; its contribution is its change. */
          double from = g_ascii_strtod (g_ptr_array_index (row, 4), NULL);
          double to = g_ascii_strtod (g_ptr_array_index (row, 5), NULL);

          g_assert_cmpstr (code, ==, "Index");
          g_assert_cmpstr (parent, ==, "");
          g_assert_cmpfloat_with_epsilon (c, to - from, 1e-12);
        }
      g_hash_table_insert (contribution_of, g_strdup (code), g_memdup2 (&c, sizeof c));
      if (*parent == '\0')
        continue;
      sum = g_hash_table_lookup (sum_of, parent);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (sum_of, g_strdup (parent), sum);
        }
      *sum += c;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 60);
  g_assert_cmpuint (g_hash_table_size (sum_of), ==, 11);
  g_hash_table_iter_init (&iter, sum_of);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpfloat_with_epsilon (*(double *)value, *(double *)g_hash_table_lookup (contribution_of, key), EPS);

  /* Every unit under amean, in the library: to 1e-9. */
  {
    g_autoptr(DtIndexFramework) framework = dt_index_framework_new_from_path (meta, &error);
    g_autoptr(DtIndexTable) table = dt_index_table_new_from_path (framework, panel, &error);

    g_assert_no_error (error);
    g_assert_true (dt_index_normalise (table, DT_INDEX_NORMALISE_MINMAX, 0, &error));
    g_assert_true (dt_index_aggregate (table, DT_INDEX_AGGREGATE_AMEAN, &error));
    for (guint r = 0; r < dt_index_table_get_n_rows (table); r++)
      {
        g_autoptr(DtIndexAttribution) a = NULL;

        if (dt_index_table_get_year (table, r) != 2018)
          continue;
        a = dt_index_attribution_new (table, DT_INDEX_AGGREGATE_AMEAN, dt_index_table_get_unit (table, r),
                                      2018, 2022, &error);
        g_assert_no_error (error);
        assert_adds_up (a, EPS);
      }
  }

  /* A year the data lacks is refused, and nothing is written. */
  g_assert_cmpint (g_remove (output), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (NULL, NULL, &err, "--explain-change", framework_arg, data_arg,
                                        "--region=AUT", "--from=2018", "--to=2030",
                                        output_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "2030"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  g_remove (panel);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/index/attribution/hand-computed", test_hand_computed);
  g_test_add_func ("/index/attribution/missing-child", test_missing_child);
  g_test_add_func ("/index/attribution/gmean-adds-up-in-logs", test_gmean_in_logs);
  g_test_add_func ("/index/attribution/rank-change", test_rank_change);
  g_test_add_func ("/index/attribution/unknown-unit", test_unknown_unit);
  g_test_add_func ("/index/attribution/asem-command-line", test_asem_command_line);

  return g_test_run ();
}
