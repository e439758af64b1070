/* dt-index-change-view.h — what moved a region's index between two years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A waterfall of the contributions of the dimensions to the change, with
 * drill-down into sub-dimensions and indicators (click or Enter; Back goes
 * up), the same as a sentence, and the rank change it explains.
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_INDEX_CHANGE_VIEW (dt_index_change_view_get_type ())

G_DECLARE_FINAL_TYPE (DtIndexChangeView, dt_index_change_view, DT, INDEX_CHANGE_VIEW, AdwBin)

GtkWidget  *dt_index_change_view_new      (void);
/* Explains @region (a region code) from @year_from to @year_to on the
 * stored index; a NULL @store or @region clears the view. */
void        dt_index_change_view_show     (DtIndexChangeView *self,
                                           DtStore           *store,
                                           const char        *region,
                                           const char        *region_name,
                                           int                year_from,
                                           int                year_to);
/* The sentence shown, e.g. "Hangzhou +3.2: platforms +1.9, …". */
const char *dt_index_change_view_get_sentence (DtIndexChangeView *self);
/* Opens the @index-th step of the waterfall (as a click does); FALSE when
 * it has no children. */
gboolean    dt_index_change_view_open_step (DtIndexChangeView *self,
                                           guint              index);
/* Goes back up one level; FALSE at the top. */
gboolean    dt_index_change_view_go_up    (DtIndexChangeView *self);
GtkWidget  *dt_index_change_view_get_chart (DtIndexChangeView *self);

G_END_DECLS
