/* dt-atomic-file.h — write a file completely or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DtAtomicFile DtAtomicFile;

/* Opens a temporary file next to @path; @path itself is only replaced by
 * dt_atomic_file_commit(). Errors are DT_ERROR with a message naming @path. */
DtAtomicFile  *dt_atomic_file_new        (const char     *path,
                                          GError        **error);
/* Where to write; owned by @self. */
GOutputStream *dt_atomic_file_get_stream (DtAtomicFile   *self);
const char    *dt_atomic_file_get_path   (DtAtomicFile   *self);
/* Flushes, syncs and closes the temporary file, then renames it over
 * @path. On failure the temporary file is removed and @path is as before. */
gboolean       dt_atomic_file_commit     (DtAtomicFile   *self,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* Gives up: removes the temporary file, leaves @path as it was, and turns
 * a write error in *@error (from the stream) into a DT_ERROR that names
 * @path and says the earlier file was kept. @error may be NULL. */
void           dt_atomic_file_abort      (DtAtomicFile   *self,
                                          GError        **error);
/* The whole of @data to @path, or nothing: a drop-in for
 * g_file_replace_contents(), which leaves a partial new file behind when
 * the disk fills up. */
gboolean       dt_atomic_file_set_contents (const char   *path,
                                            const void   *data,
                                            gsize         size,
                                            GError      **error);
/* Aborts unless committed. */
void           dt_atomic_file_free       (DtAtomicFile   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtAtomicFile, dt_atomic_file_free)

G_END_DECLS
