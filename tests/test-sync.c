/* test-sync.c — sync against a local libsoup server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "dt-backup.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-store.h"
#include "dt-sync.h"
#include "dt-test-util.h"

static const char pack_json[] =
  "{\"format\": \"digital-trade-pack\", \"version\": 1, \"kind\": \"measures\",\n"
  " \"dataset\": {\"key\": \"measures\", \"title\": \"Synced measures\", \"provenance\": \"official\"},\n"
  " \"rows\": [{\"no\": 1, \"title_zh\": \"同步的第一条\"}, {\"no\": 2, \"title_zh\": \"同步的第二条\"}]}\n";

static char *base_url;         /* http://127.0.0.1:PORT/ */
static char *pack_sha256;
static gint pack_bodies_sent;  /* 200 answers for the pack */

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, length);
}

static gboolean
answer_late (gpointer data)
{
  SoupServerMessage *msg = data;

  respond (msg, SOUP_STATUS_OK, "application/json", pack_json, strlen (pack_json));
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  g_autofree char *manifest = NULL;
  const char *if_none_match;

  if (g_str_equal (path, "/manifest.json"))
    manifest = g_strdup_printf ("{\"version\": 1, \"packs\": [{\"url\": \"pack.json\", \"sha256\": \"%s\", \"size\": %zu}]}",
                                pack_sha256, strlen (pack_json));
  else if (g_str_equal (path, "/tampered.json"))
    manifest = g_strdup_printf ("{\"version\": 1, \"packs\": [{\"url\": \"pack.json\", \"sha256\": \"%s\"}]}",
                                "0000000000000000000000000000000000000000000000000000000000000000");
  else if (g_str_equal (path, "/oversized.json"))
    manifest = g_strdup_printf ("{\"version\": 1, \"packs\": [{\"url\": \"big.json\", \"sha256\": \"%s\"}]}", pack_sha256);
  else if (g_str_equal (path, "/slow.json"))
    manifest = g_strdup_printf ("{\"version\": 1, \"packs\": [{\"url\": \"slow-pack.json\", \"sha256\": \"%s\"}]}", pack_sha256);
  else if (g_str_equal (path, "/pack-moved-away.json"))
    manifest = g_strdup_printf ("{\"version\": 1, \"packs\": [{\"url\": \"to-plain-http.json\", \"sha256\": \"%s\"}]}", pack_sha256);

  if (manifest != NULL)
    {
      respond (msg, SOUP_STATUS_OK, "application/json", manifest, strlen (manifest));
      return;
    }

  /* Redirects: within the test server (allowed, it is the local
   * machine), away to plain http (refused), and in a circle. */
  {
    const char *location = NULL;

    if (g_str_equal (path, "/moved.json"))
      location = "manifest.json";
    else if (g_str_equal (path, "/to-plain-http.json"))
      location = "http://example.com/manifest.json";
    else if (g_str_equal (path, "/loop.json"))
      location = "/loop.json";
    if (location != NULL)
      {
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
        respond (msg, SOUP_STATUS_FOUND, NULL, NULL, 0);
        return;
      }
  }

  if (g_str_equal (path, "/pack.json"))
    {
      if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"v1\"");
      if (g_strcmp0 (if_none_match, "\"v1\"") == 0)
        {
          respond (msg, SOUP_STATUS_NOT_MODIFIED, NULL, NULL, 0);
          return;
        }
      g_atomic_int_inc (&pack_bodies_sent);
      respond (msg, SOUP_STATUS_OK, "application/json", pack_json, strlen (pack_json));
    }
  else if (g_str_equal (path, "/big.json"))
    {
      g_autofree char *big = g_malloc0 (256 * 1024);

      memset (big, ' ', 256 * 1024);
      respond (msg, SOUP_STATUS_OK, "application/json", big, 256 * 1024);
    }
  else if (g_str_equal (path, "/slow-pack.json"))
    {
      /* Answer only after the client's timeout. */
      soup_server_message_pause (msg);
      {
        GSource *source = g_timeout_source_new_seconds (4);

        g_source_set_callback (source, answer_late, g_object_ref (msg), NULL);
        g_source_attach (source, g_main_context_get_thread_default ());
        g_source_unref (source);
      }
    }
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "not here", 8);
}

typedef struct
{
  GMutex mutex;
  GCond  cond;
} Ready;

/* The server runs in its own thread with its own main context, since
 * dt_sync_run() blocks the test's thread. */
static gpointer
server_thread (gpointer data)
{
  Ready *ready = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GError) error = NULL;
  SoupServer *server;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_mutex_lock (&ready->mutex);
  base_url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_cond_signal (&ready->cond);
  g_mutex_unlock (&ready->mutex);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_main_loop_run (loop);
  return NULL;
}

static void
start_server (void)
{
  Ready ready;

  g_mutex_init (&ready.mutex);
  g_cond_init (&ready.cond);
  g_mutex_lock (&ready.mutex);
  g_thread_unref (g_thread_new ("test-server", server_thread, &ready));
  while (base_url == NULL)
    g_cond_wait (&ready.cond, &ready.mutex);
  g_mutex_unlock (&ready.mutex);
}

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dt-sync-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  dt_test_remove_backups (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
database_checksum (DtStore *store)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = dt_store_prepare (store, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      /* No ORDER BY rowid: the search index's WITHOUT ROWID tables have
       * none, and a plain scan runs in key order anyway. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *)g_ptr_array_index (tables, t));

      stmt = dt_store_prepare (store, sql, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *)sqlite3_column_text (stmt, c);
            g_checksum_update (checksum, (const guchar *)(text != NULL ? text : "\x01"), -1);
            g_checksum_update (checksum, (const guchar *)"\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static int
count (DtStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, NULL);
  int n = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static const DtSyncOptions test_options = { 1, 0, 64 * 1024 };

/* Runs a sync that must fail and leave the database as it was. */
static GError *
sync_refused (Fixture    *f,
              const char *url)
{
  g_autofree char *before = database_checksum (f->store);
  g_autofree char *after = NULL;
  g_auto(DtSyncResult) result = { 0 };
  GError *error = NULL;

  g_assert_false (dt_sync_run (f->store, url, &test_options, NULL, NULL, NULL, &result, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  after = database_checksum (f->store);
  g_assert_cmpstr (before, ==, after);
  return error;
}

static void
test_pack_served (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "manifest.json", NULL);
  g_auto(DtSyncResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_sync_run (f->store, url, &test_options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_imported, ==, 1);
  g_assert_cmpuint (result.n_rows, ==, 2);
  g_assert_cmpstr (result.kinds[0], ==, "measures");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM measures"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM measures WHERE title_zh = '同步的第一条'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM datasets WHERE key = 'measures' AND provenance = 'official'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM sync_state WHERE etag = '\"v1\"'"), ==, 1);
}

static void
test_not_modified (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "manifest.json", NULL);
  g_auto(DtSyncResult) first = { 0 };
  g_auto(DtSyncResult) second = { 0 };
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int sent;

  g_assert_true (dt_sync_run (f->store, url, &test_options, NULL, NULL, NULL, &first, &error));
  g_assert_no_error (error);
  sent = g_atomic_int_get (&pack_bodies_sent);
  before = database_checksum (f->store);

  g_assert_true (dt_sync_run (f->store, url, &test_options, NULL, NULL, NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second.n_imported, ==, 0);
  g_assert_cmpuint (second.n_unchanged, ==, 1);
  g_assert_cmpint (g_atomic_int_get (&pack_bodies_sent), ==, sent);
  after = database_checksum (f->store);
  g_assert_cmpstr (before, ==, after);

  /* The sync that imported was backed up first; the one that changed
   * nothing made no snapshot. */
  backups = dt_backup_list (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (dt_backup_get_reason (g_ptr_array_index (backups, 0)), ==, "sync");
}

static void
test_tampered (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "tampered.json", NULL);
  g_autoptr(GError) error = sync_refused (f, url);

  g_assert_error (error, DT_ERROR, DT_ERROR_CHECKSUM);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
}

static void
test_oversized (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "oversized.json", NULL);
  g_autoptr(GError) error = sync_refused (f, url);

  g_assert_error (error, DT_ERROR, DT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.json"));
}

static void
test_too_slow (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "slow.json", NULL);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = sync_refused (f, url);

  g_assert_error (error, DT_ERROR, DT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "did not answer within 1 seconds"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "missing.json", NULL);
  g_autoptr(GError) error = sync_refused (f, url);

  g_assert_error (error, DT_ERROR, DT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "404"));
}

static void
test_connection_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and has no listener now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/manifest.json", port);

  error = sync_refused (f, url);
  g_assert_error (error, DT_ERROR, DT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "refused the connection"));
}

static void
test_plain_http_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = sync_refused (f, "http://example.com/manifest.json");

  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "HTTPS"));
}

static void
test_redirect_followed (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "moved.json", NULL);
  g_auto(DtSyncResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_sync_run (f->store, url, &test_options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_imported, ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM measures WHERE title_zh = '同步的第一条'"), ==, 1);
}

/* The test server may speak plain http (it is this machine), but may not
 * send the download on to plain http elsewhere. */
static void
test_redirect_to_http_refused (Fixture *f, gconstpointer data)
{
  const char *paths[] = { "to-plain-http.json", "pack-moved-away.json" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (base_url, paths[i], NULL);
      g_autoptr(GError) error = sync_refused (f, url);

      g_assert_error (error, DT_ERROR, DT_ERROR_NETWORK);
      g_assert_nonnull (strstr (error->message, "redirected to http://example.com/manifest.json"));
      g_assert_nonnull (strstr (error->message, "HTTPS"));
    }
}

static void
test_redirect_loop_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "loop.json", NULL);
  g_autoptr(GError) error = sync_refused (f, url);

  g_assert_error (error, DT_ERROR, DT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "redirected more than"));
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

/* Cancelled while a pack downloads: stops at once, changes nothing. */
static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strconcat (base_url, "slow.json", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = database_checksum (f->store);
  g_autofree char *after = NULL;
  g_auto(DtSyncResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  /* Longer than the test's wait for the cancel. */
  DtSyncOptions options = { 30, 0, 64 * 1024 };
  GThread *thread = g_thread_new ("cancel", cancel_soon, cancellable);

  g_assert_false (dt_sync_run (f->store, url, &options, cancellable, NULL, NULL, &result, &error));
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = database_checksum (f->store);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  pack_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pack_json, -1);
  start_server ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/pack-served", test_pack_served);
  ADD ("/sync/not-modified", test_not_modified);
  ADD ("/sync/tampered-checksum", test_tampered);
  ADD ("/sync/oversized", test_oversized);
  ADD ("/sync/too-slow", test_too_slow);
  ADD ("/sync/not-found", test_not_found);
  ADD ("/sync/connection-refused", test_connection_refused);
  ADD ("/sync/plain-http-refused", test_plain_http_refused);
  ADD ("/sync/redirect-followed", test_redirect_followed);
  ADD ("/sync/redirect-to-http-refused", test_redirect_to_http_refused);
  ADD ("/sync/redirect-loop-refused", test_redirect_loop_refused);
  ADD ("/sync/cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
