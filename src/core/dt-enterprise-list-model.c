/* dt-enterprise-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over a query with a million rows. The query is run once,
 * off the main thread, for its ordered listing ids alone (the snapshot);
 * its length is the model's. Rows are then read by id, a page at a time,
 * also off the main thread, and only the most recently used pages are
 * kept. Until a page arrives its positions hold placeholder rows
 * ("loading", empty texts), which are filled in place when it does: the
 * column view's cells stay where they are and only redraw (notify), and
 * the selection holds on to the same object.
 *
 * Every snapshot has a generation; a newer query cancels the older
 * one's work and whatever the older one still delivers is dropped.
 */

#define G_LOG_DOMAIN "dt-enterprise-list-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-enterprise-list-model.h"
#include "dt-error.h"

/* The model's own read-only connection, shared by its worker tasks one
 * at a time. */
typedef struct
{
  GMutex        lock;
  char         *path;
  DtStore      *store;          /* opened by the first task */
  GCancellable *cancellable;    /* of the task holding the lock */
} Reader;

typedef enum
{
  PAGE_WANTED,
  PAGE_FETCHING,
  PAGE_DONE,
} PageState;

typedef struct
{
  GPtrArray *rows;              /* DtEnterpriseRow, placeholders until filled */
  PageState  state;
} Page;

struct _DtEnterpriseListModel
{
  GObject             parent_instance;

  DtStore            *store;
  Reader             *reader;
  DtEnterpriseIdsFunc ids_func;
  gpointer            ids_data;
  GDestroyNotify      ids_destroy;
  gboolean            sync;          /* load(): everything on the caller's thread */

  /* The snapshot shown */
  DtEnterpriseQuery  *query;
  GArray             *ids;           /* gint64, NULL before the first */
  guint               n_shown;       /* items announced: fewer than ids while the rest waits */
  guint               reveal_idle;
  gint64              data_version;
  guint               snapshot_generation;
  GHashTable         *pages;         /* page number → Page */
  GQueue              lru;           /* page numbers, most recent first */
  GQueue              wanted;        /* pages to fetch, most recent first */
  gboolean            fetching;      /* one page task at a time */
  GArray             *dropped;       /* unfetched pages evicted, to announce */
  guint               dropped_idle;

  /* The snapshot being built */
  DtEnterpriseQuery  *pending;
  guint               generation;
  GCancellable       *cancellable;
  gboolean            building;
  gboolean            refresh_queued;

  gboolean            loading;
  GError             *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtEnterpriseListModel, dt_enterprise_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PAGE_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void kick_fetch (DtEnterpriseListModel *self);

/* When a list grows from fewer rows, this many are announced at once and
 * the rest once the frame showing them is painted: GTK 4.8's list views
 * make widgets for 200 rows around the top, and making the 140 nobody
 * sees yet took as long as the rest of the start-up. A screenful of a
 * tall window. */
#define REVEAL_FIRST 60

/* The reader */

static int
reader_progress (void *data)
{
  Reader *reader = data;

  /* Non-zero stops the statement with SQLITE_INTERRUPT. */
  return reader->cancellable != NULL && g_cancellable_is_cancelled (reader->cancellable);
}

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->store);
  g_free (reader->path);
  g_mutex_clear (&reader->lock);
}

static Reader *
reader_new (const char *path)
{
  Reader *reader = g_atomic_rc_box_new0 (Reader);

  g_mutex_init (&reader->lock);
  reader->path = g_strdup (path);
  return reader;
}

static void
reader_unref (Reader *reader)
{
  g_atomic_rc_box_release_full (reader, (GDestroyNotify)reader_clear);
}

/* Locks the connection for the calling task; @cancellable stops its SQL. */
static sqlite3 *
reader_acquire (Reader        *reader,
                GCancellable  *cancellable,
                GError       **error)
{
  g_mutex_lock (&reader->lock);
  if (reader->store == NULL)
    {
      reader->store = dt_store_open_read_only (reader->path, error);
      if (reader->store == NULL)
        {
          g_mutex_unlock (&reader->lock);
          return NULL;
        }
      sqlite3_progress_handler (dt_store_get_db (reader->store), 1000, reader_progress, reader);
    }
  reader->cancellable = cancellable;
  return dt_store_get_db (reader->store);
}

static void
reader_release (Reader *reader)
{
  reader->cancellable = NULL;
  g_mutex_unlock (&reader->lock);
}

/* Reading, on whichever thread */

static GArray *
sql_ids (DtEnterpriseQuery  *query,
         sqlite3            *db,
         GCancellable       *cancellable,
         gpointer            user_data,
         GError            **error)
{
  return dt_enterprise_query_ids (query, db, error);
}

static void
record_free (gpointer key,
             gpointer value,
             gpointer data)
{
  dt_enterprise_record_clear (value);
  g_free (value);
}

/* The records of @ids, in their order; NULL where a listing is gone. */
static GPtrArray *
read_rows (sqlite3       *db,
           const gint64  *ids,
           guint          n_ids,
           GError       **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) records = g_ptr_array_new_full (n_ids, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = dt_enterprise_query_prepare_rows_by_id (db, ids, n_ids, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtEnterpriseRecord *record = g_new0 (DtEnterpriseRecord, 1);

      dt_enterprise_query_read_record (stmt, record);
      g_hash_table_insert (by_id, &record->listing_id, record);
    }
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_INTERRUPT)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      else
        g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                     _("Cannot read the enterprises: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      g_hash_table_foreach (by_id, record_free, NULL);
      return NULL;
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < n_ids; i++)
    g_ptr_array_add (records, g_hash_table_lookup (by_id, &ids[i]));
  return g_steal_pointer (&records);
}

static void
records_free (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      DtEnterpriseRecord *record = g_ptr_array_index (records, i);

      if (record != NULL)
        {
          dt_enterprise_record_clear (record);
          g_free (record);
        }
    }
  g_ptr_array_unref (records);
}

/* Pages */

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static Page *
page_new (DtEnterpriseListModel *self,
          guint                  number)
{
  Page *page = g_new0 (Page, 1);
  guint start = number * DT_ENTERPRISE_PAGE_SIZE;
  guint end = MIN (start + DT_ENTERPRISE_PAGE_SIZE, self->ids->len);

  page->rows = g_ptr_array_new_full (end - start, g_object_unref);
  for (guint i = start; i < end; i++)
    g_ptr_array_add (page->rows, dt_enterprise_row_new_placeholder (g_array_index (self->ids, gint64, i)));
  page->state = PAGE_WANTED;
  return page;
}

/* Fills the placeholders of @page with @records (NULL: the read failed). */
static void
page_fill (DtEnterpriseListModel *self,
           Page                  *page,
           GPtrArray             *records,
           gboolean               data_changed)
{
  page->state = PAGE_DONE;
  for (guint i = 0; i < page->rows->len; i++)
    {
      DtEnterpriseRow *row = g_ptr_array_index (page->rows, i);
      DtEnterpriseRecord *record = records != NULL && i < records->len ? g_ptr_array_index (records, i) : NULL;

      if (record != NULL)
        dt_enterprise_row_fill (row, record);
      else if (records == NULL || !data_changed)
        dt_enterprise_row_set_failed (row);
      /* else: the listing is gone since the snapshot; the refresh that
       * follows replaces the row. */
    }
}

static void
set_error (DtEnterpriseListModel *self,
           const GError          *error)
{
  if (error == NULL && self->error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      self->error = g_error_copy (error);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
update_loading (DtEnterpriseListModel *self)
{
  gboolean loading = self->building || self->fetching || self->wanted.length > 0 || self->reveal_idle != 0;

  if (loading == self->loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static guint
n_items (DtEnterpriseListModel *self)
{
  return self->ids != NULL ? self->n_shown : 0;
}

static gboolean
reveal_rest (gpointer data)
{
  DtEnterpriseListModel *self = data;
  guint from = self->n_shown;

  self->reveal_idle = 0;
  self->n_shown = self->ids->len;
  g_list_model_items_changed (G_LIST_MODEL (self), from, 0, self->n_shown - from);
  update_loading (self);
  return G_SOURCE_REMOVE;
}

static gboolean
announce_dropped (gpointer data)
{
  DtEnterpriseListModel *self = data;
  g_autoptr(GArray) dropped = g_steal_pointer (&self->dropped);

  self->dropped_idle = 0;
  /* Views may hold placeholders of a page evicted before it was fetched,
   * which nothing will fill: have them ask for those rows again. */
  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    {
      guint start = g_array_index (dropped, guint, i) * DT_ENTERPRISE_PAGE_SIZE;
      guint n;

      if (start >= n_items (self))
        continue;
      n = MIN (DT_ENTERPRISE_PAGE_SIZE, n_items (self) - start);
      g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
    }
  return G_SOURCE_REMOVE;
}

static void
evict (DtEnterpriseListModel *self)
{
  while (self->lru.length > DT_ENTERPRISE_PAGES_CACHED)
    {
      guint number = GPOINTER_TO_UINT (g_queue_pop_tail (&self->lru));
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));

      if (page->state != PAGE_DONE)
        {
          g_queue_remove (&self->wanted, GUINT_TO_POINTER (number));
          if (self->dropped == NULL)
            self->dropped = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (self->dropped, number);
          if (self->dropped_idle == 0)
            self->dropped_idle = g_idle_add (announce_dropped, self);
        }
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (number));
    }
}

static void
drop_pages (DtEnterpriseListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  g_queue_clear (&self->wanted);
  g_clear_pointer (&self->dropped, g_array_unref);
  g_clear_handle_id (&self->dropped_idle, g_source_remove);
}

static void
fetch_now (DtEnterpriseListModel *self,
           guint                  number,
           Page                  *page)
{
  g_autoptr(GError) error = NULL;
  guint start = number * DT_ENTERPRISE_PAGE_SIZE;
  GPtrArray *records;

  records = read_rows (dt_store_get_db (self->store), &g_array_index (self->ids, gint64, start),
                       page->rows->len, &error);
  if (records == NULL)
    set_error (self, error);
  page_fill (self, page, records, FALSE);
  if (records != NULL)
    records_free (records);
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return DT_TYPE_ENTERPRISE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return n_items (DT_ENTERPRISE_LIST_MODEL (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DtEnterpriseListModel *self = DT_ENTERPRISE_LIST_MODEL (model);
  guint number = position / DT_ENTERPRISE_PAGE_SIZE;
  Page *page;

  if (position >= n_items (self))
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  if (page != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (number));

      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }
  else
    {
      page = page_new (self, number);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (number));
      evict (self);
      if (self->sync)
        fetch_now (self, number, page);
      else
        {
          g_queue_push_head (&self->wanted, GUINT_TO_POINTER (number));
          kick_fetch (self);
        }
    }

  return g_object_ref (g_ptr_array_index (page->rows, position % DT_ENTERPRISE_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Fetching pages off the main thread */

typedef struct
{
  Reader    *reader;
  guint      generation;
  guint      number;
  GArray    *ids;
  gint64     data_version;
  GPtrArray *records;
  gboolean   data_changed;
} PageJob;

static void
page_job_free (PageJob *job)
{
  reader_unref (job->reader);
  g_array_unref (job->ids);
  if (job->records != NULL)
    records_free (job->records);
  g_free (job);
}

static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageJob *job = task_data;
  g_autoptr(GError) error = NULL;
  DtStore *store;
  sqlite3 *db;

  db = reader_acquire (job->reader, NULL, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = job->reader->store;
  /* One read transaction: the rows and the version agree. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  job->records = read_rows (db, (const gint64 *)(gpointer)job->ids->data, job->ids->len, &error);
  job->data_changed = dt_store_get_data_version (store) != job->data_version;
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  reader_release (job->reader);

  if (job->records == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
page_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DtEnterpriseListModel *self = DT_ENTERPRISE_LIST_MODEL (object);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Page *page;

  self->fetching = FALSE;
  g_task_propagate_boolean (G_TASK (result), &error);

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->number));
  /* Rows of an older snapshot go nowhere. */
  if (job->generation == self->snapshot_generation && page != NULL)
    {
      guint start = job->number * DT_ENTERPRISE_PAGE_SIZE;

      if (error != NULL)
        set_error (self, error);
      page_fill (self, page, job->records, job->data_changed);
      g_debug ("page %u: %u rows", job->number, page->rows->len);
      g_signal_emit (self, signals[PAGE_LOADED], 0, start, page->rows->len);
      if (job->data_changed && error == NULL && !self->refresh_queued)
        {
          self->refresh_queued = TRUE;
          dt_enterprise_list_model_refresh (self);
        }
    }

  kick_fetch (self);
  update_loading (self);
}

/* Starts fetching the most recently wanted page, if none is on its way:
 * when scrolling far, the rows on screen come first. */
static void
kick_fetch (DtEnterpriseListModel *self)
{
  g_autoptr(GTask) task = NULL;
  PageJob *job;
  Page *page = NULL;
  guint number = 0;
  guint start;

  if (self->sync || self->fetching || self->building || self->ids == NULL)
    {
      update_loading (self);
      return;
    }
  while (page == NULL && self->wanted.length > 0)
    {
      number = GPOINTER_TO_UINT (g_queue_pop_head (&self->wanted));
      page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
      if (page != NULL && page->state != PAGE_WANTED)
        page = NULL;
    }
  if (page == NULL)
    {
      update_loading (self);
      return;
    }

  start = number * DT_ENTERPRISE_PAGE_SIZE;
  job = g_new0 (PageJob, 1);
  job->reader = g_atomic_rc_box_acquire (self->reader);
  job->generation = self->snapshot_generation;
  job->number = number;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), page->rows->len);
  g_array_append_vals (job->ids, &g_array_index (self->ids, gint64, start), page->rows->len);
  job->data_version = self->data_version;
  page->state = PAGE_FETCHING;
  self->fetching = TRUE;

  task = g_task_new (self, NULL, page_done, NULL);
  g_task_set_source_tag (task, kick_fetch);
  g_task_set_task_data (task, job, (GDestroyNotify)page_job_free);
  g_task_run_in_thread (task, page_thread);
  update_loading (self);
}

/* Building snapshots */

typedef struct
{
  Reader             *reader;
  DtEnterpriseQuery  *query;
  DtEnterpriseIdsFunc func;
  gpointer            func_data;
  guint               generation;
  GArray             *ids;
  gint64              data_version;
  GPtrArray          *first_rows;   /* the records of page 0, read with the ids */
  gint64              started;      /* monotonic µs, for the debug log */
} SnapshotJob;

static void
snapshot_job_free (SnapshotJob *job)
{
  reader_unref (job->reader);
  g_clear_object (&job->query);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->first_rows, records_free);
  g_free (job);
}

static void
snapshot_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SnapshotJob *job = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = reader_acquire (job->reader, cancellable, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      job->ids = job->func (job->query, db, cancellable, job->func_data, &error);
      job->data_version = dt_store_get_data_version (job->reader->store);
      /* The first rows come with the ids: the list opens on them, not on
       * placeholders. If they cannot be read, page 0 is fetched as any other. */
      if (job->ids != NULL && job->ids->len > 0)
        job->first_rows = read_rows (db, (const gint64 *)(gpointer)job->ids->data,
                                     MIN (job->ids->len, DT_ENTERPRISE_PAGE_SIZE), NULL);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  reader_release (job->reader);

  if (job->ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Shows @ids as the rows of @query, all at once. */
static void
show_snapshot (DtEnterpriseListModel *self,
               DtEnterpriseQuery     *query,
               GArray                *ids,
               gint64                 data_version,
               GPtrArray             *first_rows)
{
  guint old_n = n_items (self);
  Page *old_first = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (0));
  g_autoptr(GPtrArray) kept = NULL;
  guint k = 0;

  if (self->query != query)
    {
      g_clear_object (&self->query);
      self->query = dt_enterprise_query_copy (query);
    }
  self->refresh_queued = FALSE;

  /* The same rows as shown (a longer code prefix matching the same
   * listings, a filter ticked and unticked): views need nothing new, and
   * even an announced change of rows off screen costs GTK milliseconds.
   * The pages stay, and so does their generation: rows on their way
   * are still the right ones. */
  if (self->ids != NULL && data_version == self->data_version && self->error == NULL &&
      self->ids->len == ids->len &&
      memcmp (self->ids->data, ids->data, (gsize)ids->len * sizeof (gint64)) == 0)
    return;

  self->snapshot_generation = self->generation;

  /* The rows at the top stay the same objects, refilled with the new
   * query's first rows ("changed"): views keep their row widgets and
   * only the rest is announced as replaced. */
  if (first_rows != NULL && old_first != NULL)
    {
      kept = g_ptr_array_ref (old_first->rows);
      k = MIN (kept->len, first_rows->len);
    }

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_array_ref (ids);
  self->data_version = data_version;
  drop_pages (self);
  set_error (self, NULL);

  if (first_rows != NULL)
    {
      Page *page = page_new (self, 0);

      for (guint i = 0; i < k; i++)
        {
          g_object_unref (g_ptr_array_index (page->rows, i));
          g_ptr_array_index (page->rows, i) = g_object_ref (g_ptr_array_index (kept, i));
        }
      page_fill (self, page, first_rows, FALSE);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (0));
    }

  g_clear_handle_id (&self->reveal_idle, g_source_remove);
  self->n_shown = ids->len;
  if (ids->len > MAX (old_n, REVEAL_FIRST) && !self->sync)
    {
      /* After GTK's redraw (priority HIGH_IDLE + 20) */
      self->n_shown = MAX (old_n, REVEAL_FIRST);
      self->reveal_idle = g_idle_add (reveal_rest, self);
    }
  if (old_n > k || self->n_shown > k)
    g_list_model_items_changed (G_LIST_MODEL (self), k, old_n - k, self->n_shown - k);
  if (first_rows != NULL)
    g_signal_emit (self, signals[PAGE_LOADED], 0, 0, MIN (ids->len, DT_ENTERPRISE_PAGE_SIZE));
}

static void
snapshot_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DtEnterpriseListModel *self = DT_ENTERPRISE_LIST_MODEL (object);
  SnapshotJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* A newer query or refresh has taken over: drop this one. */
  if (job->generation != self->generation || self->sync)
    return;

  self->building = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The list stays as it was; the error says why it is not new. */
      self->refresh_queued = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error);
    }
  else
    {
      g_autoptr(DtEnterpriseQuery) query = g_steal_pointer (&self->pending);

      g_debug ("snapshot of %u ids in %.1f ms", job->ids->len,
               (g_get_monotonic_time () - job->started) / 1000.0);
      show_snapshot (self, query, job->ids, job->data_version, job->first_rows);
    }
  kick_fetch (self);
}

static void
build_snapshot (DtEnterpriseListModel *self)
{
  g_autoptr(GTask) task = NULL;
  SnapshotJob *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (SnapshotJob, 1);
  job->reader = g_atomic_rc_box_acquire (self->reader);
  job->query = dt_enterprise_query_copy (self->pending);
  job->func = self->ids_func;
  job->func_data = self->ids_data;
  job->generation = ++self->generation;
  job->started = g_get_monotonic_time ();
  self->building = TRUE;

  task = g_task_new (self, self->cancellable, snapshot_done, NULL);
  g_task_set_source_tag (task, build_snapshot);
  g_task_set_task_data (task, job, (GDestroyNotify)snapshot_job_free);
  g_task_run_in_thread (task, snapshot_thread);
  update_loading (self);
}

/* GObject */

static void
dt_enterprise_list_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  DtEnterpriseListModel *self = DT_ENTERPRISE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_enterprise_list_model_finalize (GObject *object)
{
  DtEnterpriseListModel *self = (DtEnterpriseListModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reveal_idle, g_source_remove);
  drop_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->pending);
  g_clear_error (&self->error);
  if (self->ids_destroy != NULL)
    self->ids_destroy (self->ids_data);
  g_clear_pointer (&self->reader, reader_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_enterprise_list_model_parent_class)->finalize (object);
}

static void
dt_enterprise_list_model_class_init (DtEnterpriseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_enterprise_list_model_finalize;
  object_class->get_property = dt_enterprise_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The rows @position … @position + @n_rows − 1 were filled in place
   * (or marked failed). */
  signals[PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
dt_enterprise_list_model_init (DtEnterpriseListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  g_queue_init (&self->lru);
  g_queue_init (&self->wanted);
  self->ids_func = sql_ids;
}

DtEnterpriseListModel *
dt_enterprise_list_model_new (DtStore *store)
{
  DtEnterpriseListModel *self;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  self = g_object_new (DT_TYPE_ENTERPRISE_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->reader = reader_new (dt_store_get_path (store));
  return self;
}

void
dt_enterprise_list_model_set_ids_func (DtEnterpriseListModel *self,
                                       DtEnterpriseIdsFunc    func,
                                       gpointer               user_data,
                                       GDestroyNotify         destroy)
{
  g_return_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self));

  if (self->ids_destroy != NULL)
    self->ids_destroy (self->ids_data);
  self->ids_func = func != NULL ? func : sql_ids;
  self->ids_data = func != NULL ? user_data : NULL;
  self->ids_destroy = func != NULL ? destroy : NULL;
}

void
dt_enterprise_list_model_set_query (DtEnterpriseListModel *self,
                                    DtEnterpriseQuery     *query)
{
  g_return_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self));
  g_return_if_fail (DT_IS_ENTERPRISE_QUERY (query));

  self->sync = FALSE;
  g_clear_object (&self->pending);
  self->pending = dt_enterprise_query_copy (query);
  build_snapshot (self);
}

void
dt_enterprise_list_model_refresh (DtEnterpriseListModel *self)
{
  g_return_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self));

  if (self->sync && self->query != NULL)
    {
      g_autoptr(DtEnterpriseQuery) query = g_object_ref (self->query);

      dt_enterprise_list_model_load (self, query, NULL);
      return;
    }
  /* A query still being built is built again, on the new data. */
  if (self->pending == NULL)
    {
      if (self->query == NULL)
        return;
      self->pending = dt_enterprise_query_copy (self->query);
    }
  build_snapshot (self);
}

gboolean
dt_enterprise_list_model_load (DtEnterpriseListModel  *self,
                               DtEnterpriseQuery      *query,
                               GError                **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (query), FALSE);

  /* Whatever is being built off the main thread is no longer wanted. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->pending);
  self->generation++;
  self->building = FALSE;
  self->sync = TRUE;

  ids = self->ids_func (query, dt_store_get_db (self->store), NULL, self->ids_data, error);
  if (ids == NULL)
    return FALSE;
  show_snapshot (self, query, ids, dt_store_get_data_version (self->store), NULL);
  update_loading (self);
  return TRUE;
}

DtEnterpriseQuery *
dt_enterprise_list_model_get_query (DtEnterpriseListModel *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self), NULL);
  return self->query;
}

gboolean
dt_enterprise_list_model_get_loading (DtEnterpriseListModel *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self), FALSE);
  return self->loading;
}

const GError *
dt_enterprise_list_model_get_error (DtEnterpriseListModel *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self), NULL);
  return self->error;
}

guint
dt_enterprise_list_model_get_n_cached_pages (DtEnterpriseListModel *self)
{
  return g_hash_table_size (self->pages);
}
