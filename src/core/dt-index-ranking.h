/* dt-index-ranking.h — regions ranked on one index node in one year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one query behind the Openness Index page's table and
 * `--export=index`: what is exported is what is shown, in the same order.
 */

#pragma once

#include <gio/gio.h>

#include "dt-store.h"
#include "dt-table-writer.h"

G_BEGIN_DECLS

typedef struct
{
  char   *region;
  char   *name_zh;
  char   *name_en;
  double  score;
  char   *status;          /* published, computed or imputed */
  char   *source;
  char   *source_zh;     /* the source's Chinese form, or NULL */
  guint   rank;            /* 1 is best; equal scores share a rank */
  guint   previous_rank;   /* 0: not ranked the year before */
  double  previous_score;  /* NAN when absent */
  /* Filled by the what-if view; NAN and 0 otherwise. */
  double  whatif_score;
  guint   whatif_rank;
} DtIndexRankingEntry;

typedef struct
{
  char      *code;
  int        year;
  char      *level;         /* city or county */
  GPtrArray *entries;       /* DtIndexRankingEntry, best first */
  double     average;       /* mean score of the entries */
  double     province;      /* the province's own score, NAN when absent */
  char      *province_status;
  gboolean   has_whatif;
} DtIndexRanking;

/* Prefers a published value, then computed, then imputed. */
DtIndexRanking *dt_index_ranking_query      (DtStore         *store,
                                             const char      *code,
                                             int              year,
                                             const char      *level,
                                             GError         **error);
void            dt_index_ranking_free       (DtIndexRanking  *self);
/* Ranks the entries by what-if score (1 is best); sets has_whatif. */
void            dt_index_ranking_rank_whatif (DtIndexRanking *self);
/* Rank, region code, region, score, status, source, previous rank, rank
 * change, level average, and the what-if columns when present; rows in
 * the order of @order (entries of @self, as a view sorts them) or, when it
 * is NULL, best first. */
gboolean        dt_index_ranking_write_csv  (DtIndexRanking  *self,
                                             GPtrArray       *order,
                                             GOutputStream   *stream,
                                             gboolean         with_bom,
                                             gboolean         header_keys,
                                             GError         **error);
/* The same rows through @writer (CSV or a workbook); the caller finishes it. */
gboolean        dt_index_ranking_write_table (DtIndexRanking *self,
                                             GPtrArray       *order,
                                             DtTableWriter   *writer,
                                             gboolean         header_keys,
                                             GError         **error);
/* `--export=index`: the ranking of @year (0: the latest) with the filters
 * code=NODE (default OI) and level=city|county (default city), written to
 * @output_path (NULL or "-": standard output). */
gboolean        dt_index_ranking_export     (DtStore            *store,
                                             int                 year,
                                             const char * const *filters,
                                             gboolean            header_keys,
                                             gboolean            with_bom,
                                             const char         *output_path,
                                             GError            **error);
/* The same in @format (a workbook has an About sheet). */
gboolean        dt_index_ranking_export_full (DtStore            *store,
                                             int                 year,
                                             const char * const *filters,
                                             DtTableFormat       format,
                                             gboolean            header_keys,
                                             gboolean            with_bom,
                                             const char         *output_path,
                                             GError            **error);
/* The latest year with a value of @code, or 0. */
int             dt_index_latest_year        (DtStore         *store,
                                             const char      *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexRanking, dt_index_ranking_free)

G_END_DECLS
