/* test-data-service.c — database work off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "dt-data-service.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;        /* the test's own connection, on this thread */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dt-data-service-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = dt_store_open (fixture->path, &error);
  g_assert_no_error (error);
  dt_store_exec (fixture->store, "CREATE TABLE t (n INTEGER)", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  dt_test_remove_backups (fixture->path);
  for (const char *const *suffix = (const char *[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (fixture->path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gpointer
which_thread (DtStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return g_thread_self ();
}

static void
test_read_on_worker (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DtDataService) service = dt_data_service_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gpointer thread;

  dt_data_service_read_async (service, which_thread, NULL, NULL, NULL, NULL, store_result, &result);
  thread = dt_data_service_read_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (thread);
  g_assert_true (thread != (gpointer)g_thread_self ());
}

static gpointer
insert_number (DtStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO t (n) VALUES (%d)", GPOINTER_TO_INT (data));

  /* Vary the time each takes: order must not depend on it. */
  g_usleep ((GPOINTER_TO_INT (data) % 3) * 1000);
  if (!dt_store_exec (store, sql, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

typedef struct
{
  guint finished;
  guint pending;
} Order;

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Order *order = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dt_data_service_write_finish (DT_DATA_SERVICE (source), result, &error));
  g_assert_no_error (error);
  order->finished++;
  order->pending--;
}

static void
test_writes_in_order (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DtDataService) service = dt_data_service_new (fixture->path);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *stored = NULL;
  Order order = { 0, 0 };

  for (int i = 1; i <= 20; i++)
    {
      dt_data_service_write_async (service, insert_number, GINT_TO_POINTER (i), NULL, NULL,
                                   NULL, write_done, &order);
      order.pending++;
      g_string_append_printf (expected, "%s%d", i > 1 ? "," : "", i);
    }
  while (order.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  stored = dt_test_query_text (fixture->store, "SELECT group_concat(n) FROM (SELECT n FROM t ORDER BY rowid)");
  g_assert_cmpstr (stored, ==, expected->str);
  g_assert_cmpuint (order.finished, ==, 20);
}

static gpointer
insert_then_cancel (DtStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (!dt_store_exec (store, "INSERT INTO t (n) VALUES (1)", error))
    return NULL;
  /* The user cancels while the write runs. */
  g_cancellable_cancel (cancellable);
  return GINT_TO_POINTER (TRUE);
}

static void
test_cancelled_before (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DtDataService) service = dt_data_service_new (fixture->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) read_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;

  g_cancellable_cancel (cancellable);
  dt_data_service_write_async (service, insert_number, GINT_TO_POINTER (7), NULL, NULL,
                               cancellable, store_result, &result);
  g_assert_null (dt_data_service_write_finish (service, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  dt_data_service_read_async (service, which_thread, NULL, NULL, NULL,
                              cancellable, store_result, &read_result);
  g_assert_null (dt_data_service_read_finish (service, wait_for (&read_result), &read_error));
  g_assert_error (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (dt_test_query_int (fixture->store, "SELECT count(*) FROM t"), ==, 0);
}

static void
test_cancelled_while_running (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(DtDataService) service = dt_data_service_new (fixture->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dt_data_service_write_async (service, insert_then_cancel, NULL, NULL, NULL,
                               cancellable, store_result, &result);
  g_assert_null (dt_data_service_write_finish (service, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (dt_test_query_int (fixture->store, "SELECT count(*) FROM t"), ==, 0);
}

static void
test_write_busy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DtDataService) service = dt_data_service_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) retry = NULL;
  g_autoptr(GError) error = NULL;

  /* Another connection holds the write lock. */
  g_assert_true (dt_store_begin (fixture->store, NULL));
  dt_data_service_write_async (service, insert_number, GINT_TO_POINTER (3), NULL, NULL,
                               NULL, store_result, &result);
  g_assert_null (dt_data_service_write_finish (service, wait_for (&result), &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_BUSY);
  dt_store_rollback (fixture->store);
  g_assert_cmpint (dt_test_query_int (fixture->store, "SELECT count(*) FROM t"), ==, 0);

  /* The queue goes on once the lock is released. */
  dt_data_service_write_async (service, insert_number, GINT_TO_POINTER (3), NULL, NULL,
                               NULL, store_result, &retry);
  g_assert_nonnull (dt_data_service_write_finish (service, wait_for (&retry), NULL));
  g_assert_cmpint (dt_test_query_int (fixture->store, "SELECT count(*) FROM t"), ==, 1);
}

/* Waiting for the queue writes everything submitted before, without the
 * main loop running. */
static void
test_wait_for_writes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DtDataService) service = dt_data_service_new (fixture->path);

  for (int i = 1; i <= 5; i++)
    dt_data_service_write_async (service, insert_number, GINT_TO_POINTER (i), NULL, NULL,
                                 NULL, NULL, NULL);
  dt_data_service_wait_for_writes (service);
  g_assert_cmpint (dt_test_query_int (fixture->store, "SELECT count(*) FROM t"), ==, 5);
}

/* The overview's figures come from the read thread; they show the
 * sample list. */
static void
test_overview_figures (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DtDataService) service = NULL;
  g_autoptr(DtOverviewFigures) figures = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_sample_data_load (fixture->store, &error));
  g_assert_no_error (error);
  service = g_object_ref (dt_data_service_for_store (fixture->store));
  g_assert_true (dt_data_service_for_store (fixture->store) == service);

  dt_data_service_overview_figures_async (service, "2024-01-01", 14, NULL, store_result, &result);
  figures = dt_data_service_overview_figures_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (figures->has_list);
  g_assert_true (figures->list_sample);
  g_assert_cmpint (figures->list_count, ==,
                   dt_test_query_int (fixture->store, "SELECT count(*) FROM listings WHERE year = (SELECT max(year) FROM listings)"));
  g_assert_cmpint (figures->measures, ==, dt_test_query_int (fixture->store, "SELECT count(*) FROM measures"));
  g_assert_cmpuint (figures->datasets->len, ==, dt_test_query_int (fixture->store, "SELECT count(*) FROM datasets"));
}

/* What the overview reads again on: the generation moves with a write of
 * the store's own connection, a write of the service's, and a change
 * announced, but not with reads. */
static void
test_generation (Fixture       *fixture,
                 gconstpointer  data)
{
  DtDataService *service = dt_data_service_for_store (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint64 generation = dt_store_get_generation (fixture->store);

  dt_test_query_int (fixture->store, "SELECT count(*) FROM t");
  g_assert_true (dt_store_check_for_changes (fixture->store) == FALSE);
  g_assert_cmpuint (dt_store_get_generation (fixture->store), ==, generation);

  g_assert_true (dt_store_exec (fixture->store, "INSERT INTO t (n) VALUES (1)", &error));
  g_assert_cmpuint (dt_store_get_generation (fixture->store), >, generation);
  generation = dt_store_get_generation (fixture->store);

  /* Another connection's commit is seen by the check. */
  dt_data_service_write_async (service, insert_number, GINT_TO_POINTER (2), NULL, NULL, NULL,
                               store_result, &result);
  g_assert_nonnull (dt_data_service_write_finish (service, wait_for (&result), NULL));
  g_assert_true (dt_store_check_for_changes (fixture->store));
  g_assert_cmpuint (dt_store_get_generation (fixture->store), >, generation);
  generation = dt_store_get_generation (fixture->store);

  dt_store_emit_changed (fixture->store, NULL);
  g_assert_cmpuint (dt_store_get_generation (fixture->store), >, generation);
}

int
main (int   argc,
      char *argv[])
{
  /* A locked database fails at once instead of after the usual wait. */
  g_setenv ("DT_BUSY_TIMEOUT_MS", "0", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/data-service/read/on-worker-thread", Fixture, NULL,
              fixture_set_up, test_read_on_worker, fixture_tear_down);
  g_test_add ("/data-service/write/in-submission-order", Fixture, NULL,
              fixture_set_up, test_writes_in_order, fixture_tear_down);
  g_test_add ("/data-service/write/wait-for-writes", Fixture, NULL,
              fixture_set_up, test_wait_for_writes, fixture_tear_down);
  g_test_add ("/data-service/cancel/before-running", Fixture, NULL,
              fixture_set_up, test_cancelled_before, fixture_tear_down);
  g_test_add ("/data-service/cancel/while-running", Fixture, NULL,
              fixture_set_up, test_cancelled_while_running, fixture_tear_down);
  g_test_add ("/data-service/write/busy", Fixture, NULL,
              fixture_set_up, test_write_busy, fixture_tear_down);

  g_test_add ("/data-service/read/overview-figures", Fixture, NULL,
              fixture_set_up, test_overview_figures, fixture_tear_down);
  g_test_add ("/data-service/store/generation", Fixture, NULL,
              fixture_set_up, test_generation, fixture_tear_down);

  return g_test_run ();
}
