/* dt-store-lock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's own locks are POSIX record locks, and any close() of any
 * descriptor on the database file drops all of them for the whole process
 * (sqlite.org/howtocorrupt.html 2.2). The window cannot promise that
 * nothing in it ever opens that file (the GTK file chooser sniffs the files
 * of a folder), so the window and the command line also agree through
 * flock() on a sidecar file, "DB.lock": a flock belongs to the open file
 * description, which no stray close() in the process can drop. The window
 * holds it exclusively for its lifetime, headless runs hold it shared; a
 * headless run that cannot have it hands its command to the window.
 */

#define G_LOG_DOMAIN "dt-store-lock"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-store-lock.h"

struct _DtStoreLock
{
  int fd;    /* -1: nothing held (the folder is read-only) */
};

char *
dt_store_canonical_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real;

  g_return_val_if_fail (path != NULL, NULL);

  if ((real = realpath (absolute, NULL)) != NULL)
    {
      char *result = g_strdup (real);
      free (real);
      return result;
    }

  /* Not there yet: the folder may still be spelt through a link. */
  dir = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  if ((real = realpath (dir, NULL)) != NULL)
    {
      char *result = g_build_filename (real, base, NULL);
      free (real);
      return result;
    }

  return g_steal_pointer (&absolute);
}

char *
dt_store_lock_path (const char *database)
{
  g_return_val_if_fail (database != NULL, NULL);

  return g_strconcat (database, ".lock", NULL);
}

static int
open_lock_file (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  /* The window creates the database's folder on first start; the lock
   * must come first. */
  if (g_mkdir_with_parents (dir, 0700) == 0)
    {
      fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd >= 0)
        return fd;
    }

  /* flock() works on a descriptor opened for reading, too. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd >= 0)
    return fd;

  if (errno == ENOENT || errno == EACCES || errno == EROFS || errno == EPERM)
    return -1;

  {
    int saved_errno = errno;
    g_set_error (error, DT_ERROR, DT_ERROR_READ_ONLY,
                 _("%s: cannot open the lock file: %s"), path, g_strerror (saved_errno));
  }
  return -2;
}

DtStoreLock *
dt_store_lock_acquire (const char       *database,
                       DtStoreLockMode   mode,
                       guint             wait_ms,
                       GError          **error)
{
  g_autofree char *path = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64)wait_ms * 1000;
  int operation = mode == DT_STORE_LOCK_EXCLUSIVE ? LOCK_EX : LOCK_SH;
  DtStoreLock *lock;
  int fd;

  g_return_val_if_fail (database != NULL, NULL);

  path = dt_store_lock_path (database);
  fd = open_lock_file (path, error);
  if (fd == -2)
    return NULL;

  lock = g_new0 (DtStoreLock, 1);
  lock->fd = fd;
  if (fd == -1)
    return lock;

  while (flock (fd, operation | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;
      if (saved_errno != EWOULDBLOCK)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                       _("%s: cannot lock the database: %s"), database, g_strerror (saved_errno));
          dt_store_lock_release (lock);
          return NULL;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          if (mode == DT_STORE_LOCK_EXCLUSIVE)
            g_set_error (error, DT_ERROR, DT_ERROR_BUSY,
                         _("%s: a Digital Trade command (--import, --export, --sync …) is using this database. Wait until it has finished, then open Digital Trade again"),
                         database);
          else
            g_set_error (error, DT_ERROR, DT_ERROR_BUSY,
                         _("%s: the Digital Trade window has this database open"),
                         database);
          dt_store_lock_release (lock);
          return NULL;
        }
      g_usleep (50 * 1000);
    }

  return lock;
}

void
dt_store_lock_release (DtStoreLock *lock)
{
  if (lock == NULL)
    return;

  /* Closing the descriptor drops the flock. The file stays: removing it
   * would let two processes lock two different files of one name. */
  if (lock->fd >= 0)
    close (lock->fd);
  g_free (lock);
}
