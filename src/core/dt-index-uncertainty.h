/* dt-index-uncertainty.h — how sure a rank is, and what makes it unsure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Monte Carlo uncertainty analysis of a composite index, as COINr's
 * get_sensitivity(SA_type = "UA") does: each replication perturbs the
 * weights of chosen levels (uniformly in [w(1 − f), w(1 + f)], as
 * get_noisy_weights), may pick another normalisation or aggregation and
 * may leave one indicator out, then recomputes the index and ranks the
 * rows. A variance-based sensitivity analysis (Saltelli et al. 2010:
 * first-order indices with Saltelli's estimator, total indices with
 * Jansen's) says which of those uncertain inputs moves the ranks.
 *
 * Replication i draws its random numbers from (seed, i) alone and writes
 * its own slot, so a result is the same bit for bit whatever the number
 * of threads.
 */

#pragma once

#include <gio/gio.h>

#include "dt-index-engine.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_INDEX_UNCERTAINTY_MAX_LEVELS 10
#define DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES 5

typedef struct
{
  DtIndexNormalise  normalise;      /* the nominal methods */
  int               base_year;
  DtIndexAggregate  aggregate;
  double            noise[DT_INDEX_UNCERTAINTY_MAX_LEVELS + 1];  /* by level; 0: fixed */
  guint             n_normalise_alternatives;  /* 0: the nominal one only */
  DtIndexNormalise  normalise_alternatives[DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES];
  guint             n_aggregate_alternatives;  /* 0: the nominal one only */
  DtIndexAggregate  aggregate_alternatives[2];
  gboolean          drop_indicators;           /* leave out one indicator, or none */
  guint             replications;              /* default 1000 */
  guint64           seed;
  guint             n_threads;                 /* 0: one per core */
  guint             n_bootstrap;               /* sensitivity CIs; default 200 */
} DtIndexUncertaintySpec;

typedef struct
{
  char   *unit;
  int     year;
  double  nominal_score;
  guint   nominal_rank;
  guint   median_rank;
  guint   p5_rank;
  guint   p95_rank;
  double  mean_score;
  double  sd_score;
  guint   mode_rank;      /* the rank seen most often */
  double  mode_share;     /* in which share of the runs, 0 to 1 */
} DtIndexUncertaintyRow;

typedef struct
{
  gboolean  has_time;
  guint     replications;
  GArray   *rows;         /* DtIndexUncertaintyRow, in the order of the table */
} DtIndexUncertaintyResult;

typedef struct
{
  double first;
  double first_low;       /* 95 % bootstrap interval */
  double first_high;
  double total;
  double total_low;
  double total_high;
} DtSobolIndex;

typedef struct
{
  gboolean      has_time;
  guint         n_base;        /* N: the model ran N × (inputs + 2) times */
  GPtrArray    *inputs;        /* char *: weights:level2, normalise, aggregate, drop */
  GPtrArray    *units;         /* char * per row */
  GArray       *years;         /* int per row */
  DtSobolIndex *average;       /* per input: over every row, weighted by rank variance */
  DtSobolIndex *per_row;       /* [row × n_inputs + input] */
} DtIndexSensitivityResult;

typedef struct _DtIndexUncertainty DtIndexUncertainty;

/* Called from worker threads with the share done, 0 to 1. */
typedef void (*DtIndexProgressFunc) (double   fraction,
                                     gpointer user_data);

void                 dt_index_uncertainty_spec_init        (DtIndexUncertaintySpec *spec);
/* LEVEL:F, e.g. 2:0.25. */
gboolean             dt_index_uncertainty_spec_parse_noise (DtIndexUncertaintySpec *spec,
                                                            const char             *text,
                                                            GError                **error);
/* normalise:minmax,zscore or aggregate:amean,gmean. */
gboolean             dt_index_uncertainty_spec_parse_alternatives (DtIndexUncertaintySpec *spec,
                                                                   const char             *text,
                                                                   GError                **error);

/* Takes @table (raw values, whose framework must outlive it). Normalises
 * with every method that may be drawn and computes the nominal index; rows
 * are ranked among the rows of the same year. */
DtIndexUncertainty  *dt_index_uncertainty_new          (DtIndexTable                 *table,
                                                        const DtIndexUncertaintySpec *spec,
                                                        GError                      **error);
/* The stored index of @year and @level (city or county), from the stored
 * indicator scores (already normalised: the nominal normalisation is
 * none). The returned object owns its framework. */
DtIndexUncertainty  *dt_index_uncertainty_new_from_store (DtStore                     *store,
                                                          int                          year,
                                                          const char                  *level,
                                                          const DtIndexUncertaintySpec *spec,
                                                          GError                     **error);
void                 dt_index_uncertainty_free         (DtIndexUncertainty           *self);
DtIndexTable        *dt_index_uncertainty_get_table    (DtIndexUncertainty           *self);

DtIndexUncertaintyResult *dt_index_uncertainty_run     (DtIndexUncertainty           *self,
                                                        DtIndexProgressFunc           progress,
                                                        gpointer                      user_data,
                                                        GCancellable                 *cancellable,
                                                        GError                      **error);
/* replications is N; fails when nothing varies. */
DtIndexSensitivityResult *dt_index_sensitivity_run     (DtIndexUncertainty           *self,
                                                        DtIndexProgressFunc           progress,
                                                        gpointer                      user_data,
                                                        GCancellable                 *cancellable,
                                                        GError                      **error);

void     dt_index_uncertainty_result_free      (DtIndexUncertaintyResult *result);
void     dt_index_sensitivity_result_free      (DtIndexSensitivityResult *result);
/* uCode[,Time],nominal_score,nominal_rank,median_rank,p5_rank,p95_rank,mean_score,sd_score */
gboolean dt_index_uncertainty_result_write_csv (DtIndexUncertaintyResult *result,
                                                GOutputStream            *stream,
                                                gboolean                  with_bom,
                                                GError                  **error);
/* uCode[,Time],input,first_order,first_order_low,first_order_high,total,total_low,total_high;
 * the rows with uCode “ALL” are the average over the regions. */
gboolean dt_index_sensitivity_result_write_csv (DtIndexSensitivityResult *result,
                                                GOutputStream            *stream,
                                                gboolean                  with_bom,
                                                GError                  **error);

/* The nearest-rank @percent percentile of @n sorted values. */
guint    dt_index_nearest_rank                 (const guint  *sorted,
                                                guint         n,
                                                double        percent);
/* Sobol indices of one input group from the Saltelli design: @ya, @yb and
 * @yab (A with the group's columns from B) hold @n samples of @n_out
 * outputs each ([sample × n_out + output]). Fills @per_output (n_out, may
 * be NULL) and @average (variance-weighted over the outputs), with 95 %
 * intervals from @n_bootstrap resamples. */
void     dt_index_sobol_estimate               (const double *ya,
                                                const double *yb,
                                                const double *yab,
                                                guint         n,
                                                guint         n_out,
                                                guint         n_bootstrap,
                                                guint64       seed,
                                                DtSobolIndex *per_output,
                                                DtSobolIndex *average);
/* A uniform number in [0, 1) from a splitmix64 state. */
double   dt_index_random_uniform               (guint64      *state);
guint64  dt_index_random_seed                  (guint64       seed,
                                                guint64       stream,
                                                guint64       index);

/* The whole --uncertainty / --sensitivity command on files or on the
 * store (@store non-NULL: @year and @level choose the rows). The output
 * is written whole or not at all. */
gboolean dt_index_uncertainty_command          (DtStore                      *store,
                                                const char                   *framework_path,
                                                const char                   *data_path,
                                                int                           year,
                                                const char                   *level,
                                                const DtIndexUncertaintySpec *spec,
                                                gboolean                      sensitivity,
                                                const char                   *output_path,
                                                gboolean                      with_bom,
                                                GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexUncertainty, dt_index_uncertainty_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexUncertaintyResult, dt_index_uncertainty_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexSensitivityResult, dt_index_sensitivity_result_free)

G_END_DECLS
