/* dt-csv-reader.h — reads CSV as spreadsheets on Chinese Windows write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DtCsvReader DtCsvReader;

/* Rows longer than this are refused: no table an official keeps has them,
 * and a file that is one huge line is not a table. */
#define DT_CSV_MAX_ROW_BYTES (1024 * 1024)

/* Reads @stream a chunk at a time, decoding it (BOM, then strict UTF-8,
 * then GB18030: the first line with non-ASCII text settles it), detects the
 * separator (comma, semicolon or tab) and reads RFC 4180 rows, line breaks
 * inside quoted cells included. Fails on NUL bytes and on files that mix
 * encodings, naming the line: problems in the first chunk here, later ones
 * from dt_csv_reader_next_row(). Memory does not grow with the stream.
 * @size (0: unknown) is for progress; past @max_bytes (0: no limit) the
 * stream is refused. */
DtCsvReader *dt_csv_reader_new_for_stream (GInputStream *stream,
                                           goffset       size,
                                           goffset       max_bytes,
                                           const char   *file_name,
                                           GError      **error);
DtCsvReader *dt_csv_reader_new            (GBytes       *bytes,
                                           const char   *file_name,
                                           GError      **error);
/* @file_name (NULL: the file's own) names it in messages. */
DtCsvReader *dt_csv_reader_new_for_file   (GFile        *file,
                                           const char   *file_name,
                                           goffset       max_bytes,
                                           GCancellable *cancellable,
                                           GError      **error);
DtCsvReader *dt_csv_reader_new_for_path   (const char   *path,
                                           GError      **error);
/* Opens @file for reading, refusing folders, devices, pipes and sockets,
 * and files over @max_bytes (0: no limit). @out_size: the size it says it has. */
GInputStream *dt_csv_open_file            (GFile        *file,
                                           goffset       max_bytes,
                                           goffset      *out_size,
                                           GCancellable *cancellable,
                                           GError      **error);
/* The next row's fields (owned by the reader until the next call), or
 * NULL at the end or on error (then @error is set). */
GPtrArray   *dt_csv_reader_next_row       (DtCsvReader  *reader,
                                           GError      **error);
/* 1-based line on which the last row returned starts. */
guint        dt_csv_reader_get_line       (DtCsvReader  *reader);
/* 1-based line on which field @index of the last row starts. */
guint        dt_csv_reader_get_field_line (DtCsvReader *reader,
                                           guint        index);
const char  *dt_csv_reader_get_file_name  (DtCsvReader  *reader);
const char  *dt_csv_reader_get_encoding   (DtCsvReader  *reader);
char         dt_csv_reader_get_separator  (DtCsvReader  *reader);
/* Fraction of the text read so far, for progress. */
double       dt_csv_reader_get_fraction   (DtCsvReader  *reader);
/* SHA-256 of the bytes read, once the end is reached (else NULL). */
const char  *dt_csv_reader_get_checksum   (DtCsvReader  *reader);
void         dt_csv_reader_free           (DtCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtCsvReader, dt_csv_reader_free)

G_END_DECLS
