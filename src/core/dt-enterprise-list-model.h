/* dt-enterprise-list-model.h — the rows of a query, fetched lazily in pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-enterprise-query.h"
#include "dt-enterprise-row.h"
#include "dt-store.h"

G_BEGIN_DECLS

/* Rows per LIMIT/OFFSET page, and pages kept in memory. */
#define DT_ENTERPRISE_PAGE_SIZE 200
#define DT_ENTERPRISE_PAGES_CACHED 8

#define DT_TYPE_ENTERPRISE_LIST_MODEL (dt_enterprise_list_model_get_type ())

G_DECLARE_FINAL_TYPE (DtEnterpriseListModel, dt_enterprise_list_model, DT, ENTERPRISE_LIST_MODEL, GObject)

DtEnterpriseListModel *dt_enterprise_list_model_new       (DtStore               *store);
/* Shows the rows of @query, of which there are @n_items (counted
 * elsewhere, usually off the main thread). @query is copied. */
void                   dt_enterprise_list_model_set_query (DtEnterpriseListModel *self,
                                                           DtEnterpriseQuery     *query,
                                                           guint                  n_items);
/* Grows or shrinks the list of the same query, keeping fetched pages: the
 * first page is shown before the full count is known. */
void                   dt_enterprise_list_model_set_n_items (DtEnterpriseListModel *self,
                                                             guint                  n_items);
/* The data changed under the same query (an import, a sync, another
 * program): forgets every fetched page, so no row outlives the change,
 * and has the views fetch what they show again. The count stays until
 * the next set_n_items(). */
void                   dt_enterprise_list_model_refresh   (DtEnterpriseListModel *self);
/* Counts on this thread, then shows the rows. */
gboolean               dt_enterprise_list_model_load      (DtEnterpriseListModel *self,
                                                           DtEnterpriseQuery     *query,
                                                           GError               **error);
/* The query whose rows are shown (NULL before the first), not to be changed. */
DtEnterpriseQuery     *dt_enterprise_list_model_get_query (DtEnterpriseListModel *self);
/* Pages currently held: for tests that rows are not all in memory. */
guint                  dt_enterprise_list_model_get_n_cached_pages (DtEnterpriseListModel *self);

G_END_DECLS
