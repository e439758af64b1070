/* dt-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-screenshot"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "dt-screenshot.h"

/* Frames to wait so that lists have fetched rows and charts have laid out. */
#define SETTLE_FRAMES 12

typedef struct
{
  GtkWidget *window;
  char      *path;
  guint      frames;
} ScreenshotJob;

GdkTexture *
dt_screenshot_render (GtkWidget *widget)
{
  /* A toplevel's own paintable draws nothing (its node goes to the
   * surface), so draw its content. */
  GtkWidget *content = GTK_IS_WINDOW (widget) ? gtk_widget_get_first_child (widget) : widget;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (content);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* The window's background belongs to that node too; without it the
   * picture is transparent, and dark-mode text vanishes on a viewer's
   * white. */
  if (GTK_IS_WINDOW (widget))
    gtk_snapshot_render_background (snapshot, gtk_widget_get_style_context (widget),
                                    0, 0, width, height);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gboolean
dt_screenshot_save_png (GtkWidget   *widget,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GdkTexture) texture = dt_screenshot_render (widget);

  if (texture == NULL || !gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: the picture could not be saved"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  ScreenshotJob *job = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *app;

  /* Keep frames coming until the window has settled. */
  gtk_widget_queue_draw (widget);
  if (++job->frames < SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (job->window)));
  if (!dt_screenshot_save_png (job->window, job->path, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
job_free (gpointer data)
{
  ScreenshotJob *job = data;

  g_free (job->path);
  g_free (job);
}

void
dt_screenshot_take_and_quit (GtkWidget  *window,
                             const char *path)
{
  ScreenshotJob *job = g_new0 (ScreenshotJob, 1);

  job->window = window;
  job->path = g_strdup (path);
  gtk_widget_add_tick_callback (window, on_tick, job, job_free);
}
