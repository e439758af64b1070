/* dt-window-bench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run when DT_WINDOW_BENCH is set (build-aux/bench.sh). Each step changes
 * what the official would change (the query the search entry edits, a
 * facet's check button, the measure shown, the table's scroll position),
 * then waits for the page to have its answer and for the next frame to be
 * painted: the time until then is what the official waits for. Output is
 * one line per figure on stdout, in the form bench-enterprise uses.
 */

#define G_LOG_DOMAIN "dt-window-bench"

#include "config.h"

#include <math.h>
#include <sys/resource.h>
#include <time.h>

#include "dt-eligibility-list.h"
#include "dt-enterprise-list-model.h"
#include "dt-enterprise-row.h"
#include "dt-enterprises-page.h"
#include "dt-facet-index.h"
#include "dt-measure-detail.h"
#include "dt-window-bench.h"

/* Typed a character at a time, as bench-enterprise's keystrokes are. */
static const char * const words[] = { "杭州若禾", "数据", "ruohe", "913301", NULL };

typedef struct
{
  DtWindow          *window;
  DtEnterprisesPage *page;
  GtkWidget         *detail;
  GtkScrolledWindow *scroller;
  GArray            *samples;   /* ms of the step being measured */
  gint64             started;
  gboolean           painted;
  /* Where the frames' time goes (DT_WINDOW_BENCH_PHASES): µs in layout and paint. */
  gint64             phase_start;
  gint64             layout_us;
  gint64             paint_us;
  double             main_cpu_ms;   /* at the previous report */
  double             all_cpu_ms;
} Bench;

/* CPU time of the calling (main) thread and of the whole process, in ms:
 * on a shared machine these say what the wall clock cannot. */
static void
cpu_ms (double *main_thread,
        double *process)
{
  struct timespec ts;
  struct rusage usage;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  *main_thread = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  getrusage (RUSAGE_SELF, &usage);
  *process = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
             (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->painted = TRUE;
}

static void
on_phase_start (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->phase_start = g_get_monotonic_time ();
}

static void
on_layout_done (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->layout_us += g_get_monotonic_time () - bench->phase_start;
  bench->phase_start = g_get_monotonic_time ();
}

static void
on_paint_done (GdkFrameClock *clock,
               Bench         *bench)
{
  bench->paint_us += g_get_monotonic_time () - bench->phase_start;
}

/* Runs the main loop until @ready (@data), then until the next frame is
 * painted; returns the milliseconds since bench->started. */
static double
wait_for_frame (Bench     *bench,
                gboolean (*ready) (Bench *bench, gpointer data),
                gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  gulong handler;

  while (!ready (bench, data))
    g_main_context_iteration (NULL, TRUE);

  bench->painted = FALSE;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  while (!bench->painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  return (g_get_monotonic_time () - bench->started) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
report (Bench      *bench,
        const char *what)
{
  GArray *ms = bench->samples;

  if (ms->len == 0)
    return;
  g_array_sort (ms, compare_double);
  if (g_getenv ("DT_WINDOW_BENCH_PHASES") != NULL)
    {
      double total = 0, main_now, all_now;

      for (guint i = 0; i < ms->len; i++)
        total += g_array_index (ms, double, i);
      cpu_ms (&main_now, &all_now);
      g_printerr ("%s total_ms=%.0f layout_ms=%.0f paint_ms=%.0f main_cpu_ms=%.0f all_cpu_ms=%.0f\n", what, total,
                  bench->layout_us / 1000.0, bench->paint_us / 1000.0,
                  main_now - bench->main_cpu_ms, all_now - bench->all_cpu_ms);
    }
  bench->layout_us = bench->paint_us = 0;
  cpu_ms (&bench->main_cpu_ms, &bench->all_cpu_ms);
  g_print ("%s median_ms=%.2f p95_ms=%.2f max_ms=%.2f n=%u\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint)ceil (ms->len * 0.95) - 1)),
           g_array_index (ms, double, ms->len - 1), ms->len);
  g_array_set_size (ms, 0);
}

/* The rows at the top of what the table shows have arrived. */
static gboolean
rows_shown (Bench    *bench,
            gpointer  data)
{
  GListModel *model = G_LIST_MODEL (dt_enterprises_page_get_model (bench->page));
  guint first = GPOINTER_TO_UINT (data);
  g_autoptr(DtEnterpriseRow) row = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return TRUE;
  row = g_list_model_get_item (model, MIN (first, g_list_model_get_n_items (model) - 1));
  return row != NULL && !dt_enterprise_row_get_loading (row);
}

/* The count, the first rows and the facets of the current query. */
static gboolean
page_answered (Bench    *bench,
               gpointer  data)
{
  return !dt_enterprises_page_is_busy (bench->page) && rows_shown (bench, GUINT_TO_POINTER (0));
}

/* Past start-up: the in-memory index is built (in the background). */
static gboolean
index_ready (Bench    *bench,
             gpointer  data)
{
  DtFacetIndex *index = dt_enterprises_page_get_facet_index (bench->page);

  return index != NULL && dt_facet_index_is_ready (index) && page_answered (bench, NULL);
}

static gboolean
eligibility_answered (Bench    *bench,
                      gpointer  data)
{
  return !dt_eligibility_list_is_busy (DT_ELIGIBILITY_LIST (find_descendant (bench->detail, DT_TYPE_ELIGIBILITY_LIST)));
}

static void
measure_typing (Bench *bench)
{
  DtEnterpriseQuery *query = dt_enterprises_page_get_query (bench->page);

  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *end = words[w];

      while (*end != '\0')
        {
          g_autofree char *typed = NULL;

          end = g_utf8_next_char (end);
          typed = g_strndup (words[w], end - words[w]);
          bench->started = g_get_monotonic_time ();
          dt_enterprise_query_set_search (query, typed);
          g_array_append_val (bench->samples, (double){ wait_for_frame (bench, page_answered, NULL) });
        }
      dt_enterprise_query_set_search (query, NULL);
      wait_for_frame (bench, page_answered, NULL);
    }
  report (bench, "window-keystroke");
}

static void
measure_facets (Bench *bench)
{
  static const char * const cities[] = { "hangzhou", "ningbo", "jinhua", "wenzhou", NULL };

  for (guint i = 0; cities[i] != NULL; i++)
    {
      GtkCheckButton *button = dt_enterprises_page_get_facet_button (bench->page, "city", cities[i]);

      if (button == NULL)
        continue;
      for (int on = 1; on >= 0; on--)
        {
          bench->started = g_get_monotonic_time ();
          gtk_check_button_set_active (button, on);
          g_array_append_val (bench->samples, (double){ wait_for_frame (bench, page_answered, NULL) });
        }
    }
  report (bench, "window-facet");
}

static void
measure_scrolling (Bench *bench)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (bench->scroller);
  GListModel *model = G_LIST_MODEL (dt_enterprises_page_get_model (bench->page));
  guint n = g_list_model_get_n_items (model);

  /* Jump to the end, then page back up ten times. */
  for (guint step = 0; step <= 10 && n > 0; step++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      double value = step == 0 ? upper : MAX (0, gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_page_size (adjustment));
      guint first;

      bench->started = g_get_monotonic_time ();
      gtk_adjustment_set_value (adjustment, value);
      first = (guint)(n * (value / MAX (1.0, gtk_adjustment_get_upper (adjustment))));
      g_array_append_val (bench->samples, (double){ wait_for_frame (bench, rows_shown, GUINT_TO_POINTER (first)) });
    }
  report (bench, "window-scroll-page");
}

static void
measure_measures (Bench *bench)
{
  dt_window_show_page (bench->window, "measures");
  for (gint64 no = 1; no <= 36; no++)
    {
      bench->started = g_get_monotonic_time ();
      dt_measure_detail_show (DT_MEASURE_DETAIL (bench->detail), no);
      g_array_append_val (bench->samples, (double){ wait_for_frame (bench, eligibility_answered, NULL) });
    }
  report (bench, "window-select-measure");
}

static gboolean
run (gpointer data)
{
  Bench *bench = data;

  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));

  g_signal_connect_after (clock, "update", G_CALLBACK (on_phase_start), bench);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done), bench);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_done), bench);
  bench->started = g_get_monotonic_time ();
  wait_for_frame (bench, page_answered, NULL);
  g_print ("window-index-ready ms=%.0f\n", wait_for_frame (bench, index_ready, NULL));
  bench->layout_us = bench->paint_us = 0;
  cpu_ms (&bench->main_cpu_ms, &bench->all_cpu_ms);
  measure_typing (bench);
  measure_facets (bench);
  measure_scrolling (bench);
  measure_measures (bench);

  g_array_unref (bench->samples);
  g_application_quit (g_application_get_default ());
  g_free (bench);
  return G_SOURCE_REMOVE;
}

void
dt_window_bench_run (DtWindow *window)
{
  Bench *bench = g_new0 (Bench, 1);

  bench->window = window;
  dt_window_show_page (window, "enterprises");
  bench->page = DT_ENTERPRISES_PAGE (find_descendant (GTK_WIDGET (window), DT_TYPE_ENTERPRISES_PAGE));
  bench->detail = find_descendant (GTK_WIDGET (window), DT_TYPE_MEASURE_DETAIL);
  bench->scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (find_descendant (GTK_WIDGET (bench->page), GTK_TYPE_COLUMN_VIEW),
                                                                  GTK_TYPE_SCROLLED_WINDOW));
  if (bench->scroller == NULL)
    bench->scroller = GTK_SCROLLED_WINDOW (find_descendant (GTK_WIDGET (bench->page), GTK_TYPE_SCROLLED_WINDOW));
  bench->samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_idle_add (run, bench);
}
