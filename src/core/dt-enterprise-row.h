/* dt-enterprise-row.h — one listing row, as an item of the list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-enterprise-query.h"

G_BEGIN_DECLS

#define DT_TYPE_ENTERPRISE_ROW (dt_enterprise_row_get_type ())

G_DECLARE_FINAL_TYPE (DtEnterpriseRow, dt_enterprise_row, DT, ENTERPRISE_ROW, GObject)

/* Takes over the strings of @record and clears it. */
DtEnterpriseRow          *dt_enterprise_row_new_take  (DtEnterpriseRecord *record);
/* A row whose data has not arrived yet: "loading", every text empty. */
DtEnterpriseRow          *dt_enterprise_row_new_placeholder (gint64         listing_id);
const DtEnterpriseRecord *dt_enterprise_row_get_record (DtEnterpriseRow    *self);
gboolean                  dt_enterprise_row_get_loading (DtEnterpriseRow   *self);
gboolean                  dt_enterprise_row_get_failed (DtEnterpriseRow    *self);
/* Fills a placeholder in place (taking over @record), so views that hold
 * it show the data on notify::loading without being rebuilt. */
void                      dt_enterprise_row_fill      (DtEnterpriseRow    *self,
                                                       DtEnterpriseRecord *record);
/* The placeholder's data could not be read: "failed", no longer loading. */
void                      dt_enterprise_row_set_failed (DtEnterpriseRow   *self);

G_END_DECLS
