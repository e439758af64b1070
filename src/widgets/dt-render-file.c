/* dt-render-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-render-file"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-render-file.h"

/* Draws with @draw on a @width × @height surface chosen by the suffix of
 * @path (.png, .svg or .pdf, any case) and writes it to @path. The size
 * is checked first so a bad size never leaves an empty file behind.
 * @pdf_title, when not NULL, becomes the PDF's title. */
gboolean
dt_render_save_file (const char    *path,
                     int            width,
                     int            height,
                     const char    *pdf_title,
                     DtRenderFunc   draw,
                     gpointer       data,
                     GError       **error)
{
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean png;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0 || width > 20000 || height > 20000)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("A chart cannot be saved at %d × %d"), width, height);
      return FALSE;
    }

  lower = g_ascii_strdown (path, -1);
  png = g_str_has_suffix (lower, ".png");
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    {
      surface = cairo_pdf_surface_create (path, width, height);
      if (pdf_title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
    }
  else
    {
      g_set_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED,
                   _("Cannot save a chart as “%s”: use a name ending in .png, .svg or .pdf"), path);
      return FALSE;
    }

  cr = cairo_create (surface);
  draw (cr, width, height, data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Could not save the chart to “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
