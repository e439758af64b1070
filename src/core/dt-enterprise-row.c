/* dt-enterprise-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-row"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dt-enterprise-row.h"

struct _DtEnterpriseRow
{
  GObject            parent_instance;
  DtEnterpriseRecord record;
  gboolean           loading;
  gboolean           failed;
};

G_DEFINE_FINAL_TYPE (DtEnterpriseRow, dt_enterprise_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
dt_enterprise_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DtEnterpriseRow *self = DT_ENTERPRISE_ROW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_enterprise_row_finalize (GObject *object)
{
  DtEnterpriseRow *self = (DtEnterpriseRow *)object;

  dt_enterprise_record_clear (&self->record);

  G_OBJECT_CLASS (dt_enterprise_row_parent_class)->finalize (object);
}

static void
dt_enterprise_row_class_init (DtEnterpriseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_enterprise_row_finalize;
  object_class->get_property = dt_enterprise_row_get_property;

  /* TRUE while the row is a placeholder whose data is on its way. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE when its data could not be read. */
  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The record was replaced: the list model keeps the rows on screen and
   * refills them with a new query's first rows, rather than replacing them. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dt_enterprise_row_init (DtEnterpriseRow *self)
{
}

DtEnterpriseRow *
dt_enterprise_row_new_take (DtEnterpriseRecord *record)
{
  DtEnterpriseRow *self = g_object_new (DT_TYPE_ENTERPRISE_ROW, NULL);

  self->record = *record;
  memset (record, 0, sizeof *record);
  return self;
}

const DtEnterpriseRecord *
dt_enterprise_row_get_record (DtEnterpriseRow *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_ROW (self), NULL);
  return &self->record;
}

DtEnterpriseRow *
dt_enterprise_row_new_placeholder (gint64 listing_id)
{
  DtEnterpriseRow *self = g_object_new (DT_TYPE_ENTERPRISE_ROW, NULL);

  self->record.listing_id = listing_id;
  self->record.trade_volume = NAN;
  self->record.has_prev_rank = TRUE;   /* no "new" badge on an empty row */
  self->loading = TRUE;
  return self;
}

gboolean
dt_enterprise_row_get_loading (DtEnterpriseRow *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_ROW (self), FALSE);
  return self->loading;
}

gboolean
dt_enterprise_row_get_failed (DtEnterpriseRow *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_ROW (self), FALSE);
  return self->failed;
}

void
dt_enterprise_row_fill (DtEnterpriseRow    *self,
                        DtEnterpriseRecord *record)
{
  g_return_if_fail (DT_IS_ENTERPRISE_ROW (self));

  dt_enterprise_record_clear (&self->record);
  self->record = *record;
  memset (record, 0, sizeof *record);
  self->failed = FALSE;
  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

void
dt_enterprise_row_set_failed (DtEnterpriseRow *self)
{
  g_return_if_fail (DT_IS_ENTERPRISE_ROW (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->failed)
    {
      self->failed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
