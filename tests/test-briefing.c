/* test-briefing.c — the PDF briefing, from the command line and the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the PDFs back with poppler's pdftotext, pdffonts and pdfinfo, as
 * an official's PDF reader would see them.
 */

#define G_LOG_DOMAIN "test-briefing"

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "dt-briefing-data.h"
#include "dt-briefing-render.h"
#include "dt-enterprise-export.h"
#include "dt-sample-data.h"
#include "dt-test-util.h"

static char *tmp_dir;

/* What @tool prints for the NULL-terminated arguments. */
static char *
run_tool (const char *tool,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer)tool);
  va_start (args, tool);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
page_count (const char *pdf)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf, NULL);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint)g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static char *
page_text (const char *pdf,
           guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);

  return run_tool ("pdftotext", "-f", number, "-l", number, pdf, "-", NULL);
}

/* Every font is embedded: the "emb" column of pdffonts says yes. */
static void
assert_fonts_embedded (const char *pdf,
                       const char *must_hold)
{
  g_autofree char *fonts = run_tool ("pdffonts", pdf, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  g_test_message ("%s", fonts);
  g_assert_nonnull (strstr (fonts, must_hold));
  /* Two header lines, then one per font. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      g_assert_nonnull (strstr (lines[i], " yes yes "));
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static char *
make_database (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_sample_data_open (path, &error);

  g_assert_no_error (error);
  return path;
}

/* The figures the key-figures table must show, as the user's locale
 * writes them. */
static void
expected_figures (const char  *database,
                  char       **count,
                  char       **volume)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (database, &error);

  g_assert_no_error (error);
  *count = dt_test_query_text (store, "SELECT count(*) FROM listings WHERE year = (SELECT max(year) FROM listings)");
  setlocale (LC_NUMERIC, "en_US.UTF-8");
  *volume = g_strdup_printf ("%'.1f", (double)dt_test_query_int (store, "SELECT round(sum(trade_volume) * 10) "
                                                                        "FROM listings WHERE year = (SELECT max(year) FROM listings)") / 10);
  setlocale (LC_NUMERIC, "C");
}

static void
run_briefing_in (const char *language,
                 const char *locale,
                 const char *database,
                 const char *pdf)
{
  g_autofree char *option = g_strconcat ("--briefing=", pdf, NULL);
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *old_lc_all = g_strdup (g_getenv ("LC_ALL"));
  int status;

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", locale, TRUE);
  status = dt_test_run_program (database, NULL, NULL, option, NULL);
  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  if (old_lc_all != NULL)
    g_setenv ("LC_ALL", old_lc_all, TRUE);
  else
    g_unsetenv ("LC_ALL");
  g_assert_cmpint (status, ==, 0);
}

static void
test_english (void)
{
  g_autofree char *database = make_database ("english.db");
  g_autofree char *pdf = g_build_filename (tmp_dir, "briefing-en.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  g_autofree char *volume = NULL;
  guint n_pages;

  expected_figures (database, &count, &volume);
  run_briefing_in ("en", "en_US.UTF-8", database, pdf);

  text = run_tool ("pdftotext", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Digital Trade Briefing"));
  g_assert_nonnull (strstr (text, "Key figures"));
  g_assert_nonnull (strstr (text, "Openness index"));
  g_assert_nonnull (strstr (text, "Preferential measures"));
  g_assert_nonnull (strstr (text, volume));
  g_assert_nonnull (strstr (text, "Hangzhou"));
  g_assert_nonnull (strstr (text, "Fictional demonstration data"));
  assert_fonts_embedded (pdf, "Sans");

  /* Every page says the data is sample. */
  n_pages = page_count (pdf);
  g_assert_cmpuint (n_pages, >=, 4);
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *one = page_text (pdf, p);

      g_assert_nonnull (strstr (one, "Sample data"));
    }
}

static void
test_chinese (void)
{
  g_autofree char *database = make_database ("chinese.db");
  g_autofree char *pdf = g_build_filename (tmp_dir, "briefing-zh.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *count = NULL;
  g_autofree char *volume = NULL;

  expected_figures (database, &count, &volume);
  run_briefing_in ("zh_CN", "zh_CN.UTF-8", database, pdf);

  /* Real text, not pictures of it: the title and figures come back out. */
  first = page_text (pdf, 1);
  g_assert_nonnull (strstr (first, "数字贸易简报"));
  text = run_tool ("pdftotext", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "主要指标"));
  g_assert_nonnull (strstr (text, "杭州市"));
  g_assert_nonnull (strstr (text, volume));
  g_assert_nonnull (strstr (text, "示例数据"));
  assert_fonts_embedded (pdf, "CJK");
}

static void
write_pdf (DtBriefing *briefing,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (dt_briefing_write_pdf (briefing, G_OUTPUT_STREAM (stream), &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
}

/* A table that runs long breaks across pages and repeats its header. */
static void
test_long_table (void)
{
  g_autofree char *database = make_database ("long.db");
  g_autofree char *short_pdf = g_build_filename (tmp_dir, "short.pdf", NULL);
  g_autofree char *long_pdf = g_build_filename (tmp_dir, "long.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open (database, &error);
  g_autoptr(DtBriefing) top20 = NULL;
  g_autoptr(DtBriefing) top100 = NULL;
  guint short_pages, long_pages, with_header = 0;
  gboolean last_seen = FALSE;

  g_assert_no_error (error);
  top20 = dt_briefing_build (store, NULL, 0, "2026-01-05", 20, &error);
  g_assert_no_error (error);
  top100 = dt_briefing_build (store, NULL, 0, "2026-01-05", 100, &error);
  g_assert_no_error (error);
  write_pdf (top20, short_pdf);
  write_pdf (top100, long_pdf);

  short_pages = page_count (short_pdf);
  long_pages = page_count (long_pdf);
  g_assert_cmpuint (long_pages, >=, short_pages + 2);

  /* The header of the top-N table stands on every page the table runs
   * on, up to the one with its last row. */
  for (guint p = 1; p <= long_pages; p++)
    {
      g_autofree char *text = page_text (long_pdf, p);

      if (strstr (text, "Rank Enterprise") != NULL)
        with_header++;
      if (strstr (text, "\n100\n") != NULL || g_str_has_prefix (text, "100\n"))
        last_seen = TRUE;
    }
  g_test_message ("%u pages, the header on %u", long_pages, with_header);
  g_assert_true (last_seen);
  g_assert_cmpuint (with_header, >=, 3);
}

static void
test_filter_and_year (void)
{
  g_autofree char *database = make_database ("filter.db");
  g_autofree char *pdf = g_build_filename (tmp_dir, "briefing-2022-hangzhou.pdf", NULL);
  g_autofree char *option = g_strconcat ("--briefing=", pdf, NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize size_before, size_after;

  g_assert_cmpint (dt_test_run_program (database, NULL, NULL, option, "--year=2022",
                                        "--filter=city=杭州", "--search=科技", NULL), ==, 0);
  text = run_tool ("pdftotext", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Top-100 list year 2022"));
  g_assert_nonnull (strstr (text, "City: Hangzhou"));
  g_assert_nonnull (strstr (text, "Search: “科技”"));

  /* A refused command leaves the earlier file as it was. */
  g_assert_true (g_file_get_contents (pdf, &before, &size_before, NULL));
  g_assert_cmpint (dt_test_run_program (database, NULL, &err, option, "--filter=city=atlantis", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--filter=city=atlantis"));
  g_assert_true (g_file_get_contents (pdf, &after, &size_after, NULL));
  g_assert_cmpmem (before, size_before, after, size_after);

  /* A year without a list is refused, naming the years there are. */
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&after, g_free);
  g_assert_cmpint (dt_test_run_program (database, NULL, &err, option, "--year=1999", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "1999"));
  g_assert_nonnull (strstr (err, "2021, 2022, 2023"));
  g_assert_true (g_file_get_contents (pdf, &after, &size_after, NULL));
  g_assert_cmpmem (before, size_before, after, size_after);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-briefing-XXXXXX", NULL);

  g_test_add_func ("/briefing/pdf/english", test_english);
  g_test_add_func ("/briefing/pdf/chinese-text-and-fonts", test_chinese);
  g_test_add_func ("/briefing/pdf/long-table-breaks-and-repeats-header", test_long_table);
  g_test_add_func ("/briefing/cli/filter-year-search", test_filter_and_year);

  status = g_test_run ();
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    if (system (command) != 0)
      g_warning ("could not remove %s", tmp_dir);
  }
  return status;
}
