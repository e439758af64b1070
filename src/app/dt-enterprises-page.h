/* dt-enterprises-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-enterprise-list-model.h"
#include "dt-enterprise-query.h"
#include "dt-facet-index.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_ENTERPRISES_PAGE (dt_enterprises_page_get_type ())

G_DECLARE_FINAL_TYPE (DtEnterprisesPage, dt_enterprises_page, DT, ENTERPRISES_PAGE, AdwBin)

void                   dt_enterprises_page_set_store   (DtEnterprisesPage *self,
                                                        DtStore           *store);
/* Shows the latest list filtered to @key = @value (a stored code, e.g.
 * category = data-trade), or, for the key "name", searched for @value. */
void                   dt_enterprises_page_show_filtered (DtEnterprisesPage *self,
                                                        const char        *key,
                                                        const char        *value);
/* The query the controls edit; what is shown follows it once counted. */
DtEnterpriseQuery     *dt_enterprises_page_get_query   (DtEnterprisesPage *self);
/* The rows shown. */
DtEnterpriseListModel *dt_enterprises_page_get_model   (DtEnterprisesPage *self);
/* TRUE while counts for the current query are still being computed. */
gboolean               dt_enterprises_page_is_busy     (DtEnterprisesPage *self);
/* The facet check button for @key = @value, or NULL (for tests). */
GtkCheckButton        *dt_enterprises_page_get_facet_button (DtEnterprisesPage *self,
                                                        const char        *key,
                                                        const char        *value);
/* The in-memory index the counts, facets and charts come from once it is
 * ready (NULL before the first summary); its dt_facet_index_query_ids()
 * gives the rows of a query in order. */
DtFacetIndex          *dt_enterprises_page_get_facet_index (DtEnterprisesPage *self);
/* Writes the rows shown to @file, off the main thread, as Ctrl+E does
 * after its file chooser. */
void                   dt_enterprises_page_export_async  (DtEnterprisesPage   *self,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean               dt_enterprises_page_export_finish (DtEnterprisesPage   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Whether the window is too narrow for the detail pane (a row then opens
 * its detail as a dialog). */
gboolean               dt_enterprises_page_get_narrow       (DtEnterprisesPage *self);

G_END_DECLS
