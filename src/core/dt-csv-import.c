/* dt-csv-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns the rows of a spreadsheet into DtRowInput maps for
 * dt-dataset-import.c, which validates and writes them. Everything here is
 * about the shape of the table: which column is which, and whether each row
 * has the header's number of fields.
 */

#define G_LOG_DOMAIN "dt-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-columns.h"
#include "dt-csv-import.h"
#include "dt-csv-reader.h"
#include "dt-csv-writer.h"
#include "dt-dataset-import.h"
#include "dt-error.h"
#include "dt-xlsx-reader.h"

struct _DtCsvImport
{
  GBytes     *bytes;        /* the table, or NULL when read from file */
  GFile      *file;
  char       *file_name;
  char       *kind;
  char       *encoding;
  char        separator;
  GPtrArray  *headers;      /* char*, trimmed */
  GPtrArray  *keys;         /* char* or NULL per column */
  gboolean    wide;
  int         wide_region;  /* column of uCode */
  int         wide_year;    /* column of Time, or -1 */
  int         year;         /* stands in for Time */
  gboolean    xlsx;         /* the first sheet of an Excel workbook */
  char       *where;        /* the file (and sheet) as messages name it */
  char       *sheet_name;   /* a workbook's first sheet, else NULL */
};

/* Tried in this order; the first that fits best wins a tie. */
static const char * const guess_order[] = {
  "enterprises", "measures", "framework", "index", "regions",
};

void
dt_csv_import_free (DtCsvImport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_free (self->file_name);
  g_free (self->kind);
  g_free (self->encoding);
  g_free (self->where);
  g_free (self->sheet_name);
  g_free (self);
}

/* Maps @headers onto @kind's columns: exact names first, then aliases for
 * columns still unnamed. With @error set, two headers naming the same
 * column is an error; without, the first one wins (while guessing). */
static GPtrArray *
map_headers (DtCsvImport  *self,
             const char   *kind,
             guint        *out_n_mapped,
             GError      **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal); /* key → column+1 */
  guint n_mapped = 0;

  g_ptr_array_set_size (keys, self->headers->len);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->headers->len; i++)
      {
        gboolean by_alias = FALSE;
        const DtColumn *column;

        if (g_ptr_array_index (keys, i) != NULL)
          continue;
        column = dt_columns_find_full (kind, g_ptr_array_index (self->headers, i), &by_alias);
        if (column == NULL || by_alias != (pass == 1))
          continue;

        if (g_hash_table_contains (taken, column->key))
          {
            guint first = GPOINTER_TO_UINT (g_hash_table_lookup (taken, column->key));

            if (pass == 0 && error != NULL)
              {
                g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                             _("%s:1:%u: the column “%s” means “%s”, as column %u (“%s”) does; expected each column once"),
                             self->file_name, i + 1, (const char *)g_ptr_array_index (self->headers, i),
                             column->key, first, (const char *)g_ptr_array_index (self->headers, first - 1));
                return NULL;
              }
            continue;
          }

        g_hash_table_insert (taken, (char *)column->key, GUINT_TO_POINTER (i + 1));
        g_ptr_array_index (keys, i) = g_strdup (column->key);
        n_mapped++;
      }

  *out_n_mapped = n_mapped;
  return g_steal_pointer (&keys);
}

static const char *
first_missing_required (const char *kind,
                        GPtrArray  *keys)
{
  const char * const *required = dt_dataset_kind_required_keys (kind);

  for (guint r = 0; required != NULL && required[r] != NULL; r++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < keys->len && !found; i++)
        found = g_strcmp0 (g_ptr_array_index (keys, i), required[r]) == 0;
      if (!found)
        return required[r];
    }

  return NULL;
}

static void
set_missing_error (DtCsvImport  *self,
                   const char   *kind,
                   const char   *key,
                   GError      **error)
{
  const DtColumn *column = dt_columns_lookup (kind, key);

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("%s:1:1: the required column “%s” is missing for %s; expected a header “%s”, “%s” or “%s”"),
               self->file_name, key, kind,
               column != NULL ? column->label_zh : key,
               column != NULL ? column->label : key,
               key);
}

/* Wide index tables, as statistics offices keep them: one row per region
 * (and year), one column per indicator code. */
static gboolean
try_wide_index (DtCsvImport  *self,
                GError      **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int region = -1, year = -1;
  guint n_codes = 0;

  g_ptr_array_set_size (keys, self->headers->len);

  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *header = g_ptr_array_index (self->headers, i);
      const DtColumn *column = dt_columns_find ("index", header);

      if (column != NULL && g_str_equal (column->key, "region") && region < 0)
        region = i;
      else if (column != NULL && g_str_equal (column->key, "year") && year < 0)
        year = i;
      else if (column != NULL)
        return FALSE; /* a long-form column: not a wide table */
      else if (header[0] != '\0')
        {
          g_ptr_array_index (keys, i) = g_strdup (header);
          n_codes++;
        }
    }

  if (region < 0 || n_codes == 0)
    return FALSE;

  if (year < 0 && self->year == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the wide index table has no “Time” (年份) column; expected one, or give the year with --year"),
                   self->file_name);
      return FALSE;
    }

  g_ptr_array_index (keys, region) = g_strdup ("region");
  if (year >= 0)
    g_ptr_array_index (keys, year) = g_strdup ("year");

  self->wide = TRUE;
  self->wide_region = region;
  self->wide_year = year;
  self->keys = g_steal_pointer (&keys);
  return TRUE;
}

/* The rows of a CSV file or of a workbook's first sheet: everything after
 * decoding (header mapping, validation, preview, all or nothing) is the
 * same for both. */
typedef struct
{
  DtCsvReader  *csv;
  DtXlsxReader *xlsx;
} RowSource;

static void
row_source_free (RowSource *source)
{
  if (source == NULL)
    return;
  g_clear_pointer (&source->csv, dt_csv_reader_free);
  g_clear_pointer (&source->xlsx, dt_xlsx_reader_free);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowSource, row_source_free)

static GPtrArray *
row_source_next_row (RowSource  *source,
                     GError    **error)
{
  if (source->xlsx != NULL)
    return dt_xlsx_reader_next_row (source->xlsx, error);
  return dt_csv_reader_next_row (source->csv, error);
}

/* The line of the last row (the sheet's row in a workbook). */
static guint
row_source_get_line (RowSource *source)
{
  if (source->xlsx != NULL)
    return dt_xlsx_reader_get_row (source->xlsx);
  return dt_csv_reader_get_line (source->csv);
}

static guint
row_source_get_field_line (RowSource *source,
                           guint      index)
{
  if (source->xlsx != NULL)
    return dt_xlsx_reader_get_row (source->xlsx);
  return dt_csv_reader_get_field_line (source->csv, index);
}

static double
row_source_get_fraction (RowSource *source)
{
  if (source->xlsx != NULL)
    return dt_xlsx_reader_get_fraction (source->xlsx);
  return dt_csv_reader_get_fraction (source->csv);
}

static const char *
row_source_get_checksum (RowSource *source)
{
  if (source->xlsx != NULL)
    return dt_xlsx_reader_get_checksum (source->xlsx);
  return dt_csv_reader_get_checksum (source->csv);
}

/* Whether a workbook's file is one: by its name, or its first bytes. */
static gboolean
is_workbook (GBytes     *bytes,
             GFile      *file,
             const char *file_name)
{
  g_autoptr(GInputStream) stream = NULL;
  char head[4];
  gsize n = 0;

  if (bytes != NULL)
    return dt_xlsx_looks_like_xlsx (file_name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (dt_xlsx_looks_like_xlsx (file_name, NULL, 0))
    return TRUE;
  stream = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
  if (stream == NULL || !g_input_stream_read_all (stream, head, sizeof head, &n, NULL, NULL))
    return FALSE;
  return dt_xlsx_looks_like_xlsx (NULL, head, n);
}

/* Each pass over the table (header, preview rows, import) reads it anew. */
static RowSource *
open_reader (DtCsvImport  *self,
             GError      **error)
{
  g_autoptr(RowSource) source = g_new0 (RowSource, 1);

  if (self->xlsx && self->bytes != NULL)
    source->xlsx = dt_xlsx_reader_new (self->bytes, self->file_name, error);
  else if (self->xlsx)
    source->xlsx = dt_xlsx_reader_new_for_file (self->file, self->file_name, error);
  else if (self->bytes != NULL)
    source->csv = dt_csv_reader_new (self->bytes, self->file_name, error);
  else
    source->csv = dt_csv_reader_new_for_file (self->file, self->file_name, DT_IMPORT_MAX_BYTES, NULL, error);
  if (source->csv == NULL && source->xlsx == NULL)
    return NULL;
  return g_steal_pointer (&source);
}

static DtCsvImport *
csv_import_new (GBytes      *bytes,
                GFile       *file,
                const char  *file_name,
                const char  *kind,
                int          year,
                GError     **error)
{
  g_autoptr(DtCsvImport) self = NULL;
  g_autoptr(RowSource) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *row;
  guint n_mapped = 0;

  if (kind != NULL && !dt_dataset_kind_is_valid (kind))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("unknown kind “%s”; expected enterprises, measures, index, framework or regions"), kind);
      return NULL;
    }

  self = g_new0 (DtCsvImport, 1);
  self->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->file_name = file_name != NULL ? g_strdup (file_name)
                    : file != NULL ? g_file_get_parse_name (file) : g_strdup ("-");
  file_name = self->file_name;
  self->xlsx = is_workbook (bytes, file, file_name);

  reader = open_reader (self, error);
  if (reader == NULL)
    return NULL;

  if (self->xlsx)
    {
      /* A workbook's text is Unicode whatever the locale that saved it. */
      self->encoding = g_strdup ("UTF-8");
      self->separator = ',';
      self->sheet_name = g_strdup (dt_xlsx_reader_get_sheet_name (reader->xlsx));
      self->where = g_strdup_printf ("%s:%s", file_name, self->sheet_name);
    }
  else
    {
      self->encoding = g_strdup (dt_csv_reader_get_encoding (reader->csv));
      self->separator = dt_csv_reader_get_separator (reader->csv);
      self->where = g_strdup (file_name);
    }
  self->year = year;
  self->wide_year = -1;
  self->headers = g_ptr_array_new_with_free_func (g_free);

  row = row_source_next_row (reader, &local_error);
  if (row == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("%s:1:1: the file holds no rows; expected a header row and data rows"), file_name);
      return NULL;
    }

  for (guint i = 0; i < row->len; i++)
    g_ptr_array_add (self->headers, g_strstrip (g_strdup (g_ptr_array_index (row, i))));

  if (kind == NULL)
    {
      const char *best = NULL, *partial = NULL;
      guint best_n = 0, best_size = 0, partial_n = 0;

      for (guint k = 0; k < G_N_ELEMENTS (guess_order); k++)
        {
          g_autoptr(GPtrArray) keys = map_headers (self, guess_order[k], &n_mapped, NULL);
          guint size = 0;

          dt_columns_for_kind (guess_order[k], &size);
          /* On a tie, the kind with fewer columns the file leaves out: a
           * regions table (code, names, level, parent) also names five of
           * the framework's seven columns. */
          if (first_missing_required (guess_order[k], keys) == NULL &&
              (n_mapped > best_n || (n_mapped == best_n && size < best_size)))
            {
              best = guess_order[k];
              best_n = n_mapped;
              best_size = size;
            }
          else if (n_mapped > partial_n)
            {
              partial = guess_order[k];
              partial_n = n_mapped;
            }
        }

      if (best == NULL)
        {
          if (try_wide_index (self, &local_error))
            {
              self->kind = g_strdup ("index");
              return g_steal_pointer (&self);
            }
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (partial != NULL && partial_n >= 2)
            {
              g_autoptr(GPtrArray) keys = map_headers (self, partial, &n_mapped, NULL);

              set_missing_error (self, partial, first_missing_required (partial, keys), error);
              return NULL;
            }
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:1:1: the header row names no known columns; expected e.g. 年份, 排名, 企业名称, 所在地市 for enterprises, 序号, 标题 for measures, or 地区, 年份, 指标代码, 数值 for index values (or choose the kind with --kind)"),
                       file_name);
          return NULL;
        }
      kind = best;
    }

  self->kind = g_strdup (kind);
  self->keys = map_headers (self, kind, &n_mapped, error);
  if (self->keys == NULL)
    return NULL;

  if (first_missing_required (kind, self->keys) != NULL)
    {
      const char *missing = first_missing_required (kind, self->keys);

      if (g_str_equal (kind, "index"))
        {
          g_clear_pointer (&self->keys, g_ptr_array_unref);
          if (try_wide_index (self, &local_error))
            return g_steal_pointer (&self);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      set_missing_error (self, kind, missing, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

DtCsvImport *
dt_csv_import_new (GBytes      *bytes,
                   const char  *file_name,
                   const char  *kind,
                   int          year,
                   GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return csv_import_new (bytes, NULL, file_name, kind, year, error);
}

DtCsvImport *
dt_csv_import_new_for_file (GFile       *file,
                            const char  *file_name,
                            const char  *kind,
                            int          year,
                            GError     **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return csv_import_new (NULL, file, file_name, kind, year, error);
}

const char *
dt_csv_import_get_kind (DtCsvImport *self)
{
  return self->kind;
}

const char *
dt_csv_import_get_encoding (DtCsvImport *self)
{
  return self->encoding;
}

char
dt_csv_import_get_separator (DtCsvImport *self)
{
  return self->separator;
}

const char *
dt_csv_import_get_sheet_name (DtCsvImport *self)
{
  return self->sheet_name;
}

gboolean
dt_csv_import_is_wide (DtCsvImport *self)
{
  return self->wide;
}

guint
dt_csv_import_get_n_columns (DtCsvImport *self)
{
  return self->headers->len;
}

const char *
dt_csv_import_get_header (DtCsvImport *self,
                          guint        index)
{
  g_return_val_if_fail (index < self->headers->len, NULL);
  return g_ptr_array_index (self->headers, index);
}

const char *
dt_csv_import_get_column_key (DtCsvImport *self,
                              guint        index)
{
  g_return_val_if_fail (index < self->keys->len, NULL);
  return g_ptr_array_index (self->keys, index);
}

GPtrArray *
dt_csv_import_get_first_rows (DtCsvImport *self,
                              guint        max)
{
  g_autoptr(RowSource) reader = open_reader (self, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  GPtrArray *row;

  if (reader == NULL || row_source_next_row (reader, NULL) == NULL)
    return rows;

  while (rows->len < max && (row = row_source_next_row (reader, NULL)) != NULL)
    {
      GStrv cells = g_new0 (char *, row->len + 1);

      for (guint i = 0; i < row->len; i++)
        cells[i] = g_strdup (g_ptr_array_index (row, i));
      g_ptr_array_add (rows, cells);
    }

  return rows;
}

/* Exports guard text that looks like a formula with an apostrophe (DESIGN.md);
 * take it off again so that an exported file imports to the same values. */
static char *
cell_value (const char *cell)
{
  const char *end = cell + strlen (cell);

  /* One copy per cell: a million rows have a dozen each. */
  while (g_ascii_isspace (*cell))
    cell++;
  while (end > cell && g_ascii_isspace (end[-1]))
    end--;
  if (cell[0] == '\'' && end > cell + 1)
    {
      g_autofree char *guarded = g_strndup (cell + 1, end - cell - 1);

      if (dt_csv_text_needs_guard (guarded))
        return g_steal_pointer (&guarded);
    }
  return g_strndup (cell, end - cell);
}

static gboolean
row_is_blank (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      const char *cell = g_ptr_array_index (row, i);

      for (; *cell != '\0'; cell++)
        if (!g_ascii_isspace (*cell))
          return FALSE;
    }
  return TRUE;
}

/* Spreadsheets pad rows with empty cells past the table at times; only
 * non-empty extra fields make a row too long. */
static guint
n_meaningful_fields (GPtrArray *row,
                     guint      n_headers)
{
  guint n = row->len;

  while (n > n_headers && ((const char *)g_ptr_array_index (row, n - 1))[0] == '\0')
    n--;
  return n;
}

static void
put (DtRowInput   *input,
     RowSource    *reader,
     const char   *key,
     char         *value,
     guint         column)
{
  g_hash_table_insert (input->values, (char *)key, value);
  g_hash_table_insert (input->columns, (char *)key, GUINT_TO_POINTER (column + 1));
  g_hash_table_insert (input->lines, (char *)key,
                       GUINT_TO_POINTER (row_source_get_field_line (reader, column)));
}

/* A spreadsheet that took a code for a number keeps only what a double
 * holds: an 18-digit credit code loses its last digits, a phone number
 * its leading zero. The value cannot be mended, only typed again. */
static void
set_number_in_text_error (DtCsvImport     *self,
                          DtXlsxReader    *reader,
                          const DtColumn  *column,
                          guint            index,
                          const char      *value,
                          GError         **error)
{
  g_autofree char *cell = dt_xlsx_cell_name (dt_xlsx_reader_get_row (reader), index);
  char shown[G_ASCII_DTOSTR_BUF_SIZE];

  /* The number as the spreadsheet shows it (15 digits), which is what the
   * official will find in the cell. */
  g_ascii_formatd (shown, sizeof shown, "%.15G", g_ascii_strtod (value, NULL));

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("%s:%s!%s (row %u, column %u): the cell holds the number %s, but “%s” is a text column. "
                 "A spreadsheet that turns text into a number drops leading zeros and keeps only 15 digits, "
                 "so an 18-digit credit code has lost its last digits. "
                 "Expected text: format the column as Text and type the values again"),
               self->file_name, dt_xlsx_reader_get_sheet_name (reader), cell,
               dt_xlsx_reader_get_row (reader), index + 1, shown,
               (const char *)g_ptr_array_index (self->headers, index));
}

gboolean
dt_csv_import_run (DtCsvImport           *self,
                   DtStore               *store,
                   const char            *provenance,
                   GCancellable          *cancellable,
                   DtImportProgressFunc   progress,
                   gpointer               progress_data,
                   guint                 *out_n_rows,
                   GError               **error)
{
  return dt_csv_import_run_full (self, store, provenance, DT_IMPORT_NONE, cancellable,
                                 progress, progress_data, out_n_rows, NULL, error);
}

gboolean
dt_csv_import_run_full (DtCsvImport           *self,
                        DtStore               *store,
                        const char            *provenance,
                        DtImportFlags          flags,
                        GCancellable          *cancellable,
                        DtImportProgressFunc   progress,
                        gpointer               progress_data,
                        guint                 *out_n_rows,
                        DtImportPlan         **out_plan,
                        GError               **error)
{
  g_autoptr(RowSource) reader = NULL;
  g_autoptr(DtDatasetImport) import = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) columns = NULL;
  g_autoptr(GHashTable) lines = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *year_text = NULL;
  g_autofree const DtColumn **row_columns = NULL;
  DtDatasetInfo info = { 0 };
  GPtrArray *row;
  guint n_headers = self->headers->len;
  guint n_rows = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (DT_IS_STORE (store), FALSE);

  reader = open_reader (self, error);
  if (reader == NULL)
    return FALSE;
  row_source_next_row (reader, NULL); /* the header, read before */

  base_name = g_path_get_basename (self->file_name);
  info.key = dt_columns_dataset_key (self->kind);
  info.kind = self->kind;
  info.title = base_name;
  info.source = base_name;
  info.provenance = provenance != NULL ? provenance : "official";
  info.checksum = NULL; /* known once the whole file is read */
  info.flags = flags;
  if (self->year != 0)
    year_text = g_strdup_printf ("%d", self->year);

  import = dt_dataset_import_begin (store, &info, error);
  if (import == NULL)
    return FALSE;
  /* One row's maps, emptied for each row of a narrow table (a million
   * rows need not allocate three tables each). */
  values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  columns = g_hash_table_new (g_str_hash, g_str_equal);
  lines = g_hash_table_new (g_str_hash, g_str_equal);
  /* Each column's meaning, looked up once rather than for every cell. */
  row_columns = g_new0 (const DtColumn *, n_headers);
  for (guint i = 0; !self->wide && i < n_headers; i++)
    {
      const DtColumn *column = dt_columns_lookup (self->kind, g_ptr_array_index (self->keys, i));

      if (column != NULL && (column->flags & DT_COLUMN_IMPORTED) != 0)
        row_columns[i] = column;
    }

  while ((row = row_source_next_row (reader, &local_error)) != NULL)
    {
      guint line = row_source_get_line (reader);
      guint n_fields;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (row_is_blank (row))
        continue;
      /* A sheet leaves out the empty cells at the end of a row. */
      while (reader->xlsx != NULL && row->len < n_headers)
        g_ptr_array_add (row, g_strdup (""));

      n_fields = n_meaningful_fields (row, n_headers);
      if (n_fields > n_headers)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:%u: the row has %u fields; expected %u as in the header row (is a separator inside a cell not quoted?)"),
                       self->where, row_source_get_field_line (reader, n_headers), n_headers + 1,
                       n_fields, n_headers);
          return FALSE;
        }
      if (n_fields < n_headers)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:%u: the row has %u fields; expected %u as in the header row (“%s” is missing)"),
                       self->where, row_source_get_field_line (reader, n_fields - 1), n_fields + 1,
                       n_fields, n_headers, (const char *)g_ptr_array_index (self->headers, n_fields));
          return FALSE;
        }

      if (!self->wide)
        {
          DtRowInput input = { self->where, line, values, columns, lines };

          g_hash_table_remove_all (values);
          g_hash_table_remove_all (columns);
          g_hash_table_remove_all (lines);

          for (guint i = 0; i < n_headers; i++)
            {
              const DtColumn *column = row_columns[i];

              if (column == NULL)
                continue;
              if (column->type == DT_COLUMN_TEXT && reader->xlsx != NULL &&
                  dt_xlsx_reader_cell_is_number (reader->xlsx, i))
                {
                  set_number_in_text_error (self, reader->xlsx, column, i, g_ptr_array_index (row, i), error);
                  return FALSE;
                }
              put (&input, reader, column->key, cell_value (g_ptr_array_index (row, i)), i);
            }

          if (!dt_dataset_import_add_row (import, &input, error))
            return FALSE;
          n_rows++;
        }
      else
        {
          for (guint i = 0; i < n_headers; i++)
            {
              g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
              g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
              g_autoptr(GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);
              DtRowInput input = { self->where, line, values, columns, lines };
              const char *code = g_ptr_array_index (self->keys, i);
              g_autofree char *value = NULL;

              if ((int)i == self->wide_region || (int)i == self->wide_year || code == NULL)
                continue;

              /* An empty cell is a value not reported, not a zero. */
              value = cell_value (g_ptr_array_index (row, i));
              if (value[0] == '\0')
                continue;

              put (&input, reader, "region", cell_value (g_ptr_array_index (row, self->wide_region)), self->wide_region);
              if (self->wide_year >= 0)
                put (&input, reader, "year", cell_value (g_ptr_array_index (row, self->wide_year)), self->wide_year);
              else
                put (&input, reader, "year", g_strdup (year_text), i);
              put (&input, reader, "code", g_strdup (code), i);
              put (&input, reader, "value", g_steal_pointer (&value), i);

              if (!dt_dataset_import_add_row (import, &input, error))
                return FALSE;
              n_rows++;
            }
        }

      if (progress != NULL && n_rows % 64 == 0)
        progress (row_source_get_fraction (reader), progress_data);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_rows == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:2:1: the file has a header row but no data rows; expected at least one row"),
                   self->file_name);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!dt_dataset_import_set_checksum (import, row_source_get_checksum (reader), error) ||
      !dt_dataset_import_commit (import, error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, progress_data);
  if (out_n_rows != NULL)
    *out_n_rows = n_rows;
  if (out_plan != NULL)
    *out_plan = dt_dataset_import_steal_plan (import);
  return TRUE;
}
