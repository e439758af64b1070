/* dt-index-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_INDEX_PAGE (dt_index_page_get_type ())

G_DECLARE_FINAL_TYPE (DtIndexPage, dt_index_page, DT, INDEX_PAGE, AdwBin)

void dt_index_page_set_store (DtIndexPage *self,
                              DtStore     *store);
/* Scrolls to the waterfall of the change and gives it the focus. */
void dt_index_page_show_change (DtIndexPage *self);

/* Shows the breakdown of region @code (e.g. "hangzhou"), as choosing it
 * in the list or on the map does. */
void dt_index_page_show_region (DtIndexPage *self,
                                const char  *code);

G_END_DECLS
