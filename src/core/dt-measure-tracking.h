/* dt-measure-tracking.h — officials' tracking of each measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tracking is keyed by measure number in its own table, so importing a new
 * text of the measures never changes it. Every setter saves at once, in its
 * own transaction, and hands back the previous value so the caller can
 * offer Undo by setting it again.
 */

#pragma once

#include "dt-measure-query.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  no;
  char   *status;      /* a DT_VOCABULARY_MEASURE_STATUS key */
  int     progress;    /* 0 … 100 */
  char   *notes;       /* never NULL */
  char   *follow_up;   /* YYYY-MM-DD or NULL */
  char   *updated_at;  /* ISO 8601 or NULL when never changed */
} DtMeasureTracking;

void      dt_measure_tracking_clear         (DtMeasureTracking  *tracking);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DtMeasureTracking, dt_measure_tracking_clear)
/* For one allocated with g_new0(). */
void      dt_measure_tracking_free          (DtMeasureTracking  *tracking);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtMeasureTracking, dt_measure_tracking_free)

/* Fills @tracking; a measure never tracked reads as not started, 0 %. */
gboolean  dt_measure_tracking_get           (DtStore            *store,
                                             gint64              no,
                                             DtMeasureTracking  *tracking,
                                             GError            **error);
/* @status is a key or an English or Chinese label. */
gboolean  dt_measure_tracking_set_status    (DtStore            *store,
                                             gint64              no,
                                             const char         *status,
                                             char              **out_previous,
                                             GError            **error);
gboolean  dt_measure_tracking_set_progress  (DtStore            *store,
                                             gint64              no,
                                             int                 progress,
                                             int                *out_previous,
                                             GError            **error);
gboolean  dt_measure_tracking_set_notes     (DtStore            *store,
                                             gint64              no,
                                             const char         *notes,
                                             char              **out_previous,
                                             GError            **error);
/* @date is YYYY-MM-DD, or NULL or "" to clear it. */
gboolean  dt_measure_tracking_set_follow_up (DtStore            *store,
                                             gint64              no,
                                             const char         *date,
                                             char              **out_previous,
                                             GError            **error);

typedef enum
{
  DT_TRACKING_STATUS,
  DT_TRACKING_PROGRESS,
  DT_TRACKING_NOTES,
  DT_TRACKING_FOLLOW_UP,
} DtTrackingField;

/* Sets one field, as the setters above do (@text for status, notes and
 * follow-up, @number for progress), and fills @previous with the tracking
 * it replaced. Without @wait it fails at once with DT_ERROR_BUSY when
 * another connection holds the write lock, so the window can retry later
 * instead of freezing. Called inside a transaction (the data service's
 * write queue), it writes within it and neither begins nor commits. */
gboolean  dt_measure_tracking_write         (DtStore            *store,
                                             gint64              no,
                                             DtTrackingField     field,
                                             const char         *text,
                                             int                 number,
                                             gboolean            wait,
                                             DtMeasureTracking  *previous,
                                             GError            **error);

/* Measures (DtMeasure) whose follow-up date is on or before @today plus
 * @days_ahead, earliest first; @today is YYYY-MM-DD (NULL: the local date). */
GPtrArray *dt_measure_tracking_follow_ups_due (DtStore          *store,
                                               const char       *today,
                                               guint             days_ahead,
                                               GError          **error);

/* Counts of measures per status (rows, in vocabulary order) and category
 * (columns, in vocabulary order): @counts holds n_statuses × n_categories. */
gboolean  dt_measure_tracking_count_by_status_and_category (DtStore  *store,
                                                            guint    *counts,
                                                            GError  **error);

/* TRUE when @date is a real calendar date written YYYY-MM-DD. */
gboolean  dt_measure_tracking_date_is_valid (const char         *date);

G_END_DECLS
