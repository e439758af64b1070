/* dt-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is downloaded and checked first, then imported in one
 * transaction, so a failure at any step changes nothing.
 */

#define G_LOG_DOMAIN "dt-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dt-backup.h"
#include "dt-error.h"
#include "dt-import-file.h"
#include "dt-sync.h"
#include "dt-util.h"

#define DEFAULT_TIMEOUT        30
#define DEFAULT_MAX_MANIFEST   (1024 * 1024)
#define DEFAULT_MAX_PACK       (64 * 1024 * 1024)
#define MAX_REDIRECTS          5

typedef struct
{
  char   *url;
  char   *sha256;
  gint64  size;      /* -1: not given */
  GBytes *body;      /* NULL when unchanged */
  char   *etag;
} Pack;

static void
pack_free (Pack *pack)
{
  g_free (pack->url);
  g_free (pack->sha256);
  g_clear_pointer (&pack->body, g_bytes_unref);
  g_free (pack->etag);
  g_free (pack);
}

void
dt_sync_result_clear (DtSyncResult *result)
{
  g_clear_pointer (&result->kinds, g_strfreev);
  memset (result, 0, sizeof *result);
}

static gboolean
is_local_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 ||
         g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0 ||
         g_strcmp0 (host, "localhost") == 0;
}

/* Only HTTPS leaves the machine: the packs change official figures. */
static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("“%s” is not a web address; expected https://…"), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 && is_local_host (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("“%s” is not an https:// address; data packs are only downloaded over HTTPS"), url);
  return FALSE;
}

/* libsoup would follow a redirect anywhere, plain http included: each hop
 * is checked as the first address was. Plain http stays on the local
 * machine (the tests' server), and an https server cannot send us there. */
static gboolean
check_redirect (const char  *from,
                const char  *to,
                GError     **error)
{
  g_autoptr(GUri) from_uri = g_uri_parse (from, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) to_uri = g_uri_parse (to, G_URI_FLAGS_NONE, NULL);

  if (to_uri != NULL && g_uri_get_host (to_uri) != NULL &&
      (g_ascii_strcasecmp (g_uri_get_scheme (to_uri), "https") == 0 ||
       (g_ascii_strcasecmp (g_uri_get_scheme (to_uri), "http") == 0 &&
        is_local_host (g_uri_get_host (to_uri)) &&
        from_uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (from_uri), "http") == 0)))
    return TRUE;

  g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
               _("%s redirected to %s, which is not an https:// address; data packs are only downloaded over HTTPS. Nothing was changed."),
               from, to);
  return FALSE;
}

/* A message that says what happened and what to do, for every way a
 * download fails. */
static void
set_network_error (GError      **error,
                   const char   *url,
                   guint         timeout,
                   GError       *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                 _("%s did not answer within %u seconds; try again later. Nothing was changed."), url, timeout);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                 _("%s refused the connection; check the address in Preferences. Nothing was changed."), url);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                 _("the certificate of %s could not be verified (%s); nothing was downloaded or changed."),
                 url, cause->message);
  else if (cause->domain == G_RESOLVER_ERROR ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                 _("%s cannot be reached (%s); you seem to be offline. Nothing was changed."), url, cause->message);
  else
    g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                 _("downloading %s failed: %s. Nothing was changed."), url, cause->message);
}

/* GET @url, following up to MAX_REDIRECTS redirects that stay on HTTPS;
 * reads at most @max bytes. With @etag, asks for the body only when it
 * changed: *out_body is then NULL on 304. @out_url: where the body came
 * from, after redirects. */
static gboolean
fetch (SoupSession   *session,
       const char    *url,
       const char    *etag,
       gsize          max,
       guint          timeout,
       GCancellable  *cancellable,
       GBytes       **out_body,
       char         **out_etag,
       char         **out_url,
       GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *current = g_strdup (url);
  guint8 buffer[16384];
  goffset length;
  guint status;

  *out_body = NULL;
  for (guint hop = 0; ; hop++)
    {
      const char *location;
      g_autofree char *next = NULL;

      g_clear_object (&message);
      g_clear_object (&stream);
      message = soup_message_new (SOUP_METHOD_GET, current);
      if (message == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, _("“%s” is not a web address; expected https://…"), current);
          return FALSE;
        }
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      if (etag != NULL && etag[0] != '\0')
        soup_message_headers_replace (soup_message_get_request_headers (message), "If-None-Match", etag);

      stream = soup_session_send (session, message, cancellable, &local_error);
      if (stream == NULL)
        {
          set_network_error (error, current, timeout, local_error);
          return FALSE;
        }

      status = soup_message_get_status (message);
      if (status != SOUP_STATUS_MOVED_PERMANENTLY && status != SOUP_STATUS_FOUND &&
          status != SOUP_STATUS_SEE_OTHER && status != SOUP_STATUS_TEMPORARY_REDIRECT &&
          status != SOUP_STATUS_PERMANENT_REDIRECT)
        break;

      location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
      next = location != NULL ? g_uri_resolve_relative (current, location, G_URI_FLAGS_NONE, NULL) : NULL;
      if (next == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                       _("%s answered HTTP %u without a valid new address; nothing was changed."), current, status);
          return FALSE;
        }
      if (!check_redirect (current, next, error))
        return FALSE;
      if (hop + 1 >= MAX_REDIRECTS)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                       _("%s was redirected more than %d times; nothing was changed."), url, MAX_REDIRECTS);
          return FALSE;
        }
      g_input_stream_close (stream, NULL, NULL);
      g_free (current);
      current = g_steal_pointer (&next);
    }
  url = current;

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_NOT_MODIFIED && etag != NULL)
    return TRUE;
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NETWORK,
                   status == SOUP_STATUS_NOT_FOUND
                   ? _("%s was not found on the server (HTTP %u %s); check the address in Preferences. Nothing was changed.")
                   : _("%s answered HTTP %u %s; expected 200 OK. Nothing was changed."),
                   url, status, soup_message_get_reason_phrase (message) ? soup_message_get_reason_phrase (message) : "");
      return FALSE;
    }

  /* Refuse before reading when the server says it is too large. */
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (length > 0 && (guint64)length > max)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   _("%s is %lld bytes; expected at most %lu bytes. Nothing was changed."),
                   url, (long long)length, (unsigned long)max);
      return FALSE;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error);

      if (n < 0)
        {
          set_network_error (error, url, timeout, local_error);
          return FALSE;
        }
      if (n == 0)
        break;
      if (body->len + (gsize)n > max)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                       _("%s is larger than %lu bytes, the most accepted. Nothing was changed."),
                       url, (unsigned long)max);
          return FALSE;
        }
      g_byte_array_append (body, buffer, n);
    }

  g_input_stream_close (stream, NULL, NULL);
  if (out_url != NULL)
    *out_url = g_strdup (current);
  if (out_etag != NULL)
    *out_etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
  *out_body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  return TRUE;
}

/* {"version": 1, "packs": [{"url": …, "sha256": …, "size": …}]} */
static GPtrArray *
parse_manifest (GBytes      *bytes,
                const char  *manifest_url,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func ((GDestroyNotify)pack_free);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *array;

  /* The manifest comes from the network: a deeply nested one must not
   * overflow json-glib's recursive parser. */
  if (!dt_json_depth_ok (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), DT_JSON_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: the manifest is not a JSON object (%s); expected {\"version\": 1, \"packs\": […]}"),
                   manifest_url, local_error != NULL ? local_error->message : _("not an object"));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != DT_SYNC_MANIFEST_VERSION)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED,
                   _("%s: manifest version %lld is not supported; expected version %d"),
                   manifest_url, (long long)json_object_get_int_member_with_default (root, "version", 0),
                   DT_SYNC_MANIFEST_VERSION);
      return NULL;
    }
  if (!json_object_has_member (root, "packs") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "packs")) ||
      json_array_get_length (json_object_get_array_member (root, "packs")) == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: the manifest lists no packs; expected “packs”: [{\"url\": …, \"sha256\": …}]"), manifest_url);
      return NULL;
    }

  array = json_object_get_array_member (root, "packs");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *url = object != NULL ? json_object_get_string_member_with_default (object, "url", NULL) : NULL;
      const char *sha256 = object != NULL ? json_object_get_string_member_with_default (object, "sha256", NULL) : NULL;
      Pack *pack;

      if (url == NULL || sha256 == NULL || strlen (sha256) != 64 ||
          strspn (sha256, "0123456789abcdefABCDEF") != 64)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s: pack %u of the manifest needs a “url” and a “sha256” of 64 hexadecimal digits"),
                       manifest_url, i + 1);
          return NULL;
        }

      pack = g_new0 (Pack, 1);
      /* Pack addresses may be relative to the manifest. */
      pack->url = g_uri_resolve_relative (manifest_url, url, G_URI_FLAGS_NONE, &local_error);
      pack->sha256 = g_ascii_strdown (sha256, -1);
      pack->size = object != NULL ? json_object_get_int_member_with_default (object, "size", -1) : -1;
      g_ptr_array_add (packs, pack);
      if (pack->url == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, _("%s: “%s” is not a web address"), manifest_url, url);
          return NULL;
        }
    }

  return g_steal_pointer (&packs);
}

static char *
stored_etag (DtStore    *store,
             const char *url,
             const char *sha256)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT etag FROM sync_state WHERE url = ? AND sha256 = ?", NULL);
  char *etag = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    etag = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return etag;
}

static gboolean
store_etag (DtStore     *store,
            Pack        *pack,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "INSERT OR REPLACE INTO sync_state (url, etag, sha256, fetched_at) VALUES (?,?,?,?)",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pack->url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pack->etag, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pack->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, when, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_sync_run (DtStore               *store,
             const char            *manifest_url,
             const DtSyncOptions   *options,
             GCancellable          *cancellable,
             DtImportProgressFunc   progress,
             gpointer               progress_data,
             DtSyncResult          *result,
             GError               **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GPtrArray) packs = NULL;
  g_autofree char *final_url = NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  guint timeout = options != NULL && options->timeout_seconds > 0 ? options->timeout_seconds : DEFAULT_TIMEOUT;
  gsize max_manifest = options != NULL && options->max_manifest_bytes > 0 ? options->max_manifest_bytes : DEFAULT_MAX_MANIFEST;
  gsize max_pack = options != NULL && options->max_pack_bytes > 0 ? options->max_pack_bytes : DEFAULT_MAX_PACK;
  DtSyncResult local_result = { 0 };

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);

  if (manifest_url == NULL || manifest_url[0] == '\0')
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("no data pack address is set; enter one in Preferences or give --sync=URL"));
      return FALSE;
    }
  if (!check_url (manifest_url, error))
    return FALSE;

  /* "timeout" covers connecting and every read; certificates are checked
   * against the system's trust store by default. */
  session = soup_session_new_with_options ("timeout", timeout,
                                           "idle-timeout", timeout,
                                           "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION " ",
                                           NULL);

  /* The local machine is never reached through a proxy. */
  {
    g_autoptr(GUri) uri = g_uri_parse (manifest_url, G_URI_FLAGS_NONE, NULL);

    if (uri != NULL && is_local_host (g_uri_get_host (uri)))
      soup_session_set_proxy_resolver (session, NULL);
  }

  if (!fetch (session, manifest_url, NULL, max_manifest, timeout, cancellable, &manifest, NULL, &final_url, error))
    return FALSE;
  packs = parse_manifest (manifest, final_url, error);
  if (packs == NULL)
    return FALSE;

  for (guint i = 0; i < packs->len; i++)
    {
      Pack *pack = g_ptr_array_index (packs, i);
      g_autofree char *etag = NULL;
      g_autofree char *sha256 = NULL;

      if (!check_url (pack->url, error))
        return FALSE;
      if (pack->size > 0 && (guint64)pack->size > max_pack)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                       _("%s is %lld bytes by the manifest; expected at most %lu bytes. Nothing was changed."),
                       pack->url, (long long)pack->size, (unsigned long)max_pack);
          return FALSE;
        }

      etag = stored_etag (store, pack->url, pack->sha256);
      if (!fetch (session, pack->url, etag, pack->size > 0 ? (gsize)pack->size : max_pack, timeout,
                  cancellable, &pack->body, &pack->etag, NULL, error))
        return FALSE;

      if (pack->body == NULL)
        {
          local_result.n_unchanged++;
          continue;
        }

      sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pack->body);
      if (!g_str_equal (sha256, pack->sha256))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_CHECKSUM,
                       _("%s has the SHA-256 checksum %s but the manifest says %s: the pack was changed or damaged on the way. Nothing was imported."),
                       pack->url, sha256, pack->sha256);
          return FALSE;
        }

      if (progress != NULL)
        progress (0.5 * (i + 1) / packs->len, progress_data);
    }

  /* Only a sync that changes something is worth a snapshot; the imports
   * below run inside its transaction and take none of their own. */
  for (guint i = 0; i < packs->len; i++)
    if (((Pack *)g_ptr_array_index (packs, i))->body != NULL)
      {
        if (!dt_backup_create (store, "sync", NULL, error))
          return FALSE;
        break;
      }

  /* One transaction for every pack and its ETag: all or nothing. */
  if (!dt_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < packs->len; i++)
    {
      Pack *pack = g_ptr_array_index (packs, i);
      g_autofree char *kind = NULL;
      guint n_rows = 0;

      /* The configured source is the one place official packs come from. */
      DtImportOptions options = { .provenance = "official" };

      if (pack->body == NULL)
        continue;

      if (!dt_import_bytes_full (store, pack->body, pack->url, &options, cancellable,
                                 NULL, NULL, &kind, &n_rows, NULL, error) ||
          !store_etag (store, pack, error))
        {
          dt_store_rollback (store);
          return FALSE;
        }

      local_result.n_imported++;
      local_result.n_rows += n_rows;
      g_ptr_array_add (kinds, g_steal_pointer (&kind));
      if (progress != NULL)
        progress (0.5 + 0.5 * (i + 1) / packs->len, progress_data);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      dt_store_rollback (store);
      return FALSE;
    }
  if (!dt_store_commit (store, error))
    return FALSE;

  g_ptr_array_add (kinds, NULL);
  local_result.kinds = (char **)g_ptr_array_free (g_steal_pointer (&kinds), FALSE);
  if (result != NULL)
    *result = local_result;
  else
    dt_sync_result_clear (&local_result);
  return TRUE;
}
