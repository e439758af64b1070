/* dt-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is the only process that opens its database while it runs
 * (see dt-store-lock.c): it holds "DB.lock" exclusively, is registered on
 * the session bus under an id derived from the database, and runs the
 * headless commands (--import, --export, …) that other invocations hand
 * it, printing through their GApplicationCommandLine.
 */

#define G_LOG_DOMAIN "dt-application"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dt-application.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-screenshot.h"
#include "dt-window-bench.h"
#include "dt-store-lock.h"
#include "dt-window.h"

/* How long a starting window waits for command-line runs to finish;
 * DT_LOCK_WAIT_MS overrides it (tests). */
#define LOCK_WAIT_MS 5000

struct _DtApplication
{
  AdwApplication       parent_instance;

  char                *database;      /* canonical path */
  char                *screenshot;
  char                *page;
  DtStoreLock         *lock;
  DtStore             *store;
  GError              *store_error;
  guint                n_running;     /* headless commands handed to us */
};

G_DEFINE_FINAL_TYPE (DtApplication, dt_application, ADW_TYPE_APPLICATION)

char *
dt_application_id_for_database (const char *database)
{
  g_autofree char *path = dt_store_canonical_path (database);
  g_autofree char *default_database = dt_store_default_path ();
  g_autofree char *default_path = dt_store_canonical_path (default_database);
  g_autofree char *hash = NULL;

  if (g_str_equal (path, default_path))
    return g_strdup (APP_ID);

  /* An id element is letters, digits and _ and must not begin with a digit. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  hash[16] = '\0';
  return g_strdup_printf ("%s.Database%s", APP_ID, hash);
}

DtApplication *
dt_application_new (const char *database,
                    const char *screenshot,
                    const char *page)
{
  g_autofree char *path = database != NULL ? g_strdup (database) : dt_store_default_path ();
  g_autofree char *id = dt_application_id_for_database (path);
  DtApplication *self = g_object_new (DT_TYPE_APPLICATION,
                                      "application-id", id,
                                      "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                                      /* style.css and the shortcuts, whatever the id */
                                      "resource-base-path", "/com/example/DigitalTrade",
                                      NULL);

  self->database = dt_store_canonical_path (path);
  self->screenshot = g_strdup (screenshot);
  self->page = g_strdup (page);

  /* A screenshot run must not hand its work to a window already open. */
  if (screenshot != NULL)
    g_application_set_flags (G_APPLICATION (self),
                             G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);

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

/* The main window, not a dialog that happens to have the focus. */
static DtWindow *
find_window (DtApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
dt_application_activate (GApplication *app)
{
  DtApplication *self = DT_APPLICATION (app);
  DtWindow *window = find_window (self);

  if (window == NULL)
    {
      window = dt_window_new (self, self->store, self->store_error);
      if (self->page != NULL)
        dt_window_show_page (window, self->page);
    }

  gtk_window_present (GTK_WINDOW (window));

  if (self->screenshot != NULL)
    dt_screenshot_take_and_quit (GTK_WIDGET (window), self->screenshot);
  else if (g_getenv ("DT_WINDOW_BENCH") != NULL)
    dt_window_bench_run (window);
}

static void
dt_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DtApplication *self = DT_APPLICATION (app);

  g_application_activate (app);
  for (int i = 0; i < n_files; i++)
    dt_window_import_file (find_window (self), files[i]);
}

/* What a headless command prints goes to the program that handed it to
 * us; the command runs on a thread of its own, which this marks. */
static GPrivate caller_command_line;
static GPrintFunc default_print;
static GPrintFunc default_printerr;

static void
print_to_caller (const char *string)
{
  GApplicationCommandLine *cmdline = g_private_get (&caller_command_line);

  if (cmdline != NULL)
    g_application_command_line_print (cmdline, "%s", string);
  else if (default_print != NULL)
    default_print (string);
  else
    fputs (string, stdout);
}

static void
printerr_to_caller (const char *string)
{
  GApplicationCommandLine *cmdline = g_private_get (&caller_command_line);

  if (cmdline != NULL)
    g_application_command_line_printerr (cmdline, "%s", string);
  else if (default_printerr != NULL)
    default_printerr (string);
  else
    fputs (string, stderr);
}

typedef struct
{
  DtCommandLine            options;
  GApplicationCommandLine *cmdline;
  char                    *capture_dir;
  char                    *capture_path;  /* an export to the caller's standard output */
} HandedRun;

static void
handed_run_free (HandedRun *run)
{
  dt_command_line_clear (&run->options);
  g_clear_object (&run->cmdline);
  if (run->capture_path != NULL)
    g_remove (run->capture_path);
  if (run->capture_dir != NULL)
    g_rmdir (run->capture_dir);
  g_free (run->capture_path);
  g_free (run->capture_dir);
  g_free (run);
}

static gboolean
is_standard_output (const char *path)
{
  return path == NULL || g_str_equal (path, "-") || g_str_equal (path, "/dev/stdout") ||
         g_str_equal (path, "/dev/fd/1") || g_str_equal (path, "/proc/self/fd/1");
}

/* A descriptor of the calling program (a pipe, process substitution):
 * in this process the same name means one of ours. */
static gboolean
is_descriptor (const char *path)
{
  return path != NULL &&
         (g_str_equal (path, "-") || g_str_has_prefix (path, "/dev/std") ||
          g_str_has_prefix (path, "/dev/fd/") || g_str_has_prefix (path, "/proc/self/") ||
          g_str_has_prefix (path, "/proc/thread-self/"));
}

static gboolean
prepare_handed_run (DtApplication  *self,
                    HandedRun      *run,
                    GError        **error)
{
  DtCommandLine *options = &run->options;
  const char *cwd = g_application_command_line_get_cwd (run->cmdline);

  /* Same id, same database: run on ours, whatever the spelling. */
  g_free (options->database);
  options->database = g_strdup (self->database);
  if (cwd != NULL)
    dt_command_line_make_paths_absolute (options, cwd);

  if (is_descriptor (options->import_file))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--import=%s: the Digital Trade window has %s open and runs this command itself, so it cannot read from this terminal or pipe; name a file instead"),
                   options->import_file, self->database);
      return FALSE;
    }

  if (options->export_what != NULL && is_standard_output (options->output))
    {
      run->capture_dir = g_dir_make_tmp ("digital-trade-XXXXXX", error);
      if (run->capture_dir == NULL)
        return FALSE;
      run->capture_path = g_build_filename (run->capture_dir, "stdout.csv", NULL);
      g_free (options->output);
      options->output = g_strdup (run->capture_path);
    }
  else if (is_descriptor (options->output))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--output=%s: the Digital Trade window has %s open and runs this command itself, so it cannot write to this terminal or pipe; name a file instead"),
                   options->output, self->database);
      return FALSE;
    }

  if (is_descriptor (options->briefing))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--briefing=%s: the Digital Trade window has %s open and runs this command itself, so it cannot write to this terminal or pipe; name a file instead"),
                   options->briefing, self->database);
      return FALSE;
    }

  return TRUE;
}

static void
handed_run_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  HandedRun *run = task_data;
  int status;

  if (g_application_command_line_get_is_remote (run->cmdline))
    g_private_set (&caller_command_line, run->cmdline);
  status = dt_command_line_run (&run->options);
  g_private_set (&caller_command_line, NULL);

  g_task_return_int (task, status);
}

/* Sends the captured export in pieces that end on whole characters: each
 * is a D-Bus string, which must be UTF-8. */
static gboolean
print_captured_output (HandedRun *run)
{
  const gsize piece = 1 << 20;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (run->capture_path, &contents, &length, &error))
    {
      g_application_command_line_printerr (run->cmdline, "%s\n", error->message);
      return FALSE;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_application_command_line_printerr (run->cmdline, "%s\n",
                                           _("The export is not text and cannot be passed on through the Digital Trade window; use --output=FILE"));
      return FALSE;
    }

  for (gsize start = 0; start < length;)
    {
      gsize end = MIN (start + piece, length);
      g_autofree char *text = NULL;

      while (end < length && (contents[end] & 0xC0) == 0x80)
        end--;
      text = g_strndup (contents + start, end - start);
      g_application_command_line_print (run->cmdline, "%s", text);
      start = end;
    }
  return TRUE;
}

static void
on_handed_run_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DtApplication *self = DT_APPLICATION (source);
  HandedRun *run = g_task_get_task_data (G_TASK (result));
  int status = g_task_propagate_int (G_TASK (result), NULL);

  if (status == 0 && run->capture_path != NULL && !print_captured_output (run))
    status = 1;

  /* An import or sync changed the data under the pages. */
  if (status == 0 && run->options.export_what == NULL && self->store != NULL)
    dt_store_emit_changed (self->store, NULL);

  /* The caller gets this status once the last reference is gone. */
  g_application_command_line_set_exit_status (run->cmdline, status);

  self->n_running--;
  g_application_release (G_APPLICATION (self));
}

/* Runs a headless command handed to the window, off the main loop like an
 * import from the window, on a connection of its own. */
static int
run_handed_command (DtApplication           *self,
                    GApplicationCommandLine *cmdline,
                    DtCommandLine           *options)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  HandedRun *run = g_new0 (HandedRun, 1);

  run->options = *options;
  memset (options, 0, sizeof *options);
  run->cmdline = g_object_ref (cmdline);

  if (!prepare_handed_run (self, run, &error))
    {
      g_application_command_line_printerr (cmdline, "%s\n", error->message);
      handed_run_free (run);
      return 1;
    }

  task = g_task_new (self, NULL, on_handed_run_done, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify)handed_run_free);
  self->n_running++;
  g_application_hold (G_APPLICATION (self));
  g_task_run_in_thread (task, handed_run_thread);
  return 0;
}

static int
dt_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  DtApplication *self = DT_APPLICATION (app);
  g_auto(GStrv) argv = g_application_command_line_get_arguments (cmdline, NULL);
  g_auto(DtCommandLine) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  DtWindow *window;

  if (!dt_command_line_parse (&argv, &options, &error))
    {
      g_application_command_line_printerr (cmdline, "%s\n", error->message);
      return 1;
    }

  if (dt_command_line_is_headless (&options))
    return run_handed_command (self, cmdline, &options);

  g_application_activate (app);
  window = find_window (self);
  if (options.page != NULL && window != NULL)
    dt_window_show_page (window, options.page);

  /* digital-trade FILE.csv: its import preview */
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (cmdline, argv[i]));
  if (files->len > 0)
    g_application_open (app, (GFile **)files->pdata, files->len, "");

  return 0;
}

static guint
lock_wait_ms (void)
{
  const char *text = g_getenv ("DT_LOCK_WAIT_MS");
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 600000, &value, NULL))
    return LOCK_WAIT_MS;
  return (guint)value;
}

static void
dt_application_startup (GApplication *app)
{
  DtApplication *self = DT_APPLICATION (app);
  static gsize handlers_set;

  G_APPLICATION_CLASS (dt_application_parent_class)->startup (app);

  g_set_application_name (_("Digital Trade"));
  gtk_window_set_default_icon_name (APP_ID);

  if (g_once_init_enter (&handlers_set))
    {
      default_print = g_set_print_handler (print_to_caller);
      default_printerr = g_set_printerr_handler (printerr_to_caller);
      g_once_init_leave (&handlers_set, 1);
    }

  /* Command-line runs that started first finish first: wait a little,
   * then explain in the window. */
  self->lock = dt_store_lock_acquire (self->database, DT_STORE_LOCK_EXCLUSIVE,
                                      lock_wait_ms (), &self->store_error);
  if (self->lock != NULL)
    self->store = dt_sample_data_open (self->database, &self->store_error);
}

gboolean
dt_application_forward_command_line (const char  *database,
                                     char       **argv,
                                     int         *exit_status,
                                     GError     **error)
{
  g_autofree char *id = dt_application_id_for_database (database);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GApplication) client = NULL;

  if (bus == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_BUSY,
                   _("%s: the Digital Trade window has this database open, and there is no desktop session (D-Bus) to hand the command to it. Close the window, or run the command in the desktop session"),
                   database);
      return FALSE;
    }

  /* A plain GApplication: handing over needs no display. */
  client = g_application_new (id, G_APPLICATION_HANDLES_COMMAND_LINE);
  if (!g_application_register (client, NULL, error))
    return FALSE;
  if (!g_application_get_is_remote (client))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("%s: the Digital Trade window has this database open but does not answer. Close it and try again"),
                   database);
      return FALSE;
    }

  *exit_status = g_application_run (client, g_strv_length (argv), argv);
  return TRUE;
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

  /* A command handed to us finishes first; the application then ends
   * when it lets go of its hold. */
  if (DT_APPLICATION (app)->n_running == 0)
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

  /* Close the database before letting command-line runs in. */
  g_clear_object (&self->store);
  g_clear_pointer (&self->lock, dt_store_lock_release);
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
  app_class->command_line = dt_application_command_line;
  app_class->open = dt_application_open;
}
