/* dt-measure-detail.h — one measure: its text, its tracking and who qualifies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_MEASURE_DETAIL (dt_measure_detail_get_type ())

G_DECLARE_FINAL_TYPE (DtMeasureDetail, dt_measure_detail, DT, MEASURE_DETAIL, AdwBin)

void      dt_measure_detail_set_store      (DtMeasureDetail *self,
                                            DtStore         *store);
/* Shows measure @no; 0 shows nothing. Saves pending edits first. */
void      dt_measure_detail_show           (DtMeasureDetail *self,
                                            gint64           no);
gint64    dt_measure_detail_get_no         (DtMeasureDetail *self);
/* Reads the measure shown again after the data changed (an import, a
 * sync, another program), keeping edits not yet saved; shows nothing when
 * the measure is gone. */
void      dt_measure_detail_reload         (DtMeasureDetail *self);
/* Writes edits still waiting for the typing to pause (notes, progress);
 * when the database is locked they stay queued and are retried. */
void      dt_measure_detail_save_pending   (DtMeasureDetail *self);
/* TRUE while an edit waits to be written (typing, or a locked database). */
gboolean  dt_measure_detail_is_saving      (DtMeasureDetail *self);
void      dt_measure_detail_set_show_back  (DtMeasureDetail *self,
                                            gboolean         show_back);

/* What the status row says when status and progress disagree, or NULL. */
const char *dt_measure_detail_get_status_warning (DtMeasureDetail *self);

G_END_DECLS
