/* dt-store.h — the SQLite database that holds every dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define DT_TYPE_STORE (dt_store_get_type ())

G_DECLARE_FINAL_TYPE (DtStore, dt_store, DT, STORE, GObject)

char      *dt_store_default_path     (void);

/* Opens (creating when absent) and migrates the database at @path. A file
 * that is not SQLite, is corrupt, comes from a newer version or cannot be
 * written is refused and left exactly as it was. */
DtStore   *dt_store_open             (const char  *path,
                                      GError     **error);

/* A read-only connection to an existing database, for work on another
 * thread than the one that opened the store (each thread its own). */
DtStore   *dt_store_open_read_only   (const char  *path,
                                      GError     **error);

sqlite3   *dt_store_get_db           (DtStore     *self);
const char *dt_store_get_path        (DtStore     *self);
guint      dt_store_get_schema_version (DtStore   *self);

gboolean   dt_store_exec             (DtStore     *self,
                                      const char  *sql,
                                      GError     **error);
sqlite3_stmt *dt_store_prepare       (DtStore     *self,
                                      const char  *sql,
                                      GError     **error);
gboolean   dt_store_begin            (DtStore     *self,
                                      GError     **error);
/* Like dt_store_begin(), but fails at once with DT_ERROR_BUSY when another
 * connection holds the write lock, for callers that retry later rather
 * than block the window. */
gboolean   dt_store_try_begin        (DtStore     *self,
                                      GError     **error);
gboolean   dt_store_commit           (DtStore     *self,
                                      GError     **error);
void       dt_store_rollback         (DtStore     *self);

/* Re-reads the schema version after a restore replaced the content, and
 * upgrades an older one. */
gboolean   dt_store_reload_schema    (DtStore     *self,
                                      GError     **error);

gboolean   dt_store_is_empty         (DtStore     *self);
gboolean   dt_store_has_sample_data  (DtStore     *self);
/* The kinds (enterprises, framework, index, measures, regions) of which
 * some dataset is sample data; empty when none is. */
char     **dt_store_sample_kinds     (DtStore     *self);

/* A GError for the last SQLite failure on @db, in the app's error domain. */
void       dt_store_set_sqlite_error (GError     **error,
                                      sqlite3     *db,
                                      const char  *what);

/* SQLite's PRAGMA data_version: it changes when another connection (in
 * this process or another) commits; -1 on error. */
gint64     dt_store_get_data_version (DtStore     *self);
/* Emits "changed" (with no kind: anything may have changed) when another
 * connection committed since the last check; TRUE if it did. Cheap enough
 * for a timer. */
gboolean   dt_store_check_for_changes (DtStore    *self);

/* A number that grows whenever the content may have changed: a write on
 * this connection, a commit by another one seen by
 * dt_store_check_for_changes(), or dt_store_emit_changed(). Views compare
 * it to skip work when nothing changed. */
guint64    dt_store_get_generation   (DtStore     *self);

/* A write of this program on another connection of this database (the
 * data service's write queue) was committed: counts it in the generation
 * and takes the new data_version as seen, so that
 * dt_store_check_for_changes() does not announce it as another program's.
 * The callers already tell their views. */
void       dt_store_note_own_write   (DtStore     *self);

/* Tell views that a dataset of @kind ("enterprises", …; NULL: any) changed. */
void       dt_store_emit_changed     (DtStore     *self,
                                      const char  *kind);

G_END_DECLS
