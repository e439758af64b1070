/* dt-rank-interval.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-rank-interval"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-rank-interval.h"

struct _DtRankInterval
{
  GtkWidget  parent_instance;

  char      *title;
  GArray    *items;        /* DtRankIntervalItem, labels owned */
  guint      n_ranks;
  guint      replications;
};

G_DEFINE_FINAL_TYPE (DtRankInterval, dt_rank_interval, GTK_TYPE_WIDGET)

static void
clear_item (gpointer data)
{
  g_free ((char *)((DtRankIntervalItem *)data)->label);
}

static void
fill_data (DtRankInterval     *self,
           DtRankIntervalData *data)
{
  data->title = self->title;
  data->items = (const DtRankIntervalItem *)(gpointer)self->items->data;
  data->n_items = self->items->len;
  data->n_ranks = self->n_ranks;
  data->replications = self->replications;
}

static void
copy_colour (const GdkRGBA *from,
             double        *to)
{
  to[0] = from->red;
  to[1] = from->green;
  to[2] = from->blue;
  to[3] = from->alpha;
}

/* The theme's colours, dark mode included, once on screen. */
static void
style_from_widget (DtRankInterval      *self,
                   DtRankIntervalStyle *style)
{
  GtkStyleContext *context;
  GdkRGBA colour;

  dt_rank_interval_style_init_light (style);
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &colour);
  copy_colour (&colour, style->foreground);
  if (gtk_style_context_lookup_color (context, "window_bg_color", &colour))
    copy_colour (&colour, style->background);
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &colour))
    copy_colour (&colour, style->accent);
  style->font = (PangoFontDescription *)pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
}

static void
dt_rank_interval_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  DtRankInterval *self = DT_RANK_INTERVAL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DtRankIntervalStyle style;
  DtRankIntervalData data;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  style_from_widget (self, &style);
  fill_data (self, &data);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dt_rank_interval_render (cr, &data, width, height, &style);
  cairo_destroy (cr);
}

static void
dt_rank_interval_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  DtRankInterval *self = DT_RANK_INTERVAL (widget);
  DtRankIntervalData data;

  fill_data (self, &data);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 720;
    }
  else
    *minimum = *natural = dt_rank_interval_natural_height (&data);
}

static void
dt_rank_interval_finalize (GObject *object)
{
  DtRankInterval *self = DT_RANK_INTERVAL (object);

  g_free (self->title);
  g_array_unref (self->items);
  G_OBJECT_CLASS (dt_rank_interval_parent_class)->finalize (object);
}

static void
dt_rank_interval_class_init (DtRankIntervalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_rank_interval_finalize;
  widget_class->snapshot = dt_rank_interval_snapshot;
  widget_class->measure = dt_rank_interval_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dt_rank_interval_init (DtRankInterval *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (DtRankIntervalItem));
  g_array_set_clear_func (self->items, clear_item);
}

GtkWidget *
dt_rank_interval_new (void)
{
  return g_object_new (DT_TYPE_RANK_INTERVAL, NULL);
}

void
dt_rank_interval_set_data (DtRankInterval           *self,
                           const char               *title,
                           const DtRankIntervalItem *items,
                           guint                     n_items,
                           guint                     n_ranks,
                           guint                     replications)
{
  g_autofree char *description = NULL;

  g_return_if_fail (DT_IS_RANK_INTERVAL (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_array_set_size (self->items, 0);
  for (guint i = 0; i < n_items; i++)
    {
      DtRankIntervalItem item = items[i];

      item.label = g_strdup (items[i].label);
      g_array_append_val (self->items, item);
    }
  self->n_ranks = n_ranks;
  self->replications = replications;

  description = dt_rank_interval_describe_chart (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : _("Rank intervals"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
dt_rank_interval_get_n_items (DtRankInterval *self)
{
  g_return_val_if_fail (DT_IS_RANK_INTERVAL (self), 0);
  return self->items->len;
}

char *
dt_rank_interval_describe_chart (DtRankInterval *self)
{
  DtRankIntervalData data;

  g_return_val_if_fail (DT_IS_RANK_INTERVAL (self), NULL);
  fill_data (self, &data);
  return dt_rank_interval_describe (&data);
}

gboolean
dt_rank_interval_save_chart (DtRankInterval  *self,
                             const char      *path,
                             int              width,
                             int              height,
                             GError         **error)
{
  DtRankIntervalStyle style;
  DtRankIntervalData data;

  g_return_val_if_fail (DT_IS_RANK_INTERVAL (self), FALSE);
  style_from_widget (self, &style);
  fill_data (self, &data);
  /* A file gets every row at a readable height. */
  height = MAX (height, dt_rank_interval_natural_height (&data));
  return dt_rank_interval_save (&data, &style, path, width, height, error);
}
