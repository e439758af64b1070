/* test-enterprise-list-model.c — the Top-100 list model as a snapshot of
 * ids whose rows arrive in pages off the main thread: the GListModel
 * contract under random scrolling while the data changes, cancellation
 * of older queries, and the export's order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dt-enterprise-list-model.h"
#include "dt-error.h"
#include "dt-sample-data.h"
#include "dt-import-file.h"
#include "dt-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
  guint    shadow_n;      /* n_items as told by items-changed */
  guint    n_changes;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  /* Consistent with what was there, and with what is there now. */
  g_assert_cmpuint (position + removed, <=, f->shadow_n);
  f->shadow_n = f->shadow_n - removed + added;
  g_assert_cmpuint (f->shadow_n, ==, g_list_model_get_n_items (model));
  f->n_changes++;
}

/* A list of @year with @n firms; @round changes names and order. */
static void
import_list (Fixture *f,
             int      year,
             guint    n,
             guint    round)
{
  g_autoptr(GString) text = g_string_new ("year,rank,name_zh,city\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%d,%u,企业%u-%u,hangzhou\n", year, i + 1, (i * 7 + round) % n, round);
  bytes = g_bytes_new (text->str, text->len);
  dt_import_bytes (f->store, bytes, "list.csv", NULL, 0, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dt-list-model-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);   /* for the regions */
  g_assert_no_error (error);
  import_list (f, 2030, 2000, 0);
  import_list (f, 2031, 2000, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
wake (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
model_idle (gpointer model)
{
  return !dt_enterprise_list_model_get_loading (model);
}

static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, wake, &timed_out);

  while (!done (data) && !timed_out)
    {
      /* A tick: some conditions are set by threads, which wake no loop. */
      gboolean ticked = FALSE;
      guint tick = g_timeout_add (10, wake, &ticked);

      g_main_context_iteration (NULL, TRUE);
      if (!ticked)
        g_source_remove (tick);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* The listing ids of @query in the export's order: its own statement. */
static GArray *
export_ids (Fixture           *f,
            DtEnterpriseQuery *query)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = dt_enterprise_query_prepare_rows (query, dt_store_get_db (f->store), -1, 0, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* Every row, once its page has arrived, is the export's row at the same place. */
static void
assert_rows_are (Fixture               *f,
                 DtEnterpriseListModel *model,
                 DtEnterpriseQuery     *query)
{
  g_autoptr(GArray) ids = export_ids (f, query);
  GListModel *list = G_LIST_MODEL (model);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (list, i);

      g_assert_nonnull (row);
      if (dt_enterprise_row_get_loading (row))
        wait_for (model_idle, model);
      g_assert_false (dt_enterprise_row_get_loading (row));
      g_assert_false (dt_enterprise_row_get_failed (row));
      g_assert_cmpint (dt_enterprise_row_get_record (row)->listing_id, ==, g_array_index (ids, gint64, i));
    }
  g_assert_null (g_list_model_get_item (list, ids->len));
  g_assert_cmpuint (dt_enterprise_list_model_get_n_cached_pages (model), <=, DT_ENTERPRISE_PAGES_CACHED);
}

static void
random_scroll (Fixture               *f,
               DtEnterpriseListModel *model,
               guint                  n_reads)
{
  GListModel *list = G_LIST_MODEL (model);

  for (guint i = 0; i < n_reads; i++)
    {
      guint n = g_list_model_get_n_items (list);
      guint position = (guint)g_test_rand_int_range (0, (gint32)n + 3);

      if (position < n)
        {
          g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (list, position);

          /* Never NULL below n_items, loaded or not. */
          g_assert_nonnull (row);
        }
      else
        g_assert_null (g_list_model_get_item (list, position));
      if (i % 5 == 0)
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
test_contract_while_data_changes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));

  dt_enterprise_query_set_sort (query, "name_zh", FALSE, NULL);
  dt_enterprise_list_model_set_query (model, query);
  g_assert_true (dt_enterprise_list_model_get_loading (model));
  wait_for (model_idle, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4000);

  for (guint round = 1; round <= 4; round++)
    {
      random_scroll (f, model, 300);
      /* A re-import while pages are on their way, then the refresh the
       * page does after a change; a shorter list on even rounds. */
      import_list (f, 2031, round % 2 == 0 ? 700 : 2000, round);
      random_scroll (f, model, 300);
      dt_enterprise_list_model_refresh (model);
      random_scroll (f, model, 300);
      wait_for (model_idle, model);
      assert_rows_are (f, model, query);
    }
  g_assert_cmpuint (f->shadow_n, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_assert_null (dt_enterprise_list_model_get_error (model));
  g_signal_handlers_disconnect_by_data (model, f);
}

/* Ids of a query searching "slow" wait for their cancellation, then hand
 * back a stale answer anyway: the model must not show it. */
typedef struct
{
  gint slow_started;
  gint slow_cancelled;
} Slow;

static GArray *
slow_ids (DtEnterpriseQuery  *query,
          sqlite3            *db,
          GCancellable       *cancellable,
          gpointer            user_data,
          GError            **error)
{
  Slow *slow = user_data;

  if (g_strcmp0 (dt_enterprise_query_get_search (query), "slow") == 0)
    {
      GArray *stale = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 id = 999999;

      g_atomic_int_set (&slow->slow_started, 1);
      for (guint i = 0; i < 500 && !g_cancellable_is_cancelled (cancellable); i++)
        g_usleep (10000);
      if (g_cancellable_is_cancelled (cancellable))
        g_atomic_int_set (&slow->slow_cancelled, 1);
      for (guint i = 0; i < 5000; i++)
        g_array_append_val (stale, id);
      return stale;
    }
  return dt_enterprise_query_ids (query, db, error);
}

static gboolean
slow_started (gpointer data)
{
  return g_atomic_int_get (&((Slow *)data)->slow_started);
}

static void
test_new_query_cancels_old (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) slow_query = dt_enterprise_query_new ();
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  Slow slow = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), f);
  dt_enterprise_list_model_set_ids_func (model, slow_ids, &slow, NULL);

  /* A first list, with pages on their way. */
  dt_enterprise_query_add_filter (query, "year", "2030", NULL);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);
  random_scroll (f, model, 50);

  /* Keystrokes: the slow one is overtaken by the next. */
  dt_enterprise_query_set_search (slow_query, "slow");
  dt_enterprise_list_model_set_query (model, slow_query);
  wait_for (slow_started, &slow);
  dt_enterprise_query_clear_filters (query);
  dt_enterprise_query_set_sort (query, "rank", TRUE, NULL);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);

  g_assert_true (g_atomic_int_get (&slow.slow_cancelled));
  g_assert_true (dt_enterprise_query_equal (dt_enterprise_list_model_get_query (model), query));
  /* Neither the stale ids nor their count reached the model. */
  assert_rows_are (f, model, query);
  g_assert_cmpuint (f->shadow_n, ==, 4000);

  /* A query overtaken before its build even started leaves no trace. */
  f->n_changes = 0;
  dt_enterprise_list_model_set_query (model, slow_query);
  dt_enterprise_query_add_filter (query, "year", "2031", NULL);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);
  g_assert_cmpuint (f->n_changes, ==, 1);
  assert_rows_are (f, model, query);
  g_signal_handlers_disconnect_by_data (model, f);
}

/* The rows come in the query's order, the very order of its export. */
static void
test_order_is_export_order (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GListModel *list = G_LIST_MODEL (model);
  gint64 n_rows = 0;

  /* Many equal names: the order is decided by year and rank after them. */
  dt_enterprise_query_set_sort (query, "name_zh", TRUE, NULL);
  dt_enterprise_query_set_search (query, "企业1");
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);

  g_assert_true (dt_enterprise_query_export (query, dt_store_get_db (f->store), out,
                                             DT_ENTERPRISE_HEADER_KEYS, FALSE, NULL, NULL,
                                             NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  lines = g_strsplit (text, "\r\n", -1);

  g_assert_cmpint (n_rows, >, DT_ENTERPRISE_PAGE_SIZE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_rows);
  /* From the end backwards, as a user jumping to the bottom would. */
  for (guint i = (guint)n_rows; i-- > 0;)
    {
      g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (list, i);
      const DtEnterpriseRecord *r;
      g_autofree char *start = NULL;

      if (dt_enterprise_row_get_loading (row))
        wait_for (model_idle, model);
      r = dt_enterprise_row_get_record (row);
      start = g_strdup_printf ("%d,%d,%s,", r->year, r->rank, r->name_zh);
      g_assert_true (g_str_has_prefix (lines[i + 1], start));
    }
}

/* A page that cannot be read marks its rows failed; the list keeps its length. */
static void
test_failed_fetch_keeps_list (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(DtEnterpriseRow) first = NULL;
  g_autoptr(DtEnterpriseRow) last = NULL;
  g_autoptr(GError) error = NULL;

  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  wait_for (model_idle, model);
  g_assert_false (dt_enterprise_row_get_failed (first));

  /* The rows' table is gone from under the snapshot. */
  g_assert_true (dt_store_exec (f->store, "ALTER TABLE enterprises RENAME TO gone", &error));
  g_assert_no_error (error);
  g_test_expect_message ("dt-enterprise-list-model", G_LOG_LEVEL_WARNING, "*enterprises*");
  last = g_list_model_get_item (G_LIST_MODEL (model), 3999);
  g_assert_nonnull (last);
  wait_for (model_idle, model);
  g_test_assert_expected_messages ();

  g_assert_true (dt_enterprise_row_get_failed (last));
  g_assert_false (dt_enterprise_row_get_loading (last));
  g_assert_nonnull (dt_enterprise_list_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4000);
  for (guint i = 0; i < 4000; i += 97)
    {
      g_autoptr(DtEnterpriseRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (row);
    }
}

static void
count_changed (guint *n)
{
  (*n)++;
}

/* A new query refills the first rows in place ("changed") and announces
 * only the rest as replaced: a view keeps the row widgets on screen. */
static void
test_first_rows_refilled_in_place (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(DtEnterpriseRow) first = NULL;
  g_autoptr(DtEnterpriseRow) again = NULL;
  guint changed = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), f);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (count_changed), &changed);

  f->n_changes = 0;
  dt_enterprise_query_add_filter (query, "year", "2031", NULL);
  dt_enterprise_query_set_sort (query, "rank", TRUE, NULL);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);

  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (f->n_changes, ==, 1);
  /* And every row is what the query selects, the refilled ones too. */
  assert_rows_are (f, model, query);
  g_signal_handlers_disconnect_by_data (model, f);
}

/* A query that selects the very rows shown (a longer prefix of a code
 * every listing shares) announces nothing, but a changed row is seen. */
static void
test_same_rows_announce_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(DtEnterpriseRow) first = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), f);
  dt_enterprise_query_add_filter (query, "year", "2031", NULL);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  wait_for (model_idle, model);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (count_changed), &changed);

  /* Every name holds "企业": the same 2,000 rows. Rows of a page on its
   * way when they are asked for again still arrive. */
  for (guint page = 1; page < 10; page++)
    {
      g_autoptr(DtEnterpriseRow) far = g_list_model_get_item (G_LIST_MODEL (model), page * DT_ENTERPRISE_PAGE_SIZE + 5);

      dt_enterprise_query_set_search (query, page % 2 == 0 ? NULL : "企业");
      dt_enterprise_list_model_set_query (model, query);
      wait_for (model_idle, model);
      g_assert_false (dt_enterprise_row_get_loading (far));
    }

  f->n_changes = 0;
  dt_enterprise_query_set_search (query, "企业");
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_cmpuint (changed, ==, 0);
  assert_rows_are (f, model, query);


  /* The same ids after the data changed are new rows all the same. */
  g_assert_true (dt_store_exec (f->store, "UPDATE enterprises SET name_zh = name_zh || '（新）'", &error));
  g_assert_no_error (error);
  dt_enterprise_list_model_refresh (model);
  wait_for (model_idle, model);
  g_assert_cmpuint (f->n_changes + changed, >, 0);
  assert_rows_are (f, model, query);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (g_str_has_suffix (dt_enterprise_row_get_record (first)->name_zh, "（新）"));
  g_signal_handlers_disconnect_by_data (model, f);
}

static void
record_added (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              GArray     *adds)
{
  g_array_append_val (adds, added);
}

/* A list that grows from nothing shows a screenful first and the rest
 * after: views make widgets for what is announced. */
static void
test_grows_a_screenful_first (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DtEnterpriseListModel) model = dt_enterprise_list_model_new (f->store);
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();
  g_autoptr(GArray) adds = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_added), adds);
  dt_enterprise_list_model_set_query (model, query);
  wait_for (model_idle, model);

  g_assert_cmpuint (adds->len, ==, 2);
  g_assert_cmpuint (g_array_index (adds, guint, 0), >=, 25);
  g_assert_cmpuint (g_array_index (adds, guint, 0), <, DT_ENTERPRISE_PAGE_SIZE);
  g_assert_cmpuint (g_array_index (adds, guint, 0) + g_array_index (adds, guint, 1), ==, 4000);
  assert_rows_are (f, model, query);
  g_signal_handlers_disconnect_by_data (model, f);
  g_signal_handlers_disconnect_by_data (model, adds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/enterprise-list-model/contract-under-random-scrolling", Fixture, NULL,
              fixture_set_up, test_contract_while_data_changes, fixture_tear_down);
  g_test_add ("/enterprise-list-model/new-query-cancels-old", Fixture, NULL,
              fixture_set_up, test_new_query_cancels_old, fixture_tear_down);
  g_test_add ("/enterprise-list-model/order-is-export-order", Fixture, NULL,
              fixture_set_up, test_order_is_export_order, fixture_tear_down);
  g_test_add ("/enterprise-list-model/first-rows-refilled-in-place", Fixture, NULL,
              fixture_set_up, test_first_rows_refilled_in_place, fixture_tear_down);
  g_test_add ("/enterprise-list-model/grows-a-screenful-first", Fixture, NULL,
              fixture_set_up, test_grows_a_screenful_first, fixture_tear_down);
  g_test_add ("/enterprise-list-model/same-rows-announce-nothing", Fixture, NULL,
              fixture_set_up, test_same_rows_announce_nothing, fixture_tear_down);
  g_test_add ("/enterprise-list-model/failed-fetch-keeps-list", Fixture, NULL,
              fixture_set_up, test_failed_fetch_keeps_list, fixture_tear_down);


  return g_test_run ();
}
