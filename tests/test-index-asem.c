/* test-index-asem.c — conformance with COINr's ASEM example
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * COINr (the EU Joint Research Centre's composite-indicator tooling)
 * publishes every stage of its ASEM Sustainable Connectivity index. From
 * the treated data and the framework, min-max normalisation and the
 * arithmetic mean must give its normalised and aggregated stages at every
 * level. The files stay in the shared folder; they are never copied here.
 */

#include "config.h"

#include <math.h>

#include "dt-csv-reader.h"
#include "dt-index-engine.h"

#define TOLERANCE 1e-9

static char *
asem_path (const char *name)
{
  const char *shared = g_getenv ("DT_SHARED_DIR");

  if (shared == NULL)
    return NULL;
  return g_build_filename (shared, "datasets", "asem", name, NULL);
}

static gboolean
skip_without_data (void)
{
  g_autofree char *meta = asem_path ("meta.csv");

  if (meta == NULL || !g_file_test (meta, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The ASEM example data is not here: set DT_SHARED_DIR to the folder that "
                   "holds datasets/asem/ (meta.csv, treated.csv, normalised.csv, aggregated.csv)");
      return TRUE;
    }
  return FALSE;
}

/* Compares every numeric cell of the reference file with the table, by
 * column name and unit; returns the number of cells compared. */
static guint
compare_with (DtIndexTable *table,
              const char   *reference_name)
{
  g_autofree char *path = asem_path (reference_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtCsvReader) reader = dt_csv_reader_new_for_path (path, &error);
  DtIndexFramework *framework = dt_index_table_get_framework (table);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *row;
  guint compared = 0;
  guint units = 0;
  double worst = 0;

  g_assert_no_error (error);
  row = dt_csv_reader_next_row (reader, &error);
  g_assert_nonnull (row);
  for (guint i = 0; i < row->len; i++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (row, i)));
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "uCode");

  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      const char *unit = g_ptr_array_index (row, 0);
      int r = dt_index_table_find_row (table, unit, 0);

      g_assert_cmpint (r, >=, 0);
      g_assert_cmpuint (row->len, ==, header->len);
      for (guint c = 1; c < row->len; c++)
        {
          const char *code = g_ptr_array_index (header, c);
          int node = dt_index_framework_lookup (framework, code);
          double expected = g_ascii_strtod (g_ptr_array_index (row, c), NULL);
          double actual;

          g_assert_cmpint (node, >=, 0);
          actual = dt_index_table_get_value (table, r, node);
          if (!(fabs (actual - expected) <= TOLERANCE))
            g_error ("%s: %s of %s is %.17g, expected %.17g", reference_name, code, unit, actual, expected);
          worst = MAX (worst, fabs (actual - expected));
          compared++;
        }
      units++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (units, ==, 51);
  g_test_message ("%s: %u cells, largest difference %g", reference_name, compared, worst);
  return compared;
}

static DtIndexTable *
load_treated (DtIndexFramework **framework_out)
{
  g_autofree char *meta = asem_path ("meta.csv");
  g_autofree char *treated = asem_path ("treated.csv");
  g_autoptr(GError) error = NULL;
  DtIndexFramework *framework;
  DtIndexTable *table;

  framework = dt_index_framework_new_from_path (meta, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dt_index_framework_get_n_nodes (framework), ==, 60);
  table = dt_index_table_new_from_path (framework, treated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dt_index_table_get_n_rows (table), ==, 51);
  *framework_out = framework;
  return table;
}

static void
test_normalised (void)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_data ())
    return;

  table = load_treated (&framework);
  g_assert_true (dt_index_normalise (table, DT_INDEX_NORMALISE_MINMAX, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (compare_with (table, "normalised.csv"), ==, 51 * 49);
}

static void
test_aggregated (void)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autoptr(GError) error = NULL;
  int che, index;

  if (skip_without_data ())
    return;

  table = load_treated (&framework);
  g_assert_true (dt_index_normalise (table, DT_INDEX_NORMALISE_MINMAX, 0, &error));
  g_assert_true (dt_index_aggregate (table, DT_INDEX_AGGREGATE_AMEAN, &error));
  g_assert_no_error (error);
  /* indicators, 8 pillars, 2 sub-indices and the index */
  g_assert_cmpuint (compare_with (table, "aggregated.csv"), ==, 51 * 60);

  /* The figure COINr's results article prints for the top unit. */
  che = dt_index_table_find_row (table, "CHE", 0);
  index = dt_index_framework_lookup (framework, "Index");
  g_assert_cmpfloat_with_epsilon (dt_index_table_get_value (table, che, index), 68.38, 0.005);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/index/asem/normalised", test_normalised);
  g_test_add_func ("/index/asem/aggregated", test_aggregated);

  return g_test_run ();
}
