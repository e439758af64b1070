/* dt-schema.h — the database schema as a list of forward migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema version this build writes: PRAGMA user_version after all migrations. */
guint        dt_schema_latest_version (void);

/* The SQL that takes a database from version @version - 1 to @version (1-based). */
const char  *dt_schema_migration_sql  (guint version);

/* A large import of enterprises drops the per-row triggers named here and
 * the secondary indexes of enterprises and listings, inserts, then runs
 * dt_schema_enterprise_bulk_fill_sql() (?1 = the dataset's id, ?2 = the
 * last enterprise id written while the triggers were still in place) to
 * compute what those triggers would have, and recreates the indexes and
 * triggers from the SQL it read from sqlite_schema before dropping them. */
const char * const *dt_schema_enterprise_bulk_triggers (void);
const char * const *dt_schema_enterprise_bulk_fill_sql (void);

G_END_DECLS
