/* dt-enterprise-comparison.h — two years of the Top-100 list side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who entered the list, who dropped out, who rose and fell most, and how
 * the volume moved by city and category. The computation takes two plain
 * lists, so it can be tested without a database.
 */

#pragma once

#include <gio/gio.h>

#include "dt-store.h"

G_BEGIN_DECLS

/* One enterprise on one year's list. */
typedef struct
{
  char   *credit_code;   /* may be NULL or empty */
  char   *name_zh;
  char   *name_en;
  char   *city;
  char   *city_name;     /* shown name of @city; may be NULL */
  char   *category;
  int     rank;
  double  volume;        /* 10,000 yuan, NAN when unknown */
} DtComparisonListing;

typedef enum
{
  DT_COMPARISON_ENTRANT,   /* on the second list only */
  DT_COMPARISON_DROPOUT,   /* on the first list only */
  DT_COMPARISON_RISER,     /* on both, ranked higher in the second year */
  DT_COMPARISON_FALLER,    /* on both, ranked lower */
  DT_COMPARISON_UNCHANGED, /* on both, same rank */
} DtComparisonChange;

/* One enterprise across the two years; the side it is missing from has
 * rank 0 and volume NAN. */
typedef struct
{
  DtComparisonChange change;
  char   *credit_code;
  char   *name_zh;
  char   *name_en;
  char   *city;          /* of the later listing */
  char   *city_name;
  char   *category;
  int     rank_a;
  int     rank_b;
  double  volume_a;
  double  volume_b;
} DtComparisonMove;

/* Places gained from the first year to the second (positive: moved up). */
int dt_comparison_move_rank_change (const DtComparisonMove *move);

/* The listed enterprises sharing a city or a category, in both years. */
typedef struct
{
  char   *key;
  char   *name;          /* shown name of a city; NULL for a category */
  int     count_a;
  int     count_b;
  double  volume_a;
  double  volume_b;
} DtComparisonGroup;

typedef struct
{
  int        year_a;
  int        year_b;
  /* DtComparisonMove, every enterprise on either list: entrants (by rank),
   * dropouts (by earlier rank), risers (most places gained first), fallers
   * (most places lost first), then the unchanged. */
  GPtrArray *moves;
  /* Views into @moves, in the same orders. */
  GPtrArray *entrants;
  GPtrArray *dropouts;
  GPtrArray *risers;
  GPtrArray *fallers;
  /* DtComparisonGroup by city and by category, largest change of volume
   * (absolute) first. */
  GPtrArray *by_city;
  GPtrArray *by_category;
  /* Every list year in the store (int, in order); set by _read() only. */
  GArray    *years;
} DtEnterpriseComparison;

/* Compares list @a of @year_a with list @b of @year_b. Enterprises are
 * matched by credit code where both listings have one, else by Chinese
 * name. */
DtEnterpriseComparison *dt_enterprise_comparison_compute (int                         year_a,
                                                          const DtComparisonListing  *a,
                                                          guint                       n_a,
                                                          int                         year_b,
                                                          const DtComparisonListing  *b,
                                                          guint                       n_b);
/* Reads the two lists from @store and compares them; a year without a
 * list is an error. With both years 0, compares the latest two lists. */
DtEnterpriseComparison *dt_enterprise_comparison_read    (DtStore                    *store,
                                                          int                         year_a,
                                                          int                         year_b,
                                                          GError                    **error);
/* The list years in @store, in order (int). */
GArray                 *dt_enterprise_comparison_years   (DtStore                    *store,
                                                          GError                    **error);
void                    dt_enterprise_comparison_free    (DtEnterpriseComparison     *comparison);

/* The change in the user's language ("Entrant", …). */
const char             *dt_comparison_change_label       (DtComparisonChange          change);
/* Writes every move as CSV (see DESIGN.md): one row per enterprise with
 * its change, both ranks and volumes. Region and category codes are
 * written as stored with @keys, else in the user's language. */
gboolean                dt_enterprise_comparison_write_csv (DtEnterpriseComparison   *comparison,
                                                          GOutputStream              *stream,
                                                          gboolean                    keys,
                                                          gboolean                    with_bom,
                                                          GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtEnterpriseComparison, dt_enterprise_comparison_free)

G_END_DECLS
