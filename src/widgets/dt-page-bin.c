/* dt-page-bin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view stack sizes itself to the largest of its pages, so every page's
 * widgets are measured (and styled) before the first frame, pages nobody
 * has opened too: a tenth of a second at start-up. A page held in this
 * bin asks for no space while its stack hides it, and measures its page
 * again once shown.
 */

#include "config.h"

#include "dt-page-bin.h"

struct _DtPageBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (DtPageBin, dt_page_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_page_bin_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  DtPageBin *self = DT_PAGE_BIN (widget);

  *minimum = *natural = 0;
  if (self->child != NULL && gtk_widget_get_child_visible (widget))
    gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
dt_page_bin_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  DtPageBin *self = DT_PAGE_BIN (widget);

  if (self->child != NULL && gtk_widget_get_child_visible (widget))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
dt_page_bin_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dt_page_bin_parent_class)->map (widget);
  /* Shown: what it measured while hidden no longer holds. */
  gtk_widget_queue_resize (widget);
}

static gboolean
dt_page_bin_grab_focus (GtkWidget *widget)
{
  DtPageBin *self = DT_PAGE_BIN (widget);

  return self->child != NULL && gtk_widget_grab_focus (self->child);
}

static void
dt_page_bin_dispose (GObject *object)
{
  DtPageBin *self = DT_PAGE_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (dt_page_bin_parent_class)->dispose (object);
}

static void
dt_page_bin_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DtPageBin *self = DT_PAGE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_page_bin_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DtPageBin *self = DT_PAGE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      dt_page_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_page_bin_class_init (DtPageBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_page_bin_dispose;
  object_class->get_property = dt_page_bin_get_property;
  object_class->set_property = dt_page_bin_set_property;
  widget_class->measure = dt_page_bin_measure;
  widget_class->size_allocate = dt_page_bin_size_allocate;
  widget_class->map = dt_page_bin_map;
  widget_class->grab_focus = dt_page_bin_grab_focus;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_page_bin_init (DtPageBin *self)
{
}

GtkWidget *
dt_page_bin_new (void)
{
  return g_object_new (DT_TYPE_PAGE_BIN, NULL);
}

GtkWidget *
dt_page_bin_get_child (DtPageBin *self)
{
  g_return_val_if_fail (DT_IS_PAGE_BIN (self), NULL);

  return self->child;
}

void
dt_page_bin_set_child (DtPageBin *self,
                       GtkWidget *child)
{
  g_return_if_fail (DT_IS_PAGE_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  self->child = child;
  if (child != NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
