/* dt-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each migration runs in its own transaction and is never edited once
 * released: a change to the schema is a new migration appended at the end.
 */

#define G_LOG_DOMAIN "dt-schema"

#include "config.h"

#include "dt-schema.h"

/* 1: where every row comes from, and the regions the data is about. */
static const char migration_datasets_and_regions[] =
  "CREATE TABLE datasets ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('regions','framework','index','enterprises','measures')),"
  "  title TEXT NOT NULL,"
  "  title_zh TEXT,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  provenance TEXT NOT NULL CHECK (provenance IN ('sample','official','user')),"
  "  imported_at TEXT NOT NULL,"
  "  checksum TEXT NOT NULL"
  ");"
  "CREATE TABLE regions ("
  "  code TEXT PRIMARY KEY,"
  "  name_zh TEXT NOT NULL,"
  "  name_en TEXT NOT NULL,"
  "  level TEXT NOT NULL CHECK (level IN ('province','city','county')),"
  "  parent TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX regions_parent ON regions(parent);"
  /* What sync last imported from each pack address, so that an unchanged
   * pack is not downloaded again (If-None-Match). */
  "CREATE TABLE sync_state ("
  "  url TEXT PRIMARY KEY,"
  "  etag TEXT,"
  "  sha256 TEXT NOT NULL,"
  "  fetched_at TEXT NOT NULL"
  ");";

/* 2: the openness-index framework tree and its values per region, year and node. */
static const char migration_index[] =
  "CREATE TABLE index_nodes ("
  "  code TEXT PRIMARY KEY,"
  "  name_zh TEXT NOT NULL,"
  "  name_en TEXT,"
  "  level INTEGER NOT NULL CHECK (level >= 1),"
  "  parent TEXT,"
  "  direction INTEGER NOT NULL DEFAULT 1 CHECK (direction IN (1,-1)),"
  "  weight REAL NOT NULL DEFAULT 1,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE TABLE index_values ("
  "  region TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  value REAL NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('published','computed','imputed')),"
  "  source TEXT NOT NULL DEFAULT '',"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (region, year, code, status)"
  ");"
  "CREATE INDEX index_values_code_year ON index_values(code, year);"
  "CREATE INDEX index_values_dataset ON index_values(dataset_id);";

/* 3: enterprises, and their place on each year's Top-100 list. */
static const char migration_enterprises[] =
  "CREATE TABLE enterprises ("
  "  id INTEGER PRIMARY KEY,"
  "  credit_code TEXT,"
  "  name_zh TEXT NOT NULL,"
  "  name_en TEXT,"
  "  founded INTEGER,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX enterprises_dataset ON enterprises(dataset_id);"
  "CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(credit_code, dataset_id);"
  "CREATE TABLE listings ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,"
  "  city TEXT NOT NULL,"
  "  district TEXT,"
  "  category TEXT,"
  "  sector TEXT,"
  "  trade_volume REAL,"
  "  in_ftz INTEGER NOT NULL DEFAULT 0 CHECK (in_ftz IN (0,1)),"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
  "  UNIQUE (year, rank)"
  ");"
  "CREATE INDEX listings_enterprise ON listings(enterprise_id, year);"
  "CREATE INDEX listings_dataset ON listings(dataset_id);"
  "CREATE INDEX listings_city ON listings(year, city);"
  "CREATE INDEX listings_category ON listings(year, category);"
  "CREATE INDEX listings_sector ON listings(year, sector);"
  "CREATE INDEX listings_volume ON listings(year, trade_volume);";

/* 4: the measures, and officials' tracking of them. Tracking has no foreign
 * key on purpose: replacing the measures' text must never remove it. */
static const char migration_measures[] =
  "CREATE TABLE measures ("
  "  no INTEGER PRIMARY KEY,"
  "  title_zh TEXT NOT NULL,"
  "  title_en TEXT,"
  "  category TEXT,"
  "  support TEXT,"
  "  department TEXT,"
  "  contact TEXT,"
  "  body_zh TEXT,"
  "  body_en TEXT,"
  "  source TEXT,"
  "  criteria TEXT,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE TABLE measure_tracking ("
  "  no INTEGER PRIMARY KEY,"
  "  status TEXT NOT NULL DEFAULT 'not-started'"
  "    CHECK (status IN ('not-started','in-progress','in-effect','suspended','expired')),"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  follow_up TEXT,"
  "  updated_at TEXT"
  ");";

static const char * const migrations[] = {
  migration_datasets_and_regions,
  migration_index,
  migration_enterprises,
  migration_measures,
};

guint
dt_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
dt_schema_migration_sql (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1];
}
