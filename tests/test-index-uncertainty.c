/* test-index-uncertainty.c — rank intervals and sensitivity indices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-csv-reader.h"
#include "dt-error.h"
#include "dt-index-uncertainty.h"
#include "dt-test-util.h"

static DtIndexFramework *
framework_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  DtIndexFramework *framework = dt_index_framework_new_from_bytes (bytes, "meta.csv", &error);

  g_assert_no_error (error);
  return framework;
}

static DtIndexTable *
table_from_text (DtIndexFramework *framework,
                 const char       *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  DtIndexTable *table = dt_index_table_new_from_bytes (framework, bytes, "data.csv", &error);

  g_assert_no_error (error);
  return table;
}

/* Two pillars of three indicators; 12 regions with values from a fixed
 * sequence, close enough that weights move ranks. */
static const char two_pillars[] =
  "code,name,level,parent,direction,weight\n"
  "OI,Index,3,,1,1\n"
  "P1,Pillar 1,2,OI,1,1\n"
  "P2,Pillar 2,2,OI,1,1\n"
  "i1,i1,1,P1,1,1\n" "i2,i2,1,P1,1,1\n" "i3,i3,1,P1,-1,1\n"
  "i4,i4,1,P2,1,1\n" "i5,i5,1,P2,1,2\n" "i6,i6,1,P2,1,1\n";

static DtIndexTable *
random_table (DtIndexFramework *framework)
{
  g_autoptr(GString) text = g_string_new ("uCode,i1,i2,i3,i4,i5,i6\n");
  guint64 state = 42;

  for (guint r = 0; r < 12; r++)
    {
      g_string_append_printf (text, "R%02u", r);
      for (guint i = 0; i < 6; i++)
        g_string_append_printf (text, ",%.3f", 10 + 50 * dt_index_random_uniform (&state));
      g_string_append_c (text, '\n');
    }
  return table_from_text (framework, text->str);
}

static DtIndexUncertaintyResult *
run (DtIndexFramework             *framework,
     const DtIndexUncertaintySpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexUncertainty) analysis = dt_index_uncertainty_new (random_table (framework), spec, &error);
  DtIndexUncertaintyResult *result;

  g_assert_no_error (error);
  result = dt_index_uncertainty_run (analysis, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_zero_noise (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from_text (two_pillars);
  g_autoptr(DtIndexUncertaintyResult) result = NULL;
  DtIndexUncertaintySpec spec;

  dt_index_uncertainty_spec_init (&spec);
  spec.replications = 50;
  spec.noise[1] = spec.noise[2] = 0;
  result = run (framework, &spec);
  g_assert_cmpuint (result->rows->len, ==, 12);
  for (guint i = 0; i < result->rows->len; i++)
    {
      DtIndexUncertaintyRow *row = &g_array_index (result->rows, DtIndexUncertaintyRow, i);

      g_assert_cmpuint (row->median_rank, ==, row->nominal_rank);
      g_assert_cmpuint (row->p5_rank, ==, row->nominal_rank);
      g_assert_cmpuint (row->p95_rank, ==, row->nominal_rank);
      g_assert_cmpfloat_with_epsilon (row->mean_score, row->nominal_score, 1e-9);
      g_assert_cmpfloat_with_epsilon (row->sd_score, 0, 1e-9);
      g_assert_cmpfloat (row->mode_share, ==, 1.0);
    }
}

static void
test_seed_reproducible (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from_text (two_pillars);
  g_autoptr(DtIndexUncertaintyResult) one_thread = NULL;
  g_autoptr(DtIndexUncertaintyResult) four_threads = NULL;
  g_autoptr(DtIndexUncertaintyResult) other_seed = NULL;
  DtIndexUncertaintySpec spec;
  guint moved = 0;

  dt_index_uncertainty_spec_init (&spec);
  spec.replications = 400;
  spec.noise[1] = 0.5;
  spec.noise[2] = 0.5;
  spec.drop_indicators = TRUE;
  spec.seed = 7;
  spec.n_threads = 1;
  one_thread = run (framework, &spec);
  spec.n_threads = 4;
  four_threads = run (framework, &spec);
  spec.seed = 8;
  other_seed = run (framework, &spec);

  for (guint i = 0; i < one_thread->rows->len; i++)
    {
      DtIndexUncertaintyRow *a = &g_array_index (one_thread->rows, DtIndexUncertaintyRow, i);
      DtIndexUncertaintyRow *b = &g_array_index (four_threads->rows, DtIndexUncertaintyRow, i);
      DtIndexUncertaintyRow *c = &g_array_index (other_seed->rows, DtIndexUncertaintyRow, i);
      /* Standard error of the difference of two means of 400 runs. */
      double error = sqrt (2.0 / spec.replications) * MAX (a->sd_score, c->sd_score);

      /* Bit for bit, whatever the number of threads. */
      g_assert_true (memcmp (&a->mean_score, &b->mean_score, sizeof (double)) == 0);
      g_assert_true (memcmp (&a->sd_score, &b->sd_score, sizeof (double)) == 0);
      g_assert_cmpuint (a->median_rank, ==, b->median_rank);
      g_assert_cmpuint (a->p5_rank, ==, b->p5_rank);
      g_assert_cmpuint (a->p95_rank, ==, b->p95_rank);
      g_assert_cmpfloat (a->mode_share, ==, b->mode_share);

      /* Another seed: the same within Monte Carlo error. */
      g_assert_cmpfloat (fabs (a->mean_score - c->mean_score), <, 4 * error + 1e-12);
      g_assert_cmpfloat (fabs (a->sd_score - c->sd_score), <, 0.25 * a->sd_score + 1e-12);
      g_assert_cmpint (ABS ((int)a->median_rank - (int)c->median_rank), <=, 1);
      moved += a->p5_rank != a->p95_rank;
    }
  /* The noise is large enough to make the test mean something. */
  g_assert_cmpuint (moved, >=, 6);
}

static void
test_nearest_rank (void)
{
  const guint ten[] = { 1, 1, 2, 2, 2, 3, 3, 4, 5, 6 };
  guint twenty[20];

  for (guint i = 0; i < 20; i++)
    twenty[i] = i + 1;
  /* The ordinal rank is ⌈P/100 × N⌉. */
  g_assert_cmpuint (dt_index_nearest_rank (ten, 10, 5), ==, 1);
  g_assert_cmpuint (dt_index_nearest_rank (ten, 10, 50), ==, 2);
  g_assert_cmpuint (dt_index_nearest_rank (ten, 10, 95), ==, 6);
  g_assert_cmpuint (dt_index_nearest_rank (ten, 10, 60), ==, 3);
  g_assert_cmpuint (dt_index_nearest_rank (twenty, 20, 5), ==, 1);
  g_assert_cmpuint (dt_index_nearest_rank (twenty, 20, 50), ==, 10);
  g_assert_cmpuint (dt_index_nearest_rank (twenty, 20, 95), ==, 19);
}

/* Three regions, two indicators: leaving out one indicator or none gives
 * three rankings, each in about a third of the runs:
 *   none:     C 60 (1), A 50 (2), B 50 (2)
 *   only x1:  A 100 (1), C 60 (2), B 0 (3)
 *   only x2:  B 100 (1), C 60 (2), A 0 (3) */
static void
test_hand_computed (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from_text ("code,name,level,parent,direction,weight\n"
                                                               "OI,Index,2,,1,1\n"
                                                               "x1,x1,1,OI,1,1\n"
                                                               "x2,x2,1,OI,1,1\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexUncertainty) analysis = NULL;
  g_autoptr(DtIndexUncertaintyResult) result = NULL;
  DtIndexUncertaintySpec spec;
  DtIndexUncertaintyRow *a, *b, *c;

  dt_index_uncertainty_spec_init (&spec);
  spec.replications = 300;
  spec.drop_indicators = TRUE;
  analysis = dt_index_uncertainty_new (table_from_text (framework, "uCode,x1,x2\nA,10,0\nB,0,10\nC,6,6\n"),
                                       &spec, &error);
  g_assert_no_error (error);
  result = dt_index_uncertainty_run (analysis, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  a = &g_array_index (result->rows, DtIndexUncertaintyRow, 0);
  b = &g_array_index (result->rows, DtIndexUncertaintyRow, 1);
  c = &g_array_index (result->rows, DtIndexUncertaintyRow, 2);

  g_assert_cmpfloat_with_epsilon (c->nominal_score, 60, 1e-9);
  g_assert_cmpuint (c->nominal_rank, ==, 1);
  g_assert_cmpuint (a->nominal_rank, ==, 2);
  g_assert_cmpuint (b->nominal_rank, ==, 2);
  /* C: rank 1 a third of the time, else 2. */
  g_assert_cmpuint (c->p5_rank, ==, 1);
  g_assert_cmpuint (c->median_rank, ==, 2);
  g_assert_cmpuint (c->p95_rank, ==, 2);
  g_assert_cmpuint (c->mode_rank, ==, 2);
  g_assert_cmpfloat (fabs (c->mode_share - 2.0 / 3), <, 0.1);
  /* A and B: 1, 2 and 3 a third of the time each. */
  for (DtIndexUncertaintyRow *row = a; row <= b; row++)
    {
      g_assert_cmpuint (row->p5_rank, ==, 1);
      g_assert_cmpuint (row->median_rank, ==, 2);
      g_assert_cmpuint (row->p95_rank, ==, 3);
    }
}

/* Y = 1·X1 + 2·X2 + 3·X3 with X uniform: S_i = ST_i = a_i² / Σ a². */
static void
test_sobol_linear (void)
{
  const double a[] = { 1, 2, 3 };
  const double sum_squares = 14;
  guint n = 4000;
  g_autofree double *ya = g_new (double, n);
  g_autofree double *yb = g_new (double, n);
  g_autofree double *yab = g_new (double, n);
  g_autofree double *xa = g_new (double, n * 3);
  g_autofree double *xb = g_new (double, n * 3);
  guint64 state = 99;

  for (guint j = 0; j < n; j++)
    {
      ya[j] = yb[j] = 0;
      for (guint i = 0; i < 3; i++)
        {
          xa[j * 3 + i] = dt_index_random_uniform (&state);
          xb[j * 3 + i] = dt_index_random_uniform (&state);
          ya[j] += a[i] * xa[j * 3 + i];
          yb[j] += a[i] * xb[j * 3 + i];
        }
    }
  for (guint i = 0; i < 3; i++)
    {
      DtSobolIndex index;
      double expected = a[i] * a[i] / sum_squares;

      for (guint j = 0; j < n; j++)
        yab[j] = ya[j] + a[i] * (xb[j * 3 + i] - xa[j * 3 + i]);
      dt_index_sobol_estimate (ya, yb, yab, n, 1, 300, 5, NULL, &index);
      g_test_message ("X%u: S %.4f [%.4f, %.4f], ST %.4f [%.4f, %.4f], expected %.4f", i + 1,
                      index.first, index.first_low, index.first_high,
                      index.total, index.total_low, index.total_high, expected);
      g_assert_cmpfloat (index.first_low, <=, expected);
      g_assert_cmpfloat (index.first_high, >=, expected);
      g_assert_cmpfloat (index.total_low, <=, expected);
      g_assert_cmpfloat (index.total_high, >=, expected);
      g_assert_cmpfloat (index.first_high - index.first_low, <, 0.15);
    }
}

/* Ishigami, a = 7, b = 0.1, X uniform on [−π, π]: S = 0.3139, 0.4424, 0;
 * ST = 0.5576, 0.4424, 0.2437. */
static double
ishigami (const double *x)
{
  return sin (x[0]) + 7 * sin (x[1]) * sin (x[1]) + 0.1 * pow (x[2], 4) * sin (x[0]);
}

static void
test_sobol_ishigami (void)
{
  const double first[] = { 0.3139, 0.4424, 0 };
  const double total[] = { 0.5576, 0.4424, 0.2437 };
  guint n = 8000;
  g_autofree double *ya = g_new (double, n);
  g_autofree double *yb = g_new (double, n);
  g_autofree double *yab = g_new (double, n);
  g_autofree double *xa = g_new (double, n * 3);
  g_autofree double *xb = g_new (double, n * 3);
  guint64 state = 2024;

  for (guint j = 0; j < n * 3; j++)
    {
      xa[j] = -G_PI + 2 * G_PI * dt_index_random_uniform (&state);
      xb[j] = -G_PI + 2 * G_PI * dt_index_random_uniform (&state);
    }
  for (guint j = 0; j < n; j++)
    {
      ya[j] = ishigami (&xa[j * 3]);
      yb[j] = ishigami (&xb[j * 3]);
    }
  for (guint i = 0; i < 3; i++)
    {
      DtSobolIndex index;

      for (guint j = 0; j < n; j++)
        {
          double x[3] = { xa[j * 3], xa[j * 3 + 1], xa[j * 3 + 2] };

          x[i] = xb[j * 3 + i];
          yab[j] = ishigami (x);
        }
      dt_index_sobol_estimate (ya, yb, yab, n, 1, 300, 11, NULL, &index);
      g_test_message ("X%u: S %.4f [%.4f, %.4f], ST %.4f [%.4f, %.4f]", i + 1,
                      index.first, index.first_low, index.first_high,
                      index.total, index.total_low, index.total_high);
      g_assert_cmpfloat (index.first_low, <=, first[i]);
      g_assert_cmpfloat (index.first_high, >=, first[i]);
      g_assert_cmpfloat (index.total_low, <=, total[i]);
      g_assert_cmpfloat (index.total_high, >=, total[i]);
    }
}

/* One pillar under the root: its weight has no sibling to be weighed
 * against, so its noise cannot change a rank, while the indicators'
 * noise does. */
static void
test_sensitivity_inert_input (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from_text ("code,name,level,parent,direction,weight\n"
                                                               "OI,Index,3,,1,1\n"
                                                               "P1,Pillar,2,OI,1,1\n"
                                                               "i1,i1,1,P1,1,1\n" "i2,i2,1,P1,1,1\n"
                                                               "i3,i3,1,P1,1,1\n" "i4,i4,1,P1,1,1\n"
                                                               "i5,i5,1,P1,1,1\n" "i6,i6,1,P1,1,1\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexUncertainty) analysis = NULL;
  g_autoptr(DtIndexSensitivityResult) result = NULL;
  DtIndexUncertaintySpec spec;

  dt_index_uncertainty_spec_init (&spec);
  spec.replications = 200;
  spec.n_bootstrap = 100;
  spec.noise[1] = 0.8;
  spec.noise[2] = 0.8;
  analysis = dt_index_uncertainty_new (random_table (framework), &spec, &error);
  g_assert_no_error (error);
  result = dt_index_sensitivity_run (analysis, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (result->inputs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->inputs, 0), ==, "weights:level1");
  g_assert_cmpstr (g_ptr_array_index (result->inputs, 1), ==, "weights:level2");
  g_assert_cmpfloat (result->average[0].total, >, 0.5);
  g_assert_cmpfloat (fabs (result->average[1].first), <, 1e-9);
  g_assert_cmpfloat (fabs (result->average[1].total), <, 1e-9);
  for (guint r = 0; r < result->units->len; r++)
    g_assert_cmpfloat (fabs (result->per_row[r * 2 + 1].total), <, 1e-9);
}

static void
test_nothing_varies (void)
{
  g_autoptr(DtIndexFramework) framework = framework_from_text (two_pillars);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtIndexUncertainty) analysis = NULL;
  g_autoptr(DtIndexSensitivityResult) result = NULL;
  DtIndexUncertaintySpec spec;

  dt_index_uncertainty_spec_init (&spec);
  analysis = dt_index_uncertainty_new (random_table (framework), &spec, &error);
  g_assert_no_error (error);
  result = dt_index_sensitivity_run (analysis, NULL, NULL, NULL, &error);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_null (result);
}

static char *
asem_path (const char *name)
{
  const char *shared = g_getenv ("DT_SHARED_DIR");

  return shared != NULL ? g_build_filename (shared, "datasets", "asem", name, NULL) : NULL;
}

static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtCsvReader) reader = dt_csv_reader_new_for_path (path, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  GPtrArray *row;

  g_assert_no_error (error);
  /* The reader reuses its row: keep copies. */
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < row->len; i++)
        g_ptr_array_add (copy, g_strdup (row->pdata[i]));
      g_ptr_array_add (rows, copy);
    }
  g_assert_no_error (error);
  return rows;
}

static void
test_cli_asem (void)
{
  g_autofree char *meta = asem_path ("meta.csv");
  g_autofree char *data = asem_path ("treated.csv");
  g_autofree char *folder = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sens = NULL;
  g_autofree char *framework_arg = g_strconcat ("--framework=", meta, NULL);
  g_autofree char *data_arg = g_strconcat ("--data=", data, NULL);
  g_autofree char *out_arg = NULL;
  g_autofree char *sens_arg = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *header[] = { "uCode", "nominal_score", "nominal_rank", "median_rank", "p5_rank",
                           "p95_rank", "mean_score", "sd_score" };
  guint moved = 0;

  if (meta == NULL || !g_file_test (meta, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The ASEM example data is not here: set DT_SHARED_DIR");
      return;
    }
  folder = g_dir_make_tmp ("dt-uncertainty-XXXXXX", NULL);
  out = g_build_filename (folder, "out.csv", NULL);
  sens = g_build_filename (folder, "sens.csv", NULL);
  out_arg = g_strconcat ("--output=", out, NULL);
  sens_arg = g_strconcat ("--output=", sens, NULL);

  g_assert_cmpint (dt_test_run_program (NULL, NULL, &err, "--uncertainty", framework_arg, data_arg,
                                        "--noise=1:0.25", "--noise=2:0.25", "--replications=200",
                                        "--seed=3", "--no-bom", out_arg, NULL), ==, 0);
  rows = read_csv (out);
  g_assert_cmpuint (rows->len, ==, 52);
  g_assert_cmpuint (((GPtrArray *)rows->pdata[0])->len, ==, G_N_ELEMENTS (header));
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[0], i), ==, header[i]);
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];
      int p5 = atoi (row->pdata[4]), median = atoi (row->pdata[3]), p95 = atoi (row->pdata[5]);

      g_assert_cmpint (p5, >=, 1);
      g_assert_cmpint (p5, <=, median);
      g_assert_cmpint (median, <=, p95);
      g_assert_cmpint (p95, <=, 51);
      moved += p5 != p95;
    }
  g_assert_cmpuint (moved, >, 10);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (NULL, NULL, &err, "--sensitivity", framework_arg, data_arg,
                                        "--noise=1:0.25", "--alternatives=aggregate:amean,gmean",
                                        "--replications=100", "--no-bom", sens_arg, NULL), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = read_csv (sens);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[0], 1), ==, "input");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[1], 0), ==, "ALL");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[1], 1), ==, "weights:level1");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[2], 1), ==, "aggregate");
  g_assert_cmpuint (rows->len, ==, 1 + 2 + 51 * 2);

  /* A wrong option names itself and writes nothing. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (NULL, NULL, &err, "--uncertainty", framework_arg, data_arg,
                                        "--noise=2", "--output=/nonexistent/x.csv", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--noise=2"));

  g_remove (out);
  g_remove (sens);
  g_rmdir (folder);
}

/* The stored index: the sample's cities of 2024, as the page shows them. */
static void
test_cli_store (void)
{
  g_autofree char *folder = g_dir_make_tmp ("dt-uncertainty-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (folder, "sample.db", NULL);
  g_autofree char *out = g_build_filename (folder, "out.csv", NULL);
  g_autofree char *out_arg = g_strconcat ("--output=", out, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpint (dt_test_run_program (database, NULL, &err, "--uncertainty", "--year=2024", "--level=city",
                                        "--noise=1:0.5", "--noise=2:0.5", "--replications=100", "--no-bom",
                                        out_arg, NULL), ==, 0);
  rows = read_csv (out);
  g_assert_cmpuint (rows->len, ==, 12);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[0], 1), ==, "Time");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[1], 0), ==, "hangzhou");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[1], 1), ==, "2024");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *)rows->pdata[1], 3), ==, "1");

  /* A level without values says so. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (database, NULL, &err, "--uncertainty", "--year=1990", "--level=city",
                                        out_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "1990"));

  dt_test_remove_backups (database);
  {
    g_autofree char *wal = g_strconcat (database, "-wal", NULL);
    g_autofree char *shm = g_strconcat (database, "-shm", NULL);
    g_autofree char *lock = g_strconcat (database, ".lock", NULL);

    g_remove (database);
    g_remove (lock);
    g_remove (wal);
    g_remove (shm);
  }
  g_remove (out);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/index/uncertainty/zero-noise-collapses", test_zero_noise);
  g_test_add_func ("/index/uncertainty/seed-reproducible-any-threads", test_seed_reproducible);
  g_test_add_func ("/index/uncertainty/nearest-rank", test_nearest_rank);
  g_test_add_func ("/index/uncertainty/hand-computed", test_hand_computed);
  g_test_add_func ("/index/uncertainty/cli-asem", test_cli_asem);
  g_test_add_func ("/index/uncertainty/cli-stored-index", test_cli_store);
  g_test_add_func ("/index/sensitivity/linear-model", test_sobol_linear);
  g_test_add_func ("/index/sensitivity/ishigami", test_sobol_ishigami);
  g_test_add_func ("/index/sensitivity/inert-input-zero", test_sensitivity_inert_input);
  g_test_add_func ("/index/sensitivity/nothing-varies", test_nothing_varies);

  return g_test_run ();
}
