/* dt-xlsx-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bureau's lists arrive as .xlsx as often as CSV. A workbook is a zip
 * file of XML parts: libgsf (the reader Gnumeric uses) opens the zip and
 * libxml2's streaming reader walks the parts, so that a large sheet is
 * never held whole. Only what an import needs is read: the first sheet,
 * its shared strings, and which cell styles are dates.
 */

#define G_LOG_DOMAIN "dt-xlsx-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "dt-csv-import.h"
#include "dt-csv-writer.h"
#include "dt-error.h"
#include "dt-xlsx-reader.h"

/* libgsf declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

/* Excel's last column (XFD). */
#define MAX_COLUMNS 16384

struct _DtXlsxReader
{
  char             *file_name;
  char             *sheet_name;
  char             *checksum;
  GBytes           *bytes;       /* what a reader from memory reads */
  GsfInfile        *zip;
  GsfInput         *sheet;
  xmlTextReaderPtr  xml;
  GPtrArray        *strings;     /* the shared strings */
  GArray           *date_styles; /* gboolean per cell style (xf) */
  gboolean          date1904;
  GPtrArray        *cells;       /* char* of the row returned */
  GArray           *numbers;     /* gboolean per cell of that row */
  guint             row;
  gboolean          done;
};

void
dt_xlsx_reader_free (DtXlsxReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->xml, xmlFreeTextReader);
  g_clear_object (&self->sheet);
  g_clear_object (&self->zip);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_clear_pointer (&self->date_styles, g_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->numbers, g_array_unref);
  g_free (self->file_name);
  g_free (self->sheet_name);
  g_free (self->checksum);
  g_free (self);
}

gboolean
dt_xlsx_looks_like_xlsx (const char *file_name,
                         const void *head,
                         gsize       size)
{
  if (file_name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (file_name, -1);

      if (g_str_has_suffix (lower, ".xlsx"))
        return TRUE;
    }
  return head != NULL && size >= 4 && memcmp (head, "PK\x03\x04", 4) == 0;
}

char *
dt_xlsx_cell_name (guint row,
                   guint column)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      letters[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup_printf ("%s%u", letters + i, row);
}

/* libxml2 reads a part straight from the zip member. */
static int
read_part (void *context,
           char *buffer,
           int   len)
{
  GsfInput *input = context;
  gsf_off_t remaining = gsf_input_remaining (input);
  int n = (int)MIN ((gsf_off_t)len, remaining);

  if (n <= 0)
    return 0;
  if (gsf_input_read (input, n, (guint8 *)buffer) == NULL)
    return -1;
  return n;
}

static int
close_part (void *context)
{
  return 0;
}

/* A part by its path in the zip ("xl/workbook.xml"), or NULL. */
static GsfInput *
open_part (DtXlsxReader *self,
           const char   *path)
{
  g_auto(GStrv) names = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);

  return gsf_infile_child_by_aname (self->zip, (const char **)names);
}

static xmlTextReaderPtr
xml_for_part (GsfInput   *input,
              const char *path)
{
  /* No network, no entity expansion: the file is not trusted. */
  return xmlReaderForIO (read_part, close_part, input, path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
}

static gboolean
is_element (xmlTextReaderPtr  xml,
            const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *)xmlTextReaderConstLocalName (xml), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  xml,
        const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT &&
         g_strcmp0 ((const char *)xmlTextReaderConstLocalName (xml), name) == 0;
}

/* An attribute by its local name, whatever its namespace (r:id is in one
 * namespace in Excel's files and another in strict Open XML). */
static char *
attribute (xmlTextReaderPtr  xml,
           const char       *name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (xml) != 1)
    return NULL;
  do
    if (g_strcmp0 ((const char *)xmlTextReaderConstLocalName (xml), name) == 0)
      {
        value = g_strdup ((const char *)xmlTextReaderConstValue (xml));
        break;
      }
  while (xmlTextReaderMoveToNextAttribute (xml) == 1);
  xmlTextReaderMoveToElement (xml);
  return value;
}

static gboolean
set_part_error (DtXlsxReader  *self,
                const char    *part,
                GError       **error)
{
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("%s: the workbook’s part “%s” is missing or is not XML; expected an Excel workbook (.xlsx) as Excel, WPS or LibreOffice save it"),
               self->file_name, part);
  return FALSE;
}

/* workbook.xml: the first sheet's name and relationship, and the date system. */
static gboolean
read_workbook (DtXlsxReader  *self,
               char         **out_sheet_id,
               GError       **error)
{
  g_autoptr(GsfInput) input = open_part (self, "xl/workbook.xml");
  xmlTextReaderPtr xml;
  int rc;

  if (input == NULL || (xml = xml_for_part (input, "workbook.xml")) == NULL)
    return set_part_error (self, "xl/workbook.xml", error);

  while ((rc = xmlTextReaderRead (xml)) == 1)
    {
      if (is_element (xml, "workbookPr"))
        {
          g_autofree char *date1904 = attribute (xml, "date1904");

          self->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (is_element (xml, "sheet") && *out_sheet_id == NULL)
        {
          self->sheet_name = attribute (xml, "name");
          /* Every message names the sheet; a nameless one is the first. */
          if (self->sheet_name == NULL)
            self->sheet_name = g_strdup (_("Sheet1"));
          *out_sheet_id = attribute (xml, "id");
        }
    }
  xmlFreeTextReader (xml);

  if (rc != 0 || *out_sheet_id == NULL)
    {
      g_free (*out_sheet_id);
      *out_sheet_id = NULL;
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: the workbook has no sheet; expected a sheet with a header row and data rows"),
                   self->file_name);
      return FALSE;
    }
  return TRUE;
}

/* A relationship's target as a path in the zip. */
static char *
part_path (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

/* workbook.xml.rels: where the sheet @sheet_id, the shared strings and
 * the styles are. */
static gboolean
read_relationships (DtXlsxReader  *self,
                    const char    *sheet_id,
                    char         **out_sheet,
                    char         **out_strings,
                    char         **out_styles,
                    GError       **error)
{
  g_autoptr(GsfInput) input = open_part (self, "xl/_rels/workbook.xml.rels");
  xmlTextReaderPtr xml;

  if (input == NULL || (xml = xml_for_part (input, "workbook.xml.rels")) == NULL)
    return set_part_error (self, "xl/_rels/workbook.xml.rels", error);

  while (xmlTextReaderRead (xml) == 1)
    {
      g_autofree char *id = NULL;
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;

      if (!is_element (xml, "Relationship"))
        continue;
      id = attribute (xml, "Id");
      type = attribute (xml, "Type");
      target = attribute (xml, "Target");
      if (target == NULL)
        continue;
      if (g_strcmp0 (id, sheet_id) == 0)
        *out_sheet = part_path (target);
      else if (type != NULL && g_str_has_suffix (type, "/sharedStrings") && *out_strings == NULL)
        *out_strings = part_path (target);
      else if (type != NULL && g_str_has_suffix (type, "/styles") && *out_styles == NULL)
        *out_styles = part_path (target);
    }
  xmlFreeTextReader (xml);

  if (*out_sheet == NULL)
    return set_part_error (self, "xl/worksheets/sheet1.xml", error);
  return TRUE;
}

/* The text of an <si> or <is>: its <t> runs, without the phonetic
 * guides (<rPh>) Japanese files carry. Leaves @xml on the end of @element. */
static char *
read_rich_text (xmlTextReaderPtr  xml,
                const char       *element)
{
  GString *text = g_string_new (NULL);
  gboolean in_t = FALSE, in_phonetic = FALSE;

  if (xmlTextReaderIsEmptyElement (xml))
    return g_string_free (text, FALSE);

  while (xmlTextReaderRead (xml) == 1 && !is_end (xml, element))
    {
      int type = xmlTextReaderNodeType (xml);

      if (is_element (xml, "rPh"))
        in_phonetic = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "rPh"))
        in_phonetic = FALSE;
      else if (is_element (xml, "t"))
        in_t = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_WHITESPACE))
        g_string_append (text, (const char *)xmlTextReaderConstValue (xml));
    }
  return g_string_free (text, FALSE);
}

static gboolean
read_shared_strings (DtXlsxReader  *self,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GsfInput) input = open_part (self, path);
  xmlTextReaderPtr xml;
  gsize bytes = 0;
  int rc;

  /* A workbook with numbers only has no shared strings. */
  if (input == NULL)
    return TRUE;
  if ((xml = xml_for_part (input, path)) == NULL)
    return set_part_error (self, path, error);

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (is_element (xml, "si"))
      {
        char *text = read_rich_text (xml, "si");

        /* The sheet is read as a stream, but its strings are kept: a
         * small zip can unpack to gigabytes of them. */
        bytes += strlen (text) + 1;
        g_ptr_array_add (self->strings, text);
        if (bytes > DT_IMPORT_MAX_BYTES)
          {
            xmlFreeTextReader (xml);
            g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                         _("%s: the workbook’s text is larger than %d MB; expected a smaller workbook, or its sheet saved as CSV"),
                         self->file_name, DT_IMPORT_MAX_BYTES / (1024 * 1024));
            return FALSE;
          }
      }
  xmlFreeTextReader (xml);

  if (rc != 0)
    return set_part_error (self, path, error);
  return TRUE;
}

/* Excel's built-in number formats that show dates. */
static gboolean
builtin_format_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* A custom format shows a date when it has d or y outside quotes and
 * brackets ([Red], [$-804]). */
static gboolean
format_code_is_date (const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  for (const char *p = code; p != NULL && *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '[')
        bracket = TRUE;
      else if (!quoted && *p == ']')
        bracket = FALSE;
      else if (!quoted && !bracket && strchr ("dDyY", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_styles (DtXlsxReader  *self,
             const char    *path,
             GError       **error)
{
  g_autoptr(GsfInput) input = open_part (self, path);
  g_autoptr(GHashTable) date_formats = g_hash_table_new (NULL, NULL);
  gboolean in_cell_xfs = FALSE;
  xmlTextReaderPtr xml;

  if (input == NULL)
    return TRUE;
  if ((xml = xml_for_part (input, path)) == NULL)
    return set_part_error (self, path, error);

  while (xmlTextReaderRead (xml) == 1)
    {
      if (is_element (xml, "numFmt"))
        {
          g_autofree char *id = attribute (xml, "numFmtId");
          g_autofree char *code = attribute (xml, "formatCode");

          if (id != NULL && format_code_is_date (code))
            g_hash_table_add (date_formats, GUINT_TO_POINTER (atoi (id)));
        }
      else if (is_element (xml, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (xml, "xf"))
        {
          g_autofree char *id_text = attribute (xml, "numFmtId");
          guint id = id_text != NULL ? (guint)atoi (id_text) : 0;
          gboolean date = builtin_format_is_date (id) ||
                          g_hash_table_contains (date_formats, GUINT_TO_POINTER (id));

          g_array_append_val (self->date_styles, date);
        }
    }
  xmlFreeTextReader (xml);
  return TRUE;
}

static gboolean
checksum_file (GFile   *file,
               char   **out_checksum,
               GError **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  guint8 buffer[65536];
  gssize n;

  if (stream == NULL)
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return FALSE;
  *out_checksum = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static DtXlsxReader *
reader_new (GsfInput    *input,
            const char  *file_name,
            char        *checksum,
            GError     **error)
{
  g_autoptr(DtXlsxReader) self = g_new0 (DtXlsxReader, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sheet_id = NULL;
  g_autofree char *sheet_path = NULL;
  g_autofree char *strings_path = NULL;
  g_autofree char *styles_path = NULL;

  self->file_name = g_strdup (file_name);
  self->checksum = checksum;
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->cells = g_ptr_array_new_with_free_func (g_free);
  self->numbers = g_array_new (FALSE, TRUE, sizeof (gboolean));

  if (input != NULL)
    self->zip = gsf_infile_zip_new (input, &local_error);
  if (self->zip == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: the file is not an Excel workbook (.xlsx) (%s); expected a workbook as Excel, WPS or LibreOffice save it, or a CSV file"),
                   self->file_name, local_error != NULL ? local_error->message : _("not a zip file"));
      return NULL;
    }

  if (!read_workbook (self, &sheet_id, error) ||
      !read_relationships (self, sheet_id, &sheet_path, &strings_path, &styles_path, error) ||
      !read_shared_strings (self, strings_path != NULL ? strings_path : "xl/sharedStrings.xml", error) ||
      !read_styles (self, styles_path != NULL ? styles_path : "xl/styles.xml", error))
    return NULL;

  self->sheet = open_part (self, sheet_path);
  if (self->sheet == NULL || (self->xml = xml_for_part (self->sheet, sheet_path)) == NULL)
    {
      set_part_error (self, sheet_path, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

DtXlsxReader *
dt_xlsx_reader_new_for_file (GFile       *file,
                             const char  *file_name,
                             GError     **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autofree char *name = NULL;
  char *checksum = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (file_name == NULL)
    file_name = name = g_file_get_parse_name (file);
  if (!checksum_file (file, &checksum, error))
    {
      g_prefix_error (error, "%s: ", file_name);
      return NULL;
    }
  input = gsf_input_gio_new (file, NULL);
  return reader_new (input, file_name, checksum, error);
}

DtXlsxReader *
dt_xlsx_reader_new (GBytes      *bytes,
                    const char  *file_name,
                    GError     **error)
{
  g_autoptr(GsfInput) input = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  DtXlsxReader *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  input = gsf_input_memory_new (data, size, FALSE);
  self = reader_new (input, file_name != NULL ? file_name : "-",
                     g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes), error);
  /* The zip reads from @bytes as long as the reader lives. */
  if (self != NULL)
    self->bytes = g_bytes_ref (bytes);
  return self;
}

/* 0-based column of a reference such as "E5", or -1. */
static int
column_of (const char *reference)
{
  int column = 0;
  const char *p = reference;

  if (reference == NULL)
    return -1;
  for (; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      /* Past Excel's last column (XFD): stop before the int overflows. */
      if (column > MAX_COLUMNS)
        return -1;
    }
  return column > 0 ? column - 1 : -1;
}

/* An Excel date serial as YYYY-MM-DD. Excel counts 1900 as a leap year
 * (as Lotus 1-2-3 did), so serials from 61 on are a day ahead. */
static char *
date_text (DtXlsxReader *self,
           double        serial)
{
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) date = NULL;
  int days;

  /* 2958465 is 9999-12-31, Excel's last day; beyond, a cast to int is
   * undefined. */
  if (!(serial >= 0 && serial < 2958466))
    return NULL;
  days = (int)floor (serial);

  if (self->date1904)
    base = g_date_time_new_utc (1904, 1, 1, 0, 0, 0);
  else
    base = g_date_time_new_utc (1899, 12, days >= 61 ? 30 : 31, 0, 0, 0);
  date = g_date_time_add_days (base, days);
  if (date == NULL)
    return NULL;
  return g_date_time_format (date, "%Y-%m-%d");
}

static void
set_cell (DtXlsxReader *self,
          guint         column,
          char         *text,
          gboolean      number)
{
  while (self->cells->len <= column)
    {
      gboolean no = FALSE;

      g_ptr_array_add (self->cells, g_strdup (""));
      g_array_append_val (self->numbers, no);
    }
  g_free (g_ptr_array_index (self->cells, column));
  g_ptr_array_index (self->cells, column) = text;
  g_array_index (self->numbers, gboolean, column) = number;
}

/* The cell the reader is on (<c>): its value, by its type. */
static gboolean
read_cell (DtXlsxReader  *self,
           guint          column,
           GError       **error)
{
  xmlTextReaderPtr xml = self->xml;
  g_autofree char *type = attribute (xml, "t");
  g_autofree char *style_text = attribute (xml, "s");
  g_autofree char *value = NULL;
  g_autofree char *inline_text = NULL;
  guint style = style_text != NULL ? (guint)atoi (style_text) : 0;
  gboolean in_v = FALSE;
  GString *v = NULL;

  if (xmlTextReaderIsEmptyElement (xml))
    return TRUE;

  v = g_string_new (NULL);
  while (xmlTextReaderRead (xml) == 1 && !is_end (xml, "c"))
    {
      int node = xmlTextReaderNodeType (xml);

      if (is_element (xml, "v"))
        in_v = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "v"))
        in_v = FALSE;
      else if (is_element (xml, "is"))
        {
          g_free (inline_text);
          inline_text = read_rich_text (xml, "is");
        }
      else if (in_v && (node == XML_READER_TYPE_TEXT || node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
        g_string_append (v, (const char *)xmlTextReaderConstValue (xml));
    }
  value = g_string_free (v, FALSE);

  if (g_strcmp0 (type, "inlineStr") == 0)
    set_cell (self, column, g_steal_pointer (&inline_text) ?: g_strdup (""), FALSE);
  else if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &index, NULL) || index >= self->strings->len)
        {
          g_autofree char *cell = dt_xlsx_cell_name (self->row, column);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%s!%s: the cell refers to shared string %s, which the workbook does not have; expected a workbook as Excel, WPS or LibreOffice save it"),
                       self->file_name, self->sheet_name, cell, value);
          return FALSE;
        }
      set_cell (self, column, g_strdup (g_ptr_array_index (self->strings, index)), FALSE);
    }
  else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0)
    set_cell (self, column, g_steal_pointer (&value), FALSE);
  else if (g_strcmp0 (type, "b") == 0)
    set_cell (self, column, g_strdup (g_strcmp0 (value, "1") == 0 || g_strcmp0 (value, "true") == 0 ? "1" : "0"), FALSE);
  else if (g_strcmp0 (type, "d") == 0)
    set_cell (self, column, g_strndup (value, 10), FALSE);
  else if (value[0] != '\0')
    {
      char *end = NULL;
      double number = g_ascii_strtod (value, &end);
      gboolean date = style < self->date_styles->len && g_array_index (self->date_styles, gboolean, style);
      char *text = NULL;

      if (date && end != value && isfinite (number))
        text = date_text (self, number);
      if (text != NULL)
        set_cell (self, column, text, FALSE);
      /* Excel writes large and small numbers with an exponent; the rest
       * of the app reads plain decimals. */
      else if (strpbrk (value, "eE") != NULL && end != value && isfinite (number))
        set_cell (self, column, dt_csv_format_double (number), TRUE);
      else
        set_cell (self, column, g_steal_pointer (&value), TRUE);
    }
  return TRUE;
}

GPtrArray *
dt_xlsx_reader_next_row (DtXlsxReader  *self,
                         GError       **error)
{
  gboolean in_row = FALSE;
  int next_column = 0;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->done)
    return NULL;

  g_ptr_array_set_size (self->cells, 0);
  g_array_set_size (self->numbers, 0);

  while ((rc = xmlTextReaderRead (self->xml)) == 1)
    {
      if (is_element (self->xml, "row"))
        {
          g_autofree char *r = attribute (self->xml, "r");
          guint64 number = 0;

          self->row = r != NULL && g_ascii_string_to_unsigned (r, 10, 1, G_MAXUINT, &number, NULL)
                      ? (guint)number : self->row + 1;
          next_column = 0;
          in_row = !xmlTextReaderIsEmptyElement (self->xml);
        }
      else if (in_row && is_element (self->xml, "c"))
        {
          g_autofree char *reference = attribute (self->xml, "r");
          int column = reference != NULL ? column_of (reference) : next_column;

          if (column < 0 || column >= MAX_COLUMNS)
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                           _("%s:%s: row %u has a cell “%s” outside the sheet; expected a workbook as Excel, WPS or LibreOffice save it"),
                           self->file_name, self->sheet_name, self->row, reference);
              self->done = TRUE;
              return NULL;
            }
          if (!read_cell (self, column, error))
            {
              self->done = TRUE;
              return NULL;
            }
          next_column = column + 1;
        }
      else if (in_row && is_end (self->xml, "row"))
        {
          in_row = FALSE;
          if (self->cells->len > 0)
            return self->cells;
        }
      else if (is_end (self->xml, "sheetData"))
        break;
    }

  self->done = TRUE;
  if (rc < 0)
    g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                 _("%s:%s: the sheet’s XML is broken after row %u; expected a workbook as Excel, WPS or LibreOffice save it"),
                 self->file_name, self->sheet_name, self->row);
  return NULL;
}

gboolean
dt_xlsx_reader_cell_is_number (DtXlsxReader *self,
                               guint         index)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return index < self->numbers->len && g_array_index (self->numbers, gboolean, index);
}

guint
dt_xlsx_reader_get_row (DtXlsxReader *self)
{
  return self->row;
}

const char *
dt_xlsx_reader_get_sheet_name (DtXlsxReader *self)
{
  return self->sheet_name;
}

double
dt_xlsx_reader_get_fraction (DtXlsxReader *self)
{
  gsf_off_t size = gsf_input_size (self->sheet);

  return size > 0 ? 1.0 - (double)gsf_input_remaining (self->sheet) / size : 1.0;
}

const char *
dt_xlsx_reader_get_checksum (DtXlsxReader *self)
{
  return self->checksum;
}
