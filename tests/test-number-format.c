/* test-number-format.c — numbers and amounts in English and Chinese conventions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-number-format"

#include "config.h"

#include <math.h>

#include "dt-number-format.h"

static void
assert_number (double      value,
               int         decimals,
               const char *expected)
{
  g_autofree char *text = dt_number_format (value, decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_grouping (void)
{
  assert_number (4000000, 0, "4,000,000");
  assert_number (637.04, 1, "637.0");
  assert_number (1234.56, 1, "1,234.6");
  assert_number (999, 0, "999");
  assert_number (1000, 0, "1,000");
  assert_number (-1234567.25, 2, "-1,234,567.25");
  assert_number (-0.01, 1, "0.0");
  assert_number (NAN, 1, "—");
}

static void
assert_amount (double        wan,
               DtNumberStyle style,
               const char   *expected)
{
  g_autofree char *text = dt_amount_format (wan, style);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_amounts_chinese (void)
{
  /* 6,370,000 万元 is 637 亿元: never "637.0 × 100 million yuan". */
  assert_amount (6370000, DT_NUMBER_STYLE_CHINESE, "637.0亿元");
  assert_amount (10000, DT_NUMBER_STYLE_CHINESE, "1.0亿元");
  assert_amount (9999, DT_NUMBER_STYLE_CHINESE, "9,999.0万元");
  assert_amount (766525.3, DT_NUMBER_STYLE_CHINESE, "76.7亿元");
  assert_amount (120000000, DT_NUMBER_STYLE_CHINESE, "12,000.0亿元");
}

static void
test_amounts_english (void)
{
  /* 637 亿元 = 63.7 billion yuan. */
  assert_amount (6370000, DT_NUMBER_STYLE_ENGLISH, "63.7 billion yuan");
  assert_amount (5000, DT_NUMBER_STYLE_ENGLISH, "50.0 million yuan");
  assert_amount (100, DT_NUMBER_STYLE_ENGLISH, "1.0 million yuan");
  assert_amount (50, DT_NUMBER_STYLE_ENGLISH, "500.0 thousand yuan");
  assert_amount (553080000.0 / 10000 * 1000, DT_NUMBER_STYLE_ENGLISH, "553.1 billion yuan");
}

static void
test_scale_for_axis (void)
{
  DtAmountScale scale;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* One scale for a whole axis, chosen by its largest value. */
  dt_amount_scale_choose (4000000, DT_NUMBER_STYLE_CHINESE, &scale);
  g_assert_cmpfloat (scale.divisor, ==, 10000);
  g_assert_cmpstr (scale.unit, ==, "亿元");
  a = dt_amount_format_in (2500, &scale, 2);
  g_assert_cmpstr (a, ==, "0.25亿元");

  dt_amount_scale_choose (4000000, DT_NUMBER_STYLE_ENGLISH, &scale);
  g_assert_cmpstr (scale.unit, ==, "billion yuan");
  b = dt_amount_format_in (4000000, &scale, 0);
  g_assert_cmpstr (b, ==, "40 billion yuan");
}

static void
test_auto_style (void)
{
  /* The test runs untranslated (LANG=en_US): the English convention. */
  g_assert_cmpint (dt_number_style_resolve (DT_NUMBER_STYLE_AUTO), ==, DT_NUMBER_STYLE_ENGLISH);
  g_assert_cmpint (dt_number_style_resolve (DT_NUMBER_STYLE_CHINESE), ==, DT_NUMBER_STYLE_CHINESE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number-format/grouping", test_grouping);
  g_test_add_func ("/number-format/amount/chinese", test_amounts_chinese);
  g_test_add_func ("/number-format/amount/english", test_amounts_english);
  g_test_add_func ("/number-format/amount/axis-scale", test_scale_for_axis);
  g_test_add_func ("/number-format/style/auto", test_auto_style);

  return g_test_run ();
}
