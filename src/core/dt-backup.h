/* dt-backup.h — snapshots of the database, taken before every import, sync
 * and restore, and restoring them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dt-store.h"

G_BEGIN_DECLS

/* How many snapshots are kept, and their total size (the newest is kept
 * even when it alone is larger). DT_BACKUP_MAX_BYTES in the environment
 * overrides the size (tests). */
#define DT_BACKUP_KEEP       10
#define DT_BACKUP_MAX_BYTES  (G_GUINT64_CONSTANT (1) << 30)

#define DT_TYPE_BACKUP (dt_backup_get_type ())

G_DECLARE_FINAL_TYPE (DtBackup, dt_backup, DT, BACKUP, GObject)

const char *dt_backup_get_path         (DtBackup    *self);
/* "import", "sync" or "restore". */
const char *dt_backup_get_reason       (DtBackup    *self);
/* What was about to happen, as a sentence fragment for people. */
const char *dt_backup_get_reason_label (DtBackup    *self);
/* When it was taken, in local time. */
GDateTime  *dt_backup_get_time         (DtBackup    *self);
guint64     dt_backup_get_size         (DtBackup    *self);

/* <database folder>/backups */
char       *dt_backup_folder           (const char  *database);
/* The snapshots of @database, newest first (DtBackup). */
GPtrArray  *dt_backup_list             (const char  *database);

/* Snapshots @store before a change of kind @reason. Does nothing (and
 * returns TRUE, *out_backup NULL) inside a transaction: the snapshot taken
 * when it began covers it. On failure the caller must not go on. */
gboolean    dt_backup_create           (DtStore     *store,
                                        const char  *reason,
                                        DtBackup   **out_backup,
                                        GError     **error);
/* Refuses anything but an intact Digital Trade database this version can
 * read. */
gboolean    dt_backup_check            (const char  *path,
                                        GError     **error);
/* @which is a number from dt_backup_list() (1 = newest) or a file name. */
char       *dt_backup_find             (const char  *database,
                                        const char  *which,
                                        GError     **error);
/* Replaces the content of @store with @source, through SQLite so that
 * other connections see it safely; snapshots @store first. */
gboolean    dt_backup_restore          (DtStore     *store,
                                        const char  *source,
                                        GError     **error);

/* For a damaged database: moves it aside (NAME.damaged-YYYYmmdd-HHMMSS),
 * then opens a new one at @database filled from @source, or from the
 * newest good snapshot when @source is NULL. */
DtStore    *dt_backup_recover          (const char  *database,
                                        const char  *source,
                                        char       **out_moved_to,
                                        GError     **error);
/* For a damaged database: moves it aside and opens a new one with the
 * sample data. */
DtStore    *dt_backup_start_fresh      (const char  *database,
                                        char       **out_moved_to,
                                        GError     **error);

G_END_DECLS
