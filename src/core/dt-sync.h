/* dt-sync.h — download the data packs a manifest names and import them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-csv-import.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_SYNC_MANIFEST_VERSION 1

typedef struct
{
  guint  timeout_seconds;      /* connect and read timeout; 0: the default (30 s) */
  gsize  max_manifest_bytes;   /* 0: the default (1 MiB) */
  gsize  max_pack_bytes;       /* 0: the default (64 MiB) */
} DtSyncOptions;

typedef struct
{
  guint  n_imported;           /* packs downloaded and imported */
  guint  n_unchanged;          /* packs the server said had not changed (304) */
  guint  n_rows;               /* rows imported */
  char **kinds;                /* the kinds imported, for dt_store_emit_changed() */
} DtSyncResult;

void     dt_sync_result_clear (DtSyncResult          *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DtSyncResult, dt_sync_result_clear)

/* Fetches the manifest at @manifest_url (docs/data-pack.md), then each pack
 * it names unless the server says it is unchanged (ETag / If-None-Match),
 * checks each pack's size and SHA-256 and imports them all in one
 * transaction. Any failure, and cancelling @cancellable, leaves the
 * database exactly as before. HTTPS certificates are verified; plain http
 * is only accepted for the local machine (127.0.0.1, ::1, localhost).
 * Redirects are followed (at most 5) only to https, or from local http to
 * local http. Blocks: run it in a thread. */
gboolean dt_sync_run          (DtStore               *store,
                               const char            *manifest_url,
                               const DtSyncOptions   *options,
                               GCancellable          *cancellable,
                               DtImportProgressFunc   progress,
                               gpointer               progress_data,
                               DtSyncResult          *result,
                               GError               **error);

G_END_DECLS
