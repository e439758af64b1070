/* dt-index-robustness-view.h — how sure each rank of the index is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_INDEX_ROBUSTNESS_VIEW (dt_index_robustness_view_get_type ())

G_DECLARE_FINAL_TYPE (DtIndexRobustnessView, dt_index_robustness_view, DT, INDEX_ROBUSTNESS_VIEW, AdwBin)

GtkWidget *dt_index_robustness_view_new        (void);
/* The stored index of @year and @level (city or county) is what Run
 * analyses; a change clears the results and stops a run. */
void       dt_index_robustness_view_set_scope  (DtIndexRobustnessView *self,
                                                DtStore               *store,
                                                int                    year,
                                                const char            *level);
/* Starts a run with the controls' settings, as the Run button does. */
void       dt_index_robustness_view_run        (DtIndexRobustnessView *self);
void       dt_index_robustness_view_cancel     (DtIndexRobustnessView *self);
gboolean   dt_index_robustness_view_is_running (DtIndexRobustnessView *self);
/* Settings, for tests and the page: noise as a share (0.25 = ±25 %). */
void       dt_index_robustness_view_set_options (DtIndexRobustnessView *self,
                                                 double                 noise,
                                                 guint                  replications,
                                                 gboolean               normalisations,
                                                 gboolean               geometric_mean,
                                                 gboolean               drop_indicators);
/* The plain-language sentence under the chart for each region, in the
 * chart's order; NULL-terminated. */
char     **dt_index_robustness_view_get_sentences (DtIndexRobustnessView *self);
GtkWidget *dt_index_robustness_view_get_chart  (DtIndexRobustnessView *self);
GtkWidget *dt_index_robustness_view_get_sensitivity_chart (DtIndexRobustnessView *self);

/* “Jinhua is third in 78 % of runs; it could be anywhere from second to
 * fifth.” — exposed for tests. */
char      *dt_index_robustness_sentence        (const char            *region,
                                                guint                  mode_rank,
                                                double                 mode_share,
                                                guint                  low,
                                                guint                  high,
                                                guint                  replications);

G_END_DECLS
