/* dt-data-pack.h — JSON data packs (docs/data-pack.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_DATA_PACK_FORMAT  "digital-trade-pack"
#define DT_DATA_PACK_VERSION 1

/* Validates the pack in @bytes and imports it as one dataset, replacing the
 * dataset with the same key. On error nothing is written. @file_name is
 * used in messages; @out_kind receives the pack's kind. */
gboolean dt_data_pack_import_bytes (DtStore       *store,
                                    GBytes        *bytes,
                                    const char    *file_name,
                                    GCancellable  *cancellable,
                                    char         **out_kind,
                                    GError       **error);

G_END_DECLS
