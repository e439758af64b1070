/* dt-enterprise-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-row"

#include "config.h"

#include <string.h>

#include "dt-enterprise-row.h"

struct _DtEnterpriseRow
{
  GObject            parent_instance;
  DtEnterpriseRecord record;
};

G_DEFINE_FINAL_TYPE (DtEnterpriseRow, dt_enterprise_row, G_TYPE_OBJECT)

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
  G_OBJECT_CLASS (klass)->finalize = dt_enterprise_row_finalize;
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
