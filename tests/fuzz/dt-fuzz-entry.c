/* dt-fuzz-entry.c — what each fuzz target does with one input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beyond "does not crash", every entry checks the promises the code makes
 * about bad input: a failure comes with a DT_ERROR message in UTF-8, and a
 * failed import leaves the database exactly as it was.
 */

#define G_LOG_DOMAIN "dt-fuzz"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dt-csv-import.h"
#include "dt-csv-reader.h"
#include "dt-data-pack.h"
#include "dt-dataset-import.h"
#include "dt-error.h"
#include "dt-index-engine.h"
#include "dt-index-framework.h"
#include "dt-sample-data.h"
#include "dt-store.h"

#include "dt-fuzz-entry.h"

static char *tmp_dir;
static DtStore *empty_store;    /* schema only */
static DtStore *sample_store;   /* with the sample data packs */

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

void
dt_fuzz_cleanup (void)
{
  g_autofree char *empty_path = NULL;
  g_autofree char *sample_path = NULL;

  if (tmp_dir == NULL)
    return;

  empty_path = g_build_filename (tmp_dir, "empty.db", NULL);
  sample_path = g_build_filename (tmp_dir, "samples.db", NULL);
  g_clear_object (&empty_store);
  g_clear_object (&sample_store);
  remove_database (empty_path);
  remove_database (sample_path);
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static DtStore *
open_store (const char *name,
            gboolean    with_samples)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DtStore *store;

  if (tmp_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("dt-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (dt_fuzz_cleanup);
    }

  path = g_build_filename (tmp_dir, name, NULL);
  remove_database (path);
  store = with_samples ? dt_sample_data_open (path, &error)
                       : dt_store_open (path, &error);
  g_assert_no_error (error);
  /* Inputs are small; syncing to disk would only slow the fuzzer. */
  g_assert_true (dt_store_exec (store, "PRAGMA synchronous = OFF", NULL));
  return store;
}

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == DT_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  if (!g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (error->message, NULL);
      g_printerr ("error message is not UTF-8: %s\n", escaped);
      g_assert_not_reached ();
    }
}

/* A summary of everything an import may touch: equal summaries mean
 * nothing was written. */
static char *
fingerprint (DtStore *store)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM datasets) || ':' ||"
    " ifnull((SELECT group_concat(key || '=' || checksum || '@' || imported_at, ',') FROM datasets), '') || ':' ||"
    " (SELECT count(*) FROM regions) || ':' ||"
    " (SELECT count(*) FROM index_nodes) || ':' ||"
    " (SELECT count(*) FROM index_values) || ':' ||"
    " (SELECT count(*) FROM enterprises) || ':' ||"
    " (SELECT count(*) FROM listings) || ':' ||"
    " (SELECT count(*) FROM measures) || ':' ||"
    " (SELECT count(*) FROM measure_tracking)";
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, NULL);
  char *text;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

void
dt_fuzz_csv_reader (const guint8 *data,
                    gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(DtCsvReader) reader = dt_csv_reader_new (bytes, "fuzz.csv", &error);
  GPtrArray *row;
  guint last_line = 0;

  if (reader == NULL)
    {
      check_error (error);
      return;
    }

  g_assert_true (strchr (",;\t", dt_csv_reader_get_separator (reader)) != NULL);
  g_assert_nonnull (dt_csv_reader_get_encoding (reader));

  while ((row = dt_csv_reader_next_row (reader, &error)) != NULL)
    {
      double fraction = dt_csv_reader_get_fraction (reader);

      g_assert_cmpuint (row->len, >, 0);
      g_assert_cmpuint (dt_csv_reader_get_line (reader), >, last_line);
      last_line = dt_csv_reader_get_line (reader);
      g_assert_cmpfloat (fraction, >=, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      /* Whatever the file's encoding, cells come out as UTF-8 text. */
      for (guint i = 0; i < row->len; i++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (row, i), -1, NULL));
    }

  if (error != NULL)
    check_error (error);
}

void
dt_fuzz_data_pack (const guint8 *data,
                   gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  if (empty_store == NULL)
    empty_store = open_store ("empty.db", FALSE);
  db = dt_store_get_db (empty_store);

  before = fingerprint (empty_store);

  /* The import holds its own transaction here, as on the command line. */
  if (!dt_data_pack_import_bytes (empty_store, bytes, "fuzz.json", NULL, &kind, &error))
    {
      check_error (error);
      g_assert_true (sqlite3_get_autocommit (db));
      after = fingerprint (empty_store);
      g_assert_cmpstr (before, ==, after);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (dt_dataset_kind_is_valid (kind));
  g_assert_true (sqlite3_get_autocommit (db));

  /* Removing the dataset removes every row it brought, and officials'
   * tracking is never written by an import. */
  g_assert_true (dt_store_exec (empty_store, "DELETE FROM datasets", NULL));
  after = fingerprint (empty_store);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
looks_like_json (const guint8 *data,
                 gsize         size)
{
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '{';
}

/* The CSV import as the import dialog runs it: map the headers (guessing
 * the kind), preview the first rows, then import. */
static gboolean
import_csv (DtStore       *store,
            GBytes        *bytes,
            char         **out_kind,
            GError       **error)
{
  g_autoptr(DtCsvImport) import = dt_csv_import_new (bytes, "fuzz.csv", NULL, 0, error);
  g_autoptr(GPtrArray) preview = NULL;
  guint n_rows = 0;

  if (import == NULL)
    return FALSE;

  g_assert_true (dt_dataset_kind_is_valid (dt_csv_import_get_kind (import)));
  for (guint i = 0; i < dt_csv_import_get_n_columns (import); i++)
    {
      const char *header = dt_csv_import_get_header (import, i);
      const char *key = dt_csv_import_get_column_key (import, i);

      g_assert_nonnull (header);
      g_assert_true (g_utf8_validate (header, -1, NULL));
      g_assert_true (key == NULL || g_utf8_validate (key, -1, NULL));
    }
  preview = dt_csv_import_get_first_rows (import, 5);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->len, <=, 5);

  if (!dt_csv_import_run (import, store, "user", NULL, NULL, NULL, &n_rows, error))
    return FALSE;

  *out_kind = g_strdup (dt_csv_import_get_kind (import));
  return TRUE;
}

void
dt_fuzz_import (const guint8 *data,
                gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean ok;

  if (sample_store == NULL)
    sample_store = open_store ("samples.db", TRUE);

  before = fingerprint (sample_store);

  /* Inside an outer transaction the import runs on a savepoint, as when
   * the sample packs are loaded together; rolling the outer one back keeps
   * the sample data the same for every input. */
  g_assert_true (dt_store_begin (sample_store, NULL));
  if (looks_like_json (data, size))
    ok = dt_data_pack_import_bytes (sample_store, bytes, "fuzz.json", NULL, &kind, &error);
  else
    ok = import_csv (sample_store, bytes, &kind, &error);

  if (!ok)
    {
      check_error (error);
      g_assert_false (sqlite3_get_autocommit (dt_store_get_db (sample_store)));
      after = fingerprint (sample_store);
      g_assert_cmpstr (before, ==, after);
    }
  else
    {
      sqlite3_stmt *stmt = dt_store_prepare (sample_store, "PRAGMA foreign_key_check", NULL);

      g_assert_true (dt_dataset_kind_is_valid (kind));
      g_assert_nonnull (stmt);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }

  dt_store_rollback (sample_store);
  g_clear_pointer (&after, g_free);
  after = fingerprint (sample_store);
  g_assert_cmpstr (before, ==, after);
}

/* The tree the framework promises: codes found again, parents consistent,
 * indicators without children, aggregates after all their descendants. */
static void
check_framework (DtIndexFramework *framework)
{
  guint n = dt_index_framework_get_n_nodes (framework);
  guint n_order = 0;
  const guint *order = dt_index_framework_get_bottom_up (framework, &n_order);
  g_autofree int *position = g_new (int, MAX (n, 1));

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    position[i] = -1;
  for (guint k = 0; k < n_order; k++)
    {
      g_assert_cmpuint (order[k], <, n);
      g_assert_cmpint (position[order[k]], ==, -1);
      position[order[k]] = k;
    }

  for (guint i = 0; i < n; i++)
    {
      const DtIndexNode *node = dt_index_framework_get_node (framework, i);
      int parent = dt_index_framework_get_parent (framework, i);
      guint n_children = 0;
      const guint *children = dt_index_framework_get_children (framework, i, &n_children);

      g_assert_nonnull (node->code);
      g_assert_true (g_utf8_validate (node->code, -1, NULL));
      g_assert_cmpint (dt_index_framework_lookup (framework, node->code), ==, (int)i);
      g_assert_true (node->direction == 1 || node->direction == -1);
      g_assert_true (isfinite (node->weight) && node->weight >= 0);
      g_assert_cmpint (node->level, >=, 1);
      if (parent >= 0)
        g_assert_cmpstr (dt_index_framework_get_node (framework, parent)->code, ==, node->parent);
      else
        g_assert_null (node->parent);
      if (node->level == 1)
        g_assert_cmpuint (n_children, ==, 0);
      for (guint c = 0; c < n_children; c++)
        {
          g_assert_cmpint (dt_index_framework_get_parent (framework, children[c]), ==, (int)i);
          /* An aggregate is computed after each of its children that is one. */
          if (position[children[c]] >= 0)
            g_assert_cmpint (position[children[c]], <, position[i]);
        }
      if (n_children > 0)
        g_assert_cmpint (position[i], >=, 0);
    }
}

void
dt_fuzz_index_framework (const guint8 *data,
                         gsize         size)
{
  static const char marker[] = "\n====\n";
  const guint8 *split = NULL;
  g_autoptr(GBytes) framework_bytes = NULL;
  g_autoptr(GBytes) data_bytes = NULL;
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; size >= sizeof marker - 1 && i <= size - (sizeof marker - 1); i++)
    if (memcmp (data + i, marker, sizeof marker - 1) == 0)
      {
        split = data + i;
        break;
      }

  framework_bytes = g_bytes_new (data, split != NULL ? (gsize)(split - data) + 1 : size);
  framework = dt_index_framework_new_from_bytes (framework_bytes, "meta.csv", &error);
  if (framework == NULL)
    {
      check_error (error);
      return;
    }
  g_assert_no_error (error);
  check_framework (framework);

  if (split == NULL)
    return;

  data_bytes = g_bytes_new (split + sizeof marker - 1, size - (split - data) - (sizeof marker - 1));
  for (DtIndexNormalise normalise = DT_INDEX_NORMALISE_NONE; normalise <= DT_INDEX_NORMALISE_GOALPOSTS; normalise++)
    for (DtIndexAggregate aggregate = DT_INDEX_AGGREGATE_AMEAN; aggregate <= DT_INDEX_AGGREGATE_GMEAN; aggregate++)
      {
        g_autoptr(DtIndexTable) table = dt_index_table_new_from_bytes (framework, data_bytes, "data.csv", &error);
        g_autoptr(GOutputStream) stream = NULL;

        if (table == NULL)
          {
            check_error (error);
            return;
          }

        if (!dt_index_normalise (table, normalise,
                                 dt_index_table_get_n_rows (table) > 0 ? dt_index_table_get_year (table, 0) : 2020,
                                 &error) ||
            !dt_index_aggregate (table, aggregate, &error))
          {
            check_error (error);
            g_clear_error (&error);
            continue;
          }

        stream = g_memory_output_stream_new_resizable ();
        g_assert_true (dt_index_table_write_csv (table, stream, TRUE, &error));
        g_assert_no_error (error);
      }
}
