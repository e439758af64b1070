/* test-enterprise-comparison.c — two years of the Top-100 list compared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-enterprise-comparison.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-test-util.h"

/* A hand-made pair of lists: A and B swap places, C drops out, E enters,
 * D keeps its place (no credit code: matched by name), and F renamed
 * itself but keeps its credit code. */
static const DtComparisonListing list_2022[] = {
  { "91330000000000001A", "甲公司", "A Co.", "hangzhou", NULL, "data", 1, 500 },
  { "91330000000000002B", "乙公司", "B Co.", "ningbo", NULL, "data", 2, 400 },
  { "91330000000000003C", "丙公司", "C Co.", "hangzhou", NULL, "digital-services", 3, 300 },
  { NULL, "丁公司", "D Co.", "wenzhou", NULL, "digital-services", 4, 200 },
  { "91330000000000006F", "戊旧名公司", "F Old Co.", "jinhua", NULL, "data", 9, 50 },
};

static const DtComparisonListing list_2023[] = {
  { "91330000000000002B", "乙公司", "B Co.", "ningbo", NULL, "data", 1, 650 },
  { "91330000000000001A", "甲公司", "A Co.", "hangzhou", NULL, "data", 2, 450 },
  { "91330000000000005E", "己公司", "E Co.", "jinhua", NULL, "cross-border-ecommerce", 3, 350 },
  { "", "丁公司", "D Co.", "wenzhou", NULL, "digital-services", 4, NAN },
  { "91330000000000006F", "戊新名公司", "F New Co.", "jinhua", NULL, "data", 5, 120 },
};

static DtEnterpriseComparison *
compare_hand_made (void)
{
  return dt_enterprise_comparison_compute (2022, list_2022, G_N_ELEMENTS (list_2022),
                                           2023, list_2023, G_N_ELEMENTS (list_2023));
}

static DtComparisonMove *
move_at (GPtrArray *moves,
         guint      i)
{
  g_assert_cmpuint (i, <, moves->len);
  return g_ptr_array_index (moves, i);
}

static void
test_entrants_and_dropouts (void)
{
  g_autoptr(DtEnterpriseComparison) c = compare_hand_made ();

  g_assert_cmpint (c->year_a, ==, 2022);
  g_assert_cmpint (c->year_b, ==, 2023);
  /* Six enterprises in all: five on each list, four on both. */
  g_assert_cmpuint (c->moves->len, ==, 6);

  g_assert_cmpuint (c->entrants->len, ==, 1);
  g_assert_cmpstr (move_at (c->entrants, 0)->name_zh, ==, "己公司");
  g_assert_cmpint (move_at (c->entrants, 0)->rank_a, ==, 0);
  g_assert_cmpint (move_at (c->entrants, 0)->rank_b, ==, 3);
  g_assert_true (isnan (move_at (c->entrants, 0)->volume_a));

  g_assert_cmpuint (c->dropouts->len, ==, 1);
  g_assert_cmpstr (move_at (c->dropouts, 0)->name_zh, ==, "丙公司");
  g_assert_cmpint (move_at (c->dropouts, 0)->rank_a, ==, 3);
  g_assert_cmpint (move_at (c->dropouts, 0)->rank_b, ==, 0);
}

static void
test_risers_and_fallers (void)
{
  g_autoptr(DtEnterpriseComparison) c = compare_hand_made ();

  /* F gained four places (9 → 5) and B one (2 → 1): the biggest first.
   * F is matched by its credit code although it was renamed. */
  g_assert_cmpuint (c->risers->len, ==, 2);
  g_assert_cmpstr (move_at (c->risers, 0)->name_zh, ==, "戊新名公司");
  g_assert_cmpint (dt_comparison_move_rank_change (move_at (c->risers, 0)), ==, 4);
  g_assert_cmpstr (move_at (c->risers, 1)->name_zh, ==, "乙公司");
  g_assert_cmpint (dt_comparison_move_rank_change (move_at (c->risers, 1)), ==, 1);

  g_assert_cmpuint (c->fallers->len, ==, 1);
  g_assert_cmpstr (move_at (c->fallers, 0)->name_zh, ==, "甲公司");
  g_assert_cmpint (dt_comparison_move_rank_change (move_at (c->fallers, 0)), ==, -1);

  /* D has no credit code on either list: matched by name, same rank. */
  g_assert_cmpint (move_at (c->moves, c->moves->len - 1)->change, ==, DT_COMPARISON_UNCHANGED);
  g_assert_cmpstr (move_at (c->moves, c->moves->len - 1)->name_zh, ==, "丁公司");
}

static DtComparisonGroup *
find_group (GPtrArray  *groups,
            const char *key)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((DtComparisonGroup *)g_ptr_array_index (groups, i))->key, key))
      return g_ptr_array_index (groups, i);
  g_assert_not_reached ();
}

static void
test_volume_by_city_and_category (void)
{
  g_autoptr(DtEnterpriseComparison) c = compare_hand_made ();
  DtComparisonGroup *hangzhou = find_group (c->by_city, "hangzhou");
  DtComparisonGroup *jinhua = find_group (c->by_city, "jinhua");
  DtComparisonGroup *data = find_group (c->by_category, "data");

  g_assert_cmpint (hangzhou->count_a, ==, 2);
  g_assert_cmpint (hangzhou->count_b, ==, 1);
  g_assert_cmpfloat (hangzhou->volume_a, ==, 800);
  g_assert_cmpfloat (hangzhou->volume_b, ==, 450);
  g_assert_cmpint (jinhua->count_a, ==, 1);
  g_assert_cmpint (jinhua->count_b, ==, 2);
  g_assert_cmpfloat (jinhua->volume_b, ==, 470);
  g_assert_cmpfloat (data->volume_a, ==, 950);
  g_assert_cmpfloat (data->volume_b, ==, 1220);
  /* Largest change of volume first: Jinhua (+420) before Hangzhou (−350). */
  g_assert_cmpstr (((DtComparisonGroup *)g_ptr_array_index (c->by_city, 0))->key, ==, "jinhua");
}

static void
test_csv (void)
{
  g_autoptr(DtEnterpriseComparison) c = compare_hand_made ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dt_enterprise_comparison_write_csv (c, stream, TRUE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "change,name_zh,name_en,credit_code,city,category,rank_2022,rank_2023,"
                                 "rank_change,trade_volume_2022,trade_volume_2023");
  g_assert_cmpstr (lines[1], ==, "entrant,己公司,E Co.,91330000000000005E,jinhua,cross-border-ecommerce,,3,,,350");
  g_assert_cmpstr (lines[2], ==, "dropout,丙公司,C Co.,91330000000000003C,hangzhou,digital-services,3,,,300,");
  g_assert_cmpstr (lines[3], ==, "riser,戊新名公司,F New Co.,91330000000000006F,jinhua,data,9,5,4,50,120");
  g_assert_cmpuint (g_strv_length (lines), ==, 8);  /* header, six rows, and the empty tail */
}

/* From the store: the sample's lists, and a year that has none. */
static void
test_from_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-comparison-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);
  g_autoptr(DtEnterpriseComparison) latest = NULL;
  g_autoptr(DtEnterpriseComparison) none = NULL;
  guint on_both = 0;

  g_assert_no_error (error);
  latest = dt_enterprise_comparison_read (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->year_a, ==, 2022);
  g_assert_cmpint (latest->year_b, ==, 2023);
  g_assert_cmpuint (latest->years->len, ==, 3);
  for (guint i = 0; i < latest->moves->len; i++)
    {
      DtComparisonMove *move = g_ptr_array_index (latest->moves, i);

      on_both += move->rank_a != 0 && move->rank_b != 0;
      g_assert_nonnull (move->city_name);
    }
  /* Both lists hold 100: as many entered as dropped out. */
  g_assert_cmpuint (on_both + latest->entrants->len, ==, 100);
  g_assert_cmpuint (on_both + latest->dropouts->len, ==, 100);

  none = dt_enterprise_comparison_read (store, 2022, 2030, &error);
  g_assert_null (none);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);

  g_clear_object (&store);
  g_remove (path);
  g_rmdir (dir);
}

/* --compare-years=Y1,Y2 --output=FILE.csv, and a refused year. */
static void
test_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dt-comparison-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *output = g_strconcat ("--output=", csv, NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (db, &error);

  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (dt_test_run_program (db, NULL, NULL, "--compare-years=2022,2023", "--header=keys",
                                        "--no-bom", output, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "change,name_zh,name_en,credit_code,city,category,rank_2022,rank_2023,"));
  g_assert_nonnull (strstr (text, "\r\nentrant,"));
  g_assert_nonnull (strstr (text, "\r\ndropout,"));

  g_assert_cmpint (dt_test_run_program (db, NULL, &err, "--compare-years=2023", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--compare-years=2023"));

  dt_test_remove_backups (db);
  g_remove (csv);
  g_remove (db);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/comparison/entrants-and-dropouts", test_entrants_and_dropouts);
  g_test_add_func ("/comparison/risers-and-fallers", test_risers_and_fallers);
  g_test_add_func ("/comparison/volume-by-city-and-category", test_volume_by_city_and_category);
  g_test_add_func ("/comparison/csv", test_csv);
  g_test_add_func ("/comparison/from-store", test_from_store);
  g_test_add_func ("/comparison/command-line", test_command_line);
  return g_test_run ();
}
