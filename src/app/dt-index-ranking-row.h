/* dt-index-ranking-row.h — one region in the Openness Index ranking table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dt-index-ranking.h"

G_BEGIN_DECLS

#define DT_TYPE_INDEX_RANKING_ROW (dt_index_ranking_row_get_type ())

G_DECLARE_FINAL_TYPE (DtIndexRankingRow, dt_index_ranking_row, DT, INDEX_RANKING_ROW, GObject)

/* @entry is borrowed: it must outlive the row. */
DtIndexRankingRow         *dt_index_ranking_row_new       (DtIndexRankingEntry *entry);
const DtIndexRankingEntry *dt_index_ranking_row_get_entry (DtIndexRankingRow   *self);

G_END_DECLS
