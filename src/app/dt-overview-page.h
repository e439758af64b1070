/* dt-overview-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"
#include "dt-tile-map.h"

G_BEGIN_DECLS

#define DT_TYPE_OVERVIEW_PAGE (dt_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (DtOverviewPage, dt_overview_page, DT, OVERVIEW_PAGE, AdwBin)

void dt_overview_page_set_store (DtOverviewPage *self,
                                 DtStore        *store);

/* The map of the cities shown, or NULL before the figures are read. */
DtTileMap *dt_overview_page_get_city_map (DtOverviewPage *self);
/* TRUE once the figures of the current data are shown. */
gboolean   dt_overview_page_is_loaded    (DtOverviewPage *self);

G_END_DECLS
