/* dt-xlsx-writer.h — an Excel workbook of one table, with an "About" sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How a column's cells look in Excel; the cell values stay exact. */
typedef enum
{
  DT_XLSX_COLUMN_TEXT,
  DT_XLSX_COLUMN_INT,      /* 0: years, ranks and numbers need no separators */
  DT_XLSX_COLUMN_VOLUME,   /* #,##0.0: 万元 volumes */
  DT_XLSX_COLUMN_DECIMAL,  /* #,##0.0##: scores, values, weights */
  DT_XLSX_COLUMN_DATE,     /* yyyy-mm-dd; text cells of the form YYYY-MM-DD become dates */
} DtXlsxColumn;

/* Excel's last row (1 048 576), the header included. */
#define DT_XLSX_MAX_ROWS 1048576

#define DT_TYPE_XLSX_WRITER (dt_xlsx_writer_get_type ())

G_DECLARE_FINAL_TYPE (DtXlsxWriter, dt_xlsx_writer, DT, XLSX_WRITER, GObject)

/* A workbook with a data sheet named @sheet_name (in the user's language)
 * and an "About" sheet; its first row is the header. Built in a temporary
 * file until dt_xlsx_writer_write_to(). */
DtXlsxWriter *dt_xlsx_writer_new             (const char     *sheet_name,
                                              GError        **error);
/* The look of column @index (0-based); text unless set. */
void          dt_xlsx_writer_set_column      (DtXlsxWriter   *self,
                                              guint           index,
                                              DtXlsxColumn    type);
void          dt_xlsx_writer_add_text        (DtXlsxWriter   *self,
                                              const char     *text);
void          dt_xlsx_writer_add_int         (DtXlsxWriter   *self,
                                              gint64          value);
void          dt_xlsx_writer_add_double      (DtXlsxWriter   *self,
                                              double          value);
void          dt_xlsx_writer_add_empty       (DtXlsxWriter   *self);
/* Ends the row; FALSE past Excel's last row. */
gboolean      dt_xlsx_writer_end_row         (DtXlsxWriter   *self,
                                              GError        **error);
/* A line of the About sheet: a bold label, then its value. A NULL
 * @label starts a new paragraph (a blank line, then @value in bold). */
void          dt_xlsx_writer_add_about       (DtXlsxWriter   *self,
                                              const char     *label,
                                              const char     *value);
/* Finishes the workbook (frozen bold header, autofilter, column widths
 * that fit the content) and writes it to @stream. The writer is done. */
gboolean      dt_xlsx_writer_write_to        (DtXlsxWriter   *self,
                                              GOutputStream  *stream,
                                              GCancellable   *cancellable,
                                              GError        **error);
guint         dt_xlsx_writer_get_n_rows      (DtXlsxWriter   *self);

/* Columns a cell of @text takes: CJK and other wide characters count two. */
guint         dt_xlsx_text_width             (const char     *text);

G_END_DECLS
