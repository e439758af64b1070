/* test-csv.c — the CSV writer's exact bytes and the reader's decoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dt-csv-reader.h"
#include "dt-csv-writer.h"
#include "dt-error.h"

static char *
write_rows (gboolean bom,
            void (*fill) (DtCsvWriter *writer))
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(DtCsvWriter) writer = dt_csv_writer_new (stream, bom);
  g_autoptr(GError) error = NULL;

  fill (writer);
  g_assert_true (dt_csv_writer_flush (writer, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
fill_quoting (DtCsvWriter *w)
{
  dt_csv_writer_add_text (w, "name");
  dt_csv_writer_add_text (w, "note");
  dt_csv_writer_end_row (w, NULL, NULL);
  dt_csv_writer_add_text (w, "a,b");
  dt_csv_writer_add_text (w, "say \"hi\"");
  dt_csv_writer_end_row (w, NULL, NULL);
  dt_csv_writer_add_text (w, "line\nbreak");
  dt_csv_writer_add_empty (w);
  dt_csv_writer_end_row (w, NULL, NULL);
}

static void
test_writer_quoting (void)
{
  g_autofree char *bytes = write_rows (TRUE, fill_quoting);

  g_assert_cmpstr (bytes, ==, "\xEF\xBB\xBFname,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",\r\n");
}

static void
test_writer_no_bom (void)
{
  g_autofree char *bytes = write_rows (FALSE, fill_quoting);

  g_assert_true (g_str_has_prefix (bytes, "name,note\r\n"));
}

static void
fill_guard (DtCsvWriter *w)
{
  dt_csv_writer_add_text (w, "=SUM(A1)");
  dt_csv_writer_add_text (w, "+86");
  dt_csv_writer_add_text (w, "-x");
  dt_csv_writer_add_text (w, "@cmd");
  dt_csv_writer_add_text (w, "＝1");
  dt_csv_writer_add_text (w, "\tx");
  dt_csv_writer_add_text (w, "=a,b");
  dt_csv_writer_add_int (w, -42);
  dt_csv_writer_add_double (w, -3.25);
  dt_csv_writer_add_double (w, 0.1);
  dt_csv_writer_add_text (w, "杭州");
  dt_csv_writer_end_row (w, NULL, NULL);
}

static void
test_writer_formula_guard (void)
{
  g_autofree char *bytes = write_rows (FALSE, fill_guard);

  g_assert_cmpstr (bytes, ==, "'=SUM(A1),'+86,'-x,'@cmd,'＝1,'\tx,\"'=a,b\",-42,-3.25,0.1,杭州\r\n");
}

static void
test_format_double_round_trips (void)
{
  const double values[] = { 0.1, 1.0 / 3.0, 655.8000000000001, 9.804686832837161e-05, 123456.5, -0.0 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = dt_csv_format_double (values[i]);
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, values[i]);
    }
}

static GPtrArray *
read_all (const char  *data,
          gsize        length,
          char        *separator,
          const char **encoding,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(DtCsvReader) reader = dt_csv_reader_new (bytes, "test.csv", error);
  GPtrArray *rows;
  GPtrArray *fields;

  if (reader == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  while ((fields = dt_csv_reader_next_row (reader, error)) != NULL)
    {
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_strdupv ((char **)fields->pdata));
      g_ptr_array_remove_index (fields, fields->len - 1);
    }
  if (separator)
    *separator = dt_csv_reader_get_separator (reader);
  if (encoding)
    *encoding = dt_csv_reader_get_encoding (reader);
  return rows;
}

static void
test_reader_rfc4180 (void)
{
  static const char data[] = "\xEF\xBB\xBFname,note\r\n\"a,b\",\"two\r\nlines \"\"q\"\"\"\r\nc,\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_all (data, sizeof data - 1, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **)rows->pdata[1])[0], ==, "a,b");
  g_assert_cmpstr (((char **)rows->pdata[1])[1], ==, "two\r\nlines \"q\"");
  g_assert_cmpstr (((char **)rows->pdata[2])[1], ==, "");
}

static void
test_reader_separators (void)
{
  g_autoptr(GError) error = NULL;
  char sep = 0;
  g_autoptr(GPtrArray) semi = read_all ("a;b;c\n1;2,5;3\n", 14, &sep, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ';');
  g_assert_cmpstr (((char **)semi->pdata[1])[1], ==, "2,5");

  {
    g_autoptr(GPtrArray) tab = read_all ("a\tb\n1\t2\n", 8, &sep, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sep, ==, '\t');
    g_assert_cmpstr (((char **)tab->pdata[1])[1], ==, "2");
  }
}

static void
test_reader_gb18030 (void)
{
  /* 杭州,数据 in GB18030 */
  static const char data[] = "\xBA\xBC\xD6\xDD,\xCA\xFD\xBE\xDD\r\n";
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;
  g_autoptr(GPtrArray) rows = read_all (data, sizeof data - 1, NULL, &encoding, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_cmpstr (((char **)rows->pdata[0])[0], ==, "杭州");
  g_assert_cmpstr (((char **)rows->pdata[0])[1], ==, "数据");
}

static void
test_reader_refuses_mixed_encodings (void)
{
  static const char data[] = "city\n杭州\n\xBA\xBC\xD6\xDD\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_all (data, sizeof data - 1, NULL, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "test.csv:3:1:"));
}

static void
test_reader_refuses_nul_and_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_all ("a,b\n1,\0\n", 8, NULL, NULL, &error);

  g_assert_null (rows);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "test.csv:2:1:"));
  g_clear_error (&error);

  rows = read_all ("", 0, NULL, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static void
test_reader_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,b\n1,\"open\n2,3\n", 16);
  g_autoptr(DtCsvReader) reader = dt_csv_reader_new (bytes, "q.csv", &error);

  g_assert_nonnull (dt_csv_reader_next_row (reader, &error));
  g_assert_null (dt_csv_reader_next_row (reader, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "q.csv:2:2:"));
}

/* Past the first chunk the reader holds only part of the file: a line in
 * the other encoding is still refused, named by its line; and a file whose
 * first non-ASCII line comes late is still read as GB18030. */
static void
test_reader_streaming_encodings (void)
{
  g_autoptr(GString) text = g_string_new ("name,note\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DtCsvReader) reader = NULL;
  g_autofree char *gb = g_convert ("杭州,浙江\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  GPtrArray *row;
  guint n_rows = 0;

  for (guint i = 2; i <= 50000; i++)
    g_string_append (text, "数字贸易,杭州\n");
  g_string_append (text, gb);             /* line 50001 */
  bytes = g_bytes_new (text->str, text->len);
  reader = dt_csv_reader_new (bytes, "mixed.csv", &error);
  g_assert_no_error (error);
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    n_rows++;
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "mixed.csv:50001:1:"));
  g_assert_cmpuint (n_rows, <, 50000);
  g_clear_error (&error);
  g_clear_pointer (&reader, dt_csv_reader_free);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_string_assign (text, "name,note\n");
  for (guint i = 2; i <= 50000; i++)
    g_string_append (text, "ascii,only\n");
  g_string_append (text, gb);
  bytes = g_bytes_new (text->str, text->len);
  reader = dt_csv_reader_new (bytes, "late.csv", &error);
  g_assert_no_error (error);
  n_rows = 0;
  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    if (++n_rows == 50001)
      g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "杭州");
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 50001);
  g_assert_cmpstr (dt_csv_reader_get_encoding (reader), ==, "GB18030");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/writer/quoting-and-crlf", test_writer_quoting);
  g_test_add_func ("/csv/writer/no-bom", test_writer_no_bom);
  g_test_add_func ("/csv/writer/formula-guard-text-only", test_writer_formula_guard);
  g_test_add_func ("/csv/writer/doubles-round-trip", test_format_double_round_trips);
  g_test_add_func ("/csv/reader/rfc4180", test_reader_rfc4180);
  g_test_add_func ("/csv/reader/separators", test_reader_separators);
  g_test_add_func ("/csv/reader/gb18030", test_reader_gb18030);
  g_test_add_func ("/csv/reader/mixed-encodings-refused", test_reader_refuses_mixed_encodings);
  g_test_add_func ("/csv/reader/nul-and-empty-refused", test_reader_refuses_nul_and_empty);
  g_test_add_func ("/csv/reader/unclosed-quote", test_reader_unclosed_quote);
  g_test_add_func ("/csv/reader/streaming-encodings", test_reader_streaming_encodings);

  return g_test_run ();
}
