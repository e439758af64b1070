/* dt-atomic-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports must never leave half a file behind (a full disk, a killed
 * process): officials would send it on without noticing. Everything goes
 * to a temporary file in the same folder, which is renamed over the target
 * only once it is complete and on disk.
 */

#define G_LOG_DOMAIN "dt-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dt-atomic-file.h"
#include "dt-error.h"

struct _DtAtomicFile
{
  char          *path;
  char          *tmp_path;
  GOutputStream *stream;
  int            fd;
  gboolean       done;
};

static DtError
code_for_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      return DT_ERROR_DISK_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
      return DT_ERROR_READ_ONLY;
    default:
      return DT_ERROR_FAILED;
    }
}

static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *dir = g_path_get_dirname (path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot write “%s”: the folder “%s” does not exist"), path, dir);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, DT_ERROR, DT_ERROR_READ_ONLY,
                   _("Cannot write “%s”: the folder “%s” cannot be written (%s); choose another folder"),
                   path, dir, g_strerror (saved_errno));
      break;
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, DT_ERROR, DT_ERROR_DISK_FULL,
                   _("Cannot write “%s”: the disk is full; nothing was written, and an earlier file of that name was kept"),
                   path);
      break;
    default:
      g_set_error (error, DT_ERROR, code_for_errno (saved_errno),
                   _("Cannot write “%s”: %s; nothing was written, and an earlier file of that name was kept"),
                   path, g_strerror (saved_errno));
      break;
    }
}

DtAtomicFile *
dt_atomic_file_new (const char  *path,
                    GError     **error)
{
  DtAtomicFile *self;
  char *tmp_path;
  struct stat st;
  mode_t mask;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot write “%s”: it is a folder; choose a file name"), path);
      return NULL;
    }

  /* A dot file beside the target: same file system, so the rename is atomic. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);

    tmp_path = g_build_filename (dir, tmp_name, NULL);
  }

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, path, saved_errno);
      g_free (tmp_path);
      return NULL;
    }

  /* mkstemp makes 0600; an export is an ordinary file: 0666 less umask. */
  mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);

  self = g_new0 (DtAtomicFile, 1);
  self->path = g_strdup (path);
  self->tmp_path = tmp_path;
  self->fd = fd;
  self->stream = g_unix_output_stream_new (fd, FALSE);
  return self;
}

GOutputStream *
dt_atomic_file_get_stream (DtAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

const char *
dt_atomic_file_get_path (DtAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

static void
discard (DtAtomicFile *self)
{
  if (self->done)
    return;

  g_output_stream_close (self->stream, NULL, NULL);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  g_unlink (self->tmp_path);
  self->done = TRUE;
}

gboolean
dt_atomic_file_commit (DtAtomicFile  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  int fd;

  g_return_val_if_fail (self != NULL && !self->done, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !g_output_stream_flush (self->stream, cancellable, error))
    {
      dt_atomic_file_abort (self, error);
      return FALSE;
    }

  /* The data must be on disk before the name points at it, else a crash
   * right after the rename could leave an empty file. */
  if (fsync (self->fd) != 0)
    {
      int saved_errno = errno;

      discard (self);
      set_errno_error (error, self->path, saved_errno);
      return FALSE;
    }

  g_output_stream_close (self->stream, NULL, NULL);
  fd = self->fd;
  self->fd = -1;
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      discard (self);
      set_errno_error (error, self->path, saved_errno);
      return FALSE;
    }

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved_errno = errno;

      discard (self);
      set_errno_error (error, self->path, saved_errno);
      return FALSE;
    }

  self->done = TRUE;
  return TRUE;
}

void
dt_atomic_file_abort (DtAtomicFile  *self,
                      GError       **error)
{
  g_return_if_fail (self != NULL);

  discard (self);

  if (error != NULL && *error != NULL && (*error)->domain == G_IO_ERROR)
    {
      int saved_errno;

      switch ((*error)->code)
        {
        case G_IO_ERROR_NO_SPACE:
          saved_errno = ENOSPC;
          break;
        case G_IO_ERROR_PERMISSION_DENIED:
          saved_errno = EACCES;
          break;
        case G_IO_ERROR_READ_ONLY:
          saved_errno = EROFS;
          break;
        case G_IO_ERROR_CANCELLED:
          return;
        default:
          saved_errno = EIO;
          break;
        }
      g_clear_error (error);
      set_errno_error (error, self->path, saved_errno);
    }
}

gboolean
dt_atomic_file_set_contents (const char  *path,
                             const void  *data,
                             gsize        size,
                             GError     **error)
{
  DtAtomicFile *self = dt_atomic_file_new (path, error);
  gboolean ok;

  if (self == NULL)
    return FALSE;

  if (!g_output_stream_write_all (self->stream, data, size, NULL, NULL, error))
    {
      dt_atomic_file_abort (self, error);
      dt_atomic_file_free (self);
      return FALSE;
    }

  ok = dt_atomic_file_commit (self, NULL, error);
  dt_atomic_file_free (self);
  return ok;
}

void
dt_atomic_file_free (DtAtomicFile *self)
{
  if (self == NULL)
    return;

  discard (self);
  g_clear_object (&self->stream);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}
