/* test-xlsx-calc.c — an exported workbook as LibreOffice Calc opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an official does: filter the Top 100 to Hangzhou's data-trade
 * firms, export to Excel, open it in a spreadsheet. Calc converts it to
 * CSV here; every credit code must be intact and the volumes must sum to
 * what the database holds. Slow (Calc starts), so in suite 'slow'; skipped
 * where soffice is not installed.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-csv-reader.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"

static void
test_calc_opens_export (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-calc-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "calc.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "top100-2023-hangzhou-data.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "top100-2023-hangzhou-data.csv", NULL);
  g_autofree char *output = g_strconcat ("--output=", xlsx, NULL);
  g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", dir, "/profile", NULL);
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtCsvReader) reader = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  const char *where = "FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                      "WHERE l.year = 2023 AND l.city = 'hangzhou' AND l.category = 'data'";
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) %s", where);
  g_autofree char *sum_sql = g_strdup_printf ("SELECT printf('%%.1f', sum(l.trade_volume)) %s", where);
  g_autofree char *expected_sum = NULL;
  GPtrArray *row;
  double sum = 0;
  guint n_rows = 0, n_digit_codes = 0;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }

  store = dt_sample_data_open (db, &error);
  g_assert_no_error (error);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_assert_cmpint (dt_test_run_program (db, NULL, NULL, "--export=enterprises", "--year=2023",
                                        "--filter=city=杭州", "--filter=category=数据贸易", output, NULL), ==, 0);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");

  {
    /* UTF-8 (76), comma-separated, the cells as shown. */
    const char *argv[] = { soffice, profile, "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, xlsx, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  reader = dt_csv_reader_new_for_path (csv, &error);
  g_assert_no_error (error);
  row = dt_csv_reader_next_row (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "统一社会信用代码");
  g_assert_cmpstr (g_ptr_array_index (row, 9), ==, "数字贸易额（万元）");
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      const char *code = g_ptr_array_index (row, 4);
      g_autofree char *volume = g_strdup (g_ptr_array_index (row, 9));
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) %s AND e.credit_code = '%s'", where, code);
      char *end = NULL;
      char *out = volume;

      /* Every code is one of the list's, with all 18 characters. */
      g_assert_cmpuint (strlen (code), ==, 18);
      g_assert_cmpint (dt_test_query_int (store, sql), ==, 1);
      g_hash_table_add (codes, g_strdup (code));
      if (strspn (code, "0123456789") == 18)
        n_digit_codes++;

      /* Shown with thousands separators and one decimal. */
      for (const char *p = volume; *p != '\0'; p++)
        if (*p != ',')
          *out++ = *p;
      *out = '\0';
      sum += g_ascii_strtod (volume, &end);
      g_assert_true (end != volume && *end == '\0');
      n_rows++;
    }
  g_assert_no_error (error);

  g_assert_cmpint (n_rows, ==, dt_test_query_int (store, count_sql));
  g_assert_cmpuint (g_hash_table_size (codes), ==, n_rows);
  g_assert_cmpuint (n_rows, >, 0);
  g_test_message ("%u rows, %u all-digit codes", n_rows, n_digit_codes);
  expected_sum = dt_test_query_text (store, sum_sql);
  g_assert_cmpfloat (fabs (sum - g_ascii_strtod (expected_sum, NULL)), <, 0.01);

  g_clear_object (&store);
  dt_test_remove_backups (db);
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx/calc/credit-codes-intact-and-volumes-sum", test_calc_opens_export);

  return g_test_run ();
}
