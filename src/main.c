/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "digital-trade"

#include "config.h"

#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-application.h"
#include "dt-command-line.h"
#include "dt-error.h"
#include "dt-store-lock.h"

/* How long a headless run keeps trying when the window holds the database
 * but does not answer on the bus (it is starting or quitting). */
#define HAND_OVER_WAIT_US (5 * G_USEC_PER_SEC)

/* Run from the build tree (tests, run.sh), use the translations built there. */
static const char *
locale_directory (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_LOCALEDIR;

  return LOCALEDIR;
}

/* Headless runs share the database with each other; while the window has
 * it (its lock is exclusive), the window runs the command for us. */
static int
run_headless (DtCommandLine  *options,
              char          **argv)
{
  g_autofree char *database = NULL;
  gint64 deadline = g_get_monotonic_time () + HAND_OVER_WAIT_US;

  if (!dt_command_line_uses_database (options))
    return dt_command_line_run (options);

  database = dt_command_line_get_database (options);
  for (;;)
    {
      g_autoptr(DtStoreLock) lock = NULL;
      g_autoptr(GError) error = NULL;
      int status = 1;

      lock = dt_store_lock_acquire (database, DT_STORE_LOCK_SHARED, 0, &error);
      if (lock != NULL)
        return dt_command_line_run (options);
      if (!g_error_matches (error, DT_ERROR, DT_ERROR_BUSY))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      g_clear_error (&error);
      if (dt_application_forward_command_line (database, argv, &status, &error))
        return status;
      if (!g_error_matches (error, DT_ERROR, DT_ERROR_FAILED) ||
          g_get_monotonic_time () > deadline)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_usleep (100 * 1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_auto(DtCommandLine) options = { 0 };
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_directory ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* argv stays whole: it is what a running window is handed. */
  args = g_strdupv (argv);
  if (!dt_command_line_parse (&args, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (dt_command_line_is_headless (&options))
    {
#if !GLIB_CHECK_VERSION (2, 76, 0)
      /* GLib 2.74's slice allocator keeps for good what a data pack's JSON
       * tree took (some 90 MB for the sample index values), and an import
       * into a new database peaked at 218 MB instead of 144. GLib reads
       * G_SLICE before main (), so the run starts itself again with it;
       * 2.76 dropped the slice allocator. */
      if (dt_command_line_uses_database (&options) && g_getenv ("G_SLICE") == NULL)
        {
          g_setenv ("G_SLICE", "always-malloc", TRUE);
          execv ("/proc/self/exe", argv);
        }
#endif
      return run_headless (&options, argv);
    }

  dt_choose_renderer ();
  app = dt_application_new (options.database, options.screenshot, options.page);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
