/* dt-enterprise-export.h — the query an export of enterprises writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-enterprise-query.h"

G_BEGIN_DECLS

/* Builds the query of an export: @year (0: every year), @filters as
 * KEY=VALUE (values may be codes or Chinese or English names), @search
 * and @sort may each be NULL. */
DtEnterpriseQuery *dt_enterprise_export_query_new (int                year,
                                                   const char *const *filters,
                                                   const char        *search,
                                                   const char        *sort,
                                                   sqlite3           *db,
                                                   GError           **error);

G_END_DECLS
