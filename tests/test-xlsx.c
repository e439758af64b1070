/* test-xlsx.c — Excel workbooks: typed cells, the About sheet, and every
 * export importing back unchanged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <xlsxwriter.h>

#include "dt-enterprise-export.h"
#include "dt-error.h"
#include "dt-index-compute.h"
#include "dt-import-file.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-test-util.h"
#include "dt-xlsx-reader.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

/* In the order an empty database needs them: regions before the rows
 * that name them. */
static const struct { const char *kind; const char *export_name; } kinds[] = {
  { "regions", "regions" },
  { "framework", "framework" },
  { "index", "index-values" },
  { "enterprises", "enterprises" },
  { "measures", "measures" },
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
  dt_test_remove_backups (path);
}

/* The samples with text a spreadsheet would mistake (a formula, a
 * date-like code) and officials' tracking with a follow-up date. */
static void
make_source (void)
{
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GError) error = NULL;

  source_path = g_build_filename (work_dir, "source.db", NULL);
  store = dt_sample_data_open (source_path, &error);
  g_assert_no_error (error);
  g_assert_true (dt_store_exec (store,
      "UPDATE enterprises SET name_en = '=Plus, \"Quoted\" Co.', founded = NULL"
      "  WHERE id = (SELECT min(id) FROM enterprises);"
      "UPDATE listings SET trade_volume = 1234.5 WHERE id = (SELECT max(id) FROM listings);"
      "UPDATE measures SET body_en = '-1 line' || char(10) || 'two' WHERE no = 5;"
      "INSERT INTO measure_tracking (no, status, progress, notes, follow_up)"
      "  VALUES (2, 'in-progress', 40, '=reminder, call', '2026-01-15');",
      &error));
  g_assert_no_error (error);
  g_assert_true (dt_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
}

static char *
export_kind (const char *export_name,
             const char *name,
             const char *header)
{
  char *path = g_build_filename (work_dir, name, NULL);
  g_autofree char *export = g_strconcat ("--export=", export_name, NULL);
  g_autofree char *output = g_strconcat ("--output=", path, NULL);
  g_autofree char *header_arg = g_strconcat ("--header=", header, NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (dt_test_run_program (source_path, NULL, &err, export, header_arg, output, NULL), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* A part of a workbook as text. */
static char *
read_part (const char *path,
           const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GsfInput) input = gsf_input_stdio_new (path, &error);
  g_autoptr(GsfInfile) zip = NULL;
  g_autoptr(GsfInput) member = NULL;
  g_auto(GStrv) names = g_strsplit (part, "/", -1);
  gsf_off_t size;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);
  member = gsf_infile_child_by_aname (zip, (const char **)names);
  g_assert_nonnull (member);
  size = gsf_input_size (member);
  return g_strndup ((const char *)gsf_input_read (member, size, NULL), size);
}

/* The <c> element of @cell ("E2") in @sheet_xml. */
static char *
cell_element (const char *sheet_xml,
              const char *cell)
{
  g_autofree char *start = g_strdup_printf ("<c r=\"%s\"", cell);
  const char *begin = strstr (sheet_xml, start);
  const char *end;

  g_assert_nonnull (begin);
  end = strstr (begin, "</c>");
  g_assert_nonnull (end);
  return g_strndup (begin, end - begin + 4);
}

/* Export each kind as a workbook (English labels, Chinese labels, keys),
 * import it into a fresh database: every table is as it was. */
static void
test_round_trip (gconstpointer data)
{
  const char *form = data;
  const char *language = g_str_equal (form, "chinese") ? "zh_CN.UTF-8" : "en_US.UTF-8";
  const char *header = g_str_equal (form, "keys") ? "keys" : "labels";
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fresh = g_build_filename (work_dir, "fresh.db", NULL);
  g_autoptr(DtStore) source = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", language, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.xlsx", kinds[i].kind, form);

      g_ptr_array_add (files, export_kind (kinds[i].export_name, name, header));
    }
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");

  remove_database (fresh);
  store = dt_store_open (fresh, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
      g_autofree char *kind = NULL;
      DtImportOptions options = { 0 };

      /* The kind is recognised from the headers alone. */
      if (!dt_import_file_full (store, file, NULL, &options, NULL, NULL, NULL, &kind, NULL, NULL, &error))
        g_error ("%s", error->message);
      g_assert_cmpstr (kind, ==, kinds[i].kind);
    }

  source = dt_store_open (source_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *expected = dt_test_kind_checksum (source, kinds[i].kind);
      g_autofree char *got = dt_test_kind_checksum (store, kinds[i].kind);

      if (g_strcmp0 (expected, got) != 0)
        g_error ("%s differ after the round trip through Excel (%s)", kinds[i].kind, form);
    }
  /* A workbook is an official's own file: it replaces the sample data. */
  g_assert_cmpint (dt_test_query_int (store, "SELECT count(*) FROM datasets WHERE provenance = 'sample'"), ==, 0);

  g_clear_object (&store);
  remove_database (fresh);
  for (guint i = 0; i < files->len; i++)
    g_remove (g_ptr_array_index (files, i));
}

/* Credit codes are text cells (every digit kept), volumes numbers with
 * one decimal and separators, follow-up dates dates; the header is bold,
 * frozen and filtered; the About sheet says where the rows come from. */
static void
test_cell_types (void)
{
  g_autofree char *path = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *strings = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *about = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *measures = NULL;
  g_autoptr(DtStore) source = dt_store_open (source_path, NULL);
  g_autofree char *code = dt_test_query_text (source,
      "SELECT e.credit_code FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
      "ORDER BY l.year, l.rank LIMIT 1");
  g_autofree char *credit = NULL;
  g_autofree char *volume = NULL;
  g_autofree char *follow_up = NULL;
  guint n_digit_codes = 0;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  path = export_kind ("enterprises", "types.xlsx", "labels");
  measures = export_kind ("measures", "types-measures.xlsx", "labels");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");

  sheet = read_part (path, "xl/worksheets/sheet1.xml");
  styles = read_part (path, "xl/styles.xml");
  about = read_part (path, "xl/worksheets/sheet2.xml");
  workbook = read_part (path, "xl/workbook.xml");

  /* Row 2 is the first listing; E is the credit code, J the volume. */
  credit = cell_element (sheet, "E2");
  g_assert_true (strstr (credit, "t=\"s\"") != NULL || strstr (credit, "t=\"inlineStr\"") != NULL);
  volume = cell_element (sheet, "J2");
  g_assert_null (strstr (volume, "t=\""));
  g_assert_nonnull (strstr (volume, "<v>"));
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0.0\""));
  g_assert_nonnull (strstr (sheet, code));
  /* All-digit codes are among them, as text. */
  {
    g_autoptr(GPtrArray) codes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(DtXlsxReader) reader = dt_xlsx_reader_new_for_file (file, NULL, &error);
    GPtrArray *row;

    g_assert_no_error (error);
    g_assert_cmpstr (dt_xlsx_reader_get_sheet_name (reader), ==, "百强企业");
    row = dt_xlsx_reader_next_row (reader, &error);
    g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "统一社会信用代码");
    while ((row = dt_xlsx_reader_next_row (reader, &error)) != NULL)
      {
        const char *text = g_ptr_array_index (row, 4);

        g_assert_false (dt_xlsx_reader_cell_is_number (reader, 4));
        g_assert_true (dt_xlsx_reader_cell_is_number (reader, 0));
        if (strspn (text, "0123456789") == 18)
          n_digit_codes++;
      }
    g_assert_no_error (error);
    g_assert_cmpuint (n_digit_codes, >, 0);
  }

  /* A bold, frozen header with an autofilter, and the About sheet. */
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A1:"));
  g_assert_nonnull (strstr (styles, "<b/>"));
  g_assert_nonnull (strstr (workbook, "name=\"百强企业\""));
  g_assert_nonnull (strstr (about, "<c r=\"A1\""));
  g_assert_nonnull (strstr (about, source_path));

  /* The follow-up date is a date: a number in a date style. */
  g_clear_pointer (&sheet, g_free);
  g_clear_pointer (&styles, g_free);
  sheet = read_part (measures, "xl/worksheets/sheet1.xml");
  styles = read_part (measures, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"yyyy-mm-dd\""));
  follow_up = cell_element (sheet, "O3");
  g_assert_null (strstr (follow_up, "t=\""));
  g_assert_nonnull (strstr (follow_up, "<v>46037</v>"));

  g_remove (path);
  g_remove (measures);

  /* The About sheet says plainly that sample data is sample data. */
  g_setenv ("LANGUAGE", "en_US", TRUE);
  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&strings, g_free);
  path = export_kind ("index", "ranking.xlsx", "labels");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");
  strings = read_part (path, "xl/worksheets/sheet2.xml");
  g_assert_nonnull (strstr (strings, "This is sample data"));
  g_assert_nonnull (strstr (strings, "Ranking of the Zhejiang Openness Index"));
  g_remove (path);
}

/* A workbook as an official's spreadsheet saves one, written with
 * libxlsxwriter: @credit_as_number puts the credit code in as a float. */
static char *
make_workbook (const char *name,
               gboolean    credit_as_number,
               gboolean    constant_memory)
{
  char *path = g_build_filename (work_dir, name, NULL);
  lxw_workbook_options options = { .constant_memory = constant_memory };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "名单");
  lxw_format *date_format = workbook_add_format (workbook);
  const char *headers[] = { "年份", "排名", "企业名称", "统一社会信用代码", "所在地市", "成立年份", "登记日期" };
  lxw_datetime founded = { .year = 2015, .month = 6, .day = 1 };

  format_set_num_format (date_format, "yyyy\"年\"m\"月\"d\"日\"");
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    worksheet_write_string (sheet, 0, i, headers[i], NULL);
  worksheet_write_number (sheet, 1, 0, 2023, NULL);
  worksheet_write_number (sheet, 1, 1, 1, NULL);
  worksheet_write_string (sheet, 1, 2, "杭州示例科技有限公司", NULL);
  worksheet_write_string (sheet, 1, 3, "913301066580418532", NULL);
  worksheet_write_string (sheet, 1, 4, "杭州", NULL);
  worksheet_write_number (sheet, 1, 5, 2015, NULL);
  worksheet_write_number (sheet, 2, 0, 2023, NULL);
  worksheet_write_number (sheet, 2, 1, 2, NULL);
  worksheet_write_string (sheet, 2, 2, "宁波示例数据有限公司", NULL);
  if (credit_as_number)
    worksheet_write_number (sheet, 2, 3, 913301135983615715.0, NULL);
  else
    worksheet_write_string (sheet, 2, 3, "913301135983615715", NULL);
  worksheet_write_string (sheet, 2, 4, "宁波", NULL);
  worksheet_write_datetime (sheet, 2, 6, &founded, date_format);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  return path;
}

/* Inline strings (what constant-memory writers use), dates in a custom
 * Chinese date format, and the sheet's name. */
static void
test_reader (void)
{
  g_autofree char *path = make_workbook ("inline.xlsx", FALSE, TRUE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtXlsxReader) reader = dt_xlsx_reader_new_for_file (file, "inline.xlsx", &error);
  g_autofree char *cell = dt_xlsx_cell_name (3, 27);
  GPtrArray *row;

  g_assert_no_error (error);
  g_assert_cmpstr (cell, ==, "AB3");
  g_assert_cmpstr (dt_xlsx_reader_get_sheet_name (reader), ==, "名单");
  row = dt_xlsx_reader_next_row (reader, &error);
  g_assert_cmpuint (row->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "企业名称");
  row = dt_xlsx_reader_next_row (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "2023");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "杭州示例科技有限公司");
  g_assert_true (dt_xlsx_reader_cell_is_number (reader, 0));
  g_assert_false (dt_xlsx_reader_cell_is_number (reader, 3));
  row = dt_xlsx_reader_next_row (reader, &error);
  g_assert_cmpuint (dt_xlsx_reader_get_row (reader), ==, 3);
  g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "2015-06-01");
  g_assert_false (dt_xlsx_reader_cell_is_number (reader, 6));
  g_assert_null (dt_xlsx_reader_next_row (reader, &error));
  g_assert_no_error (error);
  g_remove (path);
}

/* A credit code Excel already turned into a float is refused, naming the
 * sheet, row and column and saying why; the database stays as it was. */
static void
test_number_in_text_column (void)
{
  g_autofree char *path = make_workbook ("float-code.xlsx", TRUE, FALSE);
  g_autofree char *good = make_workbook ("good.xlsx", FALSE, FALSE);
  g_autofree char *db = g_build_filename (work_dir, "refuse.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(DtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DtImportOptions options = { .kind = "enterprises" };

  remove_database (db);
  store = dt_sample_data_open (db, &error);
  g_assert_no_error (error);
  before = dt_test_database_checksum (store, FALSE);

  g_assert_false (dt_import_file_full (store, file, "float-code.xlsx", &options, NULL, NULL, NULL,
                                       NULL, NULL, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "float-code.xlsx:名单!D3 (row 3, column 4): "));
  g_assert_nonnull (strstr (error->message, "统一社会信用代码"));
  g_assert_nonnull (strstr (error->message, "text column"));
  g_assert_nonnull (strstr (error->message, "9.13301135983616E+17"));
  g_assert_nonnull (strstr (error->message, "Text"));
  g_clear_error (&error);
  after = dt_test_database_checksum (store, FALSE);
  g_assert_cmpstr (after, ==, before);

  /* The same list with the code as text imports. */
  g_assert_true (dt_import_file_full (store, good_file, NULL, &options, NULL, NULL, NULL,
                                      NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dt_test_query_text (store, "SELECT credit_code FROM enterprises WHERE name_zh = '宁波示例数据有限公司'");
  g_assert_cmpstr (after, ==, "913301135983615715");

  g_clear_object (&store);
  remove_database (db);
  g_remove (path);
  g_remove (good);
}

/* --format and the --output extension choose the format; PDF is no table. */
static void
test_command_line_format (void)
{
  g_autofree char *path = g_build_filename (work_dir, "format.xlsx", NULL);
  g_autofree char *output = g_strconcat ("--output=", path, NULL);
  g_autofree char *csv_output = g_build_filename (work_dir, "format.out", NULL);
  g_autofree char *csv_arg = g_strconcat ("--output=", csv_output, NULL);
  g_autofree char *err = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;

  g_assert_cmpint (dt_test_run_program (source_path, NULL, NULL, "--export=enterprises", "--year=2023",
                                        "--filter=city=杭州", output, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &head, &length, NULL));
  g_assert_true (length > 4 && memcmp (head, "PK\x03\x04", 4) == 0);
  g_clear_pointer (&head, g_free);

  g_assert_cmpint (dt_test_run_program (source_path, NULL, NULL, "--export=measures", "--format=xlsx",
                                        csv_arg, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv_output, &head, &length, NULL));
  g_assert_true (length > 4 && memcmp (head, "PK\x03\x04", 4) == 0);

  g_assert_cmpint (dt_test_run_program (source_path, NULL, &err, "--export=enterprises", "--format=pdf", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--briefing=FILE.pdf"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (dt_test_run_program (source_path, NULL, &err, "--export=index", "--format=ods", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "csv or xlsx"));

  g_remove (path);
  g_remove (csv_output);
}

/* --compute-index --output=OUT.xlsx: the computed results as a workbook. */
static void
test_compute_index (void)
{
  g_autofree char *meta = g_build_filename (work_dir, "meta.csv", NULL);
  g_autofree char *data = g_build_filename (work_dir, "data.csv", NULL);
  g_autofree char *out = g_build_filename (work_dir, "computed.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(DtXlsxReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *row;

  g_assert_true (g_file_set_contents (meta,
                                      "code,name,level,parent,direction,weight\n"
                                      "I,Index,2,,1,1\n"
                                      "a1,A one,1,I,1,1\n"
                                      "a2,A two,1,I,1,1\n", -1, NULL));
  g_assert_true (g_file_set_contents (data, "uCode,Time,a1,a2\nX,2018,1,3\nX,2019,2,6\n", -1, NULL));
  g_assert_true (dt_index_compute_files (meta, data, "base-year", "amean", 2018, out, TRUE, &error));
  g_assert_no_error (error);

  reader = dt_xlsx_reader_new_for_file (file, NULL, &error);
  g_assert_no_error (error);
  row = dt_xlsx_reader_next_row (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "uCode");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "I");
  row = dt_xlsx_reader_next_row (reader, &error);
  row = dt_xlsx_reader_next_row (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "2019");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "200");
  g_assert_true (dt_xlsx_reader_cell_is_number (reader, 2));

  g_remove (meta);
  g_remove (data);
  g_remove (out);
}

/* A cancelled export writes nothing and leaves no temporary workbook. */
static void
test_cancelled (void)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint before = 0, after = 0;

  dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    before += g_str_has_prefix (name, "digital-trade-");
  g_clear_pointer (&dir, g_dir_close);

  g_cancellable_cancel (cancellable);
  g_assert_false (dt_enterprise_export_write (query, source_path, stream, DT_TABLE_FORMAT_XLSX,
                                              DT_ENTERPRISE_HEADER_LABELS, TRUE, NULL, NULL, cancellable,
                                              NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);

  dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    after += g_str_has_prefix (name, "digital-trade-");
  g_assert_cmpuint (after, <=, before);
}

/* Default file names name what is in them. */
static void
test_file_name (void)
{
  g_autoptr(DtStore) store = dt_store_open (source_path, NULL);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *all = NULL;

  all = dt_enterprise_export_file_name (query, dt_store_get_db (store), DT_TABLE_FORMAT_CSV);
  g_assert_cmpstr (all, ==, "top100.csv");
  g_assert_true (dt_enterprise_query_add_filter (query, "year", "2023", &error));
  g_assert_true (dt_enterprise_query_add_filter (query, "city", "hangzhou", &error));
  g_assert_true (dt_enterprise_query_add_filter (query, "category", "data", &error));
  g_assert_no_error (error);
  name = dt_enterprise_export_file_name (query, dt_store_get_db (store), DT_TABLE_FORMAT_XLSX);
  g_assert_cmpstr (name, ==, "top100-2023-hangzhou-data.xlsx");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("test-xlsx-XXXXXX", NULL);
  make_source ();

  g_test_add_data_func ("/xlsx/round-trip/english", "english", test_round_trip);
  g_test_add_data_func ("/xlsx/round-trip/chinese", "chinese", test_round_trip);
  g_test_add_data_func ("/xlsx/round-trip/keys", "keys", test_round_trip);
  g_test_add_func ("/xlsx/cell-types", test_cell_types);
  g_test_add_func ("/xlsx/reader/inline-strings-and-dates", test_reader);
  g_test_add_func ("/xlsx/import/number-in-text-column-refused", test_number_in_text_column);
  g_test_add_func ("/xlsx/command-line/format", test_command_line_format);
  g_test_add_func ("/xlsx/file-name-names-content", test_file_name);
  g_test_add_func ("/xlsx/compute-index", test_compute_index);
  g_test_add_func ("/xlsx/export/cancelled", test_cancelled);

  status = g_test_run ();

  remove_database (source_path);
  g_rmdir (work_dir);
  return status;
}
