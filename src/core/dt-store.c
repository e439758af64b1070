/* dt-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-schema.h"
#include "dt-store.h"

/* How long a write waits for another process that holds the lock;
 * DT_BUSY_TIMEOUT_MS overrides it (tests of the locked case). */
#define BUSY_TIMEOUT_MS 5000

static int
busy_timeout_ms (void)
{
  const char *text = g_getenv ("DT_BUSY_TIMEOUT_MS");
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 600000, &value, NULL))
    return BUSY_TIMEOUT_MS;
  return (int)value;
}

struct _DtStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  guint    schema_version;
  gint64   data_version;   /* at the last dt_store_check_for_changes() */
  guint64  signalled;      /* changes seen or announced, for the generation */
};

G_DEFINE_FINAL_TYPE (DtStore, dt_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dt_store_finalize (GObject *object)
{
  DtStore *self = (DtStore *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dt_store_parent_class)->finalize (object);
}

static void
dt_store_class_init (DtStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Statement journals in memory, never in temporary files: they hold the
   * few pages one statement changes, but a file costs a write per row
   * (most of a large import's time). Before SQLite's first use only, so
   * here, before any store opens. */
  sqlite3_config (SQLITE_CONFIG_STMTJRNL_SPILL, -1);

  object_class->finalize = dt_store_finalize;

  /**
   * DtStore::changed:
   * @kind: the kind of dataset that changed
   *
   * Emitted after an import or sync replaced a dataset, and when
   * dt_store_check_for_changes() finds another connection's commit
   * (@kind is then %NULL).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dt_store_init (DtStore *self)
{
}

char *
dt_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "digital-trade.db", NULL);
}

void
dt_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           const char  *what)
{
  int code = db != NULL ? sqlite3_extended_errcode (db) : SQLITE_ERROR;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code);
  DtError dt_code;

  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      dt_code = DT_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      dt_code = DT_ERROR_READ_ONLY;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      dt_code = DT_ERROR_BUSY;
      break;
    case SQLITE_FULL:
      dt_code = DT_ERROR_DISK_FULL;
      break;
    default:
      dt_code = DT_ERROR_FAILED;
      break;
    }

  /* SQLite's own words ("database is locked") do not say what to do; every
   * write is one transaction, so a failed one changed nothing. */
  switch (dt_code)
    {
    case DT_ERROR_BUSY:
      {
        int seconds = (busy_timeout_ms () + 999) / 1000;

        g_set_error (error, DT_ERROR, dt_code,
                     ngettext ("%s: the database is in use by another program and stayed locked for %d second (%s); nothing was changed. Close the other Digital Trade window or program and try again",
                               "%s: the database is in use by another program and stayed locked for %d seconds (%s); nothing was changed. Close the other Digital Trade window or program and try again",
                               seconds),
                     what, seconds, message);
      }
      break;
    case DT_ERROR_DISK_FULL:
      g_set_error (error, DT_ERROR, dt_code,
                   _("%s: the disk is full (%s); nothing was changed. Free some space and try again"),
                   what, message);
      break;
    case DT_ERROR_READ_ONLY:
      g_set_error (error, DT_ERROR, dt_code,
                   _("%s: the database cannot be written (%s); nothing was changed. Check that its folder is writable"),
                   what, message);
      break;
    default:
      g_set_error (error, DT_ERROR, dt_code, "%s: %s", what, message);
      break;
    }
}

gboolean
dt_store_exec (DtStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      dt_store_set_sqlite_error (error, self->db, self->path);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
dt_store_prepare (DtStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (DT_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dt_store_set_sqlite_error (error, self->db, self->path);
      return NULL;
    }

  return stmt;
}

gboolean
dt_store_begin (DtStore  *self,
                GError  **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database fails before
   * any work is done rather than at commit. */
  return dt_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
dt_store_try_begin (DtStore  *self,
                    GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  sqlite3_busy_timeout (self->db, 0);
  ok = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_BUSY)
        g_set_error (error, DT_ERROR, DT_ERROR_BUSY,
                     _("%s: another program is writing to the database; nothing was changed yet"),
                     self->path);
      else
        dt_store_set_sqlite_error (error, self->db, self->path);
    }
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  return ok;
}

gboolean
dt_store_commit (DtStore  *self,
                 GError  **error)
{
  if (!dt_store_exec (self, "COMMIT", error))
    {
      dt_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
dt_store_rollback (DtStore *self)
{
  g_return_if_fail (DT_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
migrate (DtStore  *self,
         GError  **error)
{
  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version = 0;
      guint v;

      if (!dt_store_begin (self, error))
        return FALSE;

      /* Read again under the write lock: another program opening the same
       * new database at the same moment may have upgraded it meanwhile. */
      if (!query_int (self->db, "PRAGMA user_version", &version))
        {
          dt_store_set_sqlite_error (error, self->db, self->path);
          dt_store_rollback (self);
          return FALSE;
        }
      if (version < 0 || (guint)version >= dt_schema_latest_version ())
        {
          dt_store_rollback (self);
          return TRUE;
        }

      v = (guint)version + 1;
      set_version = g_strdup_printf ("PRAGMA user_version = %u", v);
      if (!dt_store_exec (self, dt_schema_migration_sql (v), error) ||
          !dt_store_exec (self, set_version, error) ||
          !dt_store_commit (self, error))
        {
          dt_store_rollback (self);
          g_prefix_error (error, _("Upgrading the database to version %u failed: "), v);
          return FALSE;
        }
    }
}

DtStore *
dt_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(DtStore) self = NULL;
  g_autofree char *dir = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, DT_ERROR, DT_ERROR_READ_ONLY,
                   _("%s: cannot create the folder for the database: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (DT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      dt_store_set_sqlite_error (error, self->db, path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());

  /* Read the version before anything writes: a newer database must not be
   * changed at all, not even switched to WAL. This first read is also what
   * refuses a file that is not SQLite (SQLITE_NOTADB): the header is only
   * ever read by SQLite, because closing any other descriptor on the file
   * would drop the locks of every connection in this process
   * (sqlite.org/howtocorrupt.html 2.2). */
  if (!query_int (self->db, "PRAGMA user_version", &version) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_master", &(int){0}))
    {
      int code = sqlite3_errcode (self->db) & 0xff;

      /* A WAL database in a read-only folder cannot even be read (its
       * -shm file cannot be made): that is not damage. */
      if (code == SQLITE_BUSY || code == SQLITE_CANTOPEN ||
          code == SQLITE_READONLY || code == SQLITE_PERM)
        dt_store_set_sqlite_error (error, self->db, path);
      else if (code == SQLITE_NOTADB)
        g_set_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE,
                     _("%s: not a Digital Trade database (not an SQLite file); it was left untouched"),
                     path);
      else
        g_set_error (error, DT_ERROR, DT_ERROR_NOT_A_DATABASE,
                     _("%s: the database is damaged and cannot be opened (%s); it was left untouched"),
                     path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (version < 0 || (guint)version > dt_schema_latest_version ())
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NEWER_SCHEMA,
                   _("%s: this database was written by a newer version of Digital Trade (schema %d, this version knows up to %u); it was left untouched"),
                   path, version, dt_schema_latest_version ());
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1 || access (path, W_OK) != 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_READ_ONLY,
                   _("%s: the database cannot be written (check the file's permissions)"),
                   path);
      return NULL;
    }

  if (!dt_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !dt_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !dt_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* 32 MB instead of 2: importing a million rows into a dozen indexes
       * otherwise spends most of its time re-reading pages. */
      !dt_store_exec (self, "PRAGMA cache_size = -32768", error))
    {
      g_prefix_error (error, _("Cannot prepare the database: "));
      return NULL;
    }

  /* journal_mode=WAL quietly stays "delete" when the folder is read-only
   * and the -wal file cannot be made; a write lock tells the truth. */
  if (!dt_store_begin (self, error))
    return NULL;
  dt_store_rollback (self);

  if ((guint)version < dt_schema_latest_version () && !migrate (self, error))
    return NULL;
  self->schema_version = dt_schema_latest_version ();
  self->data_version = dt_store_get_data_version (self);

  return g_steal_pointer (&self);
}

sqlite3 *
dt_store_get_db (DtStore *self)
{
  g_return_val_if_fail (DT_IS_STORE (self), NULL);

  return self->db;
}

const char *
dt_store_get_path (DtStore *self)
{
  g_return_val_if_fail (DT_IS_STORE (self), NULL);

  return self->path;
}

guint
dt_store_get_schema_version (DtStore *self)
{
  g_return_val_if_fail (DT_IS_STORE (self), 0);

  return self->schema_version;
}

gboolean
dt_store_reload_schema (DtStore  *self,
                        GError  **error)
{
  int version = 0;

  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  if (!query_int (self->db, "PRAGMA user_version", &version))
    {
      dt_store_set_sqlite_error (error, self->db, self->path);
      return FALSE;
    }
  if ((guint)version < dt_schema_latest_version () && !migrate (self, error))
    return FALSE;
  self->schema_version = dt_schema_latest_version ();
  return TRUE;
}

gboolean
dt_store_is_empty (DtStore *self)
{
  int n = 0;

  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  return query_int (self->db, "SELECT count(*) FROM datasets", &n) && n == 0;
}

gboolean
dt_store_has_sample_data (DtStore *self)
{
  int n = 0;

  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  return query_int (self->db, "SELECT count(*) FROM datasets WHERE provenance = 'sample'", &n) && n > 0;
}

char **
dt_store_sample_kinds (DtStore *self)
{
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (DT_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT DISTINCT kind FROM datasets WHERE provenance = 'sample' ORDER BY kind",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_strv_builder_add (kinds, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (kinds);
}

gint64
dt_store_get_data_version (DtStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  g_return_val_if_fail (DT_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
dt_store_check_for_changes (DtStore *self)
{
  gint64 version;

  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  version = dt_store_get_data_version (self);
  if (version < 0 || version == self->data_version)
    return FALSE;

  self->data_version = version;
  self->signalled++;
  g_debug ("%s was changed by another connection", self->path);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  return TRUE;
}

guint64
dt_store_get_generation (DtStore *self)
{
  g_return_val_if_fail (DT_IS_STORE (self), 0);

  /* Both only grow, so their sum does. */
  return self->signalled + (guint64)sqlite3_total_changes64 (self->db);
}

void
dt_store_note_own_write (DtStore *self)
{
  gint64 version;

  g_return_if_fail (DT_IS_STORE (self));

  self->signalled++;
  version = dt_store_get_data_version (self);
  if (version >= 0)
    self->data_version = version;
}

void
dt_store_emit_changed (DtStore    *self,
                       const char *kind)
{
  g_return_if_fail (DT_IS_STORE (self));

  self->signalled++;
  g_signal_emit (self, signals[CHANGED], 0, kind);
}

DtStore *
dt_store_open_read_only (const char  *path,
                         GError     **error)
{
  g_autoptr(DtStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      dt_store_set_sqlite_error (error, self->db, path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  return g_steal_pointer (&self);
}
