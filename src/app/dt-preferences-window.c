/* dt-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-preferences-window.h"

struct _DtPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AdwEntryRow          *url_row;
};

G_DEFINE_FINAL_TYPE (DtPreferencesWindow, dt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
dt_preferences_window_dispose (GObject *object)
{
  DtPreferencesWindow *self = (DtPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_preferences_window_parent_class)->dispose (object);
}

static void
dt_preferences_window_class_init (DtPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, url_row);
}

static void
dt_preferences_window_init (DtPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Saved as typed, so closing the window never loses an edit. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "sync-url", self->url_row, "text", G_SETTINGS_BIND_DEFAULT);
}

DtPreferencesWindow *
dt_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (DT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
