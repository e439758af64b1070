/* dt-measure-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-measure-export"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-csv-writer.h"
#include "dt-error.h"
#include "dt-measure-export.h"
#include "dt-output.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

typedef struct
{
  const char *key;
  const char *label;     /* English, translatable */
  const char *label_zh;
} Column;

static const Column columns[] = {
  { "no", N_("No."), "序号" },
  { "title_zh", N_("Title (Chinese)"), "标题" },
  { "title_en", N_("Title (English)"), "英文标题" },
  { "category", N_("Category"), "类别" },
  { "support", N_("Support"), "支持内容" },
  { "department", N_("Department"), "责任部门" },
  { "contact", N_("Contact"), "联系方式" },
  { "body_zh", N_("Text (Chinese)"), "正文" },
  { "body_en", N_("Text (English)"), "英文正文" },
  { "status", N_("Status"), "状态" },
  { "progress", N_("Progress (%)"), "进度（%）" },
  { "notes", N_("Notes"), "备注" },
  { "follow_up", N_("Follow-up date"), "跟进日期" },
};

static const char * const column_keys[] = {
  "no", "title_zh", "title_en", "category", "support", "department", "contact",
  "body_zh", "body_en", "status", "progress", "notes", "follow_up", NULL
};

const char * const *
dt_measure_export_columns (void)
{
  return column_keys;
}

const char *
dt_measure_export_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (key, columns[i].key) == 0)
      /* The Chinese labels are part of the data contract (import accepts
       * them), so they do not wait for a translation. */
      return dt_locale_prefers_chinese () ? columns[i].label_zh : _(columns[i].label);
  return key;
}

static const char *
term_label (DtVocabulary  vocabulary,
            const char   *key)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (vocabulary, &n);

  if (dt_locale_prefers_chinese ())
    for (guint i = 0; i < n; i++)
      if (g_strcmp0 (key, terms[i].key) == 0)
        return terms[i].label_zh;
  return dt_vocabulary_label (vocabulary, key);
}

gboolean
dt_measure_export_write (DtStore         *store,
                         DtMeasureQuery  *query,
                         GOutputStream   *stream,
                         gboolean         header_keys,
                         gboolean         with_bom,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(DtCsvWriter) writer = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  measures = dt_measure_query_run (query, store, error);
  if (measures == NULL)
    return FALSE;

  writer = dt_csv_writer_new (stream, with_bom);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    dt_csv_writer_add_text (writer, header_keys ? columns[i].key : dt_measure_export_label (columns[i].key));
  if (!dt_csv_writer_end_row (writer, cancellable, error))
    return FALSE;

  for (guint i = 0; i < measures->len; i++)
    {
      DtMeasure *m = g_ptr_array_index (measures, i);

      dt_csv_writer_add_int (writer, m->no);
      dt_csv_writer_add_text (writer, m->title_zh);
      dt_csv_writer_add_text (writer, m->title_en);
      if (m->category == NULL)
        dt_csv_writer_add_empty (writer);
      else
        dt_csv_writer_add_text (writer, header_keys ? m->category
                                                    : term_label (DT_VOCABULARY_MEASURE_CATEGORY, m->category));
      dt_csv_writer_add_text (writer, m->support);
      dt_csv_writer_add_text (writer, m->department);
      dt_csv_writer_add_text (writer, m->contact);
      dt_csv_writer_add_text (writer, m->body_zh);
      dt_csv_writer_add_text (writer, m->body_en);
      dt_csv_writer_add_text (writer, header_keys ? m->status
                                                  : term_label (DT_VOCABULARY_MEASURE_STATUS, m->status));
      dt_csv_writer_add_int (writer, m->progress);
      dt_csv_writer_add_text (writer, m->notes);
      if (m->follow_up == NULL)
        dt_csv_writer_add_empty (writer);
      else
        dt_csv_writer_add_text (writer, m->follow_up);
      if (!dt_csv_writer_end_row (writer, cancellable, error))
        return FALSE;
    }

  return dt_csv_writer_flush (writer, cancellable, error);
}

gboolean
dt_measure_export_to_file (DtStore         *store,
                           DtMeasureQuery  *query,
                           const char      *path,
                           gboolean         header_keys,
                           gboolean         with_bom,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(DtOutput) output = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* A failed export leaves an earlier file as it was. */
  output = dt_output_open_arg (path, cancellable, error);
  if (output == NULL)
    return FALSE;

  if (!dt_measure_export_write (store, query, dt_output_get_stream (output), header_keys, with_bom, cancellable, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }

  return dt_output_close (output, cancellable, error);
}

int
dt_measure_export_run_command (DtCommandLine *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autofree char *path = NULL;
  gboolean header_keys = FALSE;

  if (options->header != NULL && g_strcmp0 (options->header, "labels") != 0)
    {
      if (g_strcmp0 (options->header, "keys") != 0)
        {
          g_printerr (_("--header=%s: expected labels or keys\n"), options->header);
          return 1;
        }
      header_keys = TRUE;
    }

  for (guint i = 0; options->filters != NULL && options->filters[i] != NULL; i++)
    if (!dt_measure_query_parse_filter (query, options->filters[i], &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  if (options->search != NULL)
    dt_measure_query_set_search (query, options->search);
  if (!dt_measure_query_set_sort (query, options->sort, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  path = options->database != NULL ? g_strdup (options->database) : dt_store_default_path ();
  store = dt_store_open_with_samples (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!dt_measure_export_to_file (store, query, options->output != NULL ? options->output : "-",
                                  header_keys, !options->no_bom, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
