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

void     dt_measures_page_set_store (DtMeasuresPage  *self,
                                     DtStore         *store);
/* Shows the measures of @category and @status (either may be NULL for
 * all), with no search and no other filter. */
void     dt_measures_page_show_filtered (DtMeasuresPage *self,
                                         const char     *category,
                                         const char     *status);
/* Shows measure @no in the detail view. */
void     dt_measures_page_select    (DtMeasuresPage  *self,
                                     gint64           no);
/* Writes the measures shown, in their order, as CSV with labels and a BOM. */
gboolean dt_measures_page_export    (DtMeasuresPage  *self,
                                     const char      *path,
                                     GError         **error);

G_END_DECLS
