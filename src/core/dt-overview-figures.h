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

/* One year of the province's index: the best value stored (published
 * where the academy released one, else computed). */
typedef struct
{
  int      year;
  double   value;
  gboolean published;
} DtOverviewIndexPoint;

/* A city on the latest index year and the latest list. */
typedef struct
{
  char    *code;
  char    *name_zh;
  char    *name_en;
  double   score;          /* NAN when the index has no value */
  gboolean published;
  int      enterprises;    /* on the latest list */
  double   volume;         /* 10,000 yuan, on the latest list */
} DtOverviewCity;

/* One of the leading enterprises of the latest list. */
typedef struct
{
  int      rank;
  char    *name_zh;
  char    *name_en;
  char    *city;
  char    *category;
  double   volume;         /* 10,000 yuan, NAN when unknown */
} DtOverviewEnterprise;

/* Listed enterprises sharing one value (a category). */
typedef struct
{
  char    *key;
  int      count;
  double   volume;
} DtOverviewGroup;

typedef struct
{
  /* The latest published value of the root index node for Zhejiang. */
  gboolean   has_index;
  int        index_year;
  double     index_value;
  char      *index_source;
  /* The province's index in its latest year (best value), and the year before. */
  gboolean   has_latest_index;
  DtOverviewIndexPoint latest_index;
  char      *latest_index_source;
  gboolean   has_previous_index;
  DtOverviewIndexPoint previous_index;
  /* DtOverviewIndexPoint per year, in order. */
  GArray    *index_trend;
  /* DtOverviewCity: every city, best score of @city_year first; 0 when no scores. */
  int        city_year;
  GPtrArray *cities;
  /* The latest enterprise list. */
  gboolean   has_list;
  int        list_year;
  int        list_count;
  double     list_volume;      /* 10,000 yuan */
  gboolean   list_sample;
  char      *list_source;
  /* The list of the year before, when there is one. */
  gboolean   has_previous_list;
  int        previous_list_year;
  int        previous_list_count;
  double     previous_list_volume;
  /* DtOverviewEnterprise: the leading ten of the latest list. */
  GPtrArray *leaders;
  /* DtOverviewGroup: the latest list by category, largest count first. */
  GPtrArray *list_categories;
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

#define DT_OVERVIEW_LEADERS 10

/* Reads every figure of the overview; @today is YYYY-MM-DD. */
DtOverviewFigures *dt_overview_figures_compute (DtStore            *store,
                                                const char         *today,
                                                guint               follow_up_days,
                                                GError            **error);
void               dt_overview_figures_free    (DtOverviewFigures  *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtOverviewFigures, dt_overview_figures_free)

G_END_DECLS
