/* dt-enterprise-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-query"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-columns.h"
#include "dt-enterprise-query.h"
#include "dt-enterprise-search.h"
#include "dt-error.h"
#include "dt-table-writer.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

typedef enum
{
  COLUMN_INT,
  COLUMN_DOUBLE,
  COLUMN_TEXT,
  COLUMN_CITY,
  COLUMN_DISTRICT,
  COLUMN_CATEGORY,
  COLUMN_SECTOR,
  COLUMN_BOOL,
  COLUMN_CHANGE,
} ColumnType;

/* How each column is queried; its labels are dt-columns.c's. */
typedef struct
{
  const char *key;
  const char *expr;
  ColumnType  type;
  gboolean    on_enterprise;   /* needs the join to enterprises */
} Column;

/* The data contract's order (DESIGN.md), then the rank change. */
static const Column columns[] = {
  { "year", "l.year", COLUMN_INT, FALSE },
  { "rank", "l.rank", COLUMN_INT, FALSE },
  { "name_zh", "e.name_zh", COLUMN_TEXT, TRUE },
  { "name_en", "e.name_en", COLUMN_TEXT, TRUE },
  { "credit_code", "e.credit_code", COLUMN_TEXT, TRUE },
  { "city", "l.city", COLUMN_CITY, FALSE },
  { "district", "l.district", COLUMN_DISTRICT, FALSE },
  { "category", "l.category", COLUMN_CATEGORY, FALSE },
  { "sector", "l.sector", COLUMN_SECTOR, FALSE },
  { "trade_volume", "l.trade_volume", COLUMN_DOUBLE, FALSE },
  { "in_ftz", "l.in_ftz", COLUMN_BOOL, FALSE },
  { "founded", "e.founded", COLUMN_INT, TRUE },
  { "rank_change", "(l.prev_rank - l.rank)", COLUMN_CHANGE, FALSE },
};

#define N_COLUMNS G_N_ELEMENTS (columns)

static const char * const column_keys[] = {
  "year", "rank", "name_zh", "name_en", "credit_code", "city", "district",
  "category", "sector", "trade_volume", "in_ftz", "founded", "rank_change", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (column_keys) == G_N_ELEMENTS (columns) + 1);

struct _DtEnterpriseQuery
{
  GObject    parent_instance;

  char      *search;
  GPtrArray *filters[N_COLUMNS];   /* of char *, NULL when the key is not filtered */
  guint      sort_column;
  gboolean   sort_descending;
};

G_DEFINE_FINAL_TYPE (DtEnterpriseQuery, dt_enterprise_query, G_TYPE_OBJECT)

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
find_column (const char *key)
{
  if (key == NULL)
    return -1;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_str_equal (columns[i].key, key))
      return (int)i;
  return -1;
}

static gboolean
column_is_numeric (const Column *column)
{
  return column->type == COLUMN_INT || column->type == COLUMN_DOUBLE || column->type == COLUMN_CHANGE;
}

static void
set_unknown_key_error (GError     **error,
                       const char  *key)
{
  g_autofree char *keys = g_strjoinv (", ", (char **)column_keys);

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("unknown enterprise column “%s”; expected one of %s"), key, keys);
}

const char * const *
dt_enterprise_query_keys (void)
{
  return column_keys;
}

gboolean
dt_enterprise_query_is_key (const char *key)
{
  return find_column (key) >= 0;
}

const char *
dt_enterprise_query_key_label (const char *key)
{
  int i = find_column (key);

  g_return_val_if_fail (i >= 0, key);
  return dt_columns_label ("enterprises", key);
}

void
dt_enterprise_record_clear (DtEnterpriseRecord *record)
{
  g_clear_pointer (&record->name_zh, g_free);
  g_clear_pointer (&record->name_en, g_free);
  g_clear_pointer (&record->credit_code, g_free);
  g_clear_pointer (&record->city, g_free);
  g_clear_pointer (&record->city_zh, g_free);
  g_clear_pointer (&record->city_en, g_free);
  g_clear_pointer (&record->district, g_free);
  g_clear_pointer (&record->district_zh, g_free);
  g_clear_pointer (&record->district_en, g_free);
  g_clear_pointer (&record->category, g_free);
  g_clear_pointer (&record->sector, g_free);
}

int
dt_enterprise_record_rank_change (const DtEnterpriseRecord *record)
{
  return record->has_prev_rank ? record->prev_rank - record->rank : 0;
}

static void
dt_enterprise_query_finalize (GObject *object)
{
  DtEnterpriseQuery *self = (DtEnterpriseQuery *)object;

  g_clear_pointer (&self->search, g_free);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&self->filters[i], g_ptr_array_unref);

  G_OBJECT_CLASS (dt_enterprise_query_parent_class)->finalize (object);
}

static void
dt_enterprise_query_class_init (DtEnterpriseQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_enterprise_query_finalize;

  /* Emitted after any change to the search, the filters or the sort. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dt_enterprise_query_init (DtEnterpriseQuery *self)
{
  self->sort_column = 1; /* rank */
}

DtEnterpriseQuery *
dt_enterprise_query_new (void)
{
  return g_object_new (DT_TYPE_ENTERPRISE_QUERY, NULL);
}

DtEnterpriseQuery *
dt_enterprise_query_copy (DtEnterpriseQuery *self)
{
  DtEnterpriseQuery *copy;

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), NULL);

  copy = dt_enterprise_query_new ();
  copy->search = g_strdup (self->search);
  copy->sort_column = self->sort_column;
  copy->sort_descending = self->sort_descending;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->filters[i] != NULL)
      copy->filters[i] = g_ptr_array_copy (self->filters[i], copy_string, NULL);

  return copy;
}

gboolean
dt_enterprise_query_equal (DtEnterpriseQuery *a,
                           DtEnterpriseQuery *b)
{
  if (g_strcmp0 (a->search, b->search) != 0 ||
      a->sort_column != b->sort_column ||
      a->sort_descending != b->sort_descending)
    return FALSE;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GPtrArray *fa = a->filters[i], *fb = b->filters[i];
      guint na = fa != NULL ? fa->len : 0, nb = fb != NULL ? fb->len : 0;

      if (na != nb)
        return FALSE;
      for (guint j = 0; j < na; j++)
        if (g_strcmp0 (g_ptr_array_index (fa, j), g_ptr_array_index (fb, j)) != 0)
          return FALSE;
    }

  return TRUE;
}

static void
emit_changed (DtEnterpriseQuery *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
dt_enterprise_query_get_search (DtEnterpriseQuery *self)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), NULL);
  return self->search;
}

void
dt_enterprise_query_set_search (DtEnterpriseQuery *self,
                                const char        *search)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (DT_IS_ENTERPRISE_QUERY (self));

  if (search != NULL)
    stripped = g_strstrip (g_strdup (search));
  if (stripped != NULL && stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);

  if (dt_set_str (&self->search, stripped))
    emit_changed (self);
}

/* "MIN..MAX" with either end optional; FALSE when @value is not a range. */
static gboolean
split_range (const char  *value,
             char       **min,
             char       **max)
{
  const char *dots = strstr (value, "..");

  if (dots == NULL)
    return FALSE;
  *min = g_strstrip (g_strndup (value, dots - value));
  *max = g_strstrip (g_strdup (dots + 2));
  return TRUE;
}

static gboolean
parse_number (const Column *column,
              const char   *text,
              GVariant    **out)
{
  if (column->type == COLUMN_DOUBLE)
    {
      char *end = NULL;
      double d = g_ascii_strtod (text, &end);

      if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (d))
        return FALSE;
      *out = g_variant_ref_sink (g_variant_new_double (d));
      return TRUE;
    }
  else
    {
      gint64 i;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &i, NULL))
        return FALSE;
      *out = g_variant_ref_sink (g_variant_new_int64 (i));
      return TRUE;
    }
}

static gboolean
check_value (const Column  *column,
             const char    *value,
             GError       **error)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autoptr(GVariant) v = NULL;

  if (!column_is_numeric (column))
    return TRUE;
  if (column->type == COLUMN_CHANGE && g_str_equal (value, "new"))
    return TRUE;

  if (split_range (value, &min, &max))
    {
      g_autoptr(GVariant) a = NULL;
      g_autoptr(GVariant) b = NULL;

      if ((min[0] == '\0' || parse_number (column, min, &a)) &&
          (max[0] == '\0' || parse_number (column, max, &b)) &&
          (min[0] != '\0' || max[0] != '\0'))
        return TRUE;
    }
  else if (parse_number (column, value, &v))
    return TRUE;

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("“%s” is not a value for %s; expected a number or a range such as 1..10"),
               value, column->key);
  return FALSE;
}

gboolean
dt_enterprise_query_add_filter (DtEnterpriseQuery  *self,
                                const char         *key,
                                const char         *value,
                                GError            **error)
{
  int i;

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  i = find_column (key);
  if (i < 0)
    {
      set_unknown_key_error (error, key);
      return FALSE;
    }
  if (!check_value (&columns[i], value, error))
    return FALSE;

  if (dt_enterprise_query_has_filter (self, key, value))
    return TRUE;

  if (self->filters[i] == NULL)
    self->filters[i] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->filters[i], g_strdup (value));
  emit_changed (self);
  return TRUE;
}

gboolean
dt_enterprise_query_has_filter (DtEnterpriseQuery *self,
                                const char        *key,
                                const char        *value)
{
  int i = find_column (key);

  g_return_val_if_fail (i >= 0, FALSE);

  if (self->filters[i] == NULL)
    return FALSE;
  for (guint j = 0; j < self->filters[i]->len; j++)
    if (g_str_equal (g_ptr_array_index (self->filters[i], j), value))
      return TRUE;
  return FALSE;
}

void
dt_enterprise_query_remove_filter (DtEnterpriseQuery *self,
                                   const char        *key,
                                   const char        *value)
{
  int i = find_column (key);

  g_return_if_fail (i >= 0);

  if (self->filters[i] == NULL)
    return;
  for (guint j = 0; j < self->filters[i]->len; j++)
    if (g_str_equal (g_ptr_array_index (self->filters[i], j), value))
      {
        g_ptr_array_remove_index (self->filters[i], j);
        if (self->filters[i]->len == 0)
          g_clear_pointer (&self->filters[i], g_ptr_array_unref);
        emit_changed (self);
        return;
      }
}

GPtrArray *
dt_enterprise_query_get_filter (DtEnterpriseQuery *self,
                                const char        *key)
{
  int i = find_column (key);

  g_return_val_if_fail (i >= 0, NULL);
  return self->filters[i];
}

void
dt_enterprise_query_clear_filter (DtEnterpriseQuery *self,
                                  const char        *key)
{
  int i = find_column (key);

  g_return_if_fail (i >= 0);
  if (self->filters[i] == NULL)
    return;
  g_clear_pointer (&self->filters[i], g_ptr_array_unref);
  emit_changed (self);
}

void
dt_enterprise_query_clear_filters (DtEnterpriseQuery *self)
{
  gboolean changed = self->search != NULL;

  g_return_if_fail (DT_IS_ENTERPRISE_QUERY (self));

  g_clear_pointer (&self->search, g_free);
  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->filters[i] != NULL)
      {
        g_clear_pointer (&self->filters[i], g_ptr_array_unref);
        changed = TRUE;
      }
  if (changed)
    emit_changed (self);
}

gboolean
dt_enterprise_query_has_filters (DtEnterpriseQuery *self)
{
  if (self->search != NULL)
    return TRUE;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->filters[i] != NULL)
      return TRUE;
  return FALSE;
}

const char *
dt_enterprise_query_get_sort_key (DtEnterpriseQuery *self)
{
  return columns[self->sort_column].key;
}

gboolean
dt_enterprise_query_get_sort_descending (DtEnterpriseQuery *self)
{
  return self->sort_descending;
}

gboolean
dt_enterprise_query_set_sort (DtEnterpriseQuery  *self,
                              const char         *key,
                              gboolean            descending,
                              GError            **error)
{
  int i = find_column (key);

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), FALSE);

  if (i < 0)
    {
      set_unknown_key_error (error, key);
      return FALSE;
    }
  descending = !!descending;
  if (self->sort_column == (guint)i && self->sort_descending == descending)
    return TRUE;
  self->sort_column = i;
  self->sort_descending = descending;
  emit_changed (self);
  return TRUE;
}

gboolean
dt_enterprise_query_parse_sort (DtEnterpriseQuery  *self,
                                const char         *text,
                                GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  gboolean descending = FALSE;

  if (parts[0] == NULL)
    {
      set_unknown_key_error (error, "");
      return FALSE;
    }
  if (parts[1] != NULL)
    {
      if (g_ascii_strcasecmp (parts[1], "desc") == 0)
        descending = TRUE;
      else if (g_ascii_strcasecmp (parts[1], "asc") != 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("unknown sort direction “%s”; expected asc or desc"), parts[1]);
          return FALSE;
        }
    }
  return dt_enterprise_query_set_sort (self, parts[0], descending, error);
}

static gboolean
bool_value (const char *text,
            const char **out)
{
  static const char * const yes[] = { "1", "yes", "true", "y", "是", NULL };
  static const char * const no[] = { "0", "no", "false", "n", "否", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      {
        *out = "1";
        return TRUE;
      }
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *out = "0";
        return TRUE;
      }
  return FALSE;
}

char *
dt_enterprise_query_resolve_value (sqlite3     *db,
                                   const char  *key,
                                   const char  *text,
                                   GError     **error)
{
  int i = find_column (key);
  const Column *column;

  if (i < 0)
    {
      set_unknown_key_error (error, key);
      return NULL;
    }
  column = &columns[i];

  switch (column->type)
    {
    case COLUMN_CITY:
    case COLUMN_DISTRICT:
      {
        sqlite3_stmt *stmt = NULL;
        char *code = NULL;

        /* 杭州 and 滨江 as well as 杭州市 and 滨江区: people drop the suffix. */
        if (sqlite3_prepare_v2 (db,
                                "SELECT code FROM regions WHERE level = ?2 AND "
                                "(code = ?1 OR lower(name_en) = lower(?1) OR name_zh = ?1 OR "
                                " name_zh IN (?1 || '市', ?1 || '区', ?1 || '县')) "
                                "ORDER BY code = ?1 DESC, position LIMIT 1",
                                -1, &stmt, NULL) != SQLITE_OK)
          {
            g_set_error (error, DT_ERROR, DT_ERROR_FAILED, "%s", sqlite3_errmsg (db));
            sqlite3_finalize (stmt);
            return NULL;
          }
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, column->type == COLUMN_CITY ? "city" : "county", -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
        sqlite3_finalize (stmt);
        if (code == NULL)
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       column->type == COLUMN_CITY
                       ? _("unknown city “%s”; expected a city of Zhejiang by code or name, e.g. hangzhou, Hangzhou or 杭州")
                       : _("unknown district “%s”; expected a county or district of Zhejiang by code or name, e.g. hangzhou.binjiang or 滨江区"),
                       text);
        return code;
      }

    case COLUMN_CATEGORY:
    case COLUMN_SECTOR:
      {
        DtVocabulary vocabulary = column->type == COLUMN_CATEGORY
                                  ? DT_VOCABULARY_ENTERPRISE_CATEGORY : DT_VOCABULARY_SECTOR;
        const char *found = dt_vocabulary_find (vocabulary, text);

        if (found == NULL)
          {
            g_autoptr(GString) known = g_string_new (NULL);
            guint n = 0;
            const DtTerm *terms = dt_vocabulary_terms (vocabulary, &n);

            for (guint j = 0; j < n; j++)
              g_string_append_printf (known, "%s%s", j > 0 ? ", " : "", terms[j].key);
            g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                         _("unknown %s “%s”; expected one of %s, or their names"),
                         column->key, text, known->str);
            return NULL;
          }
        return g_strdup (found);
      }

    case COLUMN_BOOL:
      {
        const char *out;

        if (!bool_value (text, &out))
          {
            g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                         _("“%s” is not a value for %s; expected 1 or 0 (yes or no)"),
                         text, column->key);
            return NULL;
          }
        return g_strdup (out);
      }

    case COLUMN_INT:
    case COLUMN_DOUBLE:
    case COLUMN_CHANGE:
      if (!check_value (column, text, error))
        return NULL;
      return g_strdup (text);

    case COLUMN_TEXT:
    default:
      return g_strdup (text);
    }
}

/* SQL building. Every value goes in as a bound parameter. */

typedef struct
{
  GString   *sql;
  GPtrArray *binds;   /* of GVariant */
  gboolean   needs_enterprise;
} Builder;

static void
bind_text (Builder    *b,
           const char *text)
{
  g_ptr_array_add (b->binds, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
append_filter (Builder      *b,
               const Column *column,
               GPtrArray    *values)
{
  guint n_equal = 0;
  gboolean first = TRUE;

  g_string_append (b->sql, " AND (");

  /* Ranges and "new" first, then one IN () for the plain values. */
  for (guint j = 0; j < values->len; j++)
    {
      const char *value = g_ptr_array_index (values, j);
      g_autofree char *min = NULL;
      g_autofree char *max = NULL;

      if (column->type == COLUMN_CHANGE && g_str_equal (value, "new"))
        {
          g_string_append_printf (b->sql, "%sl.prev_rank IS NULL", first ? "" : " OR ");
          first = FALSE;
        }
      else if (column_is_numeric (column) && split_range (value, &min, &max))
        {
          GVariant *v;

          g_string_append_printf (b->sql, "%s(1", first ? "" : " OR ");
          if (min[0] != '\0' && parse_number (column, min, &v))
            {
              g_string_append_printf (b->sql, " AND %s >= ?", column->expr);
              g_ptr_array_add (b->binds, v);
            }
          if (max[0] != '\0' && parse_number (column, max, &v))
            {
              g_string_append_printf (b->sql, " AND %s <= ?", column->expr);
              g_ptr_array_add (b->binds, v);
            }
          g_string_append_c (b->sql, ')');
          first = FALSE;
        }
      else
        n_equal++;
    }

  if (n_equal > 0)
    {
      g_string_append_printf (b->sql, "%s%s IN (", first ? "" : " OR ", column->expr);
      n_equal = 0;
      for (guint j = 0; j < values->len; j++)
        {
          const char *value = g_ptr_array_index (values, j);
          GVariant *v;

          if ((column->type == COLUMN_CHANGE && g_str_equal (value, "new")) ||
              (column_is_numeric (column) && strstr (value, "..") != NULL))
            continue;

          g_string_append (b->sql, n_equal++ > 0 ? ",?" : "?");
          if (column_is_numeric (column) && parse_number (column, value, &v))
            g_ptr_array_add (b->binds, v);
          else
            bind_text (b, value);
        }
      g_string_append_c (b->sql, ')');
    }

  g_string_append_c (b->sql, ')');
  if (column->on_enterprise)
    b->needs_enterprise = TRUE;
}

static void
append_where (DtEnterpriseQuery *self,
              Builder           *b,
              int                except)
{
  g_string_append (b->sql, " WHERE 1");

  for (guint i = 0; i < N_COLUMNS; i++)
    if ((int)i != except && self->filters[i] != NULL)
      append_filter (b, &columns[i], self->filters[i]);

  if (self->search != NULL)
    {
      g_autofree char *needle = g_ascii_strdown (self->search, -1);
      g_autofree char *match = dt_enterprise_search_match (needle);

      if (match != NULL)
        {
          g_string_append (b->sql, " AND l.enterprise_id IN "
                                   "(SELECT rowid FROM enterprise_search WHERE enterprise_search MATCH ?)");
          bind_text (b, match);
        }
      /* The exact, literal test: instr() knows no wildcards. */
      g_string_append (b->sql, " AND (instr(lower(e.name_zh), ?) > 0"
                               " OR instr(lower(coalesce(e.name_en, '')), ?) > 0"
                               " OR instr(lower(coalesce(e.credit_code, '')), ?) > 0)");
      bind_text (b, needle);
      bind_text (b, needle);
      bind_text (b, needle);
      b->needs_enterprise = TRUE;
    }
}

static void
append_order (DtEnterpriseQuery *self,
              Builder           *b)
{
  const Column *column = &columns[self->sort_column];
  const char *dir = self->sort_descending ? " DESC" : "";

  if (column->on_enterprise)
    b->needs_enterprise = TRUE;

  /* year and rank together are unique: a total order, so pages never
   * overlap and the export follows the screen exactly. */
  if (g_str_equal (column->key, "year"))
    g_string_append_printf (b->sql, " ORDER BY l.year%s, l.rank", dir);
  else if (g_str_equal (column->key, "rank"))
    g_string_append_printf (b->sql, " ORDER BY l.rank%s, l.year DESC", dir);
  else
    g_string_append_printf (b->sql, " ORDER BY %s%s, l.year DESC, l.rank", column->expr, dir);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         Builder    *b,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, b->sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot read the enterprises: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }

  for (guint i = 0; i < b->binds->len; i++)
    {
      GVariant *v = g_ptr_array_index (b->binds, i);

      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (v));
      else
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
    }

  return stmt;
}

static void
builder_init (Builder *b)
{
  b->sql = g_string_new (NULL);
  b->binds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  b->needs_enterprise = FALSE;
}

static void
builder_clear (Builder *b)
{
  g_string_free (b->sql, TRUE);
  g_ptr_array_unref (b->binds);
}

/* Builds "FROM … WHERE …" after the select list in @head; the join to
 * enterprises is left out when nothing needs it, which halves a count. */
static sqlite3_stmt *
prepare_with (DtEnterpriseQuery *self,
              sqlite3           *db,
              const char        *head,
              const char        *extra_joins,
              int                except,
              gboolean           order,
              const char        *tail,
              gint64             limit,
              gint64             offset,
              gboolean           force_enterprise,
              GError           **error)
{
  Builder where, b;
  sqlite3_stmt *stmt;

  builder_init (&where);
  append_where (self, &where, except);
  if (order)
    append_order (self, &where);
  if (tail != NULL)
    g_string_append (where.sql, tail);

  builder_init (&b);
  g_string_append (b.sql, head);
  g_string_append (b.sql, " FROM listings l");
  if (where.needs_enterprise || force_enterprise)
    g_string_append (b.sql, " JOIN enterprises e ON e.id = l.enterprise_id");
  if (extra_joins != NULL)
    g_string_append (b.sql, extra_joins);
  g_string_append_len (b.sql, where.sql->str, where.sql->len);
  g_ptr_array_extend_and_steal (b.binds, g_steal_pointer (&where.binds));
  where.binds = g_ptr_array_new ();

  if (limit >= 0)
    {
      g_string_append (b.sql, " LIMIT ? OFFSET ?");
      g_ptr_array_add (b.binds, g_variant_ref_sink (g_variant_new_int64 (limit)));
      g_ptr_array_add (b.binds, g_variant_ref_sink (g_variant_new_int64 (offset)));
    }

  stmt = prepare (db, &b, error);
  builder_clear (&where);
  builder_clear (&b);
  return stmt;
}

/* The columns dt_enterprise_query_read_record() reads, and their joins. */
#define ROW_SELECT \
  "SELECT l.id, l.enterprise_id, l.dataset_id, l.year, l.rank," \
  " e.name_zh, e.name_en, e.credit_code," \
  " l.city, rc.name_zh, rc.name_en, l.district, rd.name_zh, rd.name_en," \
  " l.category, l.sector, l.trade_volume, l.in_ftz, e.founded, l.prev_rank"
#define ROW_JOINS \
  " LEFT JOIN regions rc ON rc.code = l.city" \
  " LEFT JOIN regions rd ON rd.code = l.district"

sqlite3_stmt *
dt_enterprise_query_prepare_rows (DtEnterpriseQuery  *self,
                                  sqlite3            *db,
                                  gint64              limit,
                                  gint64              offset,
                                  GError            **error)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), NULL);

  return prepare_with (self, db, ROW_SELECT, ROW_JOINS, -1, TRUE, NULL, limit, offset, TRUE, error);
}

sqlite3_stmt *
dt_enterprise_query_prepare_ids (DtEnterpriseQuery  *self,
                                 sqlite3            *db,
                                 GError            **error)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), NULL);

  /* Every listing has its enterprise (a NOT NULL foreign key), so the
   * join is left out when nothing needs it: the same rows as
   * prepare_rows(), in the same order, at a fraction of the cost. */
  return prepare_with (self, db, "SELECT l.id", NULL, -1, TRUE, NULL, -1, 0, FALSE, error);
}

sqlite3_stmt *
dt_enterprise_query_prepare_rows_by_id (sqlite3       *db,
                                        const gint64  *ids,
                                        guint          n_ids,
                                        GError       **error)
{
  g_autoptr(GString) sql = g_string_new (ROW_SELECT " FROM listings l"
                                         " JOIN enterprises e ON e.id = l.enterprise_id"
                                         ROW_JOINS " WHERE l.id IN (");
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (n_ids > 0 && n_ids <= 10000, NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append (sql, i > 0 ? ",?" : "?");
  g_string_append_c (sql, ')');
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot read the enterprises: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_int64 (stmt, i + 1, ids[i]);
  return stmt;
}

sqlite3_stmt *
dt_enterprise_query_prepare_count (DtEnterpriseQuery  *self,
                                   sqlite3            *db,
                                   GError            **error)
{
  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), NULL);

  return prepare_with (self, db, "SELECT count(*)", NULL, -1, FALSE, NULL, -1, 0, FALSE, error);
}

sqlite3_stmt *
dt_enterprise_query_prepare_groups (DtEnterpriseQuery  *self,
                                    sqlite3            *db,
                                    const char         *key,
                                    gboolean            facet,
                                    GError            **error)
{
  int i = find_column (key);
  g_autofree char *head = NULL;

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), NULL);
  if (i < 0)
    {
      set_unknown_key_error (error, key);
      return NULL;
    }

  head = g_strdup_printf ("SELECT %s, count(*), total(l.trade_volume)", columns[i].expr);
  return prepare_with (self, db, head, NULL, facet ? i : -1, FALSE,
                       " GROUP BY 1 ORDER BY 2 DESC, 1", -1, 0, columns[i].on_enterprise, error);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  const char *text = (const char *)sqlite3_column_text (stmt, i);

  return text != NULL ? g_strdup (text) : NULL;
}

void
dt_enterprise_query_read_record (sqlite3_stmt       *stmt,
                                 DtEnterpriseRecord *r)
{
  r->listing_id = sqlite3_column_int64 (stmt, 0);
  r->enterprise_id = sqlite3_column_int64 (stmt, 1);
  r->dataset_id = sqlite3_column_int64 (stmt, 2);
  r->year = sqlite3_column_int (stmt, 3);
  r->rank = sqlite3_column_int (stmt, 4);
  r->name_zh = dup_column (stmt, 5);
  r->name_en = dup_column (stmt, 6);
  r->credit_code = dup_column (stmt, 7);
  r->city = dup_column (stmt, 8);
  r->city_zh = dup_column (stmt, 9);
  r->city_en = dup_column (stmt, 10);
  r->district = dup_column (stmt, 11);
  r->district_zh = dup_column (stmt, 12);
  r->district_en = dup_column (stmt, 13);
  r->category = dup_column (stmt, 14);
  r->sector = dup_column (stmt, 15);
  r->trade_volume = sqlite3_column_type (stmt, 16) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 16);
  r->in_ftz = sqlite3_column_int (stmt, 17) != 0;
  r->founded = sqlite3_column_int (stmt, 18);
  r->has_prev_rank = sqlite3_column_type (stmt, 19) != SQLITE_NULL;
  r->prev_rank = sqlite3_column_int (stmt, 19);
}

static void
set_step_error (GError  **error,
                sqlite3  *db)
{
  if (sqlite3_errcode (db) == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  else
    g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                 _("Cannot read the enterprises: %s"), sqlite3_errmsg (db));
}

GArray *
dt_enterprise_query_ids (DtEnterpriseQuery  *self,
                         sqlite3            *db,
                         GError            **error)
{
  sqlite3_stmt *stmt = dt_enterprise_query_prepare_ids (self, db, error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_step_error (error, db);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&ids);
}

gint64
dt_enterprise_query_count (DtEnterpriseQuery  *self,
                           sqlite3            *db,
                           GError            **error)
{
  sqlite3_stmt *stmt = dt_enterprise_query_prepare_count (self, db, error);
  gint64 count = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_step_error (error, db);
  sqlite3_finalize (stmt);
  return count;
}

static void
group_clear (gpointer data)
{
  DtEnterpriseGroup *group = data;

  g_clear_pointer (&group->value, g_free);
}

GArray *
dt_enterprise_query_groups (DtEnterpriseQuery  *self,
                            sqlite3            *db,
                            const char         *key,
                            gboolean            facet,
                            GError            **error)
{
  sqlite3_stmt *stmt = dt_enterprise_query_prepare_groups (self, db, key, facet, error);
  g_autoptr(GArray) groups = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  groups = g_array_new (FALSE, TRUE, sizeof (DtEnterpriseGroup));
  g_array_set_clear_func (groups, group_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtEnterpriseGroup group = {
        .value = dup_column (stmt, 0),
        .count = sqlite3_column_int64 (stmt, 1),
        .volume = sqlite3_column_double (stmt, 2),
      };
      g_array_append_val (groups, group);
    }
  if (rc != SQLITE_DONE)
    {
      set_step_error (error, db);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&groups);
}

char *
dt_enterprise_query_format_value (const char *key,
                                  const char *value,
                                  const char *name_zh,
                                  const char *name_en)
{
  int i = find_column (key);

  g_return_val_if_fail (i >= 0, NULL);

  if (value == NULL)
    return g_strdup ("");

  switch (columns[i].type)
    {
    case COLUMN_CITY:
    case COLUMN_DISTRICT:
      if (name_zh != NULL || name_en != NULL)
        return g_strdup (dt_pick_name (name_zh, name_en));
      return g_strdup (value);
    case COLUMN_CATEGORY:
      return g_strdup (dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, value));
    case COLUMN_SECTOR:
      return g_strdup (dt_vocabulary_label (DT_VOCABULARY_SECTOR, value));
    case COLUMN_BOOL:
      return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));
    case COLUMN_INT:
    case COLUMN_DOUBLE:
    case COLUMN_TEXT:
    case COLUMN_CHANGE:
    default:
      return g_strdup (value);
    }
}

static void
add_optional_text (DtTableWriter *writer,
                   const char    *text)
{
  if (text != NULL && text[0] != '\0')
    dt_table_writer_add_text (writer, text);
  else
    dt_table_writer_add_empty (writer);
}

static void
write_record (DtTableWriter            *w,
              const DtEnterpriseRecord *r,
              gboolean                  labels)
{
  dt_table_writer_add_int (w, r->year);
  dt_table_writer_add_int (w, r->rank);
  add_optional_text (w, r->name_zh);
  add_optional_text (w, r->name_en);
  add_optional_text (w, r->credit_code);
  if (labels)
    {
      add_optional_text (w, r->city_zh != NULL ? dt_pick_name (r->city_zh, r->city_en) : r->city);
      add_optional_text (w, r->district_zh != NULL ? dt_pick_name (r->district_zh, r->district_en) : r->district);
      add_optional_text (w, r->category != NULL ? dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, r->category) : NULL);
      add_optional_text (w, r->sector != NULL ? dt_vocabulary_label (DT_VOCABULARY_SECTOR, r->sector) : NULL);
    }
  else
    {
      add_optional_text (w, r->city);
      add_optional_text (w, r->district);
      add_optional_text (w, r->category);
      add_optional_text (w, r->sector);
    }
  if (isnan (r->trade_volume))
    dt_table_writer_add_empty (w);
  else
    dt_table_writer_add_double (w, r->trade_volume);
  if (labels)
    dt_table_writer_add_text (w, r->in_ftz ? _("Yes") : _("No"));
  else
    dt_table_writer_add_int (w, r->in_ftz ? 1 : 0);
  if (r->founded != 0)
    dt_table_writer_add_int (w, r->founded);
  else
    dt_table_writer_add_empty (w);
  if (r->has_prev_rank)
    dt_table_writer_add_int (w, dt_enterprise_record_rank_change (r));
  else if (labels)
    dt_table_writer_add_text (w, _("New"));
  else
    dt_table_writer_add_empty (w);
}

gboolean
dt_enterprise_query_write (DtEnterpriseQuery    *self,
                           sqlite3              *db,
                           DtTableWriter        *writer,
                           DtEnterpriseHeader    header,
                           DtEnterpriseProgress  progress,
                           gpointer              progress_data,
                           GCancellable         *cancellable,
                           gint64               *n_rows,
                           GError              **error)
{
  sqlite3_stmt *stmt;
  gboolean labels = header == DT_ENTERPRISE_HEADER_LABELS;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  stmt = dt_enterprise_query_prepare_rows (self, db, -1, 0, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < N_COLUMNS; i++)
    dt_table_writer_add_header (writer, dt_columns_lookup ("enterprises", columns[i].key), !labels);
  if (!dt_table_writer_end_row (writer, cancellable, error))
    goto fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtEnterpriseRecord record = { 0 };

      dt_enterprise_query_read_record (stmt, &record);
      write_record (writer, &record, labels);
      dt_enterprise_record_clear (&record);
      if (!dt_table_writer_end_row (writer, cancellable, error))
        goto fail;
      if (++n % 4096 == 0 && progress != NULL)
        progress (n, progress_data);
    }
  if (rc != SQLITE_DONE)
    {
      set_step_error (error, db);
      goto fail;
    }
  sqlite3_finalize (stmt);

  if (progress != NULL)
    progress (n, progress_data);
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

gboolean
dt_enterprise_query_export (DtEnterpriseQuery    *self,
                            sqlite3              *db,
                            GOutputStream        *stream,
                            DtEnterpriseHeader    header,
                            gboolean              with_bom,
                            DtEnterpriseProgress  progress,
                            gpointer              progress_data,
                            GCancellable         *cancellable,
                            gint64               *n_rows,
                            GError              **error)
{
  g_autoptr(DtTableWriter) writer = NULL;

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = dt_table_writer_new_csv (stream, with_bom);
  return dt_enterprise_query_write (self, db, writer, header, progress, progress_data,
                                    cancellable, n_rows, error) &&
         dt_table_writer_finish (writer, cancellable, error);
}

static int
cancelled_handler (void *data)
{
  return g_cancellable_is_cancelled (data);
}

sqlite3 *
dt_enterprise_query_open_db (const char    *path,
                             GCancellable  *cancellable,
                             GError       **error)
{
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  /* A statement running when the user types on is interrupted (SQLITE_INTERRUPT). */
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, cancelled_handler, cancellable);
  return db;
}

gboolean
dt_enterprise_query_export_path (DtEnterpriseQuery     *self,
                                 const char            *db_path,
                                 GOutputStream         *stream,
                                 DtEnterpriseHeader     header,
                                 gboolean               with_bom,
                                 DtEnterpriseProgress   progress,
                                 gpointer               progress_data,
                                 GCancellable          *cancellable,
                                 gint64                *n_rows,
                                 GError               **error)
{
  sqlite3 *db = dt_enterprise_query_open_db (db_path, cancellable, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = dt_enterprise_query_export (self, db, stream, header, with_bom, progress, progress_data,
                                   cancellable, n_rows, error);
  sqlite3_close (db);
  return ok;
}

gboolean
dt_enterprise_query_rank_history (sqlite3  *db,
                                  gint64    enterprise_id,
                                  GArray  **years,
                                  GArray  **ranks,
                                  GError  **error)
{
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) r = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT year, rank FROM listings WHERE enterprise_id = ? ORDER BY year",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_step_error (error, db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      double rank = sqlite3_column_int (stmt, 1);

      g_array_append_val (y, year);
      g_array_append_val (r, rank);
    }
  if (rc != SQLITE_DONE)
    {
      set_step_error (error, db);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  *years = g_steal_pointer (&y);
  *ranks = g_steal_pointer (&r);
  return TRUE;
}

GHashTable *
dt_enterprise_query_region_names (sqlite3 *db)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT code, name_zh, name_en FROM regions", -1, &stmt, NULL) != SQLITE_OK)
    return names;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **pair = g_new0 (char *, 3);

      pair[0] = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      pair[1] = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      g_hash_table_insert (names, g_strdup ((const char *)sqlite3_column_text (stmt, 0)), pair);
    }
  sqlite3_finalize (stmt);
  return names;
}

int
dt_enterprise_query_latest_year (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int year = 0;

  if (sqlite3_prepare_v2 (db, "SELECT max(year) FROM listings", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    year = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return year;
}
