/* dt-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-backup"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dt-backup.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-schema.h"

/* A snapshot is named STEM-YYYYmmdd-HHMMSS-REASON[-N].db, STEM being the
 * database's name without ".db", so that two databases in one folder keep
 * their snapshots apart. N counts snapshots taken within one second. */
#define STAMP_FORMAT "%Y%m%d-%H%M%S"
#define STAMP_LENGTH 15

struct _DtBackup
{
  GObject    parent_instance;

  char      *path;
  char      *reason;
  char      *stamp;      /* YYYYmmdd-HHMMSS, for ordering */
  guint      sequence;
  GDateTime *time;
  guint64    size;
};

G_DEFINE_FINAL_TYPE (DtBackup, dt_backup, G_TYPE_OBJECT)

static void
dt_backup_finalize (GObject *object)
{
  DtBackup *self = (DtBackup *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->stamp, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (dt_backup_parent_class)->finalize (object);
}

static void
dt_backup_class_init (DtBackupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_backup_finalize;
}

static void
dt_backup_init (DtBackup *self)
{
}

const char *
dt_backup_get_path (DtBackup *self)
{
  g_return_val_if_fail (DT_IS_BACKUP (self), NULL);

  return self->path;
}

const char *
dt_backup_get_reason (DtBackup *self)
{
  g_return_val_if_fail (DT_IS_BACKUP (self), NULL);

  return self->reason;
}

const char *
dt_backup_get_reason_label (DtBackup *self)
{
  g_return_val_if_fail (DT_IS_BACKUP (self), NULL);

  if (g_str_equal (self->reason, "import"))
    return _("Before an import");
  if (g_str_equal (self->reason, "sync"))
    return _("Before an update");
  if (g_str_equal (self->reason, "restore"))
    return _("Before a restore");
  return self->reason;
}

GDateTime *
dt_backup_get_time (DtBackup *self)
{
  g_return_val_if_fail (DT_IS_BACKUP (self), NULL);

  return self->time;
}

guint64
dt_backup_get_size (DtBackup *self)
{
  g_return_val_if_fail (DT_IS_BACKUP (self), 0);

  return self->size;
}

static guint64
max_bytes (void)
{
  const char *text = g_getenv ("DT_BACKUP_MAX_BYTES");
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT64, &value, NULL))
    return DT_BACKUP_MAX_BYTES;
  return value;
}

char *
dt_backup_folder (const char *database)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (database != NULL, NULL);

  dir = g_path_get_dirname (database);
  return g_build_filename (dir, "backups", NULL);
}

static char *
database_stem (const char *database)
{
  g_autofree char *base = g_path_get_basename (database);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/* The snapshot @name in @folder, or NULL when @name is not one of @stem's. */
static DtBackup *
parse_name (const char *folder,
            const char *stem,
            const char *name)
{
  g_autoptr(DtBackup) self = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *path = NULL;
  const char *p;
  const char *reason;
  GStatBuf st;
  int y, mo, d, h, mi, s;
  char *dash;

  if (!g_str_has_prefix (name, stem) || name[strlen (stem)] != '-' || !g_str_has_suffix (name, ".db"))
    return NULL;
  p = name + strlen (stem) + 1;
  if (strlen (p) < STAMP_LENGTH + 5 || p[8] != '-' || p[STAMP_LENGTH] != '-' ||
      sscanf (p, "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;

  rest = g_strndup (p + STAMP_LENGTH + 1, strlen (p) - STAMP_LENGTH - 1 - 3);
  self = g_object_new (DT_TYPE_BACKUP, NULL);
  self->sequence = 1;
  dash = strchr (rest, '-');
  if (dash != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (dash + 1, 10, 2, 9999, &n, NULL))
        return NULL;
      self->sequence = (guint)n;
      *dash = '\0';
    }
  reason = rest;
  if (reason[0] == '\0')
    return NULL;
  for (const char *c = reason; *c; c++)
    if (!g_ascii_islower (*c))
      return NULL;

  path = g_build_filename (folder, name, NULL);
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;

  zone = g_time_zone_new_local ();
  self->time = g_date_time_new (zone, y, mo, d, h, mi, s);
  if (self->time == NULL)
    return NULL;
  self->path = g_steal_pointer (&path);
  self->reason = g_strdup (reason);
  self->stamp = g_strndup (p, STAMP_LENGTH);
  self->size = st.st_size;
  return g_steal_pointer (&self);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  DtBackup *x = *(DtBackup **)a;
  DtBackup *y = *(DtBackup **)b;
  int by_stamp = strcmp (y->stamp, x->stamp);

  if (by_stamp != 0)
    return by_stamp;
  return (y->sequence > x->sequence) - (y->sequence < x->sequence);
}

GPtrArray *
dt_backup_list (const char *database)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (database != NULL, NULL);

  folder = dt_backup_folder (database);
  stem = database_stem (database);
  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&backups);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      DtBackup *backup = parse_name (folder, stem, name);

      if (backup != NULL)
        g_ptr_array_add (backups, backup);
    }

  g_ptr_array_sort (backups, newest_first);
  return g_steal_pointer (&backups);
}

/* Keeps the newest DT_BACKUP_KEEP within the size cap, and removes what
 * a snapshot interrupted by a crash left behind an hour ago or more. */
static void
prune (const char *database)
{
  g_autoptr(GPtrArray) backups = dt_backup_list (database);
  g_autofree char *folder = dt_backup_folder (database);
  g_autofree char *stem = database_stem (database);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint64 total = 0;
  guint64 cap = max_bytes ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, stem) && g_str_has_suffix (name, ".part"))
      {
        g_autofree char *part = g_build_filename (folder, name, NULL);
        GStatBuf st;

        /* A recent one may be another process's snapshot in progress. */
        if (g_stat (part, &st) == 0 && st.st_mtime < g_get_real_time () / G_USEC_PER_SEC - 3600)
          g_unlink (part);
      }

  for (guint i = 0; i < backups->len; i++)
    {
      DtBackup *backup = g_ptr_array_index (backups, i);

      total += backup->size;
      if (i >= DT_BACKUP_KEEP || (i > 0 && total > cap))
        {
          if (g_unlink (backup->path) != 0)
            g_warning ("Cannot remove the old backup %s: %s", backup->path, g_strerror (errno));
          total -= backup->size;
        }
    }
}

static gboolean
set_file_error (GError     **error,
                const char  *path,
                const char  *what,
                int          saved_errno)
{
  g_set_error (error, DT_ERROR, saved_errno == ENOSPC ? DT_ERROR_DISK_FULL : DT_ERROR_READ_ONLY,
               "%s: %s: %s", path, what, g_strerror (saved_errno));
  return FALSE;
}

/* VACUUM INTO writes a compact, consistent copy while other connections
 * keep reading; it goes to a ".part" name first so that a crash never
 * leaves a half snapshot under a real name. */
static DtBackup *
snapshot (DtStore     *store,
          const char  *reason,
          GError     **error)
{
  const char *database = dt_store_get_path (store);
  sqlite3 *db = dt_store_get_db (store);
  g_autofree char *folder = dt_backup_folder (database);
  g_autofree char *stem = database_stem (database);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, STAMP_FORMAT);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autoptr(DtBackup) backup = NULL;
  char *sql;
  int rc;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_file_error (error, folder, _("cannot create the backup folder"), errno);
      g_prefix_error (error, _("No backup could be made, so nothing was changed: "));
      return NULL;
    }

  /* Snapshots within one second are ordered by their number, whatever
   * their reason. */
  {
    g_autoptr(GPtrArray) existing = dt_backup_list (database);
    guint n = 1;

    for (guint i = 0; i < existing->len; i++)
      {
        DtBackup *other = g_ptr_array_index (existing, i);

        if (g_str_equal (other->stamp, stamp))
          n = MAX (n, other->sequence + 1);
      }
    name = n == 1 ? g_strdup_printf ("%s-%s-%s.db", stem, stamp, reason)
                  : g_strdup_printf ("%s-%s-%s-%u.db", stem, stamp, reason, n);
    path = g_build_filename (folder, name, NULL);
  }

  /* A unique, empty file (VACUUM INTO accepts those): two processes
   * snapshotting at once never write into each other's. */
  part = g_strconcat (path, ".XXXXXX.part", NULL);
  fd = g_mkstemp (part);
  if (fd < 0)
    {
      set_file_error (error, folder, _("cannot create the backup"), errno);
      g_prefix_error (error, _("No backup could be made, so nothing was changed: "));
      return NULL;
    }
  g_close (fd, NULL);
  sql = sqlite3_mprintf ("VACUUM INTO %Q", part);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    {
      dt_store_set_sqlite_error (error, db, part);
      g_prefix_error (error, _("No backup could be made, so nothing was changed: "));
      g_unlink (part);
      return NULL;
    }

  if (g_rename (part, path) != 0)
    {
      set_file_error (error, path, _("cannot name the backup"), errno);
      g_prefix_error (error, _("No backup could be made, so nothing was changed: "));
      g_unlink (part);
      return NULL;
    }

  backup = parse_name (folder, stem, name);
  g_assert (backup != NULL);
  return g_steal_pointer (&backup);
}

gboolean
dt_backup_create (DtStore     *store,
                  const char  *reason,
                  DtBackup   **out_backup,
                  GError     **error)
{
  g_autoptr(DtBackup) backup = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (out_backup != NULL)
    *out_backup = NULL;

  /* Inside a transaction the snapshot would hold half a change; the one
   * taken before the transaction began already covers it. */
  if (!sqlite3_get_autocommit (dt_store_get_db (store)))
    return TRUE;

  backup = snapshot (store, reason, error);
  if (backup == NULL)
    return FALSE;

  prune (dt_store_get_path (store));
  if (out_backup != NULL)
    *out_backup = g_steal_pointer (&backup);
  return TRUE;
}

static sqlite3 *
open_read_only (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      dt_store_set_sqlite_error (error, db, path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  return db;
}

gboolean
dt_backup_check (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int version = -1;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: no such file; expected a backup of a Digital Trade database"), path);
      return FALSE;
    }

  db = open_read_only (path, error);
  if (db == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (first, "ok") != 0)
        problem = g_strdup (first);
    }
  else
    problem = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  if (problem == NULL)
    {
      if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        version = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      stmt = NULL;

      /* Every Digital Trade database has this table from version 1 on. */
      if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM datasets", -1, &stmt, NULL) != SQLITE_OK)
        version = 0;
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  if (problem != NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE,
                   _("%s: not an intact SQLite database (%s); expected a Digital Trade backup. Nothing was changed"),
                   path, problem);
      return FALSE;
    }
  if (version <= 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE,
                   _("%s: an SQLite file but not a Digital Trade database; nothing was changed"), path);
      return FALSE;
    }
  if ((guint)version > dt_schema_latest_version ())
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NEWER_SCHEMA,
                   _("%s: written by a newer version of Digital Trade (schema %d, this version knows up to %u); nothing was changed"),
                   path, version, dt_schema_latest_version ());
      return FALSE;
    }
  return TRUE;
}

char *
dt_backup_find (const char  *database,
                const char  *which,
                GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  guint64 n;

  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (which != NULL, NULL);

  if (!g_ascii_string_to_unsigned (which, 10, 0, G_MAXUINT, &n, NULL))
    return g_canonicalize_filename (which, NULL);

  backups = dt_backup_list (database);
  if (n < 1 || n > backups->len)
    {
      if (backups->len == 0)
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("--restore=%s: %s has no backups yet"), which, database);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("--restore=%s: expected a backup number from 1 to %u (see --backups) or a file name"),
                     which, backups->len);
      return NULL;
    }
  return g_strdup (dt_backup_get_path (g_ptr_array_index (backups, n - 1)));
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The backup API writes @source into the live connection as one
 * transaction: other connections see the old content or the new. */
static gboolean
copy_into (DtStore     *store,
           const char  *source,
           GError     **error)
{
  sqlite3 *dest = dt_store_get_db (store);
  sqlite3 *src;
  sqlite3_backup *backup;
  int rc;

  src = open_read_only (source, error);
  if (src == NULL)
    return FALSE;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      dt_store_set_sqlite_error (error, dest, dt_store_get_path (store));
      sqlite3_close (src);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  sqlite3_close (src);

  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dest, dt_store_get_path (store));
      g_prefix_error (error, _("Restoring %s failed: "), source);
      return FALSE;
    }

  /* An older snapshot is brought up to this version's schema. */
  return dt_store_reload_schema (store, error);
}

gboolean
dt_backup_restore (DtStore     *store,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(DtBackup) before = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (same_file (source, dt_store_get_path (store)))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: this is the database itself; expected a backup of it"), source);
      return FALSE;
    }
  if (!dt_backup_check (source, error))
    return FALSE;

  /* Not pruned yet: rotating now could remove the very snapshot being
   * restored (the oldest of ten). */
  before = snapshot (store, "restore", error);
  if (before == NULL)
    return FALSE;

  if (!copy_into (store, source, error))
    return FALSE;

  prune (dt_store_get_path (store));
  return TRUE;
}

/* @path with @suffix, and its -wal and -shm, renamed to PATH.damaged-STAMP:
 * a damaged file is evidence and may hold what a backup lacks. */
static char *
move_aside (const char  *database,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, STAMP_FORMAT);
  g_autofree char *moved = NULL;
  static const char * const companions[] = { "-wal", "-shm" };

  for (guint n = 1; moved == NULL || g_file_test (moved, G_FILE_TEST_EXISTS); n++)
    {
      g_free (moved);
      moved = n == 1 ? g_strdup_printf ("%s.damaged-%s", database, stamp)
                     : g_strdup_printf ("%s.damaged-%s-%u", database, stamp, n);
    }

  if (g_rename (database, moved) != 0)
    {
      set_file_error (error, database, _("cannot move the damaged database aside"), errno);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (database, companions[i], NULL);
      g_autofree char *to = g_strconcat (moved, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Cannot move %s aside: %s", from, g_strerror (errno));
    }

  return g_steal_pointer (&moved);
}

/* Undoes move_aside() after a failed recovery. */
static void
move_back (const char *database,
           const char *moved)
{
  static const char * const companions[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (moved, companions[i], NULL);
      g_autofree char *to = g_strconcat (database, companions[i], NULL);

      g_unlink (to);
      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Cannot move %s back: %s", from, g_strerror (errno));
    }
}

DtStore *
dt_backup_recover (const char  *database,
                   const char  *source,
                   char       **out_moved_to,
                   GError     **error)
{
  g_autoptr(DtStore) store = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *moved = NULL;

  g_return_val_if_fail (database != NULL, NULL);

  if (source != NULL)
    {
      if (!dt_backup_check (source, error))
        return NULL;
      chosen = g_strdup (source);
    }
  else
    {
      g_autoptr(GPtrArray) backups = dt_backup_list (database);

      for (guint i = 0; i < backups->len && chosen == NULL; i++)
        {
          DtBackup *backup = g_ptr_array_index (backups, i);

          if (dt_backup_check (backup->path, NULL))
            chosen = g_strdup (backup->path);
        }
      if (chosen == NULL)
        {
          g_autofree char *folder = dt_backup_folder (database);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s: no intact backup in %s; nothing was changed"), database, folder);
          return NULL;
        }
    }

  moved = move_aside (database, error);
  if (moved == NULL)
    return NULL;

  store = dt_store_open (database, error);
  if (store == NULL || !copy_into (store, chosen, error))
    {
      g_clear_object (&store);
      move_back (database, moved);
      return NULL;
    }

  if (out_moved_to != NULL)
    *out_moved_to = g_steal_pointer (&moved);
  return g_steal_pointer (&store);
}

DtStore *
dt_backup_start_fresh (const char  *database,
                       char       **out_moved_to,
                       GError     **error)
{
  g_autoptr(DtStore) store = NULL;
  g_autofree char *moved = NULL;

  g_return_val_if_fail (database != NULL, NULL);

  moved = move_aside (database, error);
  if (moved == NULL)
    return NULL;

  store = dt_sample_data_open (database, error);
  if (store == NULL)
    {
      move_back (database, moved);
      return NULL;
    }

  if (out_moved_to != NULL)
    *out_moved_to = g_steal_pointer (&moved);
  return g_steal_pointer (&store);
}
