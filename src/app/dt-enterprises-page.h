/* dt-enterprises-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_ENTERPRISES_PAGE (dt_enterprises_page_get_type ())

G_DECLARE_FINAL_TYPE (DtEnterprisesPage, dt_enterprises_page, DT, ENTERPRISES_PAGE, AdwBin)

void dt_enterprises_page_set_store (DtEnterprisesPage *self,
                                    DtStore           *store);

G_END_DECLS
