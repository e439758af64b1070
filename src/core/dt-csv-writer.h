/* dt-csv-writer.h — the one CSV writer behind every export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DtCsvWriter DtCsvWriter;

/* RFC 4180 with CRLF, UTF-8 with a BOM unless @with_bom is FALSE. Text
 * cells that a spreadsheet would run as a formula get an apostrophe first;
 * numbers are written as numbers. */
DtCsvWriter *dt_csv_writer_new        (GOutputStream  *stream,
                                       gboolean        with_bom);
void         dt_csv_writer_add_text   (DtCsvWriter    *writer,
                                       const char     *text);
void         dt_csv_writer_add_int    (DtCsvWriter    *writer,
                                       gint64          value);
void         dt_csv_writer_add_double (DtCsvWriter    *writer,
                                       double          value);
/* Like add_double, but always with 17 significant digits ("%.17g"). */
void         dt_csv_writer_add_double_full (DtCsvWriter *writer,
                                       double          value);
void         dt_csv_writer_add_empty  (DtCsvWriter    *writer);
gboolean     dt_csv_writer_end_row    (DtCsvWriter    *writer,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* Writes what is buffered; does not close the stream. */
gboolean     dt_csv_writer_flush      (DtCsvWriter    *writer,
                                       GCancellable   *cancellable,
                                       GError        **error);
void         dt_csv_writer_free       (DtCsvWriter    *writer);

/* The shortest decimal text that reads back as exactly @value. */
char        *dt_csv_format_double     (double          value);
/* TRUE when @text would be taken as a formula by a spreadsheet. */
gboolean     dt_csv_text_needs_guard  (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtCsvWriter, dt_csv_writer_free)

G_END_DECLS
