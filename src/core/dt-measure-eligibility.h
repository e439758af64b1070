/* dt-measure-eligibility.h — which enterprises qualify for which measures, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-facet-index.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef enum
{
  DT_CRITERION_MET,
  DT_CRITERION_NOT_MET,
  DT_CRITERION_UNKNOWN,   /* the enterprise's data does not say */
} DtCriterionOutcome;

typedef struct
{
  char               *kind;      /* in-ftz, district, category, sector, min-trade-volume, top100-year, founded-after */
  DtCriterionOutcome  outcome;
  char               *reason;    /* one sentence in the user's language */
} DtCriterionCheck;

typedef enum
{
  DT_ELIGIBILITY_QUALIFIES,         /* every criterion met */
  DT_ELIGIBILITY_UNKNOWN,           /* none failed, some cannot be told */
  DT_ELIGIBILITY_DOES_NOT_QUALIFY,  /* at least one criterion not met */
  DT_ELIGIBILITY_NO_CRITERIA,       /* the measure carries no structured criteria */
} DtEligibilityVerdict;

/* What is known of one enterprise, from one year's listing. */
typedef struct
{
  gint64      enterprise_id;
  char       *name_zh;
  char       *name_en;
  int         year;               /* of the listing the facts come from */
  int         rank;
  gboolean    has_in_ftz;
  gboolean    in_ftz;
  char       *district;           /* county code or NULL */
  char       *category;
  char       *sector;
  gboolean    has_trade_volume;
  double      trade_volume;       /* 万元 */
  gboolean    has_founded;
  int         founded;
  GHashTable *ranks_by_year;      /* year → rank, every list the enterprise is on */
  GHashTable *list_years;         /* years whose list is in the database (a set) */
} DtEnterpriseFacts;

/* One measure against one enterprise. */
typedef struct
{
  gint64                measure_no;
  char                 *measure_title_zh;
  char                 *measure_title_en;
  gint64                enterprise_id;
  char                 *enterprise_name_zh;
  char                 *enterprise_name_en;
  int                   year;     /* the listing the enterprise's facts come from */
  int                   rank;
  DtEligibilityVerdict  verdict;
  GPtrArray            *checks;   /* DtCriterionCheck, one per criterion */
} DtEligibility;

DtEnterpriseFacts *dt_enterprise_facts_new    (void);
/* The facts of @enterprise_id from its listing in @year, or its latest
 * listing when @year is 0 or it is not on that year's list. */
DtEnterpriseFacts *dt_enterprise_facts_load   (DtStore              *store,
                                               gint64                enterprise_id,
                                               int                   year,
                                               GError              **error);
void               dt_enterprise_facts_free   (DtEnterpriseFacts    *facts);

void               dt_criterion_check_free    (DtCriterionCheck     *check);
void               dt_eligibility_free        (DtEligibility        *eligibility);

/* Checks @facts against @criteria_json (an array of {kind, value}; NULL or
 * "" means no criteria). @region_names maps county codes to the names to
 * show and may be NULL. Returns DtCriterionCheck. */
GPtrArray         *dt_measure_criteria_check  (const char           *criteria_json,
                                               const DtEnterpriseFacts *facts,
                                               GHashTable           *region_names,
                                               DtEligibilityVerdict *out_verdict);

/* Every measure, checked against one enterprise (DtEligibility, by number). */
GPtrArray         *dt_measure_eligibility_for_enterprise (DtStore  *store,
                                                          gint64    enterprise_id,
                                                          int       year,
                                                          GError  **error);
/* Every enterprise on the @year list (0: the latest), checked against one
 * measure (DtEligibility): qualifying first, then unknown, then the rest,
 * each by rank. Two queries per enterprise: the window uses the set-based
 * dt_measure_eligibility_summarise(); this is the reference test-measures
 * checks it against. */
GPtrArray         *dt_measure_eligibility_for_measure    (DtStore  *store,
                                                          gint64    no,
                                                          int       year,
                                                          GError  **error);

/* How one measure divides the enterprises of one list, judged as sets (one
 * query per figure, not one per enterprise), with a page of the ones that
 * qualify. */
typedef struct
{
  gint64     measure_no;
  int        year;                 /* the list judged; 0 when there is none */
  guint      counts[4];            /* by DtEligibilityVerdict */
  GPtrArray *qualifying;           /* DtEligibility, by rank: the first page */
} DtEligibilitySummary;

void                  dt_eligibility_summary_free (DtEligibilitySummary *summary);

/* Counts the enterprises on the @year list (0: the latest) by verdict for
 * measure @no, and returns the first @page_size (may be 0) that qualify. */
DtEligibilitySummary *dt_measure_eligibility_summarise  (DtStore       *store,
                                                         gint64         no,
                                                         int            year,
                                                         guint          page_size,
                                                         GCancellable  *cancellable,
                                                         GError       **error);
/* The qualifying enterprises @offset.. of that list (DtEligibility, by rank). */
GPtrArray            *dt_measure_eligibility_qualifying (DtStore       *store,
                                                         gint64         no,
                                                         int            year,
                                                         guint          offset,
                                                         guint          limit,
                                                         GCancellable  *cancellable,
                                                         GError       **error);

/* The same from @index's bitmaps when it is ready (else as above): the
 * counts without an SQL pass over the list, and the qualifying rows by
 * rank. The _async forms below use the live index of @path, if any. */
DtEligibilitySummary *dt_measure_eligibility_summarise_indexed  (DtStore       *store,
                                                                 DtFacetIndex  *index,
                                                                 gint64         no,
                                                                 int            year,
                                                                 guint          page_size,
                                                                 GCancellable  *cancellable,
                                                                 GError       **error);
GPtrArray            *dt_measure_eligibility_qualifying_indexed (DtStore       *store,
                                                                 DtFacetIndex  *index,
                                                                 gint64         no,
                                                                 int            year,
                                                                 guint          offset,
                                                                 guint          limit,
                                                                 GCancellable  *cancellable,
                                                                 GError       **error);

/* The same off the calling thread, on a read-only connection of its own to
 * the database at @path. */
void                  dt_measure_eligibility_summarise_async   (const char          *path,
                                                                gint64               no,
                                                                int                  year,
                                                                guint                page_size,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
DtEligibilitySummary *dt_measure_eligibility_summarise_finish  (GAsyncResult        *result,
                                                                GError             **error);
void                  dt_measure_eligibility_qualifying_async  (const char          *path,
                                                                gint64               no,
                                                                int                  year,
                                                                guint                offset,
                                                                guint                limit,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray            *dt_measure_eligibility_qualifying_finish (GAsyncResult        *result,
                                                                GError             **error);
void                  dt_measure_eligibility_for_enterprise_async  (const char          *path,
                                                                    gint64               enterprise_id,
                                                                    int                  year,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
GPtrArray            *dt_measure_eligibility_for_enterprise_finish (GAsyncResult        *result,
                                                                    GError             **error);

/* County code → name in the user's language. */
GHashTable        *dt_measure_eligibility_region_names   (DtStore  *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtEnterpriseFacts, dt_enterprise_facts_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtEligibility, dt_eligibility_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtEligibilitySummary, dt_eligibility_summary_free)

G_END_DECLS
