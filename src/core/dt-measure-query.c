/* dt-measure-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The measures are few (36), so search is LIKE over the texts rather than
 * an FTS index: LIKE matches any Chinese substring, which the default FTS
 * tokenizers do not.
 */

#define G_LOG_DOMAIN "dt-measure-query"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-measure-query.h"
#include "dt-vocabulary.h"

struct _DtMeasureQuery
{
  char       *search;
  GHashTable *filters;   /* key → GPtrArray of values, in the order added */
  char       *sort_key;
  gboolean    sort_desc;
};

static const char * const filter_keys[] = { "category", "status", "department", NULL };

static const char * const sort_keys[] = {
  "no", "title_zh", "title_en", "category", "support", "department", "contact",
  "body_zh", "body_en", "status", "progress", "notes", "follow_up", NULL
};

#define SELECT_MEASURES \
  "SELECT m.no, m.title_zh, m.title_en, m.category, m.support, m.department, m.contact," \
  " m.body_zh, m.body_en, m.source, m.criteria," \
  " coalesce(t.status, 'not-started'), coalesce(t.progress, 0), coalesce(t.notes, '')," \
  " t.follow_up, t.updated_at " \
  "FROM measures m LEFT JOIN measure_tracking t ON t.no = m.no"

void
dt_measure_free (DtMeasure *measure)
{
  if (measure == NULL)
    return;

  g_free (measure->title_zh);
  g_free (measure->title_en);
  g_free (measure->category);
  g_free (measure->support);
  g_free (measure->department);
  g_free (measure->contact);
  g_free (measure->body_zh);
  g_free (measure->body_en);
  g_free (measure->source);
  g_free (measure->criteria);
  g_free (measure->status);
  g_free (measure->notes);
  g_free (measure->follow_up);
  g_free (measure->updated_at);
  g_free (measure);
}

void
dt_measure_facet_free (DtMeasureFacet *facet)
{
  if (facet == NULL)
    return;

  g_free (facet->value);
  g_free (facet);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static DtMeasure *
measure_from_row (sqlite3_stmt *stmt)
{
  DtMeasure *measure = g_new0 (DtMeasure, 1);

  measure->no = sqlite3_column_int64 (stmt, 0);
  measure->title_zh = column_text (stmt, 1);
  measure->title_en = column_text (stmt, 2);
  measure->category = column_text (stmt, 3);
  measure->support = column_text (stmt, 4);
  measure->department = column_text (stmt, 5);
  measure->contact = column_text (stmt, 6);
  measure->body_zh = column_text (stmt, 7);
  measure->body_en = column_text (stmt, 8);
  measure->source = column_text (stmt, 9);
  measure->criteria = column_text (stmt, 10);
  measure->status = column_text (stmt, 11);
  measure->progress = sqlite3_column_int (stmt, 12);
  measure->notes = column_text (stmt, 13);
  measure->follow_up = column_text (stmt, 14);
  measure->updated_at = column_text (stmt, 15);
  return measure;
}

DtMeasure *
dt_measure_lookup (DtStore  *store,
                   gint64    no,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  DtMeasure *measure = NULL;
  int rc;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  stmt = dt_store_prepare (store, SELECT_MEASURES " WHERE m.no = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, no);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    measure = measure_from_row (stmt);
  else if (rc != SQLITE_DONE)
    dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
  sqlite3_finalize (stmt);
  return measure;
}

DtMeasureQuery *
dt_measure_query_new (void)
{
  DtMeasureQuery *query = g_new0 (DtMeasureQuery, 1);

  query->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref);
  query->sort_key = g_strdup ("no");
  return query;
}

static gpointer
copy_string (gconstpointer string,
             gpointer      user_data)
{
  return g_strdup (string);
}

DtMeasureQuery *
dt_measure_query_copy (const DtMeasureQuery *query)
{
  DtMeasureQuery *copy = dt_measure_query_new ();
  GHashTableIter iter;
  gpointer key, values;

  g_return_val_if_fail (query != NULL, NULL);

  copy->search = g_strdup (query->search);
  g_free (copy->sort_key);
  copy->sort_key = g_strdup (query->sort_key);
  copy->sort_desc = query->sort_desc;
  g_hash_table_iter_init (&iter, query->filters);
  while (g_hash_table_iter_next (&iter, &key, &values))
    g_hash_table_insert (copy->filters, g_strdup (key),
                         g_ptr_array_copy (values, copy_string, NULL));
  return copy;
}

void
dt_measure_query_free (DtMeasureQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->search);
  g_free (query->sort_key);
  g_hash_table_unref (query->filters);
  g_free (query);
}

const char * const *
dt_measure_query_filter_keys (void)
{
  return filter_keys;
}

const char * const *
dt_measure_query_sort_keys (void)
{
  return sort_keys;
}

void
dt_measure_query_set_search (DtMeasureQuery *query,
                             const char     *text)
{
  g_return_if_fail (query != NULL);

  g_free (query->search);
  query->search = g_strdup (text);
}

const char *
dt_measure_query_get_search (DtMeasureQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->search;
}

/* The stored form of @value for @key, or NULL when it is not a valid one. */
static const char *
normalise_value (const char *key,
                 const char *value)
{
  if (g_str_equal (key, "category"))
    return dt_vocabulary_find (DT_VOCABULARY_MEASURE_CATEGORY, value);
  if (g_str_equal (key, "status"))
    return dt_vocabulary_find (DT_VOCABULARY_MEASURE_STATUS, value);
  return value;
}

gboolean
dt_measure_query_add_filter (DtMeasureQuery  *query,
                             const char      *key,
                             const char      *value,
                             GError         **error)
{
  GPtrArray *values;
  const char *stored;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!g_strv_contains (filter_keys, key))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("measures cannot be filtered by “%s”; expected category, status or department"), key);
      return FALSE;
    }

  stored = normalise_value (key, value);
  if (stored == NULL)
    {
      guint n = 0;
      const DtTerm *terms = dt_vocabulary_terms (g_str_equal (key, "category") ? DT_VOCABULARY_MEASURE_CATEGORY
                                                                              : DT_VOCABULARY_MEASURE_STATUS, &n);
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (expected, "%s%s", i > 0 ? ", " : "", terms[i].key);
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("“%s” is not a measure %s; expected one of %s"), value, key, expected->str);
      return FALSE;
    }

  values = g_hash_table_lookup (query->filters, key);
  if (values == NULL)
    {
      values = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (query->filters, g_strdup (key), values);
    }
  if (!g_ptr_array_find_with_equal_func (values, stored, g_str_equal, NULL))
    g_ptr_array_add (values, g_strdup (stored));
  return TRUE;
}

gboolean
dt_measure_query_parse_filter (DtMeasureQuery  *query,
                               const char      *key_value,
                               GError         **error)
{
  const char *equals;
  g_autofree char *key = NULL;

  g_return_val_if_fail (query != NULL && key_value != NULL, FALSE);

  equals = strchr (key_value, '=');
  if (equals == NULL || equals == key_value)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--filter=%s: expected KEY=VALUE, e.g. --filter=status=in-progress"), key_value);
      return FALSE;
    }

  key = g_strndup (key_value, equals - key_value);
  if (!dt_measure_query_add_filter (query, g_strstrip (key), equals + 1, error))
    {
      g_prefix_error (error, "--filter=%s: ", key_value);
      return FALSE;
    }
  return TRUE;
}

void
dt_measure_query_remove_filter (DtMeasureQuery *query,
                                const char     *key,
                                const char     *value)
{
  GPtrArray *values;
  const char *stored;
  guint index;

  g_return_if_fail (query != NULL && key != NULL && value != NULL);

  values = g_hash_table_lookup (query->filters, key);
  stored = normalise_value (key, value);
  if (values == NULL || stored == NULL)
    return;

  if (g_ptr_array_find_with_equal_func (values, stored, g_str_equal, &index))
    g_ptr_array_remove_index (values, index);
  if (values->len == 0)
    g_hash_table_remove (query->filters, key);
}

gboolean
dt_measure_query_has_filter (DtMeasureQuery *query,
                             const char     *key,
                             const char     *value)
{
  GPtrArray *values;
  const char *stored;

  g_return_val_if_fail (query != NULL && key != NULL, FALSE);

  values = g_hash_table_lookup (query->filters, key);
  if (values == NULL)
    return FALSE;
  if (value == NULL)
    return TRUE;
  stored = normalise_value (key, value);
  return stored != NULL && g_ptr_array_find_with_equal_func (values, stored, g_str_equal, NULL);
}

void
dt_measure_query_clear_filters (DtMeasureQuery *query,
                                const char     *key)
{
  g_return_if_fail (query != NULL);

  if (key == NULL)
    g_hash_table_remove_all (query->filters);
  else
    g_hash_table_remove (query->filters, key);
}

gboolean
dt_measure_query_set_sort (DtMeasureQuery  *query,
                           const char      *sort,
                           GError         **error)
{
  g_auto(GStrv) parts = NULL;
  gboolean desc = FALSE;

  g_return_val_if_fail (query != NULL, FALSE);

  if (sort == NULL || sort[0] == '\0')
    sort = "no";

  parts = g_strsplit (sort, ":", 2);
  if (parts[1] != NULL)
    {
      if (g_ascii_strcasecmp (parts[1], "desc") == 0)
        desc = TRUE;
      else if (g_ascii_strcasecmp (parts[1], "asc") != 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("--sort=%s: expected KEY or KEY:desc"), sort);
          return FALSE;
        }
    }

  if (!g_strv_contains (sort_keys, parts[0]))
    {
      g_autofree char *expected = g_strjoinv (", ", (char **)sort_keys);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--sort=%s: measures cannot be sorted by “%s”; expected one of %s"),
                   sort, parts[0], expected);
      return FALSE;
    }

  g_free (query->sort_key);
  query->sort_key = g_strdup (parts[0]);
  query->sort_desc = desc;
  return TRUE;
}

static const char *
filter_expression (const char *key)
{
  if (g_str_equal (key, "status"))
    return "coalesce(t.status, 'not-started')";
  if (g_str_equal (key, "category"))
    return "m.category";
  return "m.department";
}

static char *
escape_like (const char *text)
{
  GString *escaped = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  g_string_append_c (escaped, '%');
  return g_string_free (escaped, FALSE);
}

/* Appends the WHERE clause of @query, leaving out the filters on
 * @except_key, and collects the values to bind in @binds. */
static void
append_where (DtMeasureQuery *query,
              const char     *except_key,
              GString        *sql,
              GPtrArray      *binds)
{
  g_string_append (sql, " WHERE 1");

  if (query->search != NULL)
    {
      g_autofree char *spaced = g_strdup (query->search);
      g_auto(GStrv) words = NULL;
      char *p;

      /* The ideographic space separates words as well. */
      while ((p = strstr (spaced, "\xe3\x80\x80")) != NULL)
        memcpy (p, "   ", 3);
      words = g_strsplit_set (spaced, " \t\r\n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          if (words[i][0] == '\0')
            continue;
          g_string_append (sql,
                           " AND (m.title_zh LIKE ? ESCAPE '\\' OR m.title_en LIKE ? ESCAPE '\\'"
                           " OR m.body_zh LIKE ? ESCAPE '\\' OR m.body_en LIKE ? ESCAPE '\\')");
          for (guint j = 0; j < 4; j++)
            g_ptr_array_add (binds, escape_like (words[i]));
        }
    }

  for (guint k = 0; filter_keys[k] != NULL; k++)
    {
      GPtrArray *values = g_hash_table_lookup (query->filters, filter_keys[k]);

      if (values == NULL || g_strcmp0 (filter_keys[k], except_key) == 0)
        continue;
      g_string_append_printf (sql, " AND %s IN (", filter_expression (filter_keys[k]));
      for (guint i = 0; i < values->len; i++)
        {
          g_string_append (sql, i > 0 ? ",?" : "?");
          g_ptr_array_add (binds, g_strdup (g_ptr_array_index (values, i)));
        }
      g_string_append (sql, ")");
    }
}

static sqlite3_stmt *
prepare_with_binds (DtStore    *store,
                    GString    *sql,
                    GPtrArray  *binds,
                    GError    **error)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, sql->str, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
  return stmt;
}

static const char *
sort_expression (const char *key)
{
  if (g_str_equal (key, "status"))
    /* The order of the vocabulary: not started … expired. */
    return "CASE coalesce(t.status, 'not-started') WHEN 'not-started' THEN 0 WHEN 'in-progress' THEN 1 "
           "WHEN 'in-effect' THEN 2 WHEN 'suspended' THEN 3 ELSE 4 END";
  if (g_str_equal (key, "progress"))
    return "coalesce(t.progress, 0)";
  if (g_str_equal (key, "notes"))
    return "coalesce(t.notes, '')";
  if (g_str_equal (key, "follow_up"))
    return "t.follow_up";
  if (g_str_equal (key, "no"))
    return "m.no";
  return NULL;
}

int
dt_measure_query_count_all (DtStore  *store,
                            GError  **error)
{
  sqlite3_stmt *stmt;
  int total = -1;

  g_return_val_if_fail (DT_IS_STORE (store), -1);

  stmt = dt_store_prepare (store, "SELECT count(*) FROM measures", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int (stmt, 0);
  else
    dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
  sqlite3_finalize (stmt);
  return total;
}

gboolean
dt_measure_query_is_sample (DtStore *store)
{
  sqlite3_stmt *stmt;
  gboolean sample;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);

  stmt = dt_store_prepare (store, "SELECT 1 FROM datasets WHERE kind = 'measures' AND provenance = 'sample'", NULL);
  sample = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return sample;
}

GPtrArray *
dt_measure_query_run (DtMeasureQuery  *query,
                      DtStore         *store,
                      GError         **error)
{
  g_autoptr(GString) sql = g_string_new (SELECT_MEASURES);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_measure_free);
  const char *expression;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  append_where (query, NULL, sql, binds);

  expression = sort_expression (query->sort_key);
  if (expression != NULL)
    g_string_append_printf (sql, " ORDER BY %s", expression);
  else
    /* Key checked against sort_keys, so it is a column name. */
    g_string_append_printf (sql, " ORDER BY m.%s", query->sort_key);
  g_string_append_printf (sql, " %s NULLS LAST, m.no", query->sort_desc ? "DESC" : "ASC");

  stmt = prepare_with_binds (store, sql, binds, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (measures, measure_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      return NULL;
    }

  return g_steal_pointer (&measures);
}

static int
compare_facets (gconstpointer a,
                gconstpointer b)
{
  const DtMeasureFacet *fa = *(DtMeasureFacet * const *)a;
  const DtMeasureFacet *fb = *(DtMeasureFacet * const *)b;

  if (fa->count != fb->count)
    return fa->count > fb->count ? -1 : 1;
  return g_strcmp0 (fa->value, fb->value);
}

GPtrArray *
dt_measure_query_count (DtMeasureQuery  *query,
                        DtStore         *store,
                        const char      *key,
                        GError         **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) facets = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_measure_facet_free);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (key == NULL || !g_strv_contains (filter_keys, key))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("measures cannot be counted by “%s”; expected category, status or department"), key);
      return NULL;
    }

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "SELECT %s, count(*) FROM measures m LEFT JOIN measure_tracking t ON t.no = m.no",
                          filter_expression (key));
  append_where (query, key, sql, binds);
  g_string_append (sql, " GROUP BY 1");

  stmt = prepare_with_binds (store, sql, binds, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *)sqlite3_column_text (stmt, 0);

      if (value != NULL)
        g_hash_table_insert (counts, g_strdup (value), GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      return NULL;
    }

  if (g_str_equal (key, "department"))
    {
      GHashTableIter iter;
      gpointer value, count;

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &value, &count))
        {
          DtMeasureFacet *facet = g_new0 (DtMeasureFacet, 1);

          facet->value = g_strdup (value);
          facet->count = GPOINTER_TO_UINT (count);
          g_ptr_array_add (facets, facet);
        }
      /* A department filtered away by the search still shows, at 0, so a
       * selected one never disappears from the list. */
      if (g_hash_table_contains (query->filters, key))
        {
          GPtrArray *selected = g_hash_table_lookup (query->filters, key);

          for (guint i = 0; i < selected->len; i++)
            if (!g_hash_table_contains (counts, g_ptr_array_index (selected, i)))
              {
                DtMeasureFacet *facet = g_new0 (DtMeasureFacet, 1);

                facet->value = g_strdup (g_ptr_array_index (selected, i));
                g_ptr_array_add (facets, facet);
              }
        }
      g_ptr_array_sort (facets, compare_facets);
    }
  else
    {
      guint n = 0;
      const DtTerm *terms = dt_vocabulary_terms (g_str_equal (key, "category") ? DT_VOCABULARY_MEASURE_CATEGORY
                                                                              : DT_VOCABULARY_MEASURE_STATUS, &n);

      for (guint i = 0; i < n; i++)
        {
          DtMeasureFacet *facet = g_new0 (DtMeasureFacet, 1);

          facet->value = g_strdup (terms[i].key);
          facet->count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, terms[i].key));
          g_ptr_array_add (facets, facet);
        }
    }

  return g_steal_pointer (&facets);
}
