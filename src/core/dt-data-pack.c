/* dt-data-pack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-data-pack"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dt-data-pack.h"
#include "dt-dataset-import.h"
#include "dt-error.h"

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
  gboolean ok = FALSE;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  log.member_lines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &log);

  if (size == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is empty; expected a Digital Trade data pack"), file_name);
      goto out;
    }
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is not UTF-8 text; expected a JSON data pack"), file_name);
      goto out;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib's message already holds "<data>:LINE:COLUMN: …", but it
       * cuts the quoted token at a byte count, which can split a Chinese
       * character: the message must stay UTF-8 to be shown. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: not valid JSON: %s"), file_name, message);
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

  g_checksum_update (checksum, (const guchar *)data, size);
  info.kind = kind;
  info.key = dataset != NULL && member_string (dataset, "key") != NULL ? member_string (dataset, "key") : kind;
  info.title = dataset != NULL ? member_string (dataset, "title") : NULL;
  info.title_zh = dataset != NULL ? member_string (dataset, "title_zh") : NULL;
  info.source = dataset != NULL ? member_string (dataset, "source") : NULL;
  info.provenance = dataset != NULL ? member_string (dataset, "provenance") : NULL;
  info.checksum = g_checksum_get_string (checksum);
  if (info.provenance == NULL)
    info.provenance = "user";

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
    }

  if (!dt_dataset_import_commit (import, error))
    goto out;

  if (out_kind != NULL)
    *out_kind = g_strdup (kind);
  ok = TRUE;

out:
  g_hash_table_unref (log.member_lines);
  return ok;
}
