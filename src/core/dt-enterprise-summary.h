/* dt-enterprise-summary.h — counts, facets and chart groups of a Top-100 query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Top-100 page shows beside its table, computed on a worker
 * thread: from the facet index when it can answer, else by SQL on a
 * read-only connection of its own that a cancel interrupts.
 */

#pragma once

#include <gio/gio.h>

#include "dt-enterprise-query.h"
#include "dt-facet-index.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     count;        /* rows the query selects */
  gint64     total;        /* rows of its years before the other filters */
  GPtrArray *facets;       /* GArray of DtEnterpriseGroup per facet key, in order */
  GArray    *by_city;      /* DtEnterpriseGroup */
  GArray    *by_category;  /* DtEnterpriseGroup */
} DtEnterpriseSummary;

/* Called on the computing thread once the counts are known by SQL (the
 * slow path), before the facets and charts follow. */
typedef void (*DtEnterpriseCounted) (gint64   count,
                                     gint64   total,
                                     gpointer user_data);

/* The summary of @query on the database at @db_path. @index may be NULL or
 * not ready; then SQL answers. Fails with G_IO_ERROR_CANCELLED soon after
 * @cancellable is cancelled. */
DtEnterpriseSummary *dt_enterprise_summary_compute (const char          *db_path,
                                                    DtEnterpriseQuery   *query,
                                                    DtFacetIndex        *index,
                                                    const char * const  *facet_keys,
                                                    guint                n_facet_keys,
                                                    DtEnterpriseCounted  counted,
                                                    gpointer             user_data,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
void                 dt_enterprise_summary_free    (DtEnterpriseSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtEnterpriseSummary, dt_enterprise_summary_free)

G_END_DECLS
