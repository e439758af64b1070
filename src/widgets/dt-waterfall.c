/* dt-waterfall.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-waterfall"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-waterfall.h"

struct _DtWaterfall
{
  GtkWidget          parent_instance;

  char              *title;
  char              *start_label;
  char              *end_label;
  char              *note;
  double             start;
  double             end;
  GArray            *steps;    /* DtWaterfallStep, labels owned */
  int                selected;
  DtWaterfallLayout  layout;
};

G_DEFINE_FINAL_TYPE (DtWaterfall, dt_waterfall, GTK_TYPE_WIDGET)

enum {
  STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_step (gpointer data)
{
  DtWaterfallStep *step = data;

  g_free ((char *)step->label);
}

static void
colour_from (DtWaterfallColour *out,
             const GdkRGBA     *rgba)
{
  *out = (DtWaterfallColour) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* The theme's colours on screen (dark mode too); light ones otherwise. */
static void
style_from_widget (DtWaterfall      *self,
                   DtWaterfallStyle *style)
{
  GtkStyleContext *context;
  PangoContext *pango;
  GdkRGBA rgba;

  dt_waterfall_style_init_light (style);
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &rgba);
  colour_from (&style->foreground, &rgba);
  if (gtk_style_context_lookup_color (context, "window_bg_color", &rgba))
    colour_from (&style->background, &rgba);
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &rgba))
    colour_from (&style->total, &rgba);
  if (gtk_style_context_lookup_color (context, "accent_color", &rgba))
    {
      colour_from (&style->focus, &rgba);
      style->focus.alpha = 0.6;
    }
  if (gtk_style_context_lookup_color (context, "success_color", &rgba))
    colour_from (&style->up, &rgba);
  if (gtk_style_context_lookup_color (context, "error_color", &rgba))
    colour_from (&style->down, &rgba);
  pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  if (pango_context_get_font_description (pango) != NULL)
    {
      pango_font_description_free (style->font);
      style->font = pango_font_description_copy (pango_context_get_font_description (pango));
    }
}

static void
fill_data (DtWaterfall     *self,
           DtWaterfallData *data)
{
  *data = (DtWaterfallData) {
    .title = self->title,
    .start_label = self->start_label != NULL ? self->start_label : "",
    .start = self->start,
    .end_label = self->end_label != NULL ? self->end_label : "",
    .end = self->end,
    .steps = (const DtWaterfallStep *)(gpointer)self->steps->data,
    .n_steps = self->steps->len,
    .selected = self->selected,
    .note = self->note,
  };
}

static void
dt_waterfall_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  DtWaterfall *self = DT_WATERFALL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DtWaterfallStyle style;
  DtWaterfallData data;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->start_label == NULL)
    return;
  style_from_widget (self, &style);
  style.show_focus = gtk_widget_has_focus (widget);
  fill_data (self, &data);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dt_waterfall_render (cr, &data, width, height, &style, &self->layout);
  cairo_destroy (cr);
  dt_waterfall_style_clear (&style);
}

static void
activate_step (DtWaterfall *self,
               int          step)
{
  if (step < 0 || (guint)step >= self->steps->len)
    return;
  self->selected = step;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[STEP_ACTIVATED], 0, (guint)step);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            DtWaterfall     *self)
{
  DtWaterfallData data;

  fill_data (self, &data);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_step (self, dt_waterfall_hit_test (&self->layout, &data, x, y));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DtWaterfall           *self)
{
  int n = self->steps->len;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      self->selected = self->selected <= 0 ? 0 : self->selected - 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      self->selected = self->selected < 0 ? 0 : MIN (self->selected + 1, n - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate_step (self, self->selected < 0 ? 0 : self->selected);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
dt_waterfall_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 300 : 260;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 700 : 360;
}

static void
dt_waterfall_finalize (GObject *object)
{
  DtWaterfall *self = DT_WATERFALL (object);

  g_free (self->title);
  g_free (self->start_label);
  g_free (self->end_label);
  g_free (self->note);
  g_array_unref (self->steps);

  G_OBJECT_CLASS (dt_waterfall_parent_class)->finalize (object);
}

static void
dt_waterfall_class_init (DtWaterfallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_waterfall_finalize;
  widget_class->snapshot = dt_waterfall_snapshot;
  widget_class->measure = dt_waterfall_measure;

  /**
   * DtWaterfall::step-activated:
   * @index: the step
   *
   * A step was clicked, or chosen with Enter.
   */
  signals[STEP_ACTIVATED] = g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "waterfall");
}

static void
dt_waterfall_init (DtWaterfall *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->steps = g_array_new (FALSE, TRUE, sizeof (DtWaterfallStep));
  g_array_set_clear_func (self->steps, clear_step);
  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Waterfall chart of the change"), -1);
}

GtkWidget *
dt_waterfall_new (void)
{
  return g_object_new (DT_TYPE_WATERFALL, NULL);
}

void
dt_waterfall_set_data (DtWaterfall           *self,
                       const char            *title,
                       const char            *start_label,
                       double                 start,
                       const char            *end_label,
                       double                 end,
                       const DtWaterfallStep *steps,
                       guint                  n_steps,
                       const char            *note)
{
  g_return_if_fail (DT_IS_WATERFALL (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->start_label);
  self->start_label = g_strdup (start_label);
  g_free (self->end_label);
  self->end_label = g_strdup (end_label);
  g_free (self->note);
  self->note = g_strdup (note);
  self->start = start;
  self->end = end;
  g_array_set_size (self->steps, 0);
  for (guint i = 0; i < n_steps; i++)
    {
      DtWaterfallStep step = steps[i];

      step.label = g_strdup (steps[i].label);
      g_array_append_val (self->steps, step);
    }
  self->selected = n_steps > 0 ? 0 : -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dt_waterfall_set_description (DtWaterfall *self,
                              const char  *description)
{
  g_return_if_fail (DT_IS_WATERFALL (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
}

int
dt_waterfall_get_selected (DtWaterfall *self)
{
  g_return_val_if_fail (DT_IS_WATERFALL (self), -1);
  return self->selected;
}

guint
dt_waterfall_get_n_steps (DtWaterfall *self)
{
  g_return_val_if_fail (DT_IS_WATERFALL (self), 0);
  return self->steps->len;
}

gboolean
dt_waterfall_save (DtWaterfall  *self,
                   const char   *path,
                   int           width,
                   int           height,
                   GError      **error)
{
  DtWaterfallStyle style;
  DtWaterfallData data;
  gboolean ok;

  g_return_val_if_fail (DT_IS_WATERFALL (self), FALSE);

  style_from_widget (self, &style);
  style.fill_background = TRUE;
  style.show_focus = FALSE;
  fill_data (self, &data);
  ok = dt_waterfall_render_to_file (&data, &style, path, width, height, error);
  dt_waterfall_style_clear (&style);
  return ok;
}
