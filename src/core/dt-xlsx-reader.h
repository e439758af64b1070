/* dt-xlsx-reader.h — the rows of the first sheet of an Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DtXlsxReader DtXlsxReader;

/* TRUE when @file_name ends in .xlsx, or @head (the file's first bytes)
 * starts as a zip file does. */
gboolean      dt_xlsx_looks_like_xlsx        (const char    *file_name,
                                              const void    *head,
                                              gsize          size);

/* Opens the workbook @file (libgsf's zip reader) and its first sheet
 * (through workbook.xml and its relationships), with the shared strings
 * and the cell styles that say which numbers are dates. @file_name (NULL:
 * the file's own) names it in messages. */
DtXlsxReader *dt_xlsx_reader_new_for_file    (GFile         *file,
                                              const char    *file_name,
                                              GError       **error);
/* The same for a workbook in memory. */
DtXlsxReader *dt_xlsx_reader_new             (GBytes        *bytes,
                                              const char    *file_name,
                                              GError       **error);
/* The next row's cells as text (owned by the reader until the next call),
 * one per column up to the last non-empty cell, or NULL at the end or on
 * error. Shared and inline strings are their text, numbers the decimal
 * text Excel stored, dates (numbers in a date style) YYYY-MM-DD, booleans
 * 1 or 0. Rows with no cells are skipped. */
GPtrArray    *dt_xlsx_reader_next_row        (DtXlsxReader  *self,
                                              GError       **error);
/* Whether cell @index of the last row was stored as a number (not a
 * date): a text column holding one lost what it was (leading zeros, the
 * last digits of an 18-digit code). */
gboolean      dt_xlsx_reader_cell_is_number  (DtXlsxReader  *self,
                                              guint          index);
/* 1-based row on the sheet of the last row returned. */
guint         dt_xlsx_reader_get_row         (DtXlsxReader  *self);
const char   *dt_xlsx_reader_get_sheet_name  (DtXlsxReader  *self);
double        dt_xlsx_reader_get_fraction    (DtXlsxReader  *self);
/* SHA-256 of the file. */
const char   *dt_xlsx_reader_get_checksum    (DtXlsxReader  *self);
void          dt_xlsx_reader_free            (DtXlsxReader  *self);

/* "E5" for 0-based @column 4 of 1-based @row 5. */
char         *dt_xlsx_cell_name              (guint          row,
                                              guint          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtXlsxReader, dt_xlsx_reader_free)

G_END_DECLS
