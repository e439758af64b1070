/* test-window.c — the real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dt-test-widgets.h"
#include "dt-application.h"
#include "dt-store.h"
#include "dt-enterprises-page.h"
#include "dt-window.h"

static char *db_dir;

static DtApplication *app;

/* One private instance on a test database, started up like the real one;
 * an application registers once per process. */
static void
start_application (void)
{
  g_autofree char *path = g_build_filename (db_dir, "window.db", NULL);
  g_autoptr(GError) error = NULL;

  app = dt_application_new (path, NULL, NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
}

/* Counts rows with a title, anywhere below @widget. */
static guint
count_titled_rows (GtkWidget *widget)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget) && adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))[0] != '\0')
    n++;
  /* Lazy tables (the enterprises) hold rows in their model, not as widgets. */
  if (GTK_IS_COLUMN_VIEW (widget) && gtk_column_view_get_model (GTK_COLUMN_VIEW (widget)) != NULL)
    n += g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_titled_rows (child);
  return n;
}

/* Only the page shown loads its data at start-up; another loads when it is
 * first reached, by its shortcut's action as by --page. */
static void
test_pages_load_when_shown (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);
  DtEnterprisesPage *enterprises;
  AdwViewStack *stack;

  dt_window_show_page (window, "index");   /* as --page=index does */
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  stack = ADW_VIEW_STACK (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  enterprises = DT_ENTERPRISES_PAGE (dt_test_find_descendant (GTK_WIDGET (window), DT_TYPE_ENTERPRISES_PAGE));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "index");
  g_assert_null (dt_enterprises_page_get_model (enterprises));

  /* Alt+3 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "enterprises"));
  dt_test_iterate_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "enterprises");
  g_assert_nonnull (dt_enterprises_page_get_model (enterprises));
  for (guint tries = 0; tries < 100 && g_list_model_get_n_items (G_LIST_MODEL (dt_enterprises_page_get_model (enterprises))) == 0; tries++)
    {
      g_usleep (50000);
      dt_test_iterate_until_idle ();
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dt_enterprises_page_get_model (enterprises))), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static void
test_pages_show_rows (void)
{
  DtStore *store = dt_application_get_store (app);
  static const char *pages[] = { "overview", "index", "enterprises", "measures" };
  DtWindow *window;
  AdwViewStack *stack;

  window = dt_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  stack = ADW_VIEW_STACK (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;

      dt_window_show_page (window, pages[i]);
      dt_test_iterate_until_idle ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i]);
      page = adw_view_stack_get_visible_child (stack);
      /* Some pages count their rows on a thread: give them a moment. */
      for (guint tries = 0; tries < 100 && count_titled_rows (page) < 3; tries++)
        {
          g_usleep (50000);
          dt_test_iterate_until_idle ();
        }
      g_test_message ("page %s shows %u rows", pages[i], count_titled_rows (page));
      g_assert_cmpuint (count_titled_rows (page), >=, 3);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sample_banner_shown (void)
{
  DtStore *store = dt_application_get_store (app);
  DtWindow *window;
  GtkRevealer *banner;

  window = dt_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  banner = GTK_REVEALER (dt_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  /* It names the kinds that are sample data. */
  g_assert_nonnull (strstr (dt_window_get_sample_banner_text (window), "texts of the measures"));
  g_assert_nonnull (strstr (dt_window_get_sample_banner_text (window), "Top-100 enterprises"));

  /* Once official measures replace the sample ones, it no longer names
   * them; with no sample data left it goes. */
  g_assert_cmpint (sqlite3_exec (dt_store_get_db (store),
                                 "UPDATE datasets SET provenance = 'official' WHERE kind = 'measures'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  dt_store_emit_changed (store, "measures");
  dt_test_iterate_until_idle ();
  g_assert_null (strstr (dt_window_get_sample_banner_text (window), "measures"));
  g_assert_cmpint (sqlite3_exec (dt_store_get_db (store),
                                 "UPDATE datasets SET provenance = 'official' WHERE provenance = 'sample'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  dt_store_emit_changed (store, "enterprises");
  dt_test_iterate_until_idle ();
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_null (dt_window_get_sample_banner_text (window));
  g_assert_cmpint (sqlite3_exec (dt_store_get_db (store),
                                 "UPDATE datasets SET provenance = 'sample' WHERE kind <> 'regions'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  dt_store_emit_changed (store, "enterprises");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
check_named (GtkWidget *widget,
             GPtrArray *unnamed)
{
  if ((GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) ||
       GTK_IS_SPIN_BUTTON (widget)) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    g_ptr_array_add (unnamed, (gpointer)G_OBJECT_TYPE_NAME (widget));
  /* A dropdown's own popover (its search entry) is GTK's to name. */
  if (GTK_IS_DROP_DOWN (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_named (child, unnamed);
}

/* A screen reader names every dropdown, entry and spin button. */
static void
test_controls_have_accessible_names (void)
{
  static const char * const pages[] = { "overview", "index", "enterprises", "measures" };
  DtStore *store = dt_application_get_store (app);
  DtWindow *window = dt_window_new (app, store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();
      g_autofree char *names = NULL;

      dt_window_show_page (window, pages[i]);
      dt_test_iterate_until_idle ();
      check_named (GTK_WIDGET (window), unnamed);
      g_ptr_array_add (unnamed, NULL);
      /* The types without a name, for the message of a failure. */
      names = g_strjoinv (" ", (char **)unnamed->pdata);
      g_assert_cmpstr (names, ==, "");
    }
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
}

static void
test_bad_database_explained (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "/tmp/x.db: not a Digital Trade database");
  DtWindow *window = dt_window_new (app, NULL, error);
  GtkWidget *status;

  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  status = dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==, error->message);
  g_assert_null (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("com.example.DigitalTrade");
  DtWindow *window = dt_window_new (app, dt_application_get_store (app), NULL);
  DtWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
  gtk_window_close (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  second = dt_window_new (app, dt_application_get_store (app), NULL);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_shortcuts_and_actions (void)
{
  DtWindow *window = dt_window_new (app, dt_application_get_store (app), NULL);
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");

  gtk_window_present (GTK_WINDOW (window));
  dt_test_iterate_until_idle ();
  g_assert_true (g_strv_contains ((const char * const *)quit, "<Control>q"));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "about"));
  /* The shortcuts window comes from gtk/help-overlay.ui in the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "measures");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (dt_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK))), ==, "measures");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* --screenshot renders each page of the real window, in English and Chinese. */
static void
test_screenshot (gconstpointer data)
{
  const char * const *args = data;
  const char *page = args[0];
  const char *language = args[1];
  g_autofree char *png = g_strdup_printf ("%s/%s-%s.png", db_dir, page, language);
  g_autofree char *db = g_build_filename (db_dir, "shot.db", NULL);
  g_autofree char *db_arg = g_strconcat ("--database=", db, NULL);
  g_autofree char *png_arg = g_strconcat ("--screenshot=", png, NULL);
  g_autofree char *page_arg = g_strconcat ("--page=", page, NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", g_str_equal (language, "zh_CN") ? "zh_CN.UTF-8" : "en_US.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("DT_BINARY"),
                                         db_arg, png_arg, page_arg, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 360);
  g_assert_cmpint (gdk_texture_get_height (texture), >=, 294);
}

int
main (int   argc,
      char *argv[])
{
  static const char *shots[][2] = {
    { "overview", "en" }, { "index", "en" }, { "enterprises", "en" }, { "measures", "en" },
    { "overview", "zh_CN" }, { "index", "zh_CN" }, { "enterprises", "zh_CN" }, { "measures", "zh_CN" },
  };
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  db_dir = g_dir_make_tmp ("dt-window-XXXXXX", NULL);
  start_application ();

  g_test_add_func ("/window/pages-show-rows", test_pages_show_rows);
  g_test_add_func ("/window/pages-load-when-shown", test_pages_load_when_shown);
  g_test_add_func ("/window/sample-banner-shown", test_sample_banner_shown);
  g_test_add_func ("/window/controls-have-accessible-names", test_controls_have_accessible_names);
  g_test_add_func ("/window/bad-database-explained", test_bad_database_explained);
  g_test_add_func ("/window/size-saved", test_window_size_saved);
  g_test_add_func ("/window/shortcuts-and-actions", test_shortcuts_and_actions);
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *path = g_strdup_printf ("/window/screenshot/%s/%s", shots[i][1], shots[i][0]);
      g_test_add_data_func (path, shots[i], test_screenshot);
    }

  status = g_test_run ();
  g_clear_object (&app);
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", db_dir);
      (void) !system (cmd);
    }
  return status;
}
