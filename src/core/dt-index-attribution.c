/* dt-index-attribution.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-attribution"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "dt-csv-writer.h"
#include "dt-error.h"
#include "dt-index-attribution.h"
#include "dt-index-query.h"
#include "dt-output.h"
#include "dt-util.h"

struct _DtIndexAttribution
{
  DtIndexFramework *framework;   /* a copy: the table's may go first */
  DtIndexAggregate  method;
  char             *unit;
  int               year_from;
  int               year_to;
  guint             root;
  guint             n_nodes;
  double           *value_from;
  double           *value_to;
  double           *contribution;
  double           *log_contribution;
  guint            *n_missing;
};

static gboolean
present (double value)
{
  return !isnan (value);
}

/* The weight of each node in the root in one year: the product of the
 * renormalised weight shares on its path, 0 where the node is missing or
 * weighted 0. Parents are handled before their children (the reverse of
 * the bottom-up order). */
static void
effective_weights (DtIndexFramework *framework,
                   guint             root,
                   const double     *values,
                   double           *weights)
{
  guint n_order;
  const guint *order = dt_index_framework_get_bottom_up (framework, &n_order);

  for (guint i = 0; i < dt_index_framework_get_n_nodes (framework); i++)
    weights[i] = 0;
  weights[root] = present (values[root]) ? 1 : 0;
  for (guint k = n_order; k-- > 0;)
    {
      guint node = order[k];
      guint n_children;
      const guint *children = dt_index_framework_get_children (framework, node, &n_children);
      double total = 0;

      if (weights[node] == 0)
        continue;
      for (guint c = 0; c < n_children; c++)
        if (present (values[children[c]]))
          total += dt_index_framework_get_node (framework, children[c])->weight;
      for (guint c = 0; c < n_children; c++)
        {
          double w = dt_index_framework_get_node (framework, children[c])->weight;

          if (present (values[children[c]]) && w > 0 && total > 0)
            weights[children[c]] = weights[node] * w / total;
        }
    }
}

static guint
find_root (DtIndexFramework *framework)
{
  /* The first node without a parent: the frameworks in use have one. */
  for (guint i = 0; i < dt_index_framework_get_n_nodes (framework); i++)
    if (dt_index_framework_get_parent (framework, i) < 0)
      return i;
  return 0;
}

static gboolean
under_root (DtIndexAttribution *self,
            guint               node)
{
  int n = node;

  while (dt_index_framework_get_parent (self->framework, n) >= 0)
    n = dt_index_framework_get_parent (self->framework, n);
  return (guint)n == self->root;
}

static guint
count_missing (DtIndexAttribution *self,
               guint               node)
{
  guint n_children;
  const guint *children = dt_index_framework_get_children (self->framework, node, &n_children);
  guint n = 0;

  if (n_children == 0)
    return !present (self->value_from[node]) || !present (self->value_to[node]);
  for (guint c = 0; c < n_children; c++)
    n += count_missing (self, children[c]);
  return n;
}

DtIndexAttribution *
dt_index_attribution_new (DtIndexTable      *table,
                          DtIndexAggregate   method,
                          const char        *unit,
                          int                year_from,
                          int                year_to,
                          GError           **error)
{
  g_autoptr(DtIndexAttribution) self = NULL;
  DtIndexFramework *framework;
  g_autofree double *weight_from = NULL;
  g_autofree double *weight_to = NULL;
  int row_from, row_to;
  double change, log_change, scale = 0;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (unit != NULL, NULL);

  framework = dt_index_table_get_framework (table);
  row_from = dt_index_table_find_row (table, unit, year_from);
  row_to = dt_index_table_find_row (table, unit, year_to);
  if (row_from < 0 || row_to < 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("“%s” has no values for %d; expected a region and year of the data"),
                   unit, row_from < 0 ? year_from : year_to);
      return NULL;
    }

  self = g_new0 (DtIndexAttribution, 1);
  self->framework = dt_index_framework_copy (framework);
  self->method = method;
  self->unit = g_strdup (unit);
  self->year_from = year_from;
  self->year_to = year_to;
  self->root = find_root (framework);
  self->n_nodes = dt_index_framework_get_n_nodes (framework);
  self->value_from = g_new (double, self->n_nodes);
  self->value_to = g_new (double, self->n_nodes);
  self->contribution = g_new (double, self->n_nodes);
  self->log_contribution = g_new (double, self->n_nodes);
  self->n_missing = g_new0 (guint, self->n_nodes);
  for (guint i = 0; i < self->n_nodes; i++)
    {
      self->value_from[i] = dt_index_table_get_value (table, row_from, i);
      self->value_to[i] = dt_index_table_get_value (table, row_to, i);
    }

  if (!present (self->value_from[self->root]) || !present (self->value_to[self->root]))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("“%s” has no value of “%s” in %d; a change needs a value in both years"),
                   unit, dt_index_framework_get_node (framework, self->root)->code,
                   present (self->value_from[self->root]) ? year_to : year_from);
      return NULL;
    }

  weight_from = g_new (double, self->n_nodes);
  weight_to = g_new (double, self->n_nodes);
  effective_weights (framework, self->root, self->value_from, weight_from);
  effective_weights (framework, self->root, self->value_to, weight_to);

  change = self->value_to[self->root] - self->value_from[self->root];
  if (method == DT_INDEX_AGGREGATE_GMEAN)
    {
      log_change = log (self->value_to[self->root]) - log (self->value_from[self->root]);
      /* Δv / Δlog v tends to v as the change vanishes. */
      scale = log_change != 0 ? change / log_change : self->value_to[self->root];
    }

  for (guint i = 0; i < self->n_nodes; i++)
    {
      double a_from = weight_from[i] > 0 ? weight_from[i] : 0;
      double a_to = weight_to[i] > 0 ? weight_to[i] : 0;

      if (method == DT_INDEX_AGGREGATE_GMEAN)
        {
          double l = (a_to > 0 ? a_to * log (self->value_to[i]) : 0) -
                     (a_from > 0 ? a_from * log (self->value_from[i]) : 0);

          self->log_contribution[i] = l;
          self->contribution[i] = l * scale;
        }
      else
        {
          self->log_contribution[i] = NAN;
          self->contribution[i] = (a_to > 0 ? a_to * self->value_to[i] : 0) -
                                  (a_from > 0 ? a_from * self->value_from[i] : 0);
        }
    }
  /* The root's contribution is its change, exactly. */
  self->contribution[self->root] = change;
  for (guint i = 0; i < self->n_nodes; i++)
    self->n_missing[i] = count_missing (self, i);

  return g_steal_pointer (&self);
}

void
dt_index_attribution_free (DtIndexAttribution *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->framework, dt_index_framework_free);
  g_free (self->unit);
  g_free (self->value_from);
  g_free (self->value_to);
  g_free (self->contribution);
  g_free (self->log_contribution);
  g_free (self->n_missing);
  g_free (self);
}

DtIndexFramework *
dt_index_attribution_get_framework (DtIndexAttribution *self)
{
  return self->framework;
}

const char *
dt_index_attribution_get_unit (DtIndexAttribution *self)
{
  return self->unit;
}

int
dt_index_attribution_get_year_from (DtIndexAttribution *self)
{
  return self->year_from;
}

int
dt_index_attribution_get_year_to (DtIndexAttribution *self)
{
  return self->year_to;
}

DtIndexAggregate
dt_index_attribution_get_method (DtIndexAttribution *self)
{
  return self->method;
}

guint
dt_index_attribution_get_root (DtIndexAttribution *self)
{
  return self->root;
}

double
dt_index_attribution_get_value_from (DtIndexAttribution *self,
                                     guint               node)
{
  g_return_val_if_fail (node < self->n_nodes, NAN);
  return self->value_from[node];
}

double
dt_index_attribution_get_value_to (DtIndexAttribution *self,
                                   guint               node)
{
  g_return_val_if_fail (node < self->n_nodes, NAN);
  return self->value_to[node];
}

double
dt_index_attribution_get_contribution (DtIndexAttribution *self,
                                       guint               node)
{
  g_return_val_if_fail (node < self->n_nodes, NAN);
  return self->contribution[node];
}

double
dt_index_attribution_get_log_contribution (DtIndexAttribution *self,
                                           guint               node)
{
  g_return_val_if_fail (node < self->n_nodes, NAN);
  return self->log_contribution[node];
}

guint
dt_index_attribution_count_missing (DtIndexAttribution *self,
                                    guint               node)
{
  g_return_val_if_fail (node < self->n_nodes, 0);
  return self->n_missing[node];
}

static void
add_number (DtCsvWriter *writer,
            double       value)
{
  if (isnan (value))
    dt_csv_writer_add_empty (writer);
  else
    dt_csv_writer_add_double (writer, value);
}

gboolean
dt_index_attribution_write_csv (DtIndexAttribution *self,
                                GOutputStream      *stream,
                                gboolean            with_bom,
                                GError            **error)
{
  g_autoptr(DtCsvWriter) writer = dt_csv_writer_new (stream, with_bom);
  static const char * const header[] = {
    "code", "name", "level", "parent", "value_from", "value_to", "contribution",
  };
  GPtrArray *order;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    dt_csv_writer_add_text (writer, header[i]);
  if (!dt_csv_writer_end_row (writer, NULL, error))
    return FALSE;

  /* The root first, then the rest of its tree in framework order. */
  order = g_ptr_array_new ();
  g_ptr_array_add (order, GUINT_TO_POINTER (self->root));
  for (guint i = 0; i < self->n_nodes; i++)
    if (i != self->root && under_root (self, i))
      g_ptr_array_add (order, GUINT_TO_POINTER (i));

  for (guint k = 0; k < order->len; k++)
    {
      guint i = GPOINTER_TO_UINT (order->pdata[k]);
      const DtIndexNode *node = dt_index_framework_get_node (self->framework, i);

      dt_csv_writer_add_text (writer, node->code);
      dt_csv_writer_add_text (writer, node->name);
      dt_csv_writer_add_int (writer, node->level);
      if (node->parent != NULL)
        dt_csv_writer_add_text (writer, node->parent);
      else
        dt_csv_writer_add_empty (writer);
      add_number (writer, self->value_from[i]);
      add_number (writer, self->value_to[i]);
      add_number (writer, self->contribution[i]);
      if (!dt_csv_writer_end_row (writer, NULL, error))
        {
          g_ptr_array_unref (order);
          return FALSE;
        }
    }
  g_ptr_array_unref (order);
  return dt_csv_writer_flush (writer, NULL, error);
}

/* Sentences */

static const char *
node_name (DtIndexFramework *framework,
           guint             node)
{
  const DtIndexNode *info = dt_index_framework_get_node (framework, node);

  return dt_pick_name (info->name, info->name_en);
}

static char *
format_signed (double value)
{
  /* printf follows LC_NUMERIC: the locale's decimal separator. */
  if (fabs (value) < 0.05)
    return g_strdup_printf ("%+.2f", value);
  return g_strdup_printf ("%+.1f", value);
}

static int
by_size_desc (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const double *c = data;
  double x = fabs (c[*(const guint *)a]), y = fabs (c[*(const guint *)b]);

  return x > y ? -1 : x < y ? 1 : 0;
}

char *
dt_index_attribution_describe (DtIndexAttribution *self,
                               guint               node,
                               const char         *region_name,
                               guint               max_items)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *head = NULL;
  g_autofree char *change = NULL;
  g_autofree char *sentence = NULL;
  guint n_children;
  const guint *children;

  g_return_val_if_fail (self != NULL && node < self->n_nodes, NULL);

  children = dt_index_framework_get_children (self->framework, node, &n_children);
  g_array_append_vals (order, children, n_children);
  g_array_sort_with_data (order, by_size_desc, self->contribution);
  for (guint k = 0; k < order->len && k < max_items; k++)
    {
      guint c = g_array_index (order, guint, k);
      g_autofree char *value = format_signed (self->contribution[c]);

      if (k > 0)
        /* Translators: between the items of a list of contributions. */
        g_string_append (items, _(", "));
      /* Translators: a dimension or indicator and its contribution, e.g. “platforms +1.9”. */
      g_string_append_printf (items, _("%s %s"), node_name (self->framework, c), value);
    }
  if (order->len > max_items)
    /* Translators: ends a list that goes on. */
    g_string_append (items, _(", …"));

  change = format_signed (self->contribution[node]);
  head = g_strdup (node == self->root && region_name != NULL ? region_name : node_name (self->framework, node));
  if (n_children == 0)
    /* Translators: a region or indicator, and its contribution, e.g. “Hangzhou +3.2”. */
    sentence = g_strdup_printf (_("%s %s"), head, change);
  else
    /* Translators: a region (or a dimension), its change, and the largest
     * contributions to it, e.g. “Hangzhou +3.2: platforms +1.9, quality +0.8, …”. */
    sentence = g_strdup_printf (_("%s %s: %s"), head, change, items->str);

  if (self->n_missing[node] > 0)
    {
      g_autofree char *missing = NULL;

      missing = g_strdup_printf (ngettext ("%u indicator has no value in %d or %d; the weights of the present ones were renormalised in that year.",
                                           "%u indicators have no value in %d or %d; the weights of the present ones were renormalised in that year.",
                                           self->n_missing[node]),
                                 self->n_missing[node], self->year_from, self->year_to);
      return g_strconcat (sentence, " ", missing, NULL);
    }
  return g_steal_pointer (&sentence);
}

/* Rank changes */

void
dt_index_overtake_free (gpointer overtake)
{
  DtIndexOvertake *self = overtake;

  if (self == NULL)
    return;
  g_free (self->unit);
  g_free (self->name);
  g_free (self);
}

static int
by_node_gap_desc (gconstpointer a,
                  gconstpointer b)
{
  const DtIndexOvertake *x = *(DtIndexOvertake * const *)a, *y = *(DtIndexOvertake * const *)b;

  return fabs (x->node_gap) > fabs (y->node_gap) ? -1 : fabs (x->node_gap) < fabs (y->node_gap) ? 1 : 0;
}

static double
root_value (DtIndexTable *table,
            guint         root,
            const char   *unit,
            int           year)
{
  int row = dt_index_table_find_row (table, unit, year);

  return row < 0 ? NAN : dt_index_table_get_value (table, row, root);
}

GPtrArray *
dt_index_attribution_explain_rank (DtIndexTable       *table,
                                   DtIndexAggregate    method,
                                   const char         *unit,
                                   int                 year_from,
                                   int                 year_to,
                                   const char * const *peers,
                                   guint              *rank_from,
                                   guint              *rank_to,
                                   GError            **error)
{
  g_autoptr(DtIndexAttribution) self = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) overtakes = g_ptr_array_new_with_free_func (dt_index_overtake_free);
  DtIndexFramework *framework = dt_index_table_get_framework (table);
  guint n_children;
  const guint *children;
  double mine_from, mine_to;

  self = dt_index_attribution_new (table, method, unit, year_from, year_to, error);
  if (self == NULL)
    return NULL;
  mine_from = self->value_from[self->root];
  mine_to = self->value_to[self->root];
  children = dt_index_framework_get_children (framework, self->root, &n_children);

  if (peers != NULL)
    for (guint i = 0; peers[i] != NULL; i++)
      g_ptr_array_add (units, g_strdup (peers[i]));
  else
    for (guint r = 0; r < dt_index_table_get_n_rows (table); r++)
      {
        const char *u = dt_index_table_get_unit (table, r);

        if (dt_index_table_get_year (table, r) == year_to || !dt_index_table_has_time (table))
          g_ptr_array_add (units, g_strdup (u));
      }

  *rank_from = *rank_to = 1;
  for (guint i = 0; i < units->len; i++)
    {
      const char *other = units->pdata[i];
      double from = root_value (table, self->root, other, year_from);
      double to = root_value (table, self->root, other, year_to);
      g_autoptr(DtIndexAttribution) theirs = NULL;
      DtIndexOvertake *overtake;
      gboolean passed;

      if (g_str_equal (other, unit))
        continue;
      *rank_from += present (from) && from > mine_from;
      *rank_to += present (to) && to > mine_to;
      if (!present (from) || !present (to))
        continue;
      if (from > mine_from && to < mine_to)
        passed = TRUE;
      else if (from < mine_from && to > mine_to)
        passed = FALSE;
      else
        continue;

      theirs = dt_index_attribution_new (table, method, other, year_from, year_to, NULL);
      if (theirs == NULL)
        continue;
      overtake = g_new0 (DtIndexOvertake, 1);
      overtake->unit = g_strdup (other);
      overtake->name = g_strdup (other);
      overtake->passed = passed;
      overtake->gap_from = mine_from - from;
      overtake->gap_to = mine_to - to;
      overtake->node = -1;
      /* The child of the root whose contribution moved the gap most in
       * the direction it went. */
      for (guint c = 0; c < n_children; c++)
        {
          double gap = self->contribution[children[c]] - theirs->contribution[children[c]];

          if (overtake->node < 0 || (passed ? gap > overtake->node_gap : gap < overtake->node_gap))
            {
              overtake->node = children[c];
              overtake->node_gap = gap;
            }
        }
      g_ptr_array_add (overtakes, overtake);
    }
  g_ptr_array_sort (overtakes, by_node_gap_desc);
  return g_steal_pointer (&overtakes);
}

char *
dt_index_attribution_summarise (DtIndexAttribution *self,
                                const char         *region_name,
                                guint               rank_from,
                                guint               rank_to,
                                GPtrArray          *overtakes)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *change = dt_index_attribution_describe (self, self->root, region_name, 5);

  g_string_append (text, change);
  g_string_append_c (text, '\n');
  if (rank_from == rank_to)
    g_string_append_printf (text, _("Rank %u in %d and in %d."), rank_to, self->year_from, self->year_to);
  else
    g_string_append_printf (text, _("Rank %u in %d, %u in %d."), rank_from, self->year_from, rank_to, self->year_to);
  for (guint i = 0; overtakes != NULL && i < overtakes->len; i++)
    {
      DtIndexOvertake *o = g_ptr_array_index (overtakes, i);
      g_autofree char *gap = format_signed (o->node_gap);
      const char *name = o->node >= 0 ? node_name (self->framework, o->node) : "";

      g_string_append_c (text, '\n');
      if (o->passed)
        /* Translators: “Moved ahead of Ningbo, mostly through platforms (+1.2 more than Ningbo's).” */
        g_string_append_printf (text, _("Moved ahead of %s, mostly through %s (%s against it)."),
                                o->name, name, gap);
      else
        g_string_append_printf (text, _("Fell behind %s, mostly through %s (%s against it)."),
                                o->name, name, gap);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The stored index */

char *
dt_index_attribution_find_region (DtStore    *store,
                                  const char *text)
{
  sqlite3_stmt *stmt;
  char *code = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  stmt = dt_store_prepare (store,
                           "SELECT code FROM regions WHERE code = ?1 OR name_zh = ?1"
                           " OR lower(name_en) = lower(?1) OR gb_code = ?1"
                           " OR name_zh = ?1 || '市' OR name_zh = ?1 || '区' OR name_zh = ?1 || '县'"
                           " ORDER BY code = ?1 DESC, position LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return code;
}

static char *
region_display_name (DtStore    *store,
                     const char *code)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT name_zh, name_en FROM regions WHERE code = ?1", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup (code);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (dt_pick_name ((const char *)sqlite3_column_text (stmt, 0),
                                   (const char *)sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return name != NULL ? name : g_strdup (code);
}

DtIndexTable *
dt_index_attribution_stored_table (DtStore           *store,
                                   DtIndexFramework **framework,
                                   GError           **error)
{
  g_autoptr(DtIndexTable) table = NULL;

  *framework = dt_index_framework_new_from_store (store, error);
  if (*framework == NULL)
    return NULL;
  table = dt_index_query_indicator_table (store, *framework);
  if (table == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED, _("The index values could not be read from the database"));
      return NULL;
    }
  if (!dt_index_aggregate (table, DT_INDEX_AGGREGATE_AMEAN, error))
    return NULL;
  return g_steal_pointer (&table);
}

static char *
resolve_region (DtStore     *store,
                const char  *region,
                GError     **error)
{
  char *code;

  if (region == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--explain-change needs --region=REGION, --from=YEAR and --to=YEAR"));
      return NULL;
    }
  code = dt_index_attribution_find_region (store, region);
  if (code == NULL)
    g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                 _("--region=%s: unknown region; expected a region code, name or GB/T 2260 code, e.g. hangzhou, 杭州市 or 330100"),
                 region);
  return code;
}

DtIndexAttribution *
dt_index_attribution_new_from_store (DtStore     *store,
                                     const char  *region,
                                     int          year_from,
                                     int          year_to,
                                     GError     **error)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  code = resolve_region (store, region, error);
  if (code == NULL)
    return NULL;
  table = dt_index_attribution_stored_table (store, &framework, error);
  if (table == NULL)
    return NULL;
  return dt_index_attribution_new (table, DT_INDEX_AGGREGATE_AMEAN, code, year_from, year_to, error);
}

GPtrArray *
dt_index_attribution_explain_rank_in_table (DtStore      *store,
                                            DtIndexTable *table,
                                            const char   *region,
                                            int           year_from,
                                            int           year_to,
                                            guint        *rank_from,
                                            guint        *rank_to,
                                            GError      **error)
{
  g_autoptr(GPtrArray) peers = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *overtakes;
  sqlite3_stmt *stmt;

  /* The regions of the same level. */
  stmt = dt_store_prepare (store,
                           "SELECT code FROM regions WHERE level = (SELECT level FROM regions WHERE code = ?1)"
                           " ORDER BY position", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, region, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (peers, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  g_ptr_array_add (peers, NULL);
  overtakes = dt_index_attribution_explain_rank (table, DT_INDEX_AGGREGATE_AMEAN, region, year_from, year_to,
                                                 (const char * const *)peers->pdata, rank_from, rank_to, error);
  for (guint i = 0; overtakes != NULL && i < overtakes->len; i++)
    {
      DtIndexOvertake *o = g_ptr_array_index (overtakes, i);

      g_free (o->name);
      o->name = region_display_name (store, o->unit);
    }
  return overtakes;
}

GPtrArray *
dt_index_attribution_explain_rank_from_store (DtStore     *store,
                                              const char  *region,
                                              int          year_from,
                                              int          year_to,
                                              guint       *rank_from,
                                              guint       *rank_to,
                                              GError     **error)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autofree char *code = NULL;

  code = resolve_region (store, region, error);
  if (code == NULL)
    return NULL;
  table = dt_index_attribution_stored_table (store, &framework, error);
  if (table == NULL)
    return NULL;
  return dt_index_attribution_explain_rank_in_table (store, table, code, year_from, year_to,
                                                     rank_from, rank_to, error);
}

/* The command line */

static gboolean
check_years (int       year_from,
             int       year_to,
             GError  **error)
{
  if (year_from == 0 || year_to == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--explain-change needs --region=REGION, --from=YEAR and --to=YEAR"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_result (DtIndexAttribution  *self,
              const char          *output_path,
              gboolean             with_bom,
              GError             **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();

  /* Computed whole before the file is touched, and written in one step. */
  if (!dt_index_attribution_write_csv (self, stream, with_bom, error) ||
      !g_output_stream_close (stream, NULL, error))
    return FALSE;
  return dt_output_set_contents (output_path != NULL ? output_path : "-",
                                 g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                                 g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                                 error);
}

gboolean
dt_index_attribution_explain_files (const char  *framework_path,
                                    const char  *data_path,
                                    const char  *normalise,
                                    const char  *aggregate,
                                    int          base_year,
                                    const char  *region,
                                    int          year_from,
                                    int          year_to,
                                    const char  *output_path,
                                    gboolean     with_bom,
                                    char       **summary,
                                    GError     **error)
{
  g_autoptr(DtIndexFramework) framework = NULL;
  g_autoptr(DtIndexTable) table = NULL;
  g_autoptr(DtIndexAttribution) self = NULL;
  g_autoptr(GPtrArray) overtakes = NULL;
  DtIndexNormalise normalise_method = DT_INDEX_NORMALISE_MINMAX;
  DtIndexAggregate aggregate_method = DT_INDEX_AGGREGATE_AMEAN;
  guint rank_from = 0, rank_to = 0;

  if (framework_path == NULL || data_path == NULL || region == NULL || !check_years (year_from, year_to, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("--explain-change needs --region=REGION, --from=YEAR and --to=YEAR, and with --framework=META.csv also --data=DATA.csv"));
      return FALSE;
    }
  if (!dt_index_methods_parse (normalise, aggregate, base_year, &normalise_method, &aggregate_method, error))
    return FALSE;

  framework = dt_index_framework_new_from_path (framework_path, error);
  if (framework == NULL)
    return FALSE;
  table = dt_index_table_new_from_path (framework, data_path, error);
  if (table == NULL)
    return FALSE;
  if (!dt_index_table_has_time (table))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:2: there is no Time column; a change between two years needs a column Time after uCode"),
                   data_path);
      return FALSE;
    }
  if (!dt_index_normalise (table, normalise_method, base_year, error) ||
      !dt_index_aggregate (table, aggregate_method, error))
    return FALSE;
  self = dt_index_attribution_new (table, aggregate_method, region, year_from, year_to, error);
  if (self == NULL)
    return FALSE;
  if (summary != NULL)
    {
      overtakes = dt_index_attribution_explain_rank (table, aggregate_method, region, year_from, year_to,
                                                     NULL, &rank_from, &rank_to, NULL);
      *summary = dt_index_attribution_summarise (self, region, rank_from, rank_to, overtakes);
    }
  return write_result (self, output_path, with_bom, error);
}

gboolean
dt_index_attribution_explain_store (DtStore     *store,
                                    const char  *region,
                                    int          year_from,
                                    int          year_to,
                                    const char  *output_path,
                                    gboolean     with_bom,
                                    char       **summary,
                                    GError     **error)
{
  g_autoptr(DtIndexAttribution) self = NULL;
  g_autoptr(GPtrArray) overtakes = NULL;
  guint rank_from = 0, rank_to = 0;

  if (!check_years (year_from, year_to, error))
    return FALSE;
  self = dt_index_attribution_new_from_store (store, region, year_from, year_to, error);
  if (self == NULL)
    return FALSE;
  if (summary != NULL)
    {
      g_autofree char *name = region_display_name (store, self->unit);

      overtakes = dt_index_attribution_explain_rank_from_store (store, region, year_from, year_to,
                                                                &rank_from, &rank_to, NULL);
      *summary = dt_index_attribution_summarise (self, name, rank_from, rank_to, overtakes);
    }
  return write_result (self, output_path, with_bom, error);
}
