/* dt-enterprise-export.h — digital-trade --export=enterprises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-command-line.h"
#include "dt-enterprise-query.h"

G_BEGIN_DECLS

/* Builds the query the command-line options describe; filter values may
 * be codes or Chinese or English names. */
DtEnterpriseQuery *dt_enterprise_export_query_from_options (DtCommandLine  *options,
                                                            sqlite3        *db,
                                                            GError        **error);
/* Runs --export=enterprises; returns the exit status. */
int                dt_enterprise_export_run                (DtCommandLine  *options);

G_END_DECLS
