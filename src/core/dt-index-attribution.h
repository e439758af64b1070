/* dt-index-attribution.h — what moved a region's index between two years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The change of the root between two years is split over the tree: each
 * node gets a contribution, the root's is its change, and the
 * contributions of a node's children add up to the node's.
 *
 * Under amean the split is exact: with E(t) the weight of a node in the
 * root in year t (the product of the renormalised weight shares on its
 * path; 0 where the node or an ancestor is missing), a node contributes
 * E(t1)·v(t1) − E(t0)·v(t0). With no missing values that is
 * w_d·Δs_d / Σw for a dimension. Where children are missing, the weights
 * of their present siblings are renormalised in that year, as the engine
 * does, and the missing child contributes its share of the other year.
 *
 * Under gmean the same split holds for the logarithm of the root; the log
 * contributions are then scaled by Δroot / Δlog(root) so that they add up
 * to the change itself.
 */

#pragma once

#include <gio/gio.h>

#include "dt-index-engine.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef struct _DtIndexAttribution DtIndexAttribution;

/* @table is normalised and aggregated with @method already. Fails when
 * @unit has no row, or no root value, in either year. */
DtIndexAttribution *dt_index_attribution_new        (DtIndexTable       *table,
                                                     DtIndexAggregate    method,
                                                     const char         *unit,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     GError            **error);
/* The stored index: the best stored indicator values (already scores),
 * aggregated with amean and the stored framework. @region is a region
 * code, its Chinese or English name, or its GB/T 2260 code. */
DtIndexAttribution *dt_index_attribution_new_from_store (DtStore        *store,
                                                     const char         *region,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     GError            **error);
void                dt_index_attribution_free       (DtIndexAttribution *self);

DtIndexFramework   *dt_index_attribution_get_framework (DtIndexAttribution *self);
const char         *dt_index_attribution_get_unit   (DtIndexAttribution *self);
int                 dt_index_attribution_get_year_from (DtIndexAttribution *self);
int                 dt_index_attribution_get_year_to (DtIndexAttribution *self);
DtIndexAggregate    dt_index_attribution_get_method (DtIndexAttribution *self);
guint               dt_index_attribution_get_root   (DtIndexAttribution *self);
/* NAN where missing. */
double              dt_index_attribution_get_value_from (DtIndexAttribution *self,
                                                     guint               node);
double              dt_index_attribution_get_value_to (DtIndexAttribution *self,
                                                     guint               node);
double              dt_index_attribution_get_contribution (DtIndexAttribution *self,
                                                     guint               node);
/* The contribution to Δlog(root) under gmean; NAN under amean. */
double              dt_index_attribution_get_log_contribution (DtIndexAttribution *self,
                                                     guint               node);
/* The indicators under @node (or @node itself) that have no value in one
 * or both years. */
guint               dt_index_attribution_count_missing (DtIndexAttribution *self,
                                                     guint               node);
/* `code,name,level,parent,value_from,value_to,contribution`, one row per
 * node under the root (the root first), missing values empty. */
gboolean            dt_index_attribution_write_csv  (DtIndexAttribution *self,
                                                     GOutputStream      *stream,
                                                     gboolean            with_bom,
                                                     GError            **error);
/* "Hangzhou +3.2: platforms +1.9, quality +0.8, …": the change of @node
 * and its children's contributions, largest first, in the locale's number
 * format, with a sentence on missing values when there are any. */
char               *dt_index_attribution_describe   (DtIndexAttribution *self,
                                                     guint               node,
                                                     const char         *region_name,
                                                     guint               max_items);

/* A region that @unit passed, or that passed it, between the two years. */
typedef struct
{
  char    *unit;
  char    *name;          /* the region's name where known, else its code */
  gboolean passed;        /* TRUE: @unit moved ahead of it; FALSE: it moved ahead */
  double   gap_from;      /* root of @unit minus root of the other, each year */
  double   gap_to;
  int      node;          /* the child of the root that moved the gap most */
  double   node_gap;      /* that child's contribution minus the other's */
} DtIndexOvertake;

/* Ranks @unit among @peers (NULL: every unit of @table with a root value
 * in both years) in both years (1 is best) and lists the overtakes, the
 * largest node_gap first. */
GPtrArray          *dt_index_attribution_explain_rank (DtIndexTable     *table,
                                                     DtIndexAggregate    method,
                                                     const char         *unit,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     const char * const *peers,
                                                     guint              *rank_from,
                                                     guint              *rank_to,
                                                     GError            **error);
/* The peers of a stored region: the regions of its level. */
GPtrArray          *dt_index_attribution_explain_rank_from_store (DtStore *store,
                                                     const char         *region,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     guint              *rank_from,
                                                     guint              *rank_to,
                                                     GError            **error);
/* The stored indicator values aggregated with amean and the stored
 * framework (returned in @framework, which must outlive the table). */
DtIndexTable       *dt_index_attribution_stored_table (DtStore          *store,
                                                     DtIndexFramework  **framework,
                                                     GError            **error);
/* As above on a table from dt_index_attribution_stored_table(); @region
 * is a region code. */
GPtrArray          *dt_index_attribution_explain_rank_in_table (DtStore *store,
                                                     DtIndexTable       *table,
                                                     const char         *region,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     guint              *rank_from,
                                                     guint              *rank_to,
                                                     GError            **error);
void                dt_index_overtake_free          (gpointer            overtake);
/* The code of the region @text names (code, names or GB/T 2260 code), or NULL. */
char               *dt_index_attribution_find_region (DtStore          *store,
                                                     const char         *text);

/* --explain-change on CSV files; arguments as dt_index_compute_files(). */
gboolean            dt_index_attribution_explain_files (const char     *framework_path,
                                                     const char         *data_path,
                                                     const char         *normalise,
                                                     const char         *aggregate,
                                                     int                 base_year,
                                                     const char         *region,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     const char         *output_path,
                                                     gboolean            with_bom,
                                                     char              **summary,
                                                     GError            **error);
/* --explain-change on the stored index. @summary (may be NULL) gets the
 * sentences: the change, and the rank change with its overtakes. */
gboolean            dt_index_attribution_explain_store (DtStore        *store,
                                                     const char         *region,
                                                     int                 year_from,
                                                     int                 year_to,
                                                     const char         *output_path,
                                                     gboolean            with_bom,
                                                     char              **summary,
                                                     GError            **error);
/* The sentences of @summary above: the change, the rank change and the
 * overtakes. @peers as for dt_index_attribution_explain_rank(). */
char               *dt_index_attribution_summarise  (DtIndexAttribution *self,
                                                     const char         *region_name,
                                                     guint               rank_from,
                                                     guint               rank_to,
                                                     GPtrArray          *overtakes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexAttribution, dt_index_attribution_free)

G_END_DECLS
