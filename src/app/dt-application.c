/* dt-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-screenshot.h"
#include "dt-window.h"

struct _DtApplication
{
  AdwApplication  parent_instance;

  char           *database;
  char           *screenshot;
  char           *page;
  DtStore        *store;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (DtApplication, dt_application, ADW_TYPE_APPLICATION)

DtApplication *
dt_application_new (const char *database,
                    const char *screenshot,
                    const char *page)
{
  DtApplication *self = g_object_new (DT_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_DEFAULT_FLAGS,
                                      NULL);

  self->database = g_strdup (database);
  self->screenshot = g_strdup (screenshot);
  self->page = g_strdup (page);

  /* A screenshot run must not hand its work to a window already open. */
  if (screenshot != NULL)
    g_application_set_flags (G_APPLICATION (self), G_APPLICATION_NON_UNIQUE);

  return self;
}

DtStore *
dt_application_get_store (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->store;
}

const char *
dt_application_get_database (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->database;
}

static void
dt_application_activate (GApplication *app)
{
  DtApplication *self = DT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (dt_window_new (self, self->store, self->store_error));
      if (self->page != NULL)
        dt_window_show_page (DT_WINDOW (window), self->page);
    }

  gtk_window_present (window);

  if (self->screenshot != NULL)
    dt_screenshot_take_and_quit (GTK_WIDGET (window), self->screenshot);
}

static void
dt_application_startup (GApplication *app)
{
  DtApplication *self = DT_APPLICATION (app);

  G_APPLICATION_CLASS (dt_application_parent_class)->startup (app);

  g_set_application_name (_("Digital Trade"));
  gtk_window_set_default_icon_name (APP_ID);

  if (self->database == NULL)
    self->database = dt_store_default_path ();
  self->store = dt_store_open_with_samples (self->database, &self->store_error);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close windows first so that they save their size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (app);
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "Digital Trade developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Digital Trade"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("Digital Trade developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
    _("One dashboard for the Zhejiang Openness Index, the Top-100 digital trade enterprises and the Binjiang free trade zone’s preferential measures."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit },
  { "about", on_about },
};

static void
dt_application_init (DtApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
dt_application_finalize (GObject *object)
{
  DtApplication *self = (DtApplication *)object;

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->screenshot, g_free);
  g_clear_pointer (&self->page, g_free);

  G_OBJECT_CLASS (dt_application_parent_class)->finalize (object);
}

static void
dt_application_class_init (DtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dt_application_finalize;
  app_class->activate = dt_application_activate;
  app_class->startup = dt_application_startup;
}
