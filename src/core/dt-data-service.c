/* dt-data-service.c — database work off the main thread
 *
 * Two queues, each a GThreadPool of one thread: reads run on a read-only
 * connection, writes on a writing connection, one at a time and in the
 * order they were submitted. Each connection is only ever used by its own
 * queue, so never by two threads at once (SQLite's multi-thread mode).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-data-service.h"
#include "dt-error.h"

struct _DtDataService
{
  GObject      parent_instance;

  char        *path;
  GThreadPool *reads;
  GThreadPool *writes;
  /* Owned by the pools' threads once opened; closed in finalize, when
   * no job is left. */
  DtStore     *reader;
  DtStore     *writer;
};

G_DEFINE_FINAL_TYPE (DtDataService, dt_data_service, G_TYPE_OBJECT)

typedef struct
{
  DtDataServiceFunc func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
  gboolean          write;
  gboolean          barrier;   /* runs without a connection or transaction */
  gboolean          try_lock;  /* a locked database fails at once, not after the busy timeout */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static DtStore *
connection (DtDataService  *self,
            gboolean        write,
            GError        **error)
{
  DtStore **store = write ? &self->writer : &self->reader;

  if (*store == NULL)
    *store = write ? dt_store_open (self->path, error) : dt_store_open_read_only (self->path, error);
  return *store;
}

static gpointer
drop_result (Job      *job,
             gpointer  result)
{
  if (job->result_free != NULL)
    job->result_free (result);
  return NULL;
}

static void
run_job (gpointer item,
         gpointer pool_data)
{
  g_autoptr(GTask) task = item;
  DtDataService *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  DtStore *store;
  gpointer result;

  if (job->barrier)
    {
      g_task_return_pointer (task, job->func (NULL, job->data, cancellable, NULL), NULL);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  store = connection (self, job->write, &error);
  if (store == NULL ||
      (job->write && !(job->try_lock ? dt_store_try_begin (store, &error) : dt_store_begin (store, &error))))
    {
      g_task_return_error (task, error);
      return;
    }

  result = job->func (store, job->data, cancellable, &error);

  /* Cancelled while it ran: whatever it wrote is rolled back. */
  if (result != NULL && g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = drop_result (job, result);
  if (job->write)
    {
      /* A failed commit has rolled back already. */
      if (result == NULL)
        dt_store_rollback (store);
      else if (!dt_store_commit (store, &error))
        result = drop_result (job, result);
    }

  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, DT_ERROR, DT_ERROR_FAILED, _("The database work failed without giving a reason"));
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
dt_data_service_finalize (GObject *object)
{
  DtDataService *self = DT_DATA_SERVICE (object);

  /* Every job holds a reference on the service (through its task), so no
   * job is left. Not waiting for the threads to exit: the last reference
   * may be dropped on one of them. */
  g_thread_pool_free (self->reads, FALSE, FALSE);
  g_thread_pool_free (self->writes, FALSE, FALSE);
  g_clear_object (&self->reader);
  g_clear_object (&self->writer);
  g_free (self->path);

  G_OBJECT_CLASS (dt_data_service_parent_class)->finalize (object);
}

static void
dt_data_service_class_init (DtDataServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_data_service_finalize;
}

static void
dt_data_service_init (DtDataService *self)
{
  /* Non-exclusive pools of at most one thread: one job at a time per
   * queue, in submission order. */
  self->reads = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  self->writes = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}

DtDataService *
dt_data_service_new (const char *path)
{
  DtDataService *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DT_TYPE_DATA_SERVICE, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
dt_data_service_get_path (DtDataService *self)
{
  g_return_val_if_fail (DT_IS_DATA_SERVICE (self), NULL);

  return self->path;
}

DtDataService *
dt_data_service_for_store (DtStore *store)
{
  DtDataService *self;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "dt-data-service");
  if (self == NULL)
    {
      self = dt_data_service_new (dt_store_get_path (store));
      g_object_set_data_full (G_OBJECT (store), "dt-data-service", self, g_object_unref);
    }
  return self;
}

static GTask *
submit (DtDataService       *self,
        gboolean             write,
        gboolean             barrier,
        gboolean             try_lock,
        DtDataServiceFunc    func,
        gpointer             data,
        GDestroyNotify       data_free,
        GDestroyNotify       result_free,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data,
        gpointer             source_tag)
{
  GTask *task;
  Job *job;

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->write = write;
  job->barrier = barrier;
  job->try_lock = try_lock;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  /* The pool's reference; the one returned is the caller's to drop. */
  g_thread_pool_push (write ? self->writes : self->reads, g_object_ref (task), NULL);
  return task;
}

void
dt_data_service_read_async (DtDataService       *self,
                            DtDataServiceFunc    func,
                            gpointer             data,
                            GDestroyNotify       data_free,
                            GDestroyNotify       result_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (DT_IS_DATA_SERVICE (self));
  g_return_if_fail (func != NULL);

  g_object_unref (submit (self, FALSE, FALSE, FALSE, func, data, data_free, result_free, cancellable,
                          callback, user_data, dt_data_service_read_async));
}

gpointer
dt_data_service_read_finish (DtDataService  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dt_data_service_write_async (DtDataService       *self,
                             DtDataServiceFunc    func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GDestroyNotify       result_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (DT_IS_DATA_SERVICE (self));
  g_return_if_fail (func != NULL);

  g_object_unref (submit (self, TRUE, FALSE, FALSE, func, data, data_free, result_free, cancellable,
                          callback, user_data, dt_data_service_write_async));
}

gpointer
dt_data_service_write_finish (DtDataService  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char  *today;
  guint  follow_up_days;
} FiguresRequest;

static void
figures_request_free (gpointer data)
{
  FiguresRequest *request = data;

  g_free (request->today);
  g_free (request);
}

static gpointer
read_overview_figures (DtStore       *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  FiguresRequest *request = data;

  return dt_overview_figures_compute (store, request->today, request->follow_up_days, error);
}

void
dt_data_service_overview_figures_async (DtDataService       *self,
                                        const char          *today,
                                        guint                follow_up_days,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  FiguresRequest *request = g_new0 (FiguresRequest, 1);

  request->today = g_strdup (today);
  request->follow_up_days = follow_up_days;
  dt_data_service_read_async (self, read_overview_figures, request, figures_request_free,
                              (GDestroyNotify)dt_overview_figures_free,
                              cancellable, callback, user_data);
}

DtOverviewFigures *
dt_data_service_overview_figures_finish (DtDataService  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  return dt_data_service_read_finish (self, result, error);
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean done;
} Barrier;

static gpointer
reach_barrier (DtStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Barrier *barrier = data;

  g_mutex_lock (&barrier->lock);
  barrier->done = TRUE;
  g_cond_signal (&barrier->cond);
  g_mutex_unlock (&barrier->lock);
  return GINT_TO_POINTER (TRUE);
}

void
dt_data_service_wait_for_writes (DtDataService *self)
{
  Barrier barrier = { 0 };

  g_return_if_fail (DT_IS_DATA_SERVICE (self));

  g_mutex_init (&barrier.lock);
  g_cond_init (&barrier.cond);
  /* The queue runs in order: once this job runs, every earlier write has. */
  g_mutex_lock (&barrier.lock);
  g_object_unref (submit (self, TRUE, TRUE, FALSE, reach_barrier, &barrier, NULL, NULL, NULL, NULL, NULL,
                          dt_data_service_wait_for_writes));
  while (!barrier.done)
    g_cond_wait (&barrier.cond, &barrier.lock);
  g_mutex_unlock (&barrier.lock);
  g_mutex_clear (&barrier.lock);
  g_cond_clear (&barrier.cond);
}

/* Queues @func on the write queue and blocks until it ran: in order with
 * every other write, on the writing connection. */
static gpointer
write_and_wait (DtDataService      *self,
                gboolean            try_lock,
                DtDataServiceFunc   func,
                gpointer            data,
                GDestroyNotify      data_free,
                GDestroyNotify      result_free,
                GError            **error)
{
  g_autoptr(GTask) task = submit (self, TRUE, FALSE, try_lock, func, data, data_free, result_free,
                                  NULL, NULL, NULL, write_and_wait);

  /* The barrier's lock makes the task's result visible to this thread. */
  dt_data_service_wait_for_writes (self);
  return g_task_propagate_pointer (task, error);
}

typedef struct
{
  gint64           no;
  DtTrackingField  field;
  char            *text;
  int              number;
} TrackingEdit;

static void
tracking_edit_free (gpointer data)
{
  TrackingEdit *edit = data;

  g_free (edit->text);
  g_free (edit);
}

static gpointer
write_tracking (DtStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  TrackingEdit *edit = data;
  g_autofree DtMeasureTracking *previous = g_new0 (DtMeasureTracking, 1);

  /* Within the queue's transaction: the lock is already taken. */
  if (!dt_measure_tracking_write (store, edit->no, edit->field, edit->text, edit->number,
                                  TRUE, previous, error))
    return NULL;
  return g_steal_pointer (&previous);
}

DtMeasureTracking *
dt_data_service_write_tracking (DtDataService    *self,
                                gint64            no,
                                DtTrackingField   field,
                                const char       *text,
                                int               number,
                                gboolean          wait,
                                GError          **error)
{
  TrackingEdit *edit = g_new0 (TrackingEdit, 1);

  g_return_val_if_fail (DT_IS_DATA_SERVICE (self), NULL);

  edit->no = no;
  edit->field = field;
  edit->text = g_strdup (text);
  edit->number = number;
  return write_and_wait (self, !wait, write_tracking, edit, tracking_edit_free,
                         (GDestroyNotify)dt_measure_tracking_free, error);
}

static gpointer
read_comparison (DtStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const int *years = data;

  return dt_enterprise_comparison_read (store, years[0], years[1], error);
}

void
dt_data_service_compare_years_async (DtDataService       *self,
                                     int                  year_a,
                                     int                  year_b,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  int *years = g_new (int, 2);

  years[0] = year_a;
  years[1] = year_b;
  dt_data_service_read_async (self, read_comparison, years, g_free,
                              (GDestroyNotify)dt_enterprise_comparison_free,
                              cancellable, callback, user_data);
}

DtEnterpriseComparison *
dt_data_service_compare_years_finish (DtDataService  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return dt_data_service_read_finish (self, result, error);
}
