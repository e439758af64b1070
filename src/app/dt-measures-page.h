/* dt-measures-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_MEASURES_PAGE (dt_measures_page_get_type ())

G_DECLARE_FINAL_TYPE (DtMeasuresPage, dt_measures_page, DT, MEASURES_PAGE, AdwBin)

void dt_measures_page_set_store (DtMeasuresPage *self,
                                 DtStore        *store);

G_END_DECLS
