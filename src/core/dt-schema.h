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

G_END_DECLS
