/* dt-tile-map.c — the 11 cities of Zhejiang as a tile map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-tile-map"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-render-file.h"
#include "dt-tile-map.h"
#include "dt-tile-map-render.h"

typedef struct
{
  char   *code;
  char   *name;
  double  value;
} Region;

struct _DtTileMap
{
  GtkWidget        parent_instance;

  char            *title;
  char            *unit;
  char            *value_format;
  GArray          *regions;      /* Region */
  int              selected;
  int              hover;
  int              focus;
  DtTileMapLayout  layout;       /* from the last snapshot, for hit tests */
};

enum {
  SIGNAL_REGION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DtTileMap, dt_tile_map, GTK_TYPE_WIDGET)

static void
region_clear (gpointer data)
{
  Region *region = data;

  g_clear_pointer (&region->code, g_free);
  g_clear_pointer (&region->name, g_free);
}

/* The data for the renderer; @regions must hold n_regions entries. */
static void
fill_data (DtTileMap       *self,
           DtTileMapData   *data,
           DtTileMapRegion *regions,
           gboolean         with_hover)
{
  for (guint i = 0; i < self->regions->len; i++)
    {
      Region *region = &g_array_index (self->regions, Region, i);

      regions[i] = (DtTileMapRegion) { region->code, region->name, region->value };
    }
  *data = (DtTileMapData) {
    .title = self->title,
    .unit = self->unit,
    .value_format = self->value_format,
    .regions = regions,
    .n_regions = self->regions->len,
    .selected = self->selected,
    .hover = with_hover ? self->hover : -1,
    .focus = self->focus,
  };
}

#define WITH_DATA(self, data, hover) \
  g_autofree DtTileMapRegion *data##_regions = g_new0 (DtTileMapRegion, MAX ((self)->regions->len, 1)); \
  DtTileMapData data; \
  fill_data ((self), &data, data##_regions, (hover))

static DtTileMapColor
to_color (const GdkRGBA *rgba)
{
  return (DtTileMapColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* The theme's colours (dark mode included) once on screen, a light style
 * otherwise. */
static void
style_from_widget (DtTileMap      *self,
                   DtTileMapStyle *style)
{
  GtkStyleContext *context;
  PangoContext *pango;
  GdkRGBA rgba;

  dt_tile_map_style_init_light (style);
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &rgba);
  style->foreground = to_color (&rgba);
  if (gtk_style_context_lookup_color (context, "window_bg_color", &rgba))
    style->background = to_color (&rgba);
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &rgba))
    style->accent = to_color (&rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS

  pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  if (pango_context_get_font_description (pango) != NULL)
    style->font = pango_font_description_copy (pango_context_get_font_description (pango));
}

char *
dt_tile_map_describe (DtTileMap *self)
{
  g_return_val_if_fail (DT_IS_TILE_MAP (self), NULL);
  {
    WITH_DATA (self, data, FALSE);

    return dt_tile_map_describe_data (&data);
  }
}

static void
update_accessible (DtTileMap *self)
{
  g_autofree char *description = dt_tile_map_describe (self);
  g_autofree char *full = NULL;

  if (self->selected >= 0)
    {
      g_autofree char *region = NULL;
      WITH_DATA (self, data, FALSE);

      region = dt_tile_map_describe_region (&data, self->selected);

      /* Translators: the selected city, then the map's whole description */
      full = g_strdup_printf (_("Selected: %s. %s"), region, description);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL && self->title[0] != '\0' ? self->title : _("Map of the cities"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  full != NULL ? full : description,
                                  -1);
}

static void
changed (DtTileMap *self)
{
  if (self->selected >= (int)self->regions->len)
    self->selected = -1;
  if (self->hover >= (int)self->regions->len)
    self->hover = -1;
  if (self->focus >= (int)self->regions->len)
    self->focus = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
find (DtTileMap  *self,
      const char *code)
{
  for (guint i = 0; code != NULL && i < self->regions->len; i++)
    if (g_str_equal (g_array_index (self->regions, Region, i).code, code))
      return i;
  return -1;
}

GtkWidget *
dt_tile_map_new (void)
{
  return g_object_new (DT_TYPE_TILE_MAP, NULL);
}

void
dt_tile_map_set_title (DtTileMap  *self,
                       const char *title)
{
  g_return_if_fail (DT_IS_TILE_MAP (self));

  g_free (self->title);
  self->title = g_strdup (title);
  changed (self);
}

void
dt_tile_map_set_unit (DtTileMap  *self,
                      const char *unit)
{
  g_return_if_fail (DT_IS_TILE_MAP (self));

  g_free (self->unit);
  self->unit = g_strdup (unit);
  changed (self);
}

void
dt_tile_map_set_value_format (DtTileMap  *self,
                              const char *format)
{
  g_return_if_fail (DT_IS_TILE_MAP (self));

  g_free (self->value_format);
  self->value_format = g_strdup (format != NULL ? format : "%.1f");
  changed (self);
}

void
dt_tile_map_clear (DtTileMap *self)
{
  g_return_if_fail (DT_IS_TILE_MAP (self));

  g_array_set_size (self->regions, 0);
  changed (self);
}

void
dt_tile_map_set_value (DtTileMap  *self,
                       const char *code,
                       const char *name,
                       double      value)
{
  int i;

  g_return_if_fail (DT_IS_TILE_MAP (self));
  g_return_if_fail (code != NULL);

  i = find (self, code);
  if (i < 0)
    {
      Region region = { g_strdup (code), NULL, NAN };

      g_array_append_val (self->regions, region);
      i = self->regions->len - 1;
    }
  g_free (g_array_index (self->regions, Region, i).name);
  g_array_index (self->regions, Region, i).name = g_strdup (name != NULL ? name : code);
  g_array_index (self->regions, Region, i).value = value;
  changed (self);
}

const char *
dt_tile_map_get_selected (DtTileMap *self)
{
  g_return_val_if_fail (DT_IS_TILE_MAP (self), NULL);

  return self->selected >= 0 ? g_array_index (self->regions, Region, self->selected).code : NULL;
}

void
dt_tile_map_set_selected (DtTileMap  *self,
                          const char *code)
{
  g_return_if_fail (DT_IS_TILE_MAP (self));

  self->selected = find (self, code);
  if (self->selected >= 0)
    self->focus = self->selected;
  changed (self);
}

void
dt_tile_map_activate (DtTileMap  *self,
                      const char *code)
{
  g_return_if_fail (DT_IS_TILE_MAP (self));

  dt_tile_map_set_selected (self, code);
  if (self->selected >= 0)
    g_signal_emit (self, signals[SIGNAL_REGION_ACTIVATED], 0, code);
}

gboolean
dt_tile_map_get_tile_color (DtTileMap  *self,
                            const char *code,
                            GdkRGBA    *color)
{
  DtTileMapStyle style;
  DtTileMapColor c;
  int i;

  g_return_val_if_fail (DT_IS_TILE_MAP (self), FALSE);

  i = find (self, code);
  if (i < 0)
    return FALSE;
  {
    WITH_DATA (self, data, FALSE);

    style_from_widget (self, &style);
    c = dt_tile_map_tile_color (&data, &style, i);
    dt_tile_map_style_clear (&style);
  }
  *color = (GdkRGBA) { c.red, c.green, c.blue, c.alpha };
  return TRUE;
}

static void
dt_tile_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  DtTileMap *self = DT_TILE_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DtTileMapStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  {
    WITH_DATA (self, data, TRUE);

    style_from_widget (self, &style);
    style.fill_background = FALSE;
    style.show_focus = gtk_widget_has_visible_focus (widget);
    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
    dt_tile_map_render (cr, &data, width, height, &style, &self->layout);
    cairo_destroy (cr);
    dt_tile_map_style_clear (&style);
  }
}

static void
dt_tile_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  /* Five columns and four rows of tiles, a title and a legend. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 420;
    }
  else
    {
      *minimum = 260;
      *natural = for_size > 0 ? CLAMP ((for_size - 16) / 5 * 4 + 90, 260, 480) : 400;
    }
}

static int
hit (DtTileMap *self,
     double     x,
     double     y)
{
  WITH_DATA (self, data, FALSE);

  return dt_tile_map_layout_hit_test (&self->layout, &data, x, y);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  DtTileMap *self = DT_TILE_MAP (widget);
  int i = keyboard_mode ? self->focus : hit (self, x, y);
  g_autofree char *text = NULL;

  if (i < 0)
    return FALSE;
  {
    WITH_DATA (self, data, FALSE);

    text = dt_tile_map_describe_region (&data, i);
  }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           DtTileMap                *self)
{
  int i = hit (self, x, y);

  if (i != self->hover)
    {
      self->hover = i;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          DtTileMap                *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             DtTileMap       *self)
{
  int i = hit (self, x, y);

  if (i < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  dt_tile_map_activate (self, g_array_index (self->regions, Region, i).code);
}

/* Arrow keys move between neighbouring tiles: the nearest tile in that
 * direction on the grid. */
static void
move_focus (DtTileMap *self,
            int        dx,
            int        dy)
{
  int column = 0, row = 0, best = -1, best_distance = G_MAXINT;

  if (self->focus < 0 ||
      !dt_tile_map_position (g_array_index (self->regions, Region, self->focus).code, &column, &row))
    {
      self->focus = self->regions->len > 0 ? 0 : -1;
      goto done;
    }
  for (guint i = 0; i < self->regions->len; i++)
    {
      int c, r, along, across, distance;

      if (!dt_tile_map_position (g_array_index (self->regions, Region, i).code, &c, &r))
        continue;
      along = (c - column) * dx + (r - row) * dy;
      across = ABS ((c - column) * dy) + ABS ((r - row) * dx);
      if (along <= 0)
        continue;
      distance = along * 2 + across * 3;
      if (distance < best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }
  if (best >= 0)
    self->focus = best;

done:
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DtTileMap             *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, -1, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, 1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_focus (self, 0, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, 0, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->focus < 0)
        return FALSE;
      dt_tile_map_activate (self, g_array_index (self->regions, Region, self->focus).code);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_enter (DtTileMap *self)
{
  if (self->focus < 0 && self->regions->len > 0)
    self->focus = self->selected >= 0 ? self->selected : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct
{
  const DtTileMapData  *data;
  const DtTileMapStyle *style;
} SaveClosure;

static void
draw_for_save (cairo_t  *cr,
               int       width,
               int       height,
               gpointer  user_data)
{
  SaveClosure *closure = user_data;

  dt_tile_map_render (cr, closure->data, width, height, closure->style, NULL);
}

gboolean
dt_tile_map_save (DtTileMap   *self,
                  const char  *path,
                  int          width,
                  int          height,
                  GError     **error)
{
  DtTileMapStyle style;
  SaveClosure closure;
  gboolean ok;

  g_return_val_if_fail (DT_IS_TILE_MAP (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  {
    WITH_DATA (self, data, FALSE);

    style_from_widget (self, &style);
    style.fill_background = TRUE;
    style.show_focus = FALSE;
    data.selected = -1;
    closure = (SaveClosure) { &data, &style };
    ok = dt_render_save_file (path, width, height, NULL, draw_for_save, &closure, error);
    dt_tile_map_style_clear (&style);
  }
  return ok;
}

static void
dt_tile_map_finalize (GObject *object)
{
  DtTileMap *self = DT_TILE_MAP (object);

  g_free (self->title);
  g_free (self->unit);
  g_free (self->value_format);
  g_array_unref (self->regions);

  G_OBJECT_CLASS (dt_tile_map_parent_class)->finalize (object);
}

static void
dt_tile_map_class_init (DtTileMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_tile_map_finalize;
  widget_class->snapshot = dt_tile_map_snapshot;
  widget_class->measure = dt_tile_map_measure;

  /* A city was clicked, or chosen with Enter; its code is given. */
  signals[SIGNAL_REGION_ACTIVATED] =
    g_signal_new ("region-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "tilemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dt_tile_map_init (DtTileMap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->regions = g_array_new (FALSE, TRUE, sizeof (Region));
  g_array_set_clear_func (self->regions, region_clear);
  self->value_format = g_strdup ("%.1f");
  self->selected = self->hover = self->focus = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  update_accessible (self);
}
