/* dt-data-service.h — database work off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dt-enterprise-comparison.h"
#include "dt-measure-tracking.h"
#include "dt-overview-figures.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_DATA_SERVICE (dt_data_service_get_type ())

G_DECLARE_FINAL_TYPE (DtDataService, dt_data_service, DT, DATA_SERVICE, GObject)

/* Work run on a connection of the service, on its thread: returns the
 * result (freed with the @result_free given with it) or NULL with @error
 * set. @cancellable is the caller's; long work should check it. */
typedef gpointer (*DtDataServiceFunc) (DtStore       *store,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* A service for the database at @path. Its connections are opened on its
 * threads when first needed: a read-only one for reads, a writing one for
 * the write queue. */
DtDataService *dt_data_service_new          (const char          *path);
const char    *dt_data_service_get_path     (DtDataService       *self);
/* The service of the database @store has open, shared by everything that
 * holds @store (so that there is one write queue) and kept as long as it
 * lives; created on first use. (transfer none) */
DtDataService *dt_data_service_for_store    (DtStore             *store);

/* Runs @func on the read connection, on the service's reading thread
 * (one read at a time, in order). */
void      dt_data_service_read_async        (DtDataService       *self,
                                             DtDataServiceFunc    func,
                                             gpointer             data,
                                             GDestroyNotify       data_free,
                                             GDestroyNotify       result_free,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer  dt_data_service_read_finish       (DtDataService       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Queues @func on the writing connection: writes run one at a time, in the
 * order they were submitted, each in its own transaction (BEGIN IMMEDIATE;
 * @func must not begin one). A write cancelled before it runs, or while it
 * runs, is rolled back and finishes with G_IO_ERROR_CANCELLED; a database
 * locked for too long by another program gives DT_ERROR_BUSY. */
void      dt_data_service_write_async       (DtDataService       *self,
                                             DtDataServiceFunc    func,
                                             gpointer             data,
                                             GDestroyNotify       data_free,
                                             GDestroyNotify       result_free,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer  dt_data_service_write_finish      (DtDataService       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Blocks until every write submitted before has run (committed or
 * failed); their callbacks still run later on their main contexts. For
 * work that must be written before a page or the program goes away. */
void      dt_data_service_wait_for_writes   (DtDataService       *self);

/* Typed calls for the pages. */

/* The overview's figures (dt_overview_figures_compute()), read off the
 * main thread. */
void      dt_data_service_overview_figures_async  (DtDataService       *self,
                                                   const char          *today,
                                                   guint                follow_up_days,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
DtOverviewFigures *dt_data_service_overview_figures_finish (DtDataService  *self,
                                                            GAsyncResult   *result,
                                                            GError        **error);

/* Two years of the Top-100 list compared (dt_enterprise_comparison_read()),
 * read off the main thread; both years 0 compare the latest two. */
void      dt_data_service_compare_years_async  (DtDataService       *self,
                                                int                  year_a,
                                                int                  year_b,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
DtEnterpriseComparison *dt_data_service_compare_years_finish (DtDataService  *self,
                                                              GAsyncResult   *result,
                                                              GError        **error);

/* One tracking edit (dt_measure_tracking_write()) through the write queue:
 * written in order after every write queued before, on the writing
 * connection, while the caller waits (a one-row write; the caller keeps
 * its own queue of edits and retries). Returns the tracking it replaced,
 * for Undo (free with dt_measure_tracking_free()). Without @wait a
 * database locked by another program fails at once with DT_ERROR_BUSY. */
DtMeasureTracking *dt_data_service_write_tracking (DtDataService    *self,
                                                   gint64            no,
                                                   DtTrackingField   field,
                                                   const char       *text,
                                                   int               number,
                                                   gboolean          wait,
                                                   GError          **error);

G_END_DECLS
