/* test-roundtrip.c — every export imports back unchanged; --output writes to pipes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exports are made by the real program (DT_BINARY), as officials make
 * them, in every form: CSV with English labels, CSV with Chinese labels,
 * CSV with keys, and JSON data packs. Each set is imported into a fresh,
 * empty database in this process and, through the program, into a new
 * database; both must then hold what the first one held.
 */

#include "config.h"

#include <string.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "dt-columns.h"
#include "dt-import-file.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"

/* In the order an empty database needs them: regions before the rows
 * that name them. */
static const struct { const char *kind; const char *export_name; } kinds[] = {
  { "regions", "regions" },
  { "framework", "framework" },
  { "index", "index-values" },
  { "enterprises", "enterprises" },
  { "measures", "measures" },
};

typedef struct
{
  const char *name;
  const char *language;   /* LANGUAGE and LC_ALL for the program */
  const char *header;     /* --header */
  const char *extension;
} Form;

static const Form forms[] = {
  { "english", "en_US.UTF-8", "labels", "csv" },
  { "chinese", "zh_CN.UTF-8", "labels", "csv" },
  { "keys", "en_US.UTF-8", "keys", "csv" },
  { "pack", "en_US.UTF-8", "keys", "json" },
};

static char *work_dir;
static char *source_path;

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* Runs the program with @args and the locale @language; returns its
 * standard output, and asserts it succeeded. */
static char *
run_program (const char  *language,
             const char  *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("DT_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", language, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", first_arg, err);
  return g_steal_pointer (&out);
}

/* The data the exports start from: the samples, with a change in every
 * kind, so that a file that was not imported cannot pass for one that was,
 * and with text a spreadsheet would take for a formula. */
static void
make_source (void)
{
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GError) error = NULL;

  source_path = g_build_filename (work_dir, "source.db", NULL);
  store = dt_sample_data_open (source_path, &error);
  g_assert_no_error (error);
  g_assert_true (dt_store_exec (store,
      "UPDATE regions SET name_en = 'Hangzhou City' WHERE code = 'hangzhou';"
      "UPDATE index_nodes SET weight = 0.123456789012345678 WHERE rowid = (SELECT max(rowid) FROM index_nodes);"
      "UPDATE index_values SET value = 101.00000000000001, source = '=cmd|, \"quoted\"'"
      "  WHERE rowid = (SELECT min(rowid) FROM index_values);"
      "UPDATE enterprises SET name_en = '+Plus, \"Quoted\" Co.', founded = NULL"
      "  WHERE id = (SELECT min(id) FROM enterprises);"
      "UPDATE listings SET trade_volume = 1234.5678901234567, sector = 'quantum sensing'"
      "  WHERE id = (SELECT max(id) FROM listings);"
      "UPDATE measures SET criteria = '[{\"kind\":\"top100-year\",\"value\":2023},{\"kind\":\"min-trade-volume\",\"value\":5000}]'"
      "  WHERE no = 3;"
      "UPDATE measures SET criteria = NULL WHERE no = 4;"
      "UPDATE measures SET body_en = '-1 line' || char(10) || 'two' WHERE no = 5;"
      "INSERT INTO measure_tracking (no, status, progress, notes, follow_up)"
      "  VALUES (2, 'in-progress', 40, '=reminder, call', '2026-01-15');",
      &error));
  g_assert_no_error (error);
  g_assert_true (dt_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
}

/* Exports every kind in @form with the program; returns the file names. */
static GPtrArray *
export_all (const Form *form)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *database = g_strconcat ("--database=", source_path, NULL);
  g_autofree char *header = g_strconcat ("--header=", form->header, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.%s", kinds[i].kind, form->name, form->extension);
      char *path = g_build_filename (work_dir, name, NULL);
      g_autofree char *export = g_strconcat ("--export=", kinds[i].export_name, NULL);
      g_autofree char *output = g_strconcat ("--output=", path, NULL);
      g_autofree char *out = run_program (form->language, database, export, header, output, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_ptr_array_add (files, path);
    }
  return files;
}

static void
assert_same_content (DtStore  *target,
                     gboolean  pack)
{
  g_autoptr(DtStore) source = NULL;
  g_autoptr(GError) error = NULL;

  source = dt_store_open (source_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *expected = dt_test_kind_checksum (source, kinds[i].kind);
      g_autofree char *got = dt_test_kind_checksum (target, kinds[i].kind);

      if (g_strcmp0 (expected, got) != 0)
        g_error ("%s differ after the round trip", kinds[i].kind);
    }

  /* The criteria exactly, as the eligibility check reads them. */
  for (guint no = 3; no <= 4; no++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT criteria FROM measures WHERE no = %u", no);
      g_autofree char *expected = dt_test_query_text (source, sql);
      g_autofree char *got = dt_test_query_text (target, sql);

      g_assert_cmpstr (got, ==, expected);
    }

  /* Officials' tracking is exported, never imported. */
  g_assert_cmpint (dt_test_query_int (target, "SELECT count(*) FROM measure_tracking"), ==, 0);
  /* A pack carries the description of its dataset, but not its
   * provenance: what a file claims is not trusted, so it is the user's. A
   * CSV file is the bureau's own, and replaces the sample data. */
  if (pack)
    {
      const char *sql = "SELECT key, kind, title, title_zh, source FROM datasets ORDER BY key";
      g_autofree char *expected = dt_test_query_checksum (source, sql);
      g_autofree char *got = dt_test_query_checksum (target, sql);

      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpint (dt_test_query_int (target, "SELECT count(*) FROM datasets WHERE provenance <> 'user'"), ==, 0);
    }
  else
    g_assert_cmpint (dt_test_query_int (target, "SELECT count(*) FROM datasets WHERE provenance = 'sample'"), ==, 0);
  g_assert_cmpint (dt_test_query_int (target, "SELECT count(*) FROM datasets"), ==, G_N_ELEMENTS (kinds));
}

static void
test_round_trip (gconstpointer data)
{
  const Form *form = data;
  g_autoptr(GPtrArray) files = export_all (form);

  /* Into an empty database, in this process. */
  {
    g_autofree char *path = g_build_filename (work_dir, "fresh.db", NULL);
    g_autoptr(DtStore) store = NULL;
    g_autoptr(GError) error = NULL;

    remove_database (path);
    store = dt_store_open (path, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < files->len; i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
        g_autoptr(GBytes) bytes = dt_import_load_file (file, NULL, &error);
        g_autofree char *kind = NULL;

        g_assert_no_error (error);
        /* The kind is recognised from the headers alone. */
        if (!dt_import_bytes (store, bytes, g_ptr_array_index (files, i), NULL, 0, NULL, NULL, NULL,
                              &kind, NULL, &error))
          g_error ("%s", error->message);
        g_assert_cmpstr (kind, ==, kinds[i].kind);
      }
    assert_same_content (store, g_str_equal (form->extension, "json"));
    g_clear_object (&store);
    remove_database (path);
  }

  /* Into a new database, with the program. */
  {
    g_autofree char *path = g_build_filename (work_dir, "new.db", NULL);
    g_autofree char *database = g_strconcat ("--database=", path, NULL);
    g_autoptr(DtStore) store = NULL;
    g_autoptr(GError) error = NULL;

    remove_database (path);
    for (guint i = 0; i < files->len; i++)
      {
        g_autofree char *import = g_strconcat ("--import=", (char *)g_ptr_array_index (files, i), NULL);
        g_autofree char *kind = g_strconcat ("--kind=", kinds[i].kind, NULL);
        g_autofree char *out = run_program (form->language, database, import, kind, NULL);
      }
    store = dt_store_open (path, &error);
    g_assert_no_error (error);
    assert_same_content (store, g_str_equal (form->extension, "json"));
    g_clear_object (&store);
    remove_database (path);
  }

  for (guint i = 0; i < files->len; i++)
    g_remove (g_ptr_array_index (files, i));
}

/* A measures file without a criteria column leaves the criteria as they
 * were; one with an empty cell clears them. */
static void
test_criteria_kept_without_column (void)
{
  g_autofree char *path = g_build_filename (work_dir, "criteria.db", NULL);
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) without = NULL;
  g_autoptr(GBytes) with_empty = NULL;
  g_autoptr(GBytes) invalid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *text_without = "序号,标题\r\n3,第三条\r\n4,第四条\r\n";
  const char *text_empty = "序号,标题,适用条件\r\n3,第三条,\r\n";
  const char *text_invalid = "序号,标题,适用条件\r\n3,第三条,in the FTZ\r\n";

  remove_database (path);
  store = dt_sample_data_open (path, &error);
  g_assert_no_error (error);
  before = dt_test_query_text (store, "SELECT criteria FROM measures WHERE no = 3");
  g_assert_nonnull (before);

  without = g_bytes_new_static (text_without, strlen (text_without));
  g_assert_true (dt_import_bytes (store, without, "without.csv", "measures", 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  after = dt_test_query_text (store, "SELECT criteria FROM measures WHERE no = 3");
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = dt_test_query_text (store, "SELECT title_zh FROM measures WHERE no = 3");
  g_assert_cmpstr (after, ==, "第三条");

  invalid = g_bytes_new_static (text_invalid, strlen (text_invalid));
  g_assert_false (dt_import_bytes (store, invalid, "invalid.csv", "measures", 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "invalid.csv:2:3: "));
  g_clear_error (&error);

  with_empty = g_bytes_new_static (text_empty, strlen (text_empty));
  g_assert_true (dt_import_bytes (store, with_empty, "empty.csv", "measures", 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (dt_test_query_text (store, "SELECT criteria FROM measures WHERE no = 3"));

  g_clear_object (&store);
  remove_database (path);
}

/* Every header an export writes names its own column again, in either
 * language, whatever the user's language is. */
static void
test_every_header_maps_back (void)
{
  static const char * const all_kinds[] = { "regions", "framework", "index", "enterprises", "measures" };
  static const char * const languages[] = { "en_US", "zh_CN" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_setenv ("LANGUAGE", languages[l], TRUE);
      for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
        {
          guint n = 0;
          const DtColumn *columns = dt_columns_for_kind (all_kinds[k], &n);

          for (guint i = 0; i < n; i++)
            {
              g_autofree char *upper = g_utf8_strup (columns[i].label, -1);
              g_autofree char *spaced = g_strdup_printf ("  %s ", columns[i].label_zh);
              const char *headers[] = {
                columns[i].key, columns[i].label, columns[i].label_zh, upper, spaced,
                dt_columns_header (&columns[i], FALSE), dt_columns_header (&columns[i], TRUE),
              };

              for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
                {
                  gboolean by_alias = TRUE;

                  g_assert_true (dt_columns_find_full (all_kinds[k], headers[h], &by_alias) == &columns[i]);
                  g_assert_false (by_alias);
                }
            }
        }
    }
  g_unsetenv ("LANGUAGE");
}

/* --output */

static void
test_output_stdout_pipe (void)
{
  g_autofree char *database = g_strconcat ("--database=", source_path, NULL);
  g_autofree char *out = run_program ("en_US.UTF-8", database, "--export=enterprises", "--output=/dev/stdout", NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\r\n", -1);
  g_autoptr(DtStore) source = dt_store_open (source_path, NULL);

  /* What `| wc -l` counts: a header and one line per listing. */
  g_assert_true (g_str_has_prefix (out, "\xEF\xBB\xBF" "Year,Rank,"));
  g_assert_cmpint (g_strv_length (lines) - 1, ==, dt_test_query_int (source, "SELECT count(*) FROM listings") + 1);

  g_clear_pointer (&out, g_free);
  out = run_program ("en_US.UTF-8", database, "--export=measures", "--output=-", "--header=keys", NULL);
  g_assert_true (g_str_has_prefix (out, "\xEF\xBB\xBF" "no,title_zh,"));
}

static void
test_output_dev_null (void)
{
  g_autofree char *database = g_strconcat ("--database=", source_path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *export = g_strconcat ("--export=", kinds[i].export_name, NULL);
      g_autofree char *out = run_program ("en_US.UTF-8", database, export, "--output=/dev/null", NULL);

      g_assert_cmpstr (out, ==, "");
    }
  g_assert_true (g_file_test ("/dev/null", G_FILE_TEST_EXISTS) &&
                 !g_file_test ("/dev/null", G_FILE_TEST_IS_REGULAR));
}

static void
test_output_fifo (void)
{
  g_autofree char *fifo = g_build_filename (work_dir, "export.fifo", NULL);
  g_autofree char *database = g_strconcat ("--database=", source_path, NULL);
  g_autofree char *output = g_strconcat ("--output=", fifo, NULL);
  const char *argv[] = { g_getenv ("DT_BINARY"), database, "--export=measures", output, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPid pid;
  int status;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* Opening the FIFO blocks until the program opens it for writing. */
  g_assert_true (g_file_get_contents (fifo, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (waitpid (pid, &status, 0) == pid);
  g_spawn_close_pid (pid);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "No.,Title,"));
  g_assert_nonnull (strstr (contents, "\r\n36,"));
  /* Still a FIFO: written to, never replaced by a file. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (fifo, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }
  g_remove (fifo);
}

/* A regular file is still replaced whole, and nothing is left beside it. */
static void
test_output_file_replaced (void)
{
  g_autofree char *path = g_build_filename (work_dir, "replaced.csv", NULL);
  g_autofree char *database = g_strconcat ("--database=", source_path, NULL);
  g_autofree char *output = g_strconcat ("--output=", path, NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_file_set_contents (path, "an earlier file that is longer than nothing", -1, NULL));
  out = run_program ("en_US.UTF-8", database, "--export=regions", "--header=keys", output, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "code,name_zh,name_en,level,parent,gb_code\r\nZJ,"));

  dir = g_dir_open (work_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".goutputstream"));
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("dt-roundtrip-XXXXXX", NULL);
  make_source ();

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/roundtrip/every-kind/%s", forms[i].name);

      g_test_add_data_func (test_path, &forms[i], test_round_trip);
    }
  g_test_add_func ("/roundtrip/columns/every-header-maps-back", test_every_header_maps_back);
  g_test_add_func ("/roundtrip/criteria/kept-without-column", test_criteria_kept_without_column);
  g_test_add_func ("/roundtrip/output/stdout-pipe", test_output_stdout_pipe);
  g_test_add_func ("/roundtrip/output/dev-null", test_output_dev_null);
  g_test_add_func ("/roundtrip/output/fifo", test_output_fifo);
  g_test_add_func ("/roundtrip/output/file-replaced", test_output_file_replaced);

  status = g_test_run ();

  remove_database (source_path);
  g_rmdir (work_dir);
  g_free (source_path);
  g_free (work_dir);
  return status;
}
