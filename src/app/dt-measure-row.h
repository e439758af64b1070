/* dt-measure-row.h — one measure in the Measures page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-measure-query.h"

G_BEGIN_DECLS

#define DT_TYPE_MEASURE_ROW (dt_measure_row_get_type ())

G_DECLARE_FINAL_TYPE (DtMeasureRow, dt_measure_row, DT, MEASURE_ROW, AdwActionRow)

GtkWidget *dt_measure_row_new        (const DtMeasure *measure);
gint64     dt_measure_row_get_no     (DtMeasureRow    *self);
void       dt_measure_row_set_status (DtMeasureRow    *self,
                                      const char      *status);

G_END_DECLS
