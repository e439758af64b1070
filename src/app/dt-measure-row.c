/* dt-measure-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-measure-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-measure-row.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtMeasureRow
{
  AdwActionRow  parent_instance;

  gint64        no;
  GtkLabel     *status_label;
};

G_DEFINE_FINAL_TYPE (DtMeasureRow, dt_measure_row, ADW_TYPE_ACTION_ROW)

static void
dt_measure_row_class_init (DtMeasureRowClass *klass)
{
}

static void
dt_measure_row_init (DtMeasureRow *self)
{
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "caption-heading");
  gtk_widget_set_valign (GTK_WIDGET (self->status_label), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->status_label));
}

void
dt_measure_row_set_status (DtMeasureRow *self,
                           const char   *status)
{
  static const char * const classes[] = { "success", "accent", "warning", "dim-label" };

  g_return_if_fail (DT_IS_MEASURE_ROW (self));

  gtk_label_set_label (self->status_label, dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, status));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  /* Colour only repeats the text, for a quicker scan down the list. */
  if (g_strcmp0 (status, "in-effect") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
  else if (g_strcmp0 (status, "in-progress") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "accent");
  else if (g_strcmp0 (status, "suspended") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
}

GtkWidget *
dt_measure_row_new (const DtMeasure *measure)
{
  DtMeasureRow *self = g_object_new (DT_TYPE_MEASURE_ROW, "activatable", TRUE, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, measure->category));

  self->no = measure->no;
  title = g_strdup_printf ("%" G_GINT64_FORMAT ". %s", measure->no,
                           dt_pick_name (measure->title_zh, measure->title_en));
  if (measure->support != NULL && measure->support[0] != '\0')
    g_string_append_printf (subtitle, " · %s", measure->support);
  if (measure->department != NULL && measure->department[0] != '\0')
    g_string_append_printf (subtitle, "\n%s", measure->department);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
  dt_measure_row_set_status (self, measure->status);
  return GTK_WIDGET (self);
}

gint64
dt_measure_row_get_no (DtMeasureRow *self)
{
  g_return_val_if_fail (DT_IS_MEASURE_ROW (self), 0);

  return self->no;
}
