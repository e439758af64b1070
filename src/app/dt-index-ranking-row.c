/* dt-index-ranking-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin object over a ranking entry, so that a GtkColumnView can show it
 * and sort it through property expressions.
 */

#define G_LOG_DOMAIN "dt-index-ranking-row"

#include "config.h"

#include <math.h>

#include "dt-index-ranking-row.h"
#include "dt-util.h"

struct _DtIndexRankingRow
{
  GObject              parent_instance;
  DtIndexRankingEntry *entry;
};

G_DEFINE_FINAL_TYPE (DtIndexRankingRow, dt_index_ranking_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RANK,
  PROP_NAME,
  PROP_SCORE,
  PROP_STATUS,
  PROP_RANK_CHANGE,
  PROP_WHATIF_SCORE,
  PROP_WHATIF_RANK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_index_ranking_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DtIndexRankingRow *self = DT_INDEX_RANKING_ROW (object);
  DtIndexRankingEntry *e = self->entry;

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_uint (value, e->rank);
      break;
    case PROP_NAME:
      g_value_set_string (value, dt_pick_name (e->name_zh, e->name_en));
      break;
    case PROP_SCORE:
      g_value_set_double (value, e->score);
      break;
    case PROP_STATUS:
      g_value_set_string (value, e->status);
      break;
    case PROP_RANK_CHANGE:
      /* Regions new to the ranking sort below every change. */
      g_value_set_int (value, e->previous_rank > 0 ? (int)e->previous_rank - (int)e->rank : G_MININT);
      break;
    case PROP_WHATIF_SCORE:
      g_value_set_double (value, isnan (e->whatif_score) ? -G_MAXDOUBLE : e->whatif_score);
      break;
    case PROP_WHATIF_RANK:
      g_value_set_uint (value, e->whatif_rank > 0 ? e->whatif_rank : G_MAXUINT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_index_ranking_row_class_init (DtIndexRankingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dt_index_ranking_row_get_property;

  properties[PROP_RANK] = g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANK_CHANGE] = g_param_spec_int ("rank-change", NULL, NULL, G_MININT, G_MAXINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHATIF_SCORE] = g_param_spec_double ("whatif-score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHATIF_RANK] = g_param_spec_uint ("whatif-rank", NULL, NULL, 0, G_MAXUINT, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_index_ranking_row_init (DtIndexRankingRow *self)
{
}

DtIndexRankingRow *
dt_index_ranking_row_new (DtIndexRankingEntry *entry)
{
  DtIndexRankingRow *self = g_object_new (DT_TYPE_INDEX_RANKING_ROW, NULL);

  self->entry = entry;
  return self;
}

const DtIndexRankingEntry *
dt_index_ranking_row_get_entry (DtIndexRankingRow *self)
{
  g_return_val_if_fail (DT_IS_INDEX_RANKING_ROW (self), NULL);
  return self->entry;
}
