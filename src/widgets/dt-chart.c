/* dt-chart.c — bar and line charts drawn with cairo, on screen and to files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dt-chart.h"
#include "dt-chart-render.h"
#include "dt-error.h"
#include "dt-render-file.h"

struct _DtChart
{
  GtkWidget      parent_instance;

  DtChartKind    kind;
  char          *title;
  char          *unit;
  char          *value_format;
  GStrv          categories;
  GArray        *series;          /* of DtChartSeries */
  DtChartValues  values;
  GStrv          colour_keys;
  char          *selection;       /* context carried by saved charts */
  char          *source;
  gboolean       sample;

  int            highlight_series;
  int            highlight_category;
  gboolean       highlight_from_pointer;

  DtChartLayout  layout;          /* from the last snapshot, for hit tests */
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DtChart, dt_chart, GTK_TYPE_WIDGET)

static void
series_clear (gpointer data)
{
  DtChartSeries *series = data;

  g_clear_pointer (&series->name, g_free);
  g_clear_pointer (&series->values, g_free);
  g_clear_pointer (&series->key, g_free);
}

/* The chart's data for dt_chart_render(). The highlight is for the
 * screen; the context (selection, source, sample mark) for saved files
 * and the description — the page around the widget shows it on screen. */
static void
fill_data_full (DtChart     *self,
                DtChartData *data,
                gboolean     with_highlight,
                gboolean     with_context)
{
  memset (data, 0, sizeof *data);
  data->kind = self->kind;
  data->title = self->title;
  data->unit = self->unit;
  data->value_format = self->value_format;
  data->categories = (const char * const *) self->categories;
  data->n_categories = self->categories ? g_strv_length (self->categories) : 0;
  data->series = (const DtChartSeries *) (gpointer) self->series->data;
  data->n_series = self->series->len;
  data->highlight_series = with_highlight ? self->highlight_series : -1;
  data->highlight_category = with_highlight ? self->highlight_category : -1;
  data->values = self->values;
  data->colour_keys = (const char * const *) self->colour_keys;
  if (with_context)
    {
      data->selection = self->selection;
      data->source = self->source;
      data->sample = self->sample;
    }
}

static void
fill_data (DtChart     *self,
           DtChartData *data,
           gboolean     with_highlight)
{
  fill_data_full (self, data, with_highlight, FALSE);
}

static double
value_at (DtChart *self,
          guint    series,
          guint    category)
{
  const DtChartSeries *s = &g_array_index (self->series, DtChartSeries, series);

  return category < s->n_values ? s->values[category] : NAN;
}

static gboolean
lookup_colour (GtkStyleContext *context,
               const char      *first,
               const char      *second,
               GdkRGBA         *out)
{
  if (gtk_style_context_lookup_color (context, first, out))
    return TRUE;
  return second != NULL && gtk_style_context_lookup_color (context, second, out);
}

/* The theme's colours when the widget is on screen (dark mode included),
 * a light style otherwise. */
static void
style_from_widget (DtChart      *self,
                   DtChartStyle *style)
{
  static const char * const palette_names[DT_CHART_PALETTE_SIZE] = {
    NULL, "green_4", "orange_3", "purple_3", "red_3", "yellow_5", "brown_3",
    NULL, NULL, NULL, "blue_5", "dark_1",   /* NULL: no named colour, the fixed one */
  };
  GtkStyleContext *context;
  PangoContext *pango;

  dt_chart_style_init_light (style);
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &style->foreground);
  lookup_colour (context, "window_bg_color", "theme_bg_color", &style->background);
  lookup_colour (context, "accent_bg_color", "accent_color", &style->palette[0]);
  if (lookup_colour (context, "accent_color", "accent_bg_color", &style->focus))
    style->focus.alpha = 0.5;
  for (guint i = 1; i < DT_CHART_PALETTE_SIZE; i++)
    if (palette_names[i] != NULL)
      lookup_colour (context, palette_names[i], NULL, &style->palette[i]);

  pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  if (pango_context_get_font_description (pango) != NULL)
    {
      pango_font_description_free (style->font);
      style->font = pango_font_description_copy (pango_context_get_font_description (pango));
    }
}

static void
update_accessible (DtChart *self)
{
  g_autofree char *description = dt_chart_describe (self);
  g_autofree char *full = NULL;
  guint series, category;

  if (dt_chart_get_highlight (self, &series, &category))
    {
      DtChartData data;
      g_autofree char *point = NULL;

      fill_data (self, &data, TRUE);
      point = dt_chart_describe_point (&data, series, category);
      /* TRANSLATORS: the highlighted value, then the chart's whole description */
      full = g_strdup_printf (_("Selected: %s. %s"), point, description);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title && self->title[0] ? self->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  full ? full : description,
                                  -1);
}

static void
data_changed (DtChart *self)
{
  guint n_categories = self->categories ? g_strv_length (self->categories) : 0;

  if (self->highlight_series >= (int) self->series->len || self->highlight_category >= (int) n_categories)
    {
      self->highlight_series = -1;
      self->highlight_category = -1;
    }
  self->layout.valid = FALSE;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_highlight_internal (DtChart  *self,
                        int       series,
                        int       category,
                        gboolean  from_pointer)
{
  if (series < 0 || category < 0)
    series = category = -1;
  self->highlight_from_pointer = from_pointer;
  if (series == self->highlight_series && category == self->highlight_category)
    return;
  self->highlight_series = series;
  self->highlight_category = category;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dt_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  DtChart *self = DT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DtChartStyle style;
  DtChartData data;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  style_from_widget (self, &style);
  style.fill_background = FALSE;  /* the widget sits on whatever is behind it */
  style.show_focus = gtk_widget_has_visible_focus (widget);
  fill_data (self, &data, TRUE);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dt_chart_render (cr, &data, width, height, &style, &self->layout);
  cairo_destroy (cr);
  dt_chart_style_clear (&style);
}

static void
dt_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 160;
      *natural = 300;
    }
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           DtChart                  *self)
{
  DtChartData data;
  guint series, category;

  fill_data (self, &data, FALSE);
  if (dt_chart_layout_hit_test (&self->layout, &data, x, y, &series, &category))
    set_highlight_internal (self, series, category, TRUE);
  else if (self->highlight_from_pointer)
    set_highlight_internal (self, -1, -1, TRUE);
}

static void
on_leave (GtkEventControllerMotion *controller,
          DtChart                  *self)
{
  if (self->highlight_from_pointer)
    set_highlight_internal (self, -1, -1, TRUE);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            DtChart         *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
has_value (DtChart *self,
           int      series,
           int      category)
{
  return isfinite (value_at (self, series, category));
}

/* Moves the highlight by @delta values. Bars step through every bar, category
 * by category; lines step along the highlighted series. Missing values are
 * skipped; the ends do not wrap. */
static void
move_highlight (DtChart *self,
                int      delta,
                gboolean to_end)
{
  int n_categories = self->categories ? g_strv_length (self->categories) : 0;
  int n_series = self->series->len;
  int series = self->highlight_series, category = self->highlight_category;

  if (n_categories == 0 || n_series == 0)
    return;

  if (self->kind == DT_CHART_BAR)
    {
      int n = n_categories * n_series;
      int i;

      if (series < 0)
        i = delta > 0 ? -1 : n;
      else
        i = category * n_series + series;
      if (to_end)
        i = delta > 0 ? -1 : n;
      for (i += delta; i >= 0 && i < n; i += delta)
        if (has_value (self, i % n_series, i / n_series))
          {
            set_highlight_internal (self, i % n_series, i / n_series, FALSE);
            return;
          }
    }
  else
    {
      int c;

      if (series < 0)
        {
          series = 0;
          category = delta > 0 ? -1 : n_categories;
        }
      if (to_end)
        category = delta > 0 ? -1 : n_categories;
      for (c = category + delta; c >= 0 && c < n_categories; c += delta)
        if (has_value (self, series, c))
          {
            set_highlight_internal (self, series, c, FALSE);
            return;
          }
    }
  /* Nothing further that way: keep what is shown, but take it from the pointer. */
  self->highlight_from_pointer = FALSE;
}

/* Up and Down pick the series with the next higher or lower value in the
 * same category, which is what the eye does on a line chart. */
static void
move_between_series (DtChart *self,
                     int      direction)
{
  int n_series = self->series->len;
  int best = -1;
  double current, best_value = 0;

  if (self->highlight_series < 0)
    {
      move_highlight (self, 1, FALSE);
      return;
    }
  current = value_at (self, self->highlight_series, self->highlight_category);
  for (int s = 0; s < n_series; s++)
    {
      double v = value_at (self, s, self->highlight_category);

      if (s == self->highlight_series || !isfinite (v))
        continue;
      if (direction > 0 ? (v > current || (v == current && s > self->highlight_series))
                        : (v < current || (v == current && s < self->highlight_series)))
        if (best < 0 || (direction > 0 ? v < best_value : v > best_value))
          {
            best = s;
            best_value = v;
          }
    }
  if (best >= 0)
    set_highlight_internal (self, best, self->highlight_category, FALSE);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DtChart               *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_highlight (self, rtl ? -1 : 1, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_highlight (self, rtl ? 1 : -1, FALSE);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_highlight (self, 1, TRUE);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_highlight (self, -1, TRUE);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->series->len < 2)
        return FALSE;
      move_between_series (self, 1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->series->len < 2)
        return FALSE;
      move_between_series (self, -1);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->highlight_series < 0)
        return FALSE;
      set_highlight_internal (self, -1, -1, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
dt_chart_finalize (GObject *object)
{
  DtChart *self = DT_CHART (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->value_format, g_free);
  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->colour_keys, g_strfreev);
  g_clear_pointer (&self->selection, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (dt_chart_parent_class)->finalize (object);
}

static void
dt_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DtChart *self = DT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DtChart *self = DT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      dt_chart_set_kind (self, g_value_get_int (value));
      break;
    case PROP_TITLE:
      dt_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      dt_chart_set_unit (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_chart_class_init (DtChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dt_chart_finalize;
  object_class->get_property = dt_chart_get_property;
  object_class->set_property = dt_chart_set_property;

  widget_class->snapshot = dt_chart_snapshot;
  widget_class->measure = dt_chart_measure;

  /* An int rather than an enum property: DtChartKind has no GType of its own. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, DT_CHART_BAR, DT_CHART_LINE, DT_CHART_BAR,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "dt-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dt_chart_init (DtChart *self)
{
  GtkEventController *controller;

  self->value_format = g_strdup ("%.1f");
  self->series = g_array_new (FALSE, TRUE, sizeof (DtChartSeries));
  g_array_set_clear_func (self->series, series_clear);
  self->highlight_series = -1;
  self->highlight_category = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  /* No tooltip: the callout drawn at the hovered mark already gives its
   * value, and a tooltip beside it would say it twice. */

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

GtkWidget *
dt_chart_new (DtChartKind kind)
{
  return g_object_new (DT_TYPE_CHART, "kind", kind, NULL);
}

DtChartKind
dt_chart_get_kind (DtChart *self)
{
  g_return_val_if_fail (DT_IS_CHART (self), DT_CHART_BAR);

  return self->kind;
}

void
dt_chart_set_kind (DtChart     *self,
                   DtChartKind  kind)
{
  g_return_if_fail (DT_IS_CHART (self));
  g_return_if_fail (kind == DT_CHART_BAR || kind == DT_CHART_LINE);

  if (self->kind == kind)
    return;
  self->kind = kind;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static gboolean
replace_str (char       **slot,
             const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

void
dt_chart_set_title (DtChart    *self,
                    const char *title)
{
  g_return_if_fail (DT_IS_CHART (self));

  if (!replace_str (&self->title, title))
    return;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dt_chart_set_unit (DtChart    *self,
                   const char *unit)
{
  g_return_if_fail (DT_IS_CHART (self));

  if (!replace_str (&self->unit, unit))
    return;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

void
dt_chart_set_value_format (DtChart    *self,
                           const char *format)
{
  g_return_if_fail (DT_IS_CHART (self));
  g_return_if_fail (format == NULL || dt_chart_value_format_is_valid (format));

  if (replace_str (&self->value_format, format ? format : "%.1f"))
    data_changed (self);
}

void
dt_chart_set_categories (DtChart            *self,
                         const char * const *categories)
{
  g_return_if_fail (DT_IS_CHART (self));

  g_clear_pointer (&self->categories, g_strfreev);
  self->categories = g_strdupv ((char **) categories);
  data_changed (self);
}

void
dt_chart_clear_series (DtChart *self)
{
  g_return_if_fail (DT_IS_CHART (self));

  if (self->series->len == 0)
    return;
  g_array_set_size (self->series, 0);
  data_changed (self);
}

void
dt_chart_add_series (DtChart      *self,
                     const char   *name,
                     const double *values,
                     guint         n_values)
{
  dt_chart_add_series_full (self, NULL, name, values, n_values, DT_CHART_SERIES_NONE);
}

void
dt_chart_add_series_full (DtChart            *self,
                          const char         *key,
                          const char         *name,
                          const double       *values,
                          guint               n_values,
                          DtChartSeriesFlags  flags)
{
  DtChartSeries series = { 0 };

  g_return_if_fail (DT_IS_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);

  series.name = g_strdup (name ? name : "");
  series.values = g_memdup2 (values, sizeof (double) * n_values);
  series.n_values = n_values;
  series.key = g_strdup (key);
  series.flags = flags;
  g_array_append_val (self->series, series);
  data_changed (self);
}

void
dt_chart_set_colour_keys (DtChart            *self,
                          const char * const *keys)
{
  g_return_if_fail (DT_IS_CHART (self));

  g_clear_pointer (&self->colour_keys, g_strfreev);
  self->colour_keys = g_strdupv ((char **) keys);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
dt_chart_get_series_colour (DtChart *self,
                            guint    series)
{
  DtChartData data;

  g_return_val_if_fail (DT_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  fill_data (self, &data, FALSE);
  return dt_chart_series_colour_index (&data, series);
}

void
dt_chart_set_values (DtChart       *self,
                     DtChartValues  values)
{
  g_return_if_fail (DT_IS_CHART (self));
  g_return_if_fail (values <= DT_CHART_VALUES_AMOUNT);

  if (self->values == values)
    return;
  self->values = values;
  data_changed (self);
}

DtChartValues
dt_chart_get_values (DtChart *self)
{
  g_return_val_if_fail (DT_IS_CHART (self), DT_CHART_VALUES_PLAIN);

  return self->values;
}

void
dt_chart_set_context (DtChart    *self,
                      const char *selection,
                      const char *source,
                      gboolean    sample)
{
  gboolean changed;

  g_return_if_fail (DT_IS_CHART (self));

  changed = replace_str (&self->selection, selection);
  changed |= replace_str (&self->source, source);
  if (self->sample != !!sample)
    {
      self->sample = !!sample;
      changed = TRUE;
    }
  if (changed)
    data_changed (self);
}

char *
dt_chart_describe (DtChart *self)
{
  DtChartData data;

  g_return_val_if_fail (DT_IS_CHART (self), NULL);

  fill_data_full (self, &data, FALSE, TRUE);
  return dt_chart_describe_data (&data);
}

gboolean
dt_chart_get_highlight (DtChart *self,
                        guint   *series,
                        guint   *category)
{
  g_return_val_if_fail (DT_IS_CHART (self), FALSE);

  if (self->highlight_series < 0 || self->highlight_category < 0)
    return FALSE;
  if (series != NULL)
    *series = self->highlight_series;
  if (category != NULL)
    *category = self->highlight_category;
  return TRUE;
}

void
dt_chart_set_highlight (DtChart *self,
                        int      series,
                        int      category)
{
  g_return_if_fail (DT_IS_CHART (self));

  if (series >= (int) self->series->len || category >= (int) dt_chart_get_n_categories (self))
    series = category = -1;
  set_highlight_internal (self, series, category, FALSE);
}

guint
dt_chart_get_n_series (DtChart *self)
{
  g_return_val_if_fail (DT_IS_CHART (self), 0);

  return self->series->len;
}

guint
dt_chart_get_n_categories (DtChart *self)
{
  g_return_val_if_fail (DT_IS_CHART (self), 0);

  return self->categories ? g_strv_length (self->categories) : 0;
}

/* The context as text, for the file's own metadata: the description
 * (title, selection, sample mark, every value) and the source line. */
static char *
describe_for_file (DtChart *self)
{
  g_autofree char *description = dt_chart_describe (self);

  if (self->source == NULL || self->source[0] == '\0')
    return g_steal_pointer (&description);
  return g_strconcat (description, " ", self->source, NULL);
}

/* Cairo draws an SVG's text as glyph outlines: a <title> and <desc> make
 * its context readable to search, screen readers and grep. */
static gboolean
add_svg_text (DtChart     *self,
              const char  *path,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *description_text = describe_for_file (self);
  g_autoptr(GString) out = NULL;
  const char *svg, *end;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  svg = strstr (contents, "<svg");
  end = svg ? strchr (svg, '>') : NULL;
  if (end == NULL)
    return TRUE;
  title = g_markup_escape_text (self->title ? self->title : "", -1);
  description = g_markup_escape_text (description_text, -1);
  out = g_string_new_len (contents, end + 1 - contents);
  g_string_append_printf (out, "\n<title>%s</title>\n<desc>%s</desc>", title, description);
  g_string_append (out, end + 1);
  return g_file_set_contents (path, out->str, out->len, error);
}

static guint32
crc32_update (guint32       crc,
              const guchar *data,
              gsize         length)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
  return ~crc;
}

static void
append_png_text (GByteArray *chunks,
                 const char *keyword,
                 const char *text)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  static const guchar zeros[3] = { 0, 0, 0 };
  guchar be[4];
  guint32 crc;

  /* iTXt: keyword, no compression, no language tag, UTF-8 text. */
  g_byte_array_append (body, (const guchar *) "iTXt", 4);
  g_byte_array_append (body, (const guchar *) keyword, strlen (keyword));
  g_byte_array_append (body, zeros, 3);  /* NUL, compression flag, method */
  g_byte_array_append (body, zeros, 2);  /* empty language tag and translated keyword */
  g_byte_array_append (body, (const guchar *) text, strlen (text));

  be[0] = (body->len - 4) >> 24; be[1] = (body->len - 4) >> 16; be[2] = (body->len - 4) >> 8; be[3] = body->len - 4;
  g_byte_array_append (chunks, be, 4);
  g_byte_array_append (chunks, body->data, body->len);
  crc = crc32_update (0, body->data, body->len);
  be[0] = crc >> 24; be[1] = crc >> 16; be[2] = crc >> 8; be[3] = crc;
  g_byte_array_append (chunks, be, 4);
}

/* Cairo writes no text chunks: add Title and Description before IEND. */
static gboolean
add_png_text (DtChart     *self,
              const char  *path,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *description = describe_for_file (self);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  /* IEND is the last 12 bytes of a PNG. */
  if (length < 20 || memcmp (contents + length - 8, "IEND", 4) != 0)
    return TRUE;
  g_byte_array_append (out, (const guchar *) contents, length - 12);
  if (self->title != NULL && self->title[0] != '\0')
    append_png_text (out, "Title", self->title);
  append_png_text (out, "Description", description);
  if (self->sample)
    append_png_text (out, "Disclaimer", _("Sample data"));
  g_byte_array_append (out, (const guchar *) contents + length - 12, 12);
  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

typedef struct
{
  const DtChartData  *data;
  const DtChartStyle *style;
} SaveClosure;

static void
draw_for_save (cairo_t  *cr,
               int       width,
               int       height,
               gpointer  user_data)
{
  SaveClosure *closure = user_data;

  dt_chart_render (cr, closure->data, width, height, closure->style, NULL);
}

gboolean
dt_chart_save (DtChart     *self,
               const char  *path,
               int          width,
               int          height,
               GError     **error)
{
  g_autofree char *lower = NULL;
  DtChartStyle style;
  DtChartData data;
  SaveClosure closure = { &data, &style };
  gboolean ok;

  g_return_val_if_fail (DT_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  style_from_widget (self, &style);
  style.fill_background = TRUE;
  style.show_focus = FALSE;
  /* A saved chart has no hover callout, and carries its context. */
  fill_data_full (self, &data, FALSE, TRUE);

  ok = dt_render_save_file (path, width, height, self->title, draw_for_save, &closure, error);
  dt_chart_style_clear (&style);
  if (!ok)
    return FALSE;

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    return add_svg_text (self, path, error);
  if (g_str_has_suffix (lower, ".png"))
    return add_png_text (self, path, error);
  return TRUE;
}
