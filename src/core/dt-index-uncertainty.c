/* dt-index-uncertainty.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-uncertainty"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-csv-writer.h"
#include "dt-error.h"
#include "dt-index-query.h"
#include "dt-index-ranking.h"
#include "dt-index-uncertainty.h"
#include "dt-output.h"

/* The random numbers of one model run: the normalisation, the aggregation,
 * the dropped indicator, then one per framework node (its weight). */
enum { U_NORMALISE, U_AGGREGATE, U_DROP, U_WEIGHTS };

/* Streams of random numbers, so that no two uses share one. */
enum { STREAM_UNCERTAINTY, STREAM_SALTELLI_A, STREAM_SALTELLI_B, STREAM_BOOTSTRAP };

struct _DtIndexUncertainty
{
  DtIndexFramework       *owned_framework;   /* from the store */
  DtIndexFramework       *framework;
  DtIndexTable           *raw;
  DtIndexUncertaintySpec  spec;
  guint                   n_normalise;
  DtIndexNormalise        normalise[DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES];
  guint                   n_aggregate;
  DtIndexAggregate        aggregate[2];
  DtIndexTable           *normalised[DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES];
  DtIndexTable           *positive[DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES];  /* for gmean */
  GArray                 *indicators;        /* guint: the nodes of level 1 */
  guint                   n_rows;
  guint                   n_nodes;
  guint                   n_dims;
  guint                   root;
  guint                  *group;             /* per row: rows of one year rank together */
  double                 *nominal_scores;
  guint                  *nominal_ranks;
};

/* Random numbers */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

double
dt_index_random_uniform (guint64 *state)
{
  return (splitmix64 (state) >> 11) * 0x1.0p-53;
}

/* One independent sequence per (seed, stream, index): a replication's
 * numbers do not depend on which thread ran it, or when. */
guint64
dt_index_random_seed (guint64 seed,
                      guint64 stream,
                      guint64 index)
{
  guint64 state = seed;
  guint64 mixed = splitmix64 (&state);

  state = mixed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  mixed = splitmix64 (&state);
  state = mixed ^ index;
  splitmix64 (&state);
  return state;
}

/* Specification */

void
dt_index_uncertainty_spec_init (DtIndexUncertaintySpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->normalise = DT_INDEX_NORMALISE_MINMAX;
  spec->aggregate = DT_INDEX_AGGREGATE_AMEAN;
  spec->replications = 1000;
  spec->n_bootstrap = 200;
}

gboolean
dt_index_uncertainty_spec_parse_noise (DtIndexUncertaintySpec  *spec,
                                       const char              *text,
                                       GError                 **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  guint64 level = 0;
  double factor = 0;
  char *end = NULL;

  if (g_strv_length (parts) == 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, DT_INDEX_UNCERTAINTY_MAX_LEVELS, &level, NULL))
    {
      factor = g_ascii_strtod (parts[1], &end);
      if (end != parts[1] && *end == '\0' && factor >= 0 && factor <= 1)
        {
          spec->noise[level] = factor;
          return TRUE;
        }
    }
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("--noise=%s: expected LEVEL:FACTOR with a level from 1 to %d and a factor from 0 to 1, e.g. --noise=2:0.25"),
               text, DT_INDEX_UNCERTAINTY_MAX_LEVELS);
  return FALSE;
}

gboolean
dt_index_uncertainty_spec_parse_alternatives (DtIndexUncertaintySpec  *spec,
                                              const char              *text,
                                              GError                 **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  g_auto(GStrv) names = NULL;

  if (g_strv_length (parts) != 2)
    goto invalid;
  names = g_strsplit (parts[1], ",", -1);
  if (g_str_equal (parts[0], "normalise"))
    {
      spec->n_normalise_alternatives = 0;
      for (guint i = 0; names[i] != NULL; i++)
        {
          DtIndexNormalise method;

          if (spec->n_normalise_alternatives == DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES ||
              !dt_index_normalise_from_string (g_strstrip (names[i]), &method))
            goto invalid;
          spec->normalise_alternatives[spec->n_normalise_alternatives++] = method;
        }
      return TRUE;
    }
  if (g_str_equal (parts[0], "aggregate"))
    {
      spec->n_aggregate_alternatives = 0;
      for (guint i = 0; names[i] != NULL; i++)
        {
          DtIndexAggregate method;

          if (spec->n_aggregate_alternatives == 2 ||
              !dt_index_aggregate_from_string (g_strstrip (names[i]), &method))
            goto invalid;
          spec->aggregate_alternatives[spec->n_aggregate_alternatives++] = method;
        }
      return TRUE;
    }

invalid:
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("--alternatives=%s: expected normalise:METHOD,METHOD… (none, base-year, minmax, zscore, goalposts) or aggregate:amean,gmean"),
               text);
  return FALSE;
}

/* Setting up */

/* gmean needs values above 0: an indicator with a value at or below 0
 * (min-max gives 0, z-scores go below) is shifted so that its lowest
 * value is 1, as COINr's examples rescale min-max to [1, 100]. */
static void
make_positive (DtIndexUncertainty *self,
               DtIndexTable       *table)
{
  for (guint k = 0; k < self->indicators->len; k++)
    {
      guint node = g_array_index (self->indicators, guint, k);
      double lo = INFINITY;

      for (guint r = 0; r < self->n_rows; r++)
        {
          double x = dt_index_table_get_value (table, r, node);

          if (!isnan (x))
            lo = MIN (lo, x);
        }
      if (isinf (lo) || lo > 0)
        continue;
      for (guint r = 0; r < self->n_rows; r++)
        dt_index_table_set_value (table, r, node, dt_index_table_get_value (table, r, node) + 1.0 - lo);
    }
}

/* 1 is best; equal scores share a rank; a missing score comes last. */
static void
rank_scores (DtIndexUncertainty *self,
             const double       *scores,
             guint              *ranks)
{
  for (guint r = 0; r < self->n_rows; r++)
    {
      guint rank = 1;

      for (guint s = 0; s < self->n_rows; s++)
        if (self->group[s] == self->group[r] && !isnan (scores[s]) &&
            (isnan (scores[r]) || scores[s] > scores[r]))
          rank++;
      ranks[r] = rank;
    }
}

DtIndexUncertainty *
dt_index_uncertainty_new (DtIndexTable                 *table,
                          const DtIndexUncertaintySpec *spec,
                          GError                      **error)
{
  g_autoptr(DtIndexUncertainty) self = g_new0 (DtIndexUncertainty, 1);
  g_autoptr(DtIndexTable) nominal = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean gmean = spec->aggregate == DT_INDEX_AGGREGATE_GMEAN;
  gboolean found_root = FALSE;

  g_return_val_if_fail (table != NULL && spec != NULL, NULL);

  self->framework = dt_index_table_get_framework (table);
  self->spec = *spec;
  if (self->spec.replications == 0)
    self->spec.replications = 1000;
  self->n_rows = dt_index_table_get_n_rows (table);
  self->n_nodes = dt_index_framework_get_n_nodes (self->framework);
  self->n_dims = U_WEIGHTS + self->n_nodes;
  self->indicators = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const DtIndexNode *node = dt_index_framework_get_node (self->framework, i);

      if (node->level == 1)
        g_array_append_val (self->indicators, i);
      if (node->parent == NULL && !found_root)
        {
          self->root = i;
          found_root = TRUE;
        }
    }
  if (!found_root || self->n_rows == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s: there is nothing to rank; expected a framework with a root and at least one row of data"),
                   dt_index_framework_get_file_name (self->framework));
      return NULL;
    }

  self->group = g_new0 (guint, self->n_rows);
  for (guint r = 0; r < self->n_rows; r++)
    {
      int year = dt_index_table_get_year (table, r);
      guint g = 0;

      while (g < years->len && g_array_index (years, int, g) != year)
        g++;
      if (g == years->len)
        g_array_append_val (years, year);
      self->group[r] = g;
    }

  if (spec->n_normalise_alternatives > 0)
    {
      self->n_normalise = spec->n_normalise_alternatives;
      memcpy (self->normalise, spec->normalise_alternatives, sizeof self->normalise);
    }
  else
    {
      self->n_normalise = 1;
      self->normalise[0] = spec->normalise;
    }
  if (spec->n_aggregate_alternatives > 0)
    {
      self->n_aggregate = spec->n_aggregate_alternatives;
      memcpy (self->aggregate, spec->aggregate_alternatives, sizeof self->aggregate);
    }
  else
    {
      self->n_aggregate = 1;
      self->aggregate[0] = spec->aggregate;
    }
  for (guint i = 0; i < self->n_aggregate; i++)
    gmean |= self->aggregate[i] == DT_INDEX_AGGREGATE_GMEAN;

  /* The nominal index, exactly as --compute-index gives it. */
  nominal = dt_index_table_copy (table, NULL);
  if (!dt_index_normalise (nominal, spec->normalise, spec->base_year, error) ||
      !dt_index_aggregate (nominal, spec->aggregate, error))
    return NULL;
  self->nominal_scores = g_new (double, self->n_rows);
  self->nominal_ranks = g_new (guint, self->n_rows);
  for (guint r = 0; r < self->n_rows; r++)
    self->nominal_scores[r] = dt_index_table_get_value (nominal, r, self->root);
  rank_scores (self, self->nominal_scores, self->nominal_ranks);

  /* Normalisation does not depend on the weights: once per method. */
  for (guint i = 0; i < self->n_normalise; i++)
    {
      self->normalised[i] = dt_index_table_copy (table, NULL);
      if (!dt_index_normalise (self->normalised[i], self->normalise[i], spec->base_year, error))
        return NULL;
      if (gmean)
        {
          self->positive[i] = dt_index_table_copy (self->normalised[i], NULL);
          make_positive (self, self->positive[i]);
        }
    }
  /* Owned only on success: on failure the caller still has it. */
  self->raw = table;
  return g_steal_pointer (&self);
}

DtIndexUncertainty *
dt_index_uncertainty_new_from_store (DtStore                      *store,
                                     int                           year,
                                     const char                   *level,
                                     const DtIndexUncertaintySpec *spec,
                                     GError                      **error)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) all = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  DtIndexUncertainty *self;
  guint n_nodes;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (level == NULL)
    level = "city";
  framework = dt_index_framework_new_from_store (store, error);
  if (framework == NULL)
    return NULL;
  all = dt_index_query_indicator_table (store, framework);
  if (all == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED, _("The stored index values could not be read"));
      return NULL;
    }
  if (year == 0)
    {
      for (guint r = 0; r < dt_index_table_get_n_rows (all); r++)
        year = MAX (year, dt_index_table_get_year (all, r));
    }

  /* The rows of one year and level, in the regions' own order. */
  n_nodes = dt_index_framework_get_n_nodes (framework);
  table = dt_index_table_new (framework, TRUE, "index_values");
  regions = dt_index_query_regions (store);
  for (guint i = 0; i < regions->len; i++)
    {
      DtIndexRegion *region = g_ptr_array_index (regions, i);
      int from = dt_index_table_find_row (all, region->code, year);
      guint to;

      if (from < 0 || g_strcmp0 (region->level, level) != 0)
        continue;
      to = dt_index_table_add_row (table, region->code, year, 0);
      for (guint n = 0; n < n_nodes; n++)
        dt_index_table_set_value (table, to, n, dt_index_table_get_value (all, from, n));
    }
  if (dt_index_table_get_n_rows (table) < 2)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("The database has indicator values for fewer than two regions of level “%s” in %d; expected --level=city or county and a year with values"),
                   level, year);
      return NULL;
    }

  self = dt_index_uncertainty_new (table, spec, error);
  if (self == NULL)
    return NULL;
  g_steal_pointer (&table);
  self->owned_framework = g_steal_pointer (&framework);
  return self;
}

void
dt_index_uncertainty_free (DtIndexUncertainty *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES; i++)
    {
      g_clear_pointer (&self->normalised[i], dt_index_table_free);
      g_clear_pointer (&self->positive[i], dt_index_table_free);
    }
  g_clear_pointer (&self->raw, dt_index_table_free);
  g_clear_pointer (&self->owned_framework, dt_index_framework_free);
  g_clear_pointer (&self->indicators, g_array_unref);
  g_free (self->group);
  g_free (self->nominal_scores);
  g_free (self->nominal_ranks);
  g_free (self);
}

DtIndexTable *
dt_index_uncertainty_get_table (DtIndexUncertainty *self)
{
  return self->raw;
}

/* Workers */

typedef struct
{
  DtIndexFramework *framework;   /* weights of its own */
  DtIndexTable     *tables[DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES];
  DtIndexTable     *positive[DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES];
  double           *u;
  double           *scores;
  guint            *ranks;
} Worker;

static Worker *
worker_new (DtIndexUncertainty *self)
{
  Worker *w = g_new0 (Worker, 1);

  w->framework = dt_index_framework_copy (self->framework);
  for (guint i = 0; i < self->n_normalise; i++)
    {
      w->tables[i] = dt_index_table_copy (self->normalised[i], w->framework);
      if (self->positive[i] != NULL)
        w->positive[i] = dt_index_table_copy (self->positive[i], w->framework);
    }
  w->u = g_new (double, self->n_dims * 2);
  w->scores = g_new (double, self->n_rows);
  w->ranks = g_new (guint, self->n_rows);
  return w;
}

static void
worker_free (Worker *w)
{
  for (guint i = 0; i < DT_INDEX_UNCERTAINTY_MAX_ALTERNATIVES; i++)
    {
      g_clear_pointer (&w->tables[i], dt_index_table_free);
      g_clear_pointer (&w->positive[i], dt_index_table_free);
    }
  dt_index_framework_free (w->framework);
  g_free (w->u);
  g_free (w->scores);
  g_free (w->ranks);
  g_free (w);
}

static guint
pick (double u,
      guint  n)
{
  return MIN ((guint)(u * n), n - 1);
}

/* One model run: the index of every row for the inputs @u. */
static gboolean
evaluate (DtIndexUncertainty  *self,
          Worker              *w,
          const double        *u,
          GError             **error)
{
  guint a = pick (u[U_NORMALISE], self->n_normalise);
  DtIndexAggregate aggregate = self->aggregate[pick (u[U_AGGREGATE], self->n_aggregate)];
  int drop = -1;
  DtIndexTable *table;

  if (self->spec.drop_indicators)
    {
      /* None, or one of the indicators, each as likely. */
      guint k = pick (u[U_DROP], self->indicators->len + 1);

      if (k > 0)
        drop = g_array_index (self->indicators, guint, k - 1);
    }
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const DtIndexNode *node = dt_index_framework_get_node (self->framework, i);
      double f = node->level >= 1 && node->level <= DT_INDEX_UNCERTAINTY_MAX_LEVELS ? self->spec.noise[node->level] : 0;
      double weight = node->weight;

      /* As COINr's get_noisy_weights: uniform in [w(1 − f), w(1 + f)]. */
      if (f > 0)
        weight = node->weight * (1 - f + 2 * f * u[U_WEIGHTS + i]);
      if ((int)i == drop)
        weight = 0;
      dt_index_framework_set_weight (w->framework, i, weight);
    }
  table = aggregate == DT_INDEX_AGGREGATE_GMEAN ? w->positive[a] : w->tables[a];
  if (!dt_index_aggregate (table, aggregate, error))
    return FALSE;
  for (guint r = 0; r < self->n_rows; r++)
    w->scores[r] = dt_index_table_get_value (table, r, self->root);
  rank_scores (self, w->scores, w->ranks);
  return TRUE;
}

static void
draw_inputs (DtIndexUncertainty *self,
             guint64             stream,
             guint64             index,
             double             *u)
{
  guint64 state = dt_index_random_seed (self->spec.seed, stream, index);

  for (guint d = 0; d < self->n_dims; d++)
    u[d] = dt_index_random_uniform (&state);
}

typedef struct _Run Run;
typedef gboolean (*JobFunc) (Run *run, Worker *w, guint job, GError **error);

struct _Run
{
  DtIndexUncertainty  *self;
  guint                n_jobs;
  JobFunc              func;
  gpointer             data;
  int                  next;
  int                  done;
  int                  stop;
  int                  last_percent;
  GMutex               lock;
  GError              *error;
  GCancellable        *cancellable;
  DtIndexProgressFunc  progress;
  gpointer             user_data;
};

static gpointer
run_thread (gpointer data)
{
  Run *run = data;
  Worker *w = worker_new (run->self);

  while (!g_atomic_int_get (&run->stop))
    {
      guint job = (guint)g_atomic_int_add (&run->next, 1);
      g_autoptr(GError) error = NULL;
      int done, percent, last;

      if (job >= run->n_jobs)
        break;
      if (g_cancellable_is_cancelled (run->cancellable))
        {
          g_atomic_int_set (&run->stop, TRUE);
          break;
        }
      if (!run->func (run, w, job, &error))
        {
          g_mutex_lock (&run->lock);
          if (run->error == NULL)
            run->error = g_steal_pointer (&error);
          g_mutex_unlock (&run->lock);
          g_atomic_int_set (&run->stop, TRUE);
          break;
        }
      done = g_atomic_int_add (&run->done, 1) + 1;
      percent = (int)((gint64)done * 100 / run->n_jobs);
      last = g_atomic_int_get (&run->last_percent);
      if (run->progress != NULL && percent > last &&
          g_atomic_int_compare_and_exchange (&run->last_percent, last, percent))
        run->progress (percent / 100.0, run->user_data);
    }
  worker_free (w);
  return NULL;
}

/* Runs jobs 0 … n_jobs − 1 on every core; each writes its own slot. */
static gboolean
run_jobs (DtIndexUncertainty   *self,
          guint                 n_jobs,
          JobFunc               func,
          gpointer              data,
          DtIndexProgressFunc   progress,
          gpointer              user_data,
          GCancellable         *cancellable,
          GError              **error)
{
  Run run = { self, n_jobs, func, data, 0, 0, FALSE, -1, { 0 }, NULL, cancellable, progress, user_data };
  guint n_threads = self->spec.n_threads > 0 ? self->spec.n_threads : g_get_num_processors ();
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  g_mutex_init (&run.lock);
  n_threads = CLAMP (n_threads, 1, MAX (n_jobs, 1));
  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("dt-uncertainty", run_thread, &run));
  run_thread (&run);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_mutex_clear (&run.lock);

  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

/* Uncertainty */

typedef struct
{
  double *scores;   /* [replication × n_rows] */
  guint  *ranks;
} Replications;

static gboolean
uncertainty_job (Run     *run,
                 Worker  *w,
                 guint    job,
                 GError **error)
{
  DtIndexUncertainty *self = run->self;
  Replications *out = run->data;

  draw_inputs (self, STREAM_UNCERTAINTY, job, w->u);
  if (!evaluate (self, w, w->u, error))
    return FALSE;
  memcpy (out->scores + (gsize)job * self->n_rows, w->scores, self->n_rows * sizeof (double));
  memcpy (out->ranks + (gsize)job * self->n_rows, w->ranks, self->n_rows * sizeof (guint));
  return TRUE;
}

guint
dt_index_nearest_rank (const guint *sorted,
                       guint        n,
                       double       percent)
{
  /* The smallest value with at least percent % of the values at or below
   * it; the small margin keeps 5 % of 1000 at the 50th value. */
  double k = ceil (percent / 100.0 * n - 1e-9);

  if (n == 0)
    return 0;
  return sorted[(guint)CLAMP (k, 1, n) - 1];
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

DtIndexUncertaintyResult *
dt_index_uncertainty_run (DtIndexUncertainty   *self,
                          DtIndexProgressFunc   progress,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  guint n = self->spec.replications;
  Replications out = { g_new (double, (gsize)n * self->n_rows), g_new (guint, (gsize)n * self->n_rows) };
  g_autofree guint *column = g_new (guint, n);
  DtIndexUncertaintyResult *result;

  g_return_val_if_fail (self != NULL, NULL);

  if (!run_jobs (self, n, uncertainty_job, &out, progress, user_data, cancellable, error))
    {
      g_free (out.scores);
      g_free (out.ranks);
      return NULL;
    }

  result = g_new0 (DtIndexUncertaintyResult, 1);
  result->has_time = dt_index_table_has_time (self->raw);
  result->replications = n;
  result->rows = g_array_sized_new (FALSE, TRUE, sizeof (DtIndexUncertaintyRow), self->n_rows);
  for (guint r = 0; r < self->n_rows; r++)
    {
      DtIndexUncertaintyRow row = { 0 };
      double sum = 0, ss = 0, mean;
      guint present = 0, run_length = 0, best_length = 0;

      row.unit = g_strdup (dt_index_table_get_unit (self->raw, r));
      row.year = dt_index_table_get_year (self->raw, r);
      row.nominal_score = self->nominal_scores[r];
      row.nominal_rank = self->nominal_ranks[r];
      /* Sums in replication order: the same whatever ran where. */
      for (guint i = 0; i < n; i++)
        {
          double x = out.scores[(gsize)i * self->n_rows + r];

          column[i] = out.ranks[(gsize)i * self->n_rows + r];
          if (!isnan (x))
            {
              sum += x;
              present++;
            }
        }
      mean = present > 0 ? sum / present : NAN;
      for (guint i = 0; i < n; i++)
        {
          double x = out.scores[(gsize)i * self->n_rows + r];

          if (!isnan (x))
            ss += (x - mean) * (x - mean);
        }
      row.mean_score = mean;
      row.sd_score = present > 1 ? sqrt (ss / (present - 1)) : present == 1 ? 0 : NAN;
      qsort (column, n, sizeof (guint), compare_guint);
      row.median_rank = dt_index_nearest_rank (column, n, 50);
      row.p5_rank = dt_index_nearest_rank (column, n, 5);
      row.p95_rank = dt_index_nearest_rank (column, n, 95);
      for (guint i = 0; i < n; i++)
        {
          run_length = i > 0 && column[i] == column[i - 1] ? run_length + 1 : 1;
          /* Ties go to the better rank. */
          if (run_length > best_length)
            {
              best_length = run_length;
              row.mode_rank = column[i];
              row.mode_share = (double)run_length / n;
            }
        }
      g_array_append_val (result->rows, row);
    }
  g_free (out.scores);
  g_free (out.ranks);
  return result;
}

void
dt_index_uncertainty_result_free (DtIndexUncertaintyResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < result->rows->len; i++)
    g_free (g_array_index (result->rows, DtIndexUncertaintyRow, i).unit);
  g_array_unref (result->rows);
  g_free (result);
}

gboolean
dt_index_uncertainty_result_write_csv (DtIndexUncertaintyResult  *result,
                                       GOutputStream             *stream,
                                       gboolean                   with_bom,
                                       GError                   **error)
{
  g_autoptr(DtCsvWriter) writer = dt_csv_writer_new (stream, with_bom);
  const char *header[] = { "nominal_score", "nominal_rank", "median_rank", "p5_rank", "p95_rank",
                           "mean_score", "sd_score" };

  dt_csv_writer_add_text (writer, "uCode");
  if (result->has_time)
    dt_csv_writer_add_text (writer, "Time");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    dt_csv_writer_add_text (writer, header[i]);
  if (!dt_csv_writer_end_row (writer, NULL, error))
    return FALSE;
  for (guint i = 0; i < result->rows->len; i++)
    {
      const DtIndexUncertaintyRow *row = &g_array_index (result->rows, DtIndexUncertaintyRow, i);

      dt_csv_writer_add_text (writer, row->unit);
      if (result->has_time)
        dt_csv_writer_add_int (writer, row->year);
      if (isnan (row->nominal_score))
        dt_csv_writer_add_empty (writer);
      else
        dt_csv_writer_add_double_full (writer, row->nominal_score);
      dt_csv_writer_add_int (writer, row->nominal_rank);
      dt_csv_writer_add_int (writer, row->median_rank);
      dt_csv_writer_add_int (writer, row->p5_rank);
      dt_csv_writer_add_int (writer, row->p95_rank);
      if (isnan (row->mean_score))
        dt_csv_writer_add_empty (writer);
      else
        dt_csv_writer_add_double_full (writer, row->mean_score);
      if (isnan (row->sd_score))
        dt_csv_writer_add_empty (writer);
      else
        dt_csv_writer_add_double_full (writer, row->sd_score);
      if (!dt_csv_writer_end_row (writer, NULL, error))
        return FALSE;
    }
  return dt_csv_writer_flush (writer, NULL, error);
}

/* Sensitivity */

typedef struct
{
  char  *name;
  GArray *dims;    /* guint: the columns of u the group owns */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->name);
  g_array_unref (group->dims);
  g_free (group);
}

static GPtrArray *
make_groups (DtIndexUncertainty *self)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);

  for (int level = 1; level <= DT_INDEX_UNCERTAINTY_MAX_LEVELS; level++)
    {
      Group *group;

      if (!(self->spec.noise[level] > 0))
        continue;
      group = g_new0 (Group, 1);
      group->name = g_strdup_printf ("weights:level%d", level);
      group->dims = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < self->n_nodes; i++)
        {
          const DtIndexNode *node = dt_index_framework_get_node (self->framework, i);
          guint d = U_WEIGHTS + i;

          /* The root's own weight changes nothing. */
          if (node->level == level && node->parent != NULL)
            g_array_append_val (group->dims, d);
        }
      if (group->dims->len > 0)
        g_ptr_array_add (groups, group);
      else
        group_free (group);
    }
  if (self->n_normalise > 1)
    {
      Group *group = g_new0 (Group, 1);
      guint d = U_NORMALISE;

      group->name = g_strdup ("normalise");
      group->dims = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (group->dims, d);
      g_ptr_array_add (groups, group);
    }
  if (self->n_aggregate > 1)
    {
      Group *group = g_new0 (Group, 1);
      guint d = U_AGGREGATE;

      group->name = g_strdup ("aggregate");
      group->dims = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (group->dims, d);
      g_ptr_array_add (groups, group);
    }
  if (self->spec.drop_indicators)
    {
      Group *group = g_new0 (Group, 1);
      guint d = U_DROP;

      group->name = g_strdup ("drop");
      group->dims = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (group->dims, d);
      g_ptr_array_add (groups, group);
    }
  return groups;
}

typedef struct
{
  GPtrArray *groups;
  double   **y;       /* [2 + groups] arrays of [sample × n_rows]: ranks */
} Saltelli;

static gboolean
saltelli_job (Run     *run,
              Worker  *w,
              guint    job,
              GError **error)
{
  DtIndexUncertainty *self = run->self;
  Saltelli *design = run->data;
  guint n_matrices = 2 + design->groups->len;
  guint sample = job / n_matrices;
  guint matrix = job % n_matrices;
  double *ua = w->u, *ub = w->u + self->n_dims;
  double *y;

  draw_inputs (self, STREAM_SALTELLI_A, sample, ua);
  if (matrix == 1)
    draw_inputs (self, STREAM_SALTELLI_B, sample, ua);
  else if (matrix >= 2)
    {
      /* A with the columns of one group taken from B. */
      Group *group = g_ptr_array_index (design->groups, matrix - 2);

      draw_inputs (self, STREAM_SALTELLI_B, sample, ub);
      for (guint k = 0; k < group->dims->len; k++)
        {
          guint d = g_array_index (group->dims, guint, k);

          ua[d] = ub[d];
        }
    }
  if (!evaluate (self, w, ua, error))
    return FALSE;
  y = design->y[matrix] + (gsize)sample * self->n_rows;
  for (guint r = 0; r < self->n_rows; r++)
    y[r] = w->ranks[r];
  return TRUE;
}

/* First-order (Saltelli 2010, Table 2 b) and total (Jansen, Table 2 f)
 * effects of the samples @idx, per output and pooled. */
static void
sobol_point (const double *ya,
             const double *yb,
             const double *yab,
             const guint  *idx,
             guint         n,
             guint         n_out,
             double       *first,
             double       *total,
             double       *average_first,
             double       *average_total)
{
  double sum_var = 0, sum_v = 0, sum_e = 0;

  for (guint o = 0; o < n_out; o++)
    {
      double mean = 0, var = 0, v = 0, e = 0;

      for (guint i = 0; i < n; i++)
        mean += ya[(gsize)idx[i] * n_out + o] + yb[(gsize)idx[i] * n_out + o];
      mean /= 2.0 * n;
      for (guint i = 0; i < n; i++)
        {
          gsize at = (gsize)idx[i] * n_out + o;
          double a = ya[at] - mean, b = yb[at] - mean;

          var += a * a + b * b;
          /* Centred, as SALib does: the same expectation, far less
           * variance when the outputs are far from 0 (ranks are). */
          v += b * (yab[at] - ya[at]);
          e += (ya[at] - yab[at]) * (ya[at] - yab[at]);
        }
      var /= 2.0 * n - 1;
      v /= n;
      e /= 2.0 * n;
      /* An output that never changes owes nothing to any input. */
      if (first != NULL)
        {
          first[o] = var > 1e-12 ? v / var : 0;
          total[o] = var > 1e-12 ? e / var : 0;
        }
      if (var > 1e-12)
        {
          sum_var += var;
          sum_v += v;
          sum_e += e;
        }
    }
  *average_first = sum_var > 0 ? sum_v / sum_var : 0;
  *average_total = sum_var > 0 ? sum_e / sum_var : 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
interval (double *values,
          guint   n,
          double *low,
          double *high)
{
  if (n == 0)
    {
      *low = *high = NAN;
      return;
    }
  qsort (values, n, sizeof (double), compare_double);
  *low = values[(guint)CLAMP (ceil (0.025 * n - 1e-9), 1, n) - 1];
  *high = values[(guint)CLAMP (ceil (0.975 * n - 1e-9), 1, n) - 1];
}

void
dt_index_sobol_estimate (const double *ya,
                         const double *yb,
                         const double *yab,
                         guint         n,
                         guint         n_out,
                         guint         n_bootstrap,
                         guint64       seed,
                         DtSobolIndex *per_output,
                         DtSobolIndex *average)
{
  g_autofree guint *idx = g_new (guint, n);
  g_autofree double *first = g_new (double, n_out);
  g_autofree double *total = g_new (double, n_out);
  g_autofree double *boot_first = g_new (double, (gsize)n_bootstrap * (n_out + 1));
  g_autofree double *boot_total = g_new (double, (gsize)n_bootstrap * (n_out + 1));
  g_autofree double *column = g_new (double, MAX (n_bootstrap, 1));
  guint64 state = dt_index_random_seed (seed, STREAM_BOOTSTRAP, 0);

  for (guint i = 0; i < n; i++)
    idx[i] = i;
  sobol_point (ya, yb, yab, idx, n, n_out, first, total, &average->first, &average->total);
  for (guint o = 0; per_output != NULL && o < n_out; o++)
    {
      per_output[o].first = first[o];
      per_output[o].total = total[o];
    }

  /* Resampling the N rows of the design, as COINr's bootstrap does. */
  for (guint b = 0; b < n_bootstrap; b++)
    {
      double *bf = boot_first + (gsize)b * (n_out + 1);
      double *bt = boot_total + (gsize)b * (n_out + 1);

      for (guint i = 0; i < n; i++)
        idx[i] = (guint)(dt_index_random_uniform (&state) * n);
      sobol_point (ya, yb, yab, idx, n, n_out, bf, bt, &bf[n_out], &bt[n_out]);
    }
  for (guint o = 0; o <= n_out; o++)
    {
      DtSobolIndex *target = o == n_out ? average : per_output != NULL ? &per_output[o] : NULL;

      if (target == NULL)
        continue;
      for (guint b = 0; b < n_bootstrap; b++)
        column[b] = boot_first[(gsize)b * (n_out + 1) + o];
      interval (column, n_bootstrap, &target->first_low, &target->first_high);
      for (guint b = 0; b < n_bootstrap; b++)
        column[b] = boot_total[(gsize)b * (n_out + 1) + o];
      interval (column, n_bootstrap, &target->total_low, &target->total_high);
    }
}

DtIndexSensitivityResult *
dt_index_sensitivity_run (DtIndexUncertainty   *self,
                          DtIndexProgressFunc   progress,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(GPtrArray) groups = make_groups (self);
  guint n = self->spec.replications;
  guint n_groups = groups->len;
  Saltelli design = { groups, NULL };
  DtIndexSensitivityResult *result;
  g_autofree DtSobolIndex *per_row = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (n_groups == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("Nothing varies, so there is nothing to attribute; expected --noise=LEVEL:F, --alternatives=… or --drop-indicators"));
      return NULL;
    }
  design.y = g_new0 (double *, 2 + n_groups);
  for (guint m = 0; m < 2 + n_groups; m++)
    design.y[m] = g_new (double, (gsize)n * self->n_rows);
  if (!run_jobs (self, n * (2 + n_groups), saltelli_job, &design, progress, user_data, cancellable, error))
    {
      for (guint m = 0; m < 2 + n_groups; m++)
        g_free (design.y[m]);
      g_free (design.y);
      return NULL;
    }

  result = g_new0 (DtIndexSensitivityResult, 1);
  result->has_time = dt_index_table_has_time (self->raw);
  result->n_base = n;
  result->inputs = g_ptr_array_new_with_free_func (g_free);
  result->units = g_ptr_array_new_with_free_func (g_free);
  result->years = g_array_new (FALSE, FALSE, sizeof (int));
  result->average = g_new0 (DtSobolIndex, n_groups);
  result->per_row = g_new0 (DtSobolIndex, (gsize)self->n_rows * n_groups);
  for (guint r = 0; r < self->n_rows; r++)
    {
      int year = dt_index_table_get_year (self->raw, r);

      g_ptr_array_add (result->units, g_strdup (dt_index_table_get_unit (self->raw, r)));
      g_array_append_val (result->years, year);
    }
  per_row = g_new0 (DtSobolIndex, self->n_rows);
  for (guint k = 0; k < n_groups; k++)
    {
      g_ptr_array_add (result->inputs, g_strdup (((Group *)g_ptr_array_index (groups, k))->name));
      dt_index_sobol_estimate (design.y[0], design.y[1], design.y[2 + k], n, self->n_rows,
                               self->spec.n_bootstrap, self->spec.seed + k, per_row, &result->average[k]);
      for (guint r = 0; r < self->n_rows; r++)
        result->per_row[(gsize)r * n_groups + k] = per_row[r];
    }
  for (guint m = 0; m < 2 + n_groups; m++)
    g_free (design.y[m]);
  g_free (design.y);
  return result;
}

void
dt_index_sensitivity_result_free (DtIndexSensitivityResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->inputs);
  g_ptr_array_unref (result->units);
  g_array_unref (result->years);
  g_free (result->average);
  g_free (result->per_row);
  g_free (result);
}

static void
add_index (DtCsvWriter        *writer,
           const DtSobolIndex *index)
{
  dt_csv_writer_add_double_full (writer, index->first);
  dt_csv_writer_add_double_full (writer, index->first_low);
  dt_csv_writer_add_double_full (writer, index->first_high);
  dt_csv_writer_add_double_full (writer, index->total);
  dt_csv_writer_add_double_full (writer, index->total_low);
  dt_csv_writer_add_double_full (writer, index->total_high);
}

gboolean
dt_index_sensitivity_result_write_csv (DtIndexSensitivityResult  *result,
                                       GOutputStream             *stream,
                                       gboolean                   with_bom,
                                       GError                   **error)
{
  g_autoptr(DtCsvWriter) writer = dt_csv_writer_new (stream, with_bom);
  const char *header[] = { "input", "first_order", "first_order_low", "first_order_high",
                           "total", "total_low", "total_high" };
  guint n_inputs = result->inputs->len;

  dt_csv_writer_add_text (writer, "uCode");
  if (result->has_time)
    dt_csv_writer_add_text (writer, "Time");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    dt_csv_writer_add_text (writer, header[i]);
  if (!dt_csv_writer_end_row (writer, NULL, error))
    return FALSE;
  for (guint k = 0; k < n_inputs; k++)
    {
      dt_csv_writer_add_text (writer, "ALL");
      if (result->has_time)
        dt_csv_writer_add_empty (writer);
      dt_csv_writer_add_text (writer, g_ptr_array_index (result->inputs, k));
      add_index (writer, &result->average[k]);
      if (!dt_csv_writer_end_row (writer, NULL, error))
        return FALSE;
    }
  for (guint r = 0; r < result->units->len; r++)
    for (guint k = 0; k < n_inputs; k++)
      {
        dt_csv_writer_add_text (writer, g_ptr_array_index (result->units, r));
        if (result->has_time)
          dt_csv_writer_add_int (writer, g_array_index (result->years, int, r));
        dt_csv_writer_add_text (writer, g_ptr_array_index (result->inputs, k));
        add_index (writer, &result->per_row[(gsize)r * n_inputs + k]);
        if (!dt_csv_writer_end_row (writer, NULL, error))
          return FALSE;
      }
  return dt_csv_writer_flush (writer, NULL, error);
}

/* The command */

gboolean
dt_index_uncertainty_command (DtStore                      *store,
                              const char                   *framework_path,
                              const char                   *data_path,
                              int                           year,
                              const char                   *level,
                              const DtIndexUncertaintySpec *spec,
                              gboolean                      sensitivity,
                              const char                   *output_path,
                              gboolean                      with_bom,
                              GError                      **error)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexUncertainty) analysis = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  gboolean ok;

  if (output_path == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--uncertainty and --sensitivity need --output=OUT.csv"));
      return FALSE;
    }
  if (spec->normalise == DT_INDEX_NORMALISE_BASE_YEAR && spec->base_year == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--normalise=base-year needs --base-year=YEAR, e.g. --base-year=2018"));
      return FALSE;
    }

  if (store != NULL)
    analysis = dt_index_uncertainty_new_from_store (store, year, level, spec, error);
  else
    {
      DtIndexTable *table;

      if (framework_path == NULL || data_path == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("--uncertainty needs --framework=META.csv and --data=DATA.csv, or --year=YEAR and --level=city|county for the stored index"));
          return FALSE;
        }
      framework = dt_index_framework_new_from_path (framework_path, error);
      if (framework == NULL)
        return FALSE;
      table = dt_index_table_new_from_path (framework, data_path, error);
      if (table == NULL)
        return FALSE;
      analysis = dt_index_uncertainty_new (table, spec, error);
      if (analysis == NULL)
        dt_index_table_free (table);
    }
  if (analysis == NULL)
    return FALSE;

  stream = g_memory_output_stream_new_resizable ();
  if (sensitivity)
    {
      g_autoptr(DtIndexSensitivityResult) result = dt_index_sensitivity_run (analysis, NULL, NULL, NULL, error);

      ok = result != NULL && dt_index_sensitivity_result_write_csv (result, stream, with_bom, error);
    }
  else
    {
      g_autoptr(DtIndexUncertaintyResult) result = dt_index_uncertainty_run (analysis, NULL, NULL, NULL, error);

      ok = result != NULL && dt_index_uncertainty_result_write_csv (result, stream, with_bom, error);
    }
  if (!ok || !g_output_stream_close (stream, NULL, error))
    return FALSE;
  /* analysis holds the table, which points at framework: free it first. */
  g_clear_pointer (&analysis, dt_index_uncertainty_free);
  return dt_output_set_contents (output_path,
                                 g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                                 g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                                 error);
}
