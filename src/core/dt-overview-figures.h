/* dt-overview-figures.h — what the overview page shows, in one read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-measure-query.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *title;
  char *title_zh;
  char *source;
  char *provenance;
} DtOverviewDataset;

typedef struct
{
  /* The latest published value of the root index node for Zhejiang. */
  gboolean   has_index;
  int        index_year;
  double     index_value;
  char      *index_source;
  /* The latest enterprise list. */
  gboolean   has_list;
  int        list_year;
  int        list_count;
  double     list_volume;      /* 10,000 yuan */
  gboolean   list_sample;
  /* The measures. */
  int        measures;
  int        measures_in_effect;
  /* Per status (rows, vocabulary order) and category (columns). */
  guint     *tracking_counts;
  /* DtMeasure, follow-ups overdue or due within the days asked for. */
  GPtrArray *follow_ups;
  /* DtOverviewDataset, in import order. */
  GPtrArray *datasets;
} DtOverviewFigures;

/* Reads every figure of the overview; @today is YYYY-MM-DD. */
DtOverviewFigures *dt_overview_figures_compute (DtStore            *store,
                                                const char         *today,
                                                guint               follow_up_days,
                                                GError            **error);
void               dt_overview_figures_free    (DtOverviewFigures  *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtOverviewFigures, dt_overview_figures_free)

G_END_DECLS
