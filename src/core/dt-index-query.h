/* dt-index-query.h — what the index page reads of the index values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-index-engine.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *code;
  char *name_zh;
  char *name_en;
  char *level;     /* province | city | … */
  char *parent;    /* the city of a county; NULL for the province */
} DtIndexRegion;

void          dt_index_region_free            (gpointer      region);

/* The value shown for one region, year and node: published where the
 * academy released one, else computed, else imputed. FALSE when there is
 * none. @status and @source may be NULL. */
gboolean      dt_index_query_best_value       (DtStore      *store,
                                               const char   *region,
                                               int           year,
                                               const char   *code,
                                               double       *value,
                                               char        **status,
                                               char        **source);
/* The best indicator (level 1) values of every region and year, for the
 * engine; NULL on error. */
DtIndexTable *dt_index_query_indicator_table  (DtStore           *store,
                                               DtIndexFramework  *framework);
/* The years with any value, in order (int). */
GArray       *dt_index_query_years            (DtStore      *store);
/* The latest year with published city figures (the academy's own
 * ranking), or 0. */
int           dt_index_query_ranking_year     (DtStore      *store);
/* The regions with any value (DtIndexRegion): the province, the cities,
 * then the rest, each in their order. */
GPtrArray    *dt_index_query_regions          (DtStore      *store);
/* The best value of @code for @region in each of @years (NAN where there
 * is none); free with g_free(). */
double       *dt_index_query_trend            (DtStore      *store,
                                               const char   *region,
                                               const char   *code,
                                               const int    *years,
                                               guint         n_years);

G_END_DECLS
