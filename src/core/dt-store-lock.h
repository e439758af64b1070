/* dt-store-lock.h — who may open a database: the window alone, or any
 * number of command-line runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DtStoreLock DtStoreLock;

typedef enum
{
  DT_STORE_LOCK_SHARED,     /* a headless run (--import, --export, --sync, …) */
  DT_STORE_LOCK_EXCLUSIVE,  /* the window, for as long as it lives */
} DtStoreLockMode;

/* The absolute path of @path with symbolic links resolved (as far as the
 * file or its folder exists): one database, one spelling. */
char        *dt_store_canonical_path (const char       *path);
/* "@database.lock": the sidecar file that carries the lock. */
char        *dt_store_lock_path      (const char       *database);

/* Takes the lock on @database in @mode, waiting up to @wait_ms for the
 * other mode to let go. Fails with DT_ERROR_BUSY when it does not. When
 * the lock file cannot be made (a read-only folder) it returns a lock that
 * holds nothing: dt_store_open() refuses such a database anyway. */
DtStoreLock *dt_store_lock_acquire   (const char       *database,
                                      DtStoreLockMode   mode,
                                      guint             wait_ms,
                                      GError          **error);
void         dt_store_lock_release   (DtStoreLock      *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtStoreLock, dt_store_lock_release)

G_END_DECLS
