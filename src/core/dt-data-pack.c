/* dt-data-pack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-data-pack"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dt-columns.h"
#include "dt-csv-writer.h"
#include "dt-table-writer.h"
#include "dt-data-pack.h"
#include "dt-table-writer.h"
#include "dt-dataset-import.h"
#include "dt-error.h"
#include "dt-output.h"
#include "dt-util.h"

/* json-glib keeps no positions in its nodes; note the line of every member
 * while parsing so that errors can point into the file. */
typedef struct
{
  GHashTable *member_lines; /* JsonObject* → (member name → line) */
} PositionLog;

static void
on_object_member (JsonParser  *parser,
                  JsonObject  *object,
                  const char  *member,
                  PositionLog *log)
{
  GHashTable *lines = g_hash_table_lookup (log->member_lines, object);

  if (lines == NULL)
    {
      lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (log->member_lines, object, lines);
    }

  g_hash_table_insert (lines, g_strdup (member),
                       GUINT_TO_POINTER ((guint)json_parser_get_current_line (parser)));
}

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static char *
node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
          }
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "1" : "0");
        default:
          return g_strdup (json_node_get_string (node));
        }
    }

  /* Structured values (a measure's criteria) are stored as JSON text. */
  return json_to_string (node, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static guint
member_line (PositionLog *log,
             JsonObject  *object,
             const char  *name)
{
  GHashTable *lines = g_hash_table_lookup (log->member_lines, object);

  return lines != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (lines, name)) : 0;
}

gboolean
dt_data_pack_import_bytes (DtStore       *store,
                           GBytes        *bytes,
                           const char    *file_name,
                           GCancellable  *cancellable,
                           char         **out_kind,
                           GError       **error)
{
  return dt_data_pack_import_bytes_full (store, bytes, file_name, NULL, cancellable,
                                         NULL, NULL, out_kind, NULL, NULL, error);
}

static gboolean
import_bytes (DtStore               *store,
              GBytes                *bytes,
              const char            *file_name,
              const DtImportOptions *options,
              GCancellable          *cancellable,
              DtImportProgressFunc   progress,
              gpointer               progress_data,
              char                 **out_kind,
              guint                 *out_n_rows,
              DtImportPlan         **out_plan,
              gboolean               with_positions,
              GError               **error)
{
  static const DtImportOptions defaults = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DtDatasetImport) import = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  PositionLog log;
  JsonNode *root;
  JsonObject *pack, *dataset;
  JsonArray *rows;
  JsonNode *version_node;
  DtDatasetInfo info = { 0 };
  const char *kind;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *invalid = NULL;
  guint deep_line = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (file_name == NULL)
    file_name = "-";
  if (options == NULL)
    options = &defaults;

  log.member_lines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);
  if (with_positions)
    g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &log);

  if (size == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is empty; expected a Digital Trade data pack"), file_name);
      goto out;
    }
  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: the file holds a NUL byte; expected a JSON data pack (UTF-8 text)"),
                   file_name, line_of_offset (data, (const char *)memchr (data, '\0', size) - data));
      goto out;
    }
  if (!g_utf8_validate (data, size, &invalid))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: the file is not UTF-8 text; expected a JSON data pack"),
                   file_name, line_of_offset (data, invalid - data));
      goto out;
    }
  /* json-glib refuses a BOM; editors on Windows add one. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (!dt_json_depth_ok (data, size, DT_JSON_MAX_DEPTH, &deep_line))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: arrays and objects nest deeper than %d levels; expected a Digital Trade data pack"),
                   file_name, deep_line, DT_JSON_MAX_DEPTH);
      goto out;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; put our
       * file name in front as every other import error does. It cuts the
       * quoted token at a byte count, which can split a Chinese character:
       * the message must stay UTF-8 to be shown (found by fuzz-data-pack). */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      const char *message = valid;
      guint line = 1, column = 1;

      if (g_str_has_prefix (message, "<data>:") &&
          sscanf (message, "<data>:%u:%u:", &line, &column) == 2)
        {
          const char *rest = strchr (strchr (strchr (message, ':') + 1, ':') + 1, ':');

          message = rest != NULL ? rest + 1 : message;
          while (*message == ' ')
            message++;
        }
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:%u: not valid JSON (%s); expected a complete Digital Trade data pack"),
                   file_name, line, column, message);
      goto out;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: expected a JSON object with “format”, “version”, “kind” and “rows”"), file_name);
      goto out;
    }
  pack = json_node_get_object (root);

  if (g_strcmp0 (member_string (pack, "format"), DT_DATA_PACK_FORMAT) != 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: “format” must be “%s”"), file_name,
                   MAX (member_line (&log, pack, "format"), 1), DT_DATA_PACK_FORMAT);
      goto out;
    }

  version_node = json_object_get_member (pack, "version");
  if (version_node == NULL || !JSON_NODE_HOLDS_VALUE (version_node) ||
      json_node_get_value_type (version_node) != G_TYPE_INT64)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: “version” is missing or not a whole number"), file_name,
                   MAX (member_line (&log, pack, "version"), 1));
      goto out;
    }
  if (json_node_get_int (version_node) != DT_DATA_PACK_VERSION)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED,
                   _("%s:%u:1: data pack version %lld is not supported; this version of Digital Trade reads version %d"),
                   file_name, member_line (&log, pack, "version"),
                   (long long)json_node_get_int (version_node),
                   DT_DATA_PACK_VERSION);
      goto out;
    }

  kind = member_string (pack, "kind");
  if (!dt_dataset_kind_is_valid (kind))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED,
                   _("%s:%u:1: unknown kind “%s”; expected regions, framework, index, enterprises or measures"),
                   file_name, MAX (member_line (&log, pack, "kind"), 1), kind != NULL ? kind : "");
      goto out;
    }
  if (options->kind != NULL && !g_str_equal (options->kind, kind))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: the pack holds %s; expected %s as asked"),
                   file_name, MAX (member_line (&log, pack, "kind"), 1), kind, options->kind);
      goto out;
    }

  if (!json_object_has_member (pack, "rows") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (pack, "rows")))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:1: “rows” is missing or not an array"), file_name,
                   MAX (member_line (&log, pack, "rows"), 1));
      goto out;
    }
  rows = json_object_get_array_member (pack, "rows");

  dataset = json_object_has_member (pack, "dataset") &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (pack, "dataset"))
            ? json_object_get_object_member (pack, "dataset") : NULL;

  /* Of the file as it is, BOM included, so that sync can compare it with a manifest. */
  g_checksum_update (checksum, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  info.kind = kind;
  info.key = dataset != NULL && member_string (dataset, "key") != NULL ? member_string (dataset, "key") : kind;
  info.title = dataset != NULL ? member_string (dataset, "title") : NULL;
  info.title_zh = dataset != NULL ? member_string (dataset, "title_zh") : NULL;
  info.source = dataset != NULL ? member_string (dataset, "source") : NULL;
  info.source_zh = dataset != NULL ? member_string (dataset, "source_zh") : NULL;
  /* A pack is untrusted input: what it says of its own provenance does
   * not count. Only the caller knows where it came from (the configured
   * sync source, the built-in samples). */
  info.provenance = options->provenance != NULL ? options->provenance : "user";
  info.checksum = g_checksum_get_string (checksum);
  info.flags = options->flags;

  import = dt_dataset_import_begin (store, &info, error);
  if (import == NULL)
    {
      g_prefix_error (error, "%s: ", file_name);
      goto out;
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      GHashTable *lines;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;
      DtRowInput row = { file_name, 0, values, NULL, NULL };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s: row %u of “rows” is not an object"), file_name, i + 1);
          goto out;
        }

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        g_hash_table_insert (values, (char *)name, node_to_text (value));

      lines = g_hash_table_lookup (log.member_lines, json_node_get_object (node));
      row.lines = lines;
      if (lines != NULL)
        {
          GHashTableIter it;
          gpointer line;

          g_hash_table_iter_init (&it, lines);
          while (g_hash_table_iter_next (&it, NULL, &line))
            row.line = row.line == 0 ? GPOINTER_TO_UINT (line) : MIN (row.line, GPOINTER_TO_UINT (line));
        }

      if (!dt_dataset_import_add_row (import, &row, error))
        goto out;

      if (progress != NULL && i % 64 == 63)
        progress ((double)(i + 1) / json_array_get_length (rows), progress_data);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!dt_dataset_import_commit (import, error))
    goto out;

  if (progress != NULL)
    progress (1.0, progress_data);
  if (out_kind != NULL)
    *out_kind = g_strdup (kind);
  if (out_n_rows != NULL)
    *out_n_rows = json_array_get_length (rows);
  if (out_plan != NULL)
    *out_plan = dt_dataset_import_steal_plan (import);
  ok = TRUE;

out:
  g_hash_table_unref (log.member_lines);
  return ok;
}

/* Member positions cost a hash table per JSON object, a third of the
 * memory of a large pack. A large pack is read without them; only when it
 * is refused is it read again with them, to name the line (a refused
 * import changed nothing, so reading again is safe). */
#define POSITIONS_ALWAYS_BELOW (1024 * 1024)

gboolean
dt_data_pack_import_bytes_full (DtStore               *store,
                                GBytes                *bytes,
                                const char            *file_name,
                                const DtImportOptions *options,
                                GCancellable          *cancellable,
                                DtImportProgressFunc   progress,
                                gpointer               progress_data,
                                char                 **out_kind,
                                guint                 *out_n_rows,
                                DtImportPlan         **out_plan,
                                GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean with_positions = g_bytes_get_size (bytes) < POSITIONS_ALWAYS_BELOW;

  if (import_bytes (store, bytes, file_name, options, cancellable, progress, progress_data,
                    out_kind, out_n_rows, out_plan, with_positions, &local_error))
    return TRUE;
  if (with_positions || !g_error_matches (local_error, DT_ERROR, DT_ERROR_INVALID_INPUT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return import_bytes (store, bytes, file_name, options, cancellable, progress, progress_data,
                       out_kind, out_n_rows, out_plan, TRUE, error);
}

/* Export: the rows of one kind, in the order they were imported, with the
 * description of the dataset they belong to, so that importing the pack
 * again gives the same tables. */

/* The columns come from dt-columns.c (those import reads, in its order);
 * each SELECT below lists them in that order. */
static const char *
export_sql (const char *kind)
{
  if (g_strcmp0 (kind, "regions") == 0)
    return "SELECT code, name_zh, name_en, level, parent, gb_code FROM regions ORDER BY position, rowid";
  if (g_strcmp0 (kind, "framework") == 0)
    return "SELECT code, name_zh, name_en, level, parent, direction, weight FROM index_nodes ORDER BY position, rowid";
  if (g_strcmp0 (kind, "index") == 0)
    return "SELECT region, year, code, value, status, source, source_zh FROM index_values ORDER BY rowid";
  if (g_strcmp0 (kind, "enterprises") == 0)
    return "SELECT l.year, l.rank, e.name_zh, e.name_en, e.credit_code, l.city, l.district, l.category, "
           "l.sector, l.trade_volume, l.in_ftz, e.founded "
           "FROM listings l JOIN enterprises e ON e.id = l.enterprise_id ORDER BY l.id";
  if (g_strcmp0 (kind, "measures") == 0)
    return "SELECT no, title_zh, title_en, category, support, department, contact, body_zh, body_en, "
           "source, criteria FROM measures ORDER BY no";
  return NULL;
}

/* The rows of @kind, in the order they were imported, and the columns of
 * each (dt-columns.c's imported ones, in the order the SELECT has them). */
static sqlite3_stmt *
export_prepare (DtStore          *store,
                const char       *kind,
                GPtrArray       **out_columns,
                GError          **error)
{
  const char *sql = export_sql (kind);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  const DtColumn *all;
  sqlite3_stmt *stmt;
  guint n = 0;

  if (sql == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("unknown kind “%s”; expected enterprises, measures, index, framework or regions"),
                   kind != NULL ? kind : "");
      return NULL;
    }

  all = dt_columns_for_kind (kind, &n);
  for (guint i = 0; i < n; i++)
    if ((all[i].flags & DT_COLUMN_IMPORTED) != 0)
      g_ptr_array_add (columns, (gpointer)&all[i]);

  stmt = dt_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  g_assert ((guint)sqlite3_column_count (stmt) == columns->len);

  *out_columns = g_steal_pointer (&columns);
  return stmt;
}

static void
add_dataset_member (JsonBuilder  *builder,
                    sqlite3_stmt *stmt,
                    int           column,
                    const char   *name)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  if (text == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

GBytes *
dt_data_pack_export_bytes (DtStore     *store,
                           const char  *kind,
                           GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  sqlite3_stmt *rows;
  sqlite3_stmt *stmt;
  char *text;
  gsize length;
  int rc;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  rows = export_prepare (store, kind, &columns, error);
  if (rows == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DT_DATA_PACK_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DT_DATA_PACK_VERSION);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);

  /* The dataset the rows belong to; with several of one kind, the first. */
  stmt = dt_store_prepare (store,
                           "SELECT key, title, title_zh, source, provenance, source_zh FROM datasets "
                           "WHERE kind = ? ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    {
      sqlite3_finalize (rows);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_set_member_name (builder, "dataset");
      json_builder_begin_object (builder);
      add_dataset_member (builder, stmt, 0, "key");
      add_dataset_member (builder, stmt, 1, "title");
      add_dataset_member (builder, stmt, 2, "title_zh");
      add_dataset_member (builder, stmt, 3, "source");
      add_dataset_member (builder, stmt, 4, "provenance");
      add_dataset_member (builder, stmt, 5, "source_zh");
      json_builder_end_object (builder);
    }
  sqlite3_finalize (stmt);

  stmt = rows;
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      for (guint i = 0; i < columns->len; i++)
        {
          const DtColumn *column = g_ptr_array_index (columns, i);

          /* A measure without criteria says so ("criteria": null): a row
           * without the member keeps the criteria the measure had. */
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            {
              if (column->type == DT_COLUMN_JSON)
                {
                  json_builder_set_member_name (builder, column->key);
                  json_builder_add_null_value (builder);
                }
              continue;
            }
          json_builder_set_member_name (builder, column->key);
          switch (column->type)
            {
            case DT_COLUMN_INT:
            case DT_COLUMN_BOOL:
              json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i));
              break;
            case DT_COLUMN_DOUBLE:
              json_builder_add_double_value (builder, sqlite3_column_double (stmt, i));
              break;
            case DT_COLUMN_JSON:
              {
                g_autoptr(JsonNode) node = json_from_string ((const char *)sqlite3_column_text (stmt, i), NULL);

                if (node != NULL)
                  json_builder_add_value (builder, g_steal_pointer (&node));
                else
                  json_builder_add_string_value (builder, (const char *)sqlite3_column_text (stmt, i));
              }
              break;
            case DT_COLUMN_TEXT:
            case DT_COLUMN_REGION:
            default:
              json_builder_add_string_value (builder, (const char *)sqlite3_column_text (stmt, i));
              break;
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* Region codes → names in the user's language, for label exports. */
static GHashTable *
load_region_names (DtStore *store)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT code, name_zh, name_en FROM regions", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (names, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup (dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                                 (const char *)sqlite3_column_text (stmt, 2))));
  sqlite3_finalize (stmt);
  return names;
}

gboolean
dt_data_pack_write_table (DtStore        *store,
                          const char     *kind,
                          DtTableWriter  *writer,
                          gboolean        header_keys,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) region_names = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  stmt = export_prepare (store, kind, &columns, error);
  if (stmt == NULL)
    return FALSE;
  if (!header_keys)
    region_names = load_region_names (store);

  for (guint i = 0; i < columns->len; i++)
    dt_table_writer_add_header (writer, g_ptr_array_index (columns, i), header_keys);
  if (!dt_table_writer_end_row (writer, cancellable, error))
    goto fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < columns->len; i++)
        {
          const DtColumn *column = g_ptr_array_index (columns, i);
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          if (text == NULL)
            dt_table_writer_add_empty (writer);
          else if (column->type == DT_COLUMN_INT || column->type == DT_COLUMN_BOOL)
            dt_table_writer_add_int (writer, sqlite3_column_int64 (stmt, i));
          else if (column->type == DT_COLUMN_DOUBLE)
            dt_table_writer_add_double (writer, sqlite3_column_double (stmt, i));
          else if (column->type == DT_COLUMN_REGION && region_names != NULL &&
                   g_hash_table_contains (region_names, text))
            dt_table_writer_add_text (writer, g_hash_table_lookup (region_names, text));
          else
            dt_table_writer_add_text (writer, dt_columns_value_text (column, text, header_keys));
        }
      if (!dt_table_writer_end_row (writer, cancellable, error))
        goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

gboolean
dt_data_pack_export_csv (DtStore        *store,
                         const char     *kind,
                         GOutputStream  *stream,
                         gboolean        header_keys,
                         gboolean        with_bom,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(DtTableWriter) writer = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = dt_table_writer_new_csv (stream, with_bom);
  return dt_data_pack_write_table (store, kind, writer, header_keys, cancellable, error) &&
         dt_table_writer_finish (writer, cancellable, error);
}

gboolean
dt_data_pack_export (DtStore     *store,
                     const char  *kind,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DtOutput) output = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = dt_data_pack_export_bytes (store, kind, error);
  if (bytes == NULL)
    return FALSE;

  /* A file is replaced whole or not at all; a pipe gets the pack as it is. */
  output = dt_output_open (file, NULL, error);
  if (output == NULL)
    return FALSE;
  if (!g_output_stream_write_all (dt_output_get_stream (output), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL, NULL, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }
  return dt_output_close (output, NULL, error);
}
