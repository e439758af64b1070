/* dt-enterprise-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over a query with a million rows must not make a million
 * objects: items are made a page at a time when the view asks for them,
 * and only the most recently used pages are kept.
 */

#define G_LOG_DOMAIN "dt-enterprise-list-model"

#include "config.h"

#include "dt-enterprise-list-model.h"

struct _DtEnterpriseListModel
{
  GObject            parent_instance;

  DtStore           *store;
  DtEnterpriseQuery *query;
  guint              n_items;
  GHashTable        *pages;      /* page number → GPtrArray of DtEnterpriseRow */
  GQueue             lru;        /* page numbers, most recent first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtEnterpriseListModel, dt_enterprise_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return DT_TYPE_ENTERPRISE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return DT_ENTERPRISE_LIST_MODEL (model)->n_items;
}

static GPtrArray *
fetch_page (DtEnterpriseListModel *self,
            guint                  page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  stmt = dt_enterprise_query_prepare_rows (self->query, dt_store_get_db (self->store),
                                           DT_ENTERPRISE_PAGE_SIZE,
                                           (gint64)page * DT_ENTERPRISE_PAGE_SIZE, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return rows;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtEnterpriseRecord record = { 0 };

      dt_enterprise_query_read_record (stmt, &record);
      g_ptr_array_add (rows, dt_enterprise_row_new_take (&record));
    }
  sqlite3_finalize (stmt);
  return rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DtEnterpriseListModel *self = DT_ENTERPRISE_LIST_MODEL (model);
  guint page = position / DT_ENTERPRISE_PAGE_SIZE;
  guint index = position % DT_ENTERPRISE_PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items || self->query == NULL)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));

      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }
  else
    {
      rows = fetch_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
      while (self->lru.length > DT_ENTERPRISE_PAGES_CACHED)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
    }

  /* The data changed under us since the count: say there is nothing here. */
  if (index >= rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
drop_pages (DtEnterpriseListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
dt_enterprise_list_model_finalize (GObject *object)
{
  DtEnterpriseListModel *self = (DtEnterpriseListModel *)object;

  drop_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_enterprise_list_model_parent_class)->finalize (object);
}

static void
dt_enterprise_list_model_class_init (DtEnterpriseListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_enterprise_list_model_finalize;
}

static void
dt_enterprise_list_model_init (DtEnterpriseListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->lru);
}

DtEnterpriseListModel *
dt_enterprise_list_model_new (DtStore *store)
{
  DtEnterpriseListModel *self;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  self = g_object_new (DT_TYPE_ENTERPRISE_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
dt_enterprise_list_model_set_query (DtEnterpriseListModel *self,
                                    DtEnterpriseQuery     *query,
                                    guint                  n_items)
{
  guint old_n;

  g_return_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self));
  g_return_if_fail (DT_IS_ENTERPRISE_QUERY (query));

  old_n = self->n_items;
  g_clear_object (&self->query);
  self->query = dt_enterprise_query_copy (query);
  self->n_items = n_items;
  drop_pages (self);

  if (old_n > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_items);
}

void
dt_enterprise_list_model_set_n_items (DtEnterpriseListModel *self,
                                      guint                  n_items)
{
  guint old_n;

  g_return_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self));

  old_n = self->n_items;
  if (n_items == old_n)
    return;
  self->n_items = n_items;
  if (n_items > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n_items - old_n);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n - n_items, 0);
}

void
dt_enterprise_list_model_refresh (DtEnterpriseListModel *self)
{
  g_return_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self));

  drop_pages (self);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

gboolean
dt_enterprise_list_model_load (DtEnterpriseListModel  *self,
                               DtEnterpriseQuery      *query,
                               GError                **error)
{
  gint64 n;

  g_return_val_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self), FALSE);

  n = dt_enterprise_query_count (query, dt_store_get_db (self->store), error);
  if (n < 0)
    return FALSE;
  dt_enterprise_list_model_set_query (self, query, (guint)MIN (n, G_MAXUINT));
  return TRUE;
}

DtEnterpriseQuery *
dt_enterprise_list_model_get_query (DtEnterpriseListModel *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_LIST_MODEL (self), NULL);
  return self->query;
}

guint
dt_enterprise_list_model_get_n_cached_pages (DtEnterpriseListModel *self)
{
  return g_hash_table_size (self->pages);
}
