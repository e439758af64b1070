/* dt-enterprise-list-model.h — the rows of a query: a snapshot of listing
 * ids, whose rows are fetched in pages off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-enterprise-query.h"
#include "dt-enterprise-row.h"
#include "dt-store.h"

G_BEGIN_DECLS

/* Rows per page fetched by id, and pages kept in memory. */
#define DT_ENTERPRISE_PAGE_SIZE 200
#define DT_ENTERPRISE_PAGES_CACHED 16

/* Gives the listing ids @query selects, in its order (an array of
 * gint64). Runs on a worker thread, with the model's own read-only
 * connection @db; returns NULL with @error set on failure or when
 * @cancellable is cancelled. */
typedef GArray *(*DtEnterpriseIdsFunc) (DtEnterpriseQuery  *query,
                                        sqlite3            *db,
                                        GCancellable       *cancellable,
                                        gpointer            user_data,
                                        GError            **error);

#define DT_TYPE_ENTERPRISE_LIST_MODEL (dt_enterprise_list_model_get_type ())

G_DECLARE_FINAL_TYPE (DtEnterpriseListModel, dt_enterprise_list_model, DT, ENTERPRISE_LIST_MODEL, GObject)

DtEnterpriseListModel *dt_enterprise_list_model_new       (DtStore               *store);
/* Where the ids of a snapshot come from; by default the query's SQL
 * (dt_enterprise_query_ids()). @func is called on a worker thread. */
void                   dt_enterprise_list_model_set_ids_func (DtEnterpriseListModel *self,
                                                              DtEnterpriseIdsFunc    func,
                                                              gpointer               user_data,
                                                              GDestroyNotify         destroy);
/* Builds the snapshot of @query (copied) off the main thread, cancelling
 * any older one; the list shows it, all at once, when it is built. */
void                   dt_enterprise_list_model_set_query (DtEnterpriseListModel *self,
                                                           DtEnterpriseQuery     *query);
/* The data changed under the same query (an import, a sync, another
 * program): builds the snapshot again, so no row outlives the change. */
void                   dt_enterprise_list_model_refresh   (DtEnterpriseListModel *self);
/* Builds the snapshot on this thread, and fetches pages on this thread
 * when they are asked for (for the command line and tests). */
gboolean               dt_enterprise_list_model_load      (DtEnterpriseListModel *self,
                                                           DtEnterpriseQuery     *query,
                                                           GError               **error);
/* The query whose rows are shown (NULL before the first), not to be changed. */
DtEnterpriseQuery     *dt_enterprise_list_model_get_query (DtEnterpriseListModel *self);
/* TRUE while a snapshot is being built or a page is being fetched. */
gboolean               dt_enterprise_list_model_get_loading (DtEnterpriseListModel *self);
/* The last failure to build a snapshot or fetch a page, or NULL. */
const GError          *dt_enterprise_list_model_get_error (DtEnterpriseListModel *self);
/* Pages currently held: for tests that rows are not all in memory. */
guint                  dt_enterprise_list_model_get_n_cached_pages (DtEnterpriseListModel *self);

G_END_DECLS
