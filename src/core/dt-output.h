/* dt-output.h — where an export is written: a file replaced whole, or a pipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DtOutput DtOutput;

/* Opens @file for an export. A regular file (or a new one) is written
 * through g_file_replace(), so it only changes once dt_output_close()
 * succeeds; anything else that already exists (a pipe, a FIFO,
 * /dev/stdout, /dev/null) is written to directly, as it comes. Errors are
 * DT_ERROR with a message naming the file. */
DtOutput      *dt_output_open         (GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* The same for a command-line argument; "-" is standard output. */
DtOutput      *dt_output_open_arg     (const char     *arg,
                                       GCancellable   *cancellable,
                                       GError        **error);
GOutputStream *dt_output_get_stream   (DtOutput       *self);
/* Flushes and closes; a regular file is renamed into place only now. */
gboolean       dt_output_close        (DtOutput       *self,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* Gives up after a failed write: the earlier file is kept, no partial file
 * is left, and a write error in *@error (from the stream) becomes a
 * DT_ERROR that names the file and says so. @error may be NULL. */
void           dt_output_abandon      (DtOutput       *self,
                                       GError        **error);
/* Abandons unless closed. */
void           dt_output_free         (DtOutput       *self);

/* The whole of @data to @arg (as dt_output_open_arg() takes it), or
 * nothing: g_file_set_contents_full() for files, a plain write for pipes. */
gboolean       dt_output_set_contents (const char     *arg,
                                       const void     *data,
                                       gsize           size,
                                       GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtOutput, dt_output_free)

G_END_DECLS
