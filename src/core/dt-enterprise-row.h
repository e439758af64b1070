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
const DtEnterpriseRecord *dt_enterprise_row_get_record (DtEnterpriseRow    *self);

G_END_DECLS
