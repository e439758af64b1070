/* test-chart.c — the chart widget and its drawing function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "dt-chart.h"
#include "dt-chart-render.h"
#include "dt-error.h"
#include "dt-waterfall.h"

static const char * const cities[] = {
  "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", NULL
};
static const double city_counts[] = { 58, 12, 6, 5, 3, 4, 6, 1, 1, 3, 1 };
static const char * const years[] = { "2018", "2019", "2020", "2021", "2022", "2023", "2024", NULL };

static char *tmp_dir;

static gboolean press_key (DtChart *chart,
                           guint    keyval);

static DtChart *
make_bar_chart (void)
{
  DtChart *chart = DT_CHART (g_object_ref_sink (dt_chart_new (DT_CHART_BAR)));

  dt_chart_set_title (chart, "Count by city");
  dt_chart_set_unit (chart, "家");
  dt_chart_set_value_format (chart, "%.0f");
  dt_chart_set_categories (chart, cities);
  dt_chart_add_series (chart, "Enterprises", city_counts, G_N_ELEMENTS (city_counts));
  return chart;
}

static DtChart *
make_line_chart (void)
{
  DtChart *chart = DT_CHART (g_object_ref_sink (dt_chart_new (DT_CHART_LINE)));
  const double a[] = { 100, 104.5, 110.8, 114.2, 119.9, 122.0, 125.5 };
  const double b[] = { 100, 112.0, 126.6, NAN, 128.1, 129.0, 130.0 };
  const double c[] = { 100, 108.0, 123.2, 124.0, 125.0, 126.0, NAN };

  dt_chart_set_title (chart, "Openness index");
  dt_chart_set_categories (chart, years);
  dt_chart_add_series (chart, "Zhejiang", a, G_N_ELEMENTS (a));
  dt_chart_add_series (chart, "Hangzhou", b, G_N_ELEMENTS (b));
  dt_chart_add_series (chart, "Ningbo", c, G_N_ELEMENTS (c));
  return chart;
}

static void
test_describe_bar (void)
{
  g_autoptr(DtChart) chart = make_bar_chart ();
  g_autofree char *text = dt_chart_describe (chart);

  g_assert_true (g_str_has_prefix (text, "Bar chart: Count by city."));
  g_assert_nonnull (strstr (text, "杭州 58 家"));
  g_assert_nonnull (strstr (text, "宁波 12 家"));
  g_assert_nonnull (strstr (text, "丽水 1 家"));
  /* One series needs no series name in the account. */
  g_assert_null (strstr (text, "Enterprises"));

  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Count by city");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
}

static void
test_describe_line (void)
{
  g_autoptr(DtChart) chart = make_line_chart ();
  g_autofree char *text = dt_chart_describe (chart);
  g_autofree char *changed = NULL;
  const double d[] = { 90, 95 };

  g_assert_true (g_str_has_prefix (text, "Line chart: Openness index."));
  g_assert_nonnull (strstr (text, "Zhejiang: 2018 100.0, 2019 104.5"));
  g_assert_nonnull (strstr (text, "Hangzhou: 2018 100.0, 2019 112.0, 2020 126.6, 2021 no data, 2022 128.1"));
  g_assert_nonnull (strstr (text, "Ningbo:"));
  g_assert_nonnull (strstr (text, "2024 no data."));

  /* The accessible description follows the data. */
  dt_chart_add_series (chart, "Wenzhou", d, G_N_ELEMENTS (d));
  changed = dt_chart_describe (chart);
  g_assert_nonnull (strstr (changed, "Wenzhou: 2018 90.0, 2019 95.0, 2020 no data"));
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, changed);
}

static void
test_empty (void)
{
  g_autoptr(DtChart) chart = DT_CHART (g_object_ref_sink (dt_chart_new (DT_CHART_LINE)));
  g_autofree char *path = g_build_filename (tmp_dir, "empty.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const double missing[] = { NAN, NAN };
  const char * const two[] = { "2020", "2021", NULL };

  text = dt_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Line chart. No data.");
  g_assert_true (dt_chart_save (chart, path, 300, 200, &error));
  g_assert_no_error (error);

  /* Only missing values is no data too. */
  dt_chart_set_categories (chart, two);
  dt_chart_add_series (chart, "x", missing, 2);
  g_clear_pointer (&text, g_free);
  text = dt_chart_describe (chart);
  g_assert_nonnull (strstr (text, "No data."));
  g_assert_true (dt_chart_save (chart, path, 300, 200, &error));
  g_assert_no_error (error);

  /* Arrow keys have nothing to reach. */
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_false (dt_chart_get_highlight (chart, NULL, NULL));
}

static void
assert_file_starts_with (const char *path,
                         const char *magic,
                         gsize       magic_length,
                         gsize       min_size)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, min_size);
  g_assert_cmpmem (contents, magic_length, magic, magic_length);
}

static void
test_save (void)
{
  g_autoptr(DtChart) bar = make_bar_chart ();
  g_autoptr(DtChart) line = make_line_chart ();
  g_autofree char *png = g_build_filename (tmp_dir, "bar.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "line.svg", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "line.PDF", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "line.jpg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const guchar *ihdr;

  g_assert_true (dt_chart_save (bar, png, 640, 360, &error));
  g_assert_no_error (error);
  assert_file_starts_with (png, "\x89PNG\r\n\x1a\n", 8, 2000);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  ihdr = (const guchar *) contents + 16;
  g_assert_cmpuint ((ihdr[0] << 24) | (ihdr[1] << 16) | (ihdr[2] << 8) | ihdr[3], ==, 640);
  g_assert_cmpuint ((ihdr[4] << 24) | (ihdr[5] << 16) | (ihdr[6] << 8) | ihdr[7], ==, 360);

  g_assert_true (dt_chart_save (line, svg, 640, 360, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"640"));
  g_assert_cmpuint (length, >, 2000);

  g_assert_true (dt_chart_save (line, pdf, 640, 360, &error));
  g_assert_no_error (error);
  assert_file_starts_with (pdf, "%PDF-", 5, 1000);

  g_assert_false (dt_chart_save (line, bad, 640, 360, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* The waterfall is saved through the same code as the chart: by suffix,
 * refusing other names and impossible sizes without leaving a file. */
static void
test_save_waterfall (void)
{
  const DtWaterfallStep steps[] = {
    { "Openness foundation", 2.5, TRUE, FALSE },
    { "Digital trade", -1.0, FALSE, TRUE },
  };
  g_autoptr(DtWaterfall) waterfall = g_object_ref_sink (DT_WATERFALL (dt_waterfall_new ()));
  g_autofree char *png = g_build_filename (tmp_dir, "change.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "change.SVG", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "change.pdf", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "change.gif", NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "change-empty.png", NULL);
  g_autoptr(GError) error = NULL;

  dt_waterfall_set_data (waterfall, "Hangzhou", "2019", 100, "2020", 101.5, steps, G_N_ELEMENTS (steps), NULL);

  g_assert_true (dt_waterfall_save (waterfall, png, 600, 400, &error));
  g_assert_no_error (error);
  assert_file_starts_with (png, "\x89PNG\r\n\x1a\n", 8, 1000);
  g_assert_true (dt_waterfall_save (waterfall, svg, 600, 400, &error));
  g_assert_no_error (error);
  assert_file_starts_with (svg, "<?xml", 5, 1000);
  g_assert_true (dt_waterfall_save (waterfall, pdf, 600, 400, &error));
  g_assert_no_error (error);
  assert_file_starts_with (pdf, "%PDF-", 5, 1000);

  g_assert_false (dt_waterfall_save (waterfall, bad, 600, 400, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (dt_waterfall_save (waterfall, empty, 0, 400, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
}

static gboolean
press_key (DtChart *chart,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static void
assert_highlight (DtChart *chart,
                  guint    series,
                  guint    category)
{
  guint s, c;

  g_assert_true (dt_chart_get_highlight (chart, &s, &c));
  g_assert_cmpuint (s, ==, series);
  g_assert_cmpuint (c, ==, category);
}

static void
test_keyboard (void)
{
  g_autoptr(DtChart) bar = make_bar_chart ();
  g_autoptr(DtChart) line = make_line_chart ();
  g_autofree char *description = NULL;
  const double second[] = { 40, NAN, 8 };

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (bar)));
  g_assert_false (dt_chart_get_highlight (bar, NULL, NULL));

  g_assert_true (press_key (bar, GDK_KEY_Right));
  assert_highlight (bar, 0, 0);
  g_assert_true (press_key (bar, GDK_KEY_Right));
  assert_highlight (bar, 0, 1);
  g_assert_true (press_key (bar, GDK_KEY_Left));
  g_assert_true (press_key (bar, GDK_KEY_Left));  /* stays at the first */
  assert_highlight (bar, 0, 0);
  g_assert_true (press_key (bar, GDK_KEY_End));
  assert_highlight (bar, 0, 10);

  /* The highlighted value is announced through the description. */
  gtk_test_accessible_assert_property (bar, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Selected: 丽水: 1 家. Bar chart: Count by city. 杭州 58 家, 宁波 12 家, "
                                       "温州 6 家, 嘉兴 5 家, 湖州 3 家, 绍兴 4 家, 金华 6 家, 衢州 1 家, 舟山 1 家, "
                                       "台州 3 家, 丽水 1 家.");
  g_assert_true (press_key (bar, GDK_KEY_Escape));
  g_assert_false (dt_chart_get_highlight (bar, NULL, NULL));
  description = dt_chart_describe (bar);
  gtk_test_accessible_assert_property (bar, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_false (press_key (bar, GDK_KEY_Up));  /* one series: Up is left to the page */

  /* Grouped bars go bar by bar and skip missing values. */
  dt_chart_add_series (bar, "Other", second, G_N_ELEMENTS (second));
  g_assert_true (press_key (bar, GDK_KEY_Home));
  assert_highlight (bar, 0, 0);
  g_assert_true (press_key (bar, GDK_KEY_Right));
  assert_highlight (bar, 1, 0);
  g_assert_true (press_key (bar, GDK_KEY_Right));
  assert_highlight (bar, 0, 1);
  g_assert_true (press_key (bar, GDK_KEY_Right));
  assert_highlight (bar, 0, 2);  /* (1, 1) is missing */

  /* Lines: along a series, skipping gaps; Up/Down to the next value above or below. */
  g_assert_true (press_key (line, GDK_KEY_Right));
  assert_highlight (line, 0, 0);
  dt_chart_set_highlight (line, 1, 2);
  g_assert_true (press_key (line, GDK_KEY_Right));
  assert_highlight (line, 1, 4);  /* 2021 is missing for series 1 */
  g_assert_true (press_key (line, GDK_KEY_Down));
  assert_highlight (line, 2, 4);  /* 125.0 is the next value below 128.1 */
  g_assert_true (press_key (line, GDK_KEY_Down));
  assert_highlight (line, 0, 4);
  g_assert_true (press_key (line, GDK_KEY_Down));
  assert_highlight (line, 0, 4);  /* nothing lower */
  g_assert_true (press_key (line, GDK_KEY_Up));
  assert_highlight (line, 2, 4);

  /* Clearing the data drops a highlight that no longer exists. */
  dt_chart_clear_series (line);
  g_assert_false (dt_chart_get_highlight (line, NULL, NULL));
}

static void
test_on_screen (void)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(DtChart) chart = make_line_chart ();
  g_autofree char *path = g_build_filename (tmp_dir, "realized.png", NULL);
  g_autoptr(GError) error = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 320);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 100 && !gtk_widget_get_mapped (GTK_WIDGET (chart)); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));
  g_assert_true (press_key (chart, GDK_KEY_End));
  assert_highlight (chart, 0, 6);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  /* Theme colours while realized. */
  g_assert_true (dt_chart_save (chart, path, 400, 300, &error));
  g_assert_no_error (error);
  assert_file_starts_with (path, "\x89PNG", 4, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The drawing function alone, without a widget. */
static void
render (DtChartData   *data,
        DtChartLayout *layout,
        guint         *out_coloured)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  DtChartStyle style;
  cairo_t *cr = cairo_create (surface);
  guint coloured = 0;

  dt_chart_style_init_light (&style);
  dt_chart_render (cr, data, 400, 300, &style, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Pixels in the accent colour: bars, lines and legend swatches. */
  for (int y = 0; y < 300; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));
      for (int x = 0; x < 400; x++)
        if (row[x] == 0xff3584e4)
          coloured++;
    }
  *out_coloured = coloured;
  cairo_surface_destroy (surface);
  dt_chart_style_clear (&style);
}

static void
test_render (void)
{
  const double bars[] = { 58, 12, 6 };
  const double index[] = { 100, 112, NAN, 130 };
  const char * const three[] = { "a", "b", "c", NULL };
  const char * const four[] = { "2018", "2019", "2020", "2021", NULL };
  DtChartSeries series = { (char *) "s", (double *) bars, 3 };
  DtChartData data = { DT_CHART_BAR, "t", NULL, "%.1f", three, 3, &series, 1, -1, -1 };
  DtChartLayout layout;
  guint coloured, s, c;

  render (&data, &layout, &coloured);
  g_assert_true (layout.valid);
  g_assert_cmpfloat (layout.axis_min, ==, 0);
  g_assert_cmpfloat (layout.axis_max, >=, 58);
  g_assert_cmpfloat (layout.axis_max, <=, 70);
  g_assert_cmpuint (coloured, >, 1000);

  /* The middle of the first bar is the first bar. */
  g_assert_true (dt_chart_layout_hit_test (&layout, &data,
                                           layout.plot_x + layout.slot_width / 2,
                                           layout.plot_y + layout.plot_height - 2, &s, &c));
  g_assert_cmpuint (s, ==, 0);
  g_assert_cmpuint (c, ==, 0);
  g_assert_false (dt_chart_layout_hit_test (&layout, &data, 1, 1, &s, &c));

  /* An index around 100–130 is not squashed against zero. */
  series.values = (double *) index;
  series.n_values = 4;
  data.kind = DT_CHART_LINE;
  data.categories = four;
  data.n_categories = 4;
  render (&data, &layout, &coloured);
  g_assert_true (layout.valid);
  g_assert_cmpfloat (layout.axis_min, >=, 80);
  g_assert_cmpfloat (layout.axis_min, <=, 100);
  g_assert_cmpfloat (layout.axis_max, >=, 130);
  g_assert_cmpfloat (layout.axis_max, <=, 150);
  g_assert_cmpuint (coloured, >, 50);
  g_assert_false (dt_chart_layout_hit_test (&layout, &data,
                                            layout.plot_x + layout.slot_width * 2.5,
                                            layout.plot_y + layout.plot_height / 2, &s, &c));

  /* Nothing to draw but a message. */
  data.n_series = 0;
  render (&data, &layout, &coloured);
  g_assert_false (layout.valid);
  g_assert_cmpuint (coloured, ==, 0);
}

/* Ranks: 1 at the top, whole-number ticks, a climber drawn as a rising line. */
static void
test_rank_axis (void)
{
  const double ranks[] = { 83, 60, 38 };
  const double few[] = { 3, 1, 2 };
  const char * const three[] = { "2021", "2022", "2023", NULL };
  DtChartSeries series = { (char *) "Rank", (double *) ranks, 3 };
  DtChartData data = { DT_CHART_LINE, "Rank on each year’s list", NULL, "%.0f", three, 3, &series, 1, -1, -1 };
  DtChartLayout layout;
  guint coloured, s, c;
  double y_2021, y_2023;

  data.values = DT_CHART_VALUES_RANK;
  render (&data, &layout, &coloured);
  g_assert_true (layout.valid);
  g_assert_true (layout.inverted);
  g_assert_cmpfloat (layout.axis_min, ==, 1);
  g_assert_cmpfloat (layout.axis_max, >=, 83);
  g_assert_cmpfloat (layout.axis_max, <=, 100);
  g_assert_cmpfloat (layout.ticks[0], ==, 1);
  for (guint i = 0; i < layout.n_ticks; i++)
    g_assert_cmpfloat (layout.ticks[i], ==, round (layout.ticks[i]));

  /* Rank 38 (2023) is drawn above rank 83 (2021): the hit test finds each
   * point where an inverted axis puts it, and nothing where it would not. */
  y_2021 = layout.plot_y + layout.plot_height * (83 - layout.axis_min) / (layout.axis_max - layout.axis_min);
  y_2023 = layout.plot_y + layout.plot_height * (38 - layout.axis_min) / (layout.axis_max - layout.axis_min);
  g_assert_cmpfloat (y_2023, <, y_2021);
  g_assert_true (dt_chart_layout_hit_test (&layout, &data, layout.plot_x + layout.slot_width * 2.5, y_2023, &s, &c));
  g_assert_cmpuint (c, ==, 2);
  g_assert_true (dt_chart_layout_hit_test (&layout, &data, layout.plot_x + layout.slot_width * 0.5, y_2021, &s, &c));
  g_assert_cmpuint (c, ==, 0);
  g_assert_false (dt_chart_layout_hit_test (&layout, &data, layout.plot_x + layout.slot_width * 2.5,
                                            layout.plot_y + layout.plot_height - (y_2023 - layout.plot_y), &s, &c));

  /* Three places: ticks 1, 2, 3 and no 0.5 steps. */
  series.values = (double *) few;
  render (&data, &layout, &coloured);
  g_assert_cmpfloat (layout.ticks[0], ==, 1);
  g_assert_cmpfloat (layout.tick_step, >=, 1);
  for (guint i = 0; i < layout.n_ticks; i++)
    g_assert_cmpfloat (layout.ticks[i], ==, round (layout.ticks[i]));

  {
    g_autofree char *text = dt_chart_describe_data (&data);
    g_assert_nonnull (strstr (text, "2021 No. 3, 2022 No. 1, 2023 No. 2."));
  }
}

/* Amounts in 万元 read in billion yuan, grouped; the axis is in one unit. */
static void
test_amount_units (void)
{
  const double volume[] = { 4000000, 1234567.8, 2500 };
  const char * const three[] = { "杭州", "宁波", "丽水", NULL };
  DtChartSeries series = { (char *) "Volume", (double *) volume, 3 };
  DtChartData data = { DT_CHART_BAR, "Volume by city", "万元", "%.1f", three, 3, &series, 1, -1, -1 };
  DtChartLayout layout;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *text = NULL;
  guint coloured;

  data.values = DT_CHART_VALUES_AMOUNT;
  big = dt_chart_format_value_full (&data, 4000000);
  small = dt_chart_format_value_full (&data, 2500);
  g_assert_cmpstr (big, ==, "40.0 billion yuan");
  g_assert_cmpstr (small, ==, "25.0 million yuan");
  text = dt_chart_describe_data (&data);
  g_assert_nonnull (strstr (text, "杭州 40.0 billion yuan, 宁波 12.3 billion yuan, 丽水 25.0 million yuan."));
  g_assert_null (strstr (text, "100 million"));

  /* Ticks in whole billions (10⁵ 万元 apart or more), not "4000000". */
  render (&data, &layout, &coloured);
  g_assert_true (layout.valid);
  g_assert_cmpfloat (layout.axis_min, ==, 0);
  g_assert_cmpfloat (layout.axis_max, >=, 4000000);
  g_assert_cmpfloat (fmod (layout.tick_step, 100000), ==, 0);

  /* Counts: whole-number ticks even for small numbers. */
  {
    const double counts[] = { 1, 2, 3 };

    series.values = (double *) counts;
    data.values = DT_CHART_VALUES_COUNT;
    render (&data, &layout, &coloured);
    g_assert_cmpfloat (layout.tick_step, ==, 1);
  }
}

/* Eleven city names at the width a 1024-px window gives a chart: every
 * one is drawn, turned or smaller, none left out. */
static void
test_labels_all_shown (void)
{
  const char * const names[] = { "Hangzhou", "Ningbo", "Wenzhou", "Jiaxing", "Huzhou", "Shaoxing",
                                  "Jinhua", "Quzhou", "Zhoushan", "Taizhou", "Lishui", NULL };
  DtChartSeries series = { (char *) "Enterprises", (double *) city_counts, 11 };
  DtChartData data = { DT_CHART_BAR, "Enterprises by city", NULL, "%.0f", names, 11, &series, 1, -1, -1 };
  DtChartLayout layout;
  guint coloured;

  render (&data, &layout, &coloured);
  g_assert_true (layout.valid);
  g_assert_cmpuint (layout.label_every, ==, 1);
  g_assert_cmpfloat (layout.label_angle, !=, 0);
}

/* A region keeps its colour whichever regions are shown and in what order. */
static void
test_colour_by_key (void)
{
  g_autoptr(DtChart) a = DT_CHART (g_object_ref_sink (dt_chart_new (DT_CHART_LINE)));
  g_autoptr(DtChart) b = DT_CHART (g_object_ref_sink (dt_chart_new (DT_CHART_LINE)));
  g_autoptr(DtChart) c = DT_CHART (g_object_ref_sink (dt_chart_new (DT_CHART_LINE)));
  const char * const regions[] = { "ZJ", "hangzhou", "ningbo", "wenzhou", "jiaxing", "huzhou", "shaoxing",
                                   "jinhua", "quzhou", "zhoushan", "taizhou", "lishui", NULL };
  const double v[] = { 100, 110 };
  const char * const two[] = { "2019", "2020", NULL };

  dt_chart_set_categories (a, two);
  dt_chart_set_categories (b, two);
  dt_chart_set_colour_keys (a, regions);
  dt_chart_set_colour_keys (b, regions);
  dt_chart_add_series_full (a, "ZJ", "Zhejiang", v, 2, DT_CHART_SERIES_EMPHASIS);
  dt_chart_add_series_full (a, "ningbo", "Ningbo", v, 2, DT_CHART_SERIES_NONE);
  dt_chart_add_series_full (a, "lishui", "Lishui", v, 2, DT_CHART_SERIES_NONE);
  dt_chart_add_series_full (b, "lishui", "Lishui", v, 2, DT_CHART_SERIES_NONE);
  dt_chart_add_series_full (b, "ningbo", "Ningbo", v, 2, DT_CHART_SERIES_NONE);

  g_assert_cmpuint (dt_chart_get_series_colour (a, 1), ==, dt_chart_get_series_colour (b, 1));  /* Ningbo */
  g_assert_cmpuint (dt_chart_get_series_colour (a, 2), ==, dt_chart_get_series_colour (b, 0));  /* Lishui */
  g_assert_cmpuint (dt_chart_get_series_colour (a, 1), ==, 2);
  g_assert_cmpuint (dt_chart_get_series_colour (a, 2), ==, 11);
  /* Twelve regions, twelve different colours. */
  g_assert_cmpuint (DT_CHART_PALETTE_SIZE, >=, 12);

  /* Without the list of keys a key still gives the same colour every time. */
  dt_chart_set_categories (c, two);
  dt_chart_add_series_full (c, "x", "X", v, 2, DT_CHART_SERIES_NONE);
  dt_chart_add_series_full (c, "ningbo", "Ningbo", v, 2, DT_CHART_SERIES_NONE);
  {
    guint before = dt_chart_get_series_colour (c, 1);

    dt_chart_clear_series (c);
    dt_chart_add_series_full (c, "ningbo", "Ningbo", v, 2, DT_CHART_SERIES_NONE);
    g_assert_cmpuint (dt_chart_get_series_colour (c, 0), ==, before);
  }
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status = 0;

  if (g_find_program_in_path ("pdftotext") == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Saved charts carry title, unit, selection, source and the sample mark. */
static void
test_save_context (void)
{
  g_autoptr(DtChart) chart = make_bar_chart ();
  g_autofree char *png = g_build_filename (tmp_dir, "context.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "context.svg", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "context.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  dt_chart_set_context (chart, "2023 list · Data trade", "Source: Zhejiang Department of Commerce", TRUE);
  description = dt_chart_describe (chart);
  g_assert_nonnull (strstr (description, "Shows: 2023 list · Data trade."));
  g_assert_nonnull (strstr (description, "Sample data."));
  g_assert_nonnull (strstr (description, "杭州 58 家"));
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  g_assert_true (dt_chart_save (chart, pdf, 800, 500, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Count by city"));
      g_assert_nonnull (strstr (text, "2023 list · Data trade"));
      g_assert_nonnull (strstr (text, "Source: Zhejiang Department of Commerce"));
      g_assert_nonnull (strstr (text, "Sample data"));
      g_assert_nonnull (strstr (text, "家"));  /* the unit */
    }
  else
    g_test_message ("pdftotext not found: PDF text not checked");

  g_assert_true (dt_chart_save (chart, svg, 800, 500, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<title>Count by city</title>"));
  g_assert_nonnull (strstr (contents, "Source: Zhejiang Department of Commerce"));
  g_assert_nonnull (strstr (contents, "Sample data."));

  g_clear_pointer (&contents, g_free);
  g_assert_true (dt_chart_save (chart, png, 800, 500, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_true (contains_bytes (contents, length, "iTXtTitle"));
  g_assert_true (contains_bytes (contents, length, "Source: Zhejiang Department of Commerce"));
  g_assert_cmpmem (contents + length - 8, 4, "IEND", 4);

  /* Without a context nothing is invented. */
  dt_chart_set_context (chart, NULL, NULL, FALSE);
  g_clear_pointer (&description, g_free);
  description = dt_chart_describe (chart);
  g_assert_null (strstr (description, "Sample data"));
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
}

static void
test_nice_range (void)
{
  double lo, hi, step;

  dt_chart_nice_range (0, 58, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (step, ==, 10);
  g_assert_cmpfloat (hi, ==, 60);

  dt_chart_nice_range (97.6, 132.4, 5, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 10);
  g_assert_cmpfloat (lo, ==, 90);
  g_assert_cmpfloat (hi, ==, 140);

  dt_chart_nice_range (0.012, 0.047, 4, &lo, &hi, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.01, 1e-12);

  /* One value still gives a range. */
  dt_chart_nice_range (5, 5, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <, 5);
  g_assert_cmpfloat (hi, >, 5);
}

static void
test_value_format (void)
{
  g_autofree char *a = dt_chart_format_value ("%.0f", 57.6);
  g_autofree char *b = dt_chart_format_value ("%s", 1);
  g_autofree char *c = dt_chart_format_value ("%.2f%%", 12.345);

  g_assert_cmpstr (a, ==, "58");
  g_assert_cmpstr (b, ==, "1.0");  /* a format that would crash is not used */
  g_assert_cmpstr (c, ==, "12.35%");
  g_assert_false (dt_chart_value_format_is_valid ("%d"));
  g_assert_false (dt_chart_value_format_is_valid ("%f %f"));
  g_assert_false (dt_chart_value_format_is_valid ("%n"));
  g_assert_true (dt_chart_value_format_is_valid ("≈%'.1f"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-chart-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/chart/describe/bar", test_describe_bar);
  g_test_add_func ("/chart/describe/line-with-missing-values", test_describe_line);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/save/png-svg-pdf", test_save);
  g_test_add_func ("/chart/save/waterfall", test_save_waterfall);
  g_test_add_func ("/chart/keyboard/moves-highlight", test_keyboard);
  g_test_add_func ("/chart/widget/on-screen", test_on_screen);
  g_test_add_func ("/chart/render/axes-and-hits", test_render);
  g_test_add_func ("/chart/render/nice-range", test_nice_range);
  g_test_add_func ("/chart/render/value-format", test_value_format);
  g_test_add_func ("/chart/render/rank-axis-inverted", test_rank_axis);
  g_test_add_func ("/chart/render/amount-units", test_amount_units);
  g_test_add_func ("/chart/render/labels-all-shown", test_labels_all_shown);
  g_test_add_func ("/chart/colour/follows-key", test_colour_by_key);
  g_test_add_func ("/chart/save/carries-context", test_save_context);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
