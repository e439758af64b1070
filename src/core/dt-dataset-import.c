/* dt-dataset-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every import, whatever its file format, ends here: one transaction, one
 * validated row at a time. Each row replaces only what it covers in other
 * datasets of its kind (a list year, a measure by number, an index cell, a
 * node or region by code), removed when the first row of that unit arrives;
 * everything else stays. Officials' tracking tables are never written.
 */

#define G_LOG_DOMAIN "dt-dataset-import"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dt-columns.h"
#include "dt-credit-code.h"
#include "dt-dataset-import.h"
#include "dt-error.h"
#include "dt-schema.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtDatasetImport
{
  DtStore      *store;
  char         *kind;
  char         *key;           /* as asked; set when committing, made unique then */
  DtImportFlags flags;
  gboolean      in_transaction;
  gint64        dataset_id;
  gboolean      own_transaction;
  gboolean      finished;
  guint         n_rows;
  sqlite3_stmt *insert;
  sqlite3_stmt *insert_enterprise;
  GHashTable   *regions;       /* code, Chinese or English name → code */
  GHashTable   *region_levels; /* code → level */
  GHashTable   *region_parents; /* code → parent code */
  sqlite3_stmt *cover;         /* removes (or, planning, counts) other datasets' rows of a unit */
  sqlite3_stmt *find_by_code;  /* enterprises already in the database, before this import */
  sqlite3_stmt *find_by_name;
  sqlite3_stmt *update_enterprise; /* the names of a firm found, from its latest list */
  gint64        known_enterprise_max_id;
  gboolean      listings_removed;
  GHashTable   *units;         /* unit key → GUINT_TO_POINTER (1: new, 2: replacing) */
  GHashTable   *plan_years;    /* year → DtImportPlanYear */
  DtImportPlan *plan;
  GHashTable   *kept_criteria; /* measure number (gint64) → criteria, from before the import */
  GHashTable   *enterprise_ids; /* credit code or name → index in firms + 1, within this dataset */
  GArray       *firms;         /* Firm, each firm this import lists */
  GHashTable   *list_years;    /* year → ListYear, the rows of this import */
  GStringChunk *row_keys;      /* the keys of enterprise_ids: a million rows' worth without a malloc each */
  GPtrArray    *bulk_schema;   /* SQL of the indexes and triggers dropped for a large import */
  gint64        bulk_last_enterprise_id;
  guint         n_existing;    /* rows of the kind in the database when the import began */
  gboolean      ranks_out_of_order; /* a firm's year came before the year before it */
  gboolean      fill_prev_rank; /* leave_bulk () must look up rank changes in SQL */
};

/* A firm of an import of enterprises, and its latest listing so far: the
 * rank change of the year after it, when the file lists years in order. */
typedef struct
{
  gint64 id;
  int    year;             /* 0 before its first listing */
  int    rank;
} Firm;

/* One list year of an import of enterprises: the line of each rank, for
 * duplicates. Ranks run 1, 2, 3… in any real list, so an array holds them
 * (4 bytes a row at a million rows); a far-off rank goes to a table. */
typedef struct
{
  GArray     *lines;       /* guint, line of rank i + 1, or 0 */
  GHashTable *sparse;      /* rank → line, for ranks past the array */
  guint       n_rows;
} ListYear;

static void
list_year_free (ListYear *list)
{
  g_array_unref (list->lines);
  g_hash_table_unref (list->sparse);
  g_free (list);
}

/* The line that listed @rank first, or 0; records @line for it when none. */
static guint
list_year_claim_rank (ListYear *list,
                      gint64    rank,
                      guint     line)
{
  gpointer first;

  if ((guint64)rank > list->lines->len && (guint64)rank <= 2 * (guint64)list->lines->len + 4096)
    g_array_set_size (list->lines, rank);
  if ((guint64)rank <= list->lines->len)
    {
      guint *slot = &g_array_index (list->lines, guint, rank - 1);

      if (*slot != 0)
        return *slot;
      *slot = line;
      return 0;
    }
  if (g_hash_table_lookup_extended (list->sparse, GINT_TO_POINTER ((int)rank), NULL, &first))
    return GPOINTER_TO_UINT (first);
  g_hash_table_insert (list->sparse, GINT_TO_POINTER ((int)rank), GUINT_TO_POINTER (line));
  return 0;
}

/* Past this many rows an import of enterprises stops maintaining the
 * secondary indexes, the rank-change triggers and the search index row by
 * row, and builds them once before committing (several times faster at a
 * million rows). Below it, rebuilding indexes over rows already in the
 * database would cost more than it saves. */
#define BULK_THRESHOLD 20000

static ListYear *
list_year (DtDatasetImport *self,
           gint64           year,
           gboolean         create)
{
  ListYear *list = g_hash_table_lookup (self->list_years, GINT_TO_POINTER ((int)year));

  if (list == NULL && create)
    {
      list = g_new0 (ListYear, 1);
      list->lines = g_array_new (FALSE, TRUE, sizeof (guint));
      list->sparse = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (self->list_years, GINT_TO_POINTER ((int)year), list);
    }
  return list;
}

static const char * const required_regions[] = { "code", "name_zh", "name_en", "level", NULL };
static const char * const required_framework[] = { "code", "name_zh", "level", NULL };
static const char * const required_index[] = { "region", "year", "code", "value", NULL };
static const char * const required_enterprises[] = { "year", "rank", "name_zh", "city", NULL };
static const char * const required_measures[] = { "no", "title_zh", NULL };

const char * const *
dt_dataset_kind_required_keys (const char *kind)
{
  if (g_strcmp0 (kind, "regions") == 0) return required_regions;
  if (g_strcmp0 (kind, "framework") == 0) return required_framework;
  if (g_strcmp0 (kind, "index") == 0) return required_index;
  if (g_strcmp0 (kind, "enterprises") == 0) return required_enterprises;
  if (g_strcmp0 (kind, "measures") == 0) return required_measures;
  return NULL;
}

gboolean
dt_dataset_kind_is_valid (const char *kind)
{
  return dt_dataset_kind_required_keys (kind) != NULL;
}

/* Field access with errors that name the file, line and column. */

/* How a field is named to the user: its column's label (as in the table
 * and the export headers), not its key. */
static const char *
field_label (const char *key)
{
  static const char * const kinds[] = { "enterprises", "measures", "index", "framework", "regions" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (dt_columns_lookup (kinds[i], key) != NULL)
      return dt_columns_label (kinds[i], key);
  return key;
}

static void
set_row_error (GError           **error,
               const DtRowInput  *row,
               const char        *key,
               const char        *format,
               ...) G_GNUC_PRINTF (4, 5);

static void
set_row_error (GError           **error,
               const DtRowInput  *row,
               const char        *key,
               const char        *format,
               ...)
{
  g_autofree char *message = NULL;
  guint line = row->line;
  guint column = 0;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (key != NULL && row->lines != NULL && g_hash_table_contains (row->lines, key))
    line = GPOINTER_TO_UINT (g_hash_table_lookup (row->lines, key));
  if (key != NULL && row->columns != NULL)
    column = GPOINTER_TO_UINT (g_hash_table_lookup (row->columns, key));

  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s:%u:%u: %s",
               row->file != NULL ? row->file : "-", MAX (line, 1), MAX (column, 1), message);
}

static const char *
get_text (const DtRowInput  *row,
          const char        *key)
{
  const char *value = g_hash_table_lookup (row->values, key);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static gboolean
require_text (const DtRowInput  *row,
              const char        *key,
              const char       **out,
              GError           **error)
{
  *out = get_text (row, key);
  if (*out == NULL)
    {
      set_row_error (error, row, key, _("the required field “%s” is empty"), field_label (key));
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_parse_import_number (const char *text,
                        double     *value,
                        gboolean   *comma_misplaced)
{
  g_autofree char *clean = NULL;
  g_autoptr(GString) plain = NULL;
  const char *p;
  char *end = NULL;
  gsize n = strspn (text, "0123456789+-.eE");

  *comma_misplaced = FALSE;

  /* Most cells are plain numbers: no copy for them (a million rows hold
   * four each). */
  if (n > 0 && text[n] == '\0')
    {
      *value = g_ascii_strtod (text, &end);
      return end != text && *end == '\0' && isfinite (*value);
    }

  clean = g_strstrip (g_strdup (text));
  plain = g_string_new (NULL);
  p = clean;

  /* A comma only between groups of three digits before the point: "1,5"
   * is a decimal comma in much of the world, and guessing either way
   * would silently change a figure. */
  if (strchr (clean, ',') != NULL)
    {
      guint lead = 0;

      if (*p == '+' || *p == '-')
        g_string_append_c (plain, *p++);
      for (; g_ascii_isdigit (*p); p++, lead++)
        g_string_append_c (plain, *p);
      if (lead < 1 || lead > 3 || *p != ',')
        return !(*comma_misplaced = TRUE);
      while (*p == ',')
        {
          p++;
          for (guint i = 0; i < 3; i++, p++)
            {
              if (!g_ascii_isdigit (*p))
                return !(*comma_misplaced = TRUE);
              g_string_append_c (plain, *p);
            }
        }
      if (g_ascii_isdigit (*p) || strchr (p, ',') != NULL)
        return !(*comma_misplaced = TRUE);
    }
  g_string_append (plain, p);

  /* Decimal digits only: no hexadecimal, "inf" or "nan" as strtod takes. */
  if (plain->len == 0 || strspn (plain->str, "0123456789+-.eE") != plain->len)
    return FALSE;

  *value = g_ascii_strtod (plain->str, &end);
  return end != plain->str && *end == '\0' && isfinite (*value);
}

static void
set_number_error (GError           **error,
                  const DtRowInput  *row,
                  const char        *key,
                  const char        *text,
                  gboolean           comma_misplaced)
{
  if (comma_misplaced)
    set_row_error (error, row, key,
                   _("“%s” in field “%s” is not a number; a comma may only separate groups of three digits, as in 12,345.5 (write a decimal point, not a comma)"),
                   text, field_label (key));
  else
    set_row_error (error, row, key, _("“%s” in field “%s” is not a number"), text, field_label (key));
}

static gboolean
parse_int (const DtRowInput  *row,
           const char        *key,
           gboolean           required,
           gint64             min,
           gint64             max,
           gint64            *out,
           gboolean          *present,
           GError           **error)
{
  const char *text = get_text (row, key);
  gboolean comma_misplaced;
  double value;

  *present = FALSE;
  if (text == NULL)
    {
      if (required)
        set_row_error (error, row, key, _("the required field “%s” is empty"), field_label (key));
      return !required;
    }

  /* The one number parser of both import paths; spreadsheets write whole
   * numbers as "3.0" at times, which is accepted. */
  if (!dt_parse_import_number (text, &value, &comma_misplaced))
    {
      if (comma_misplaced)
        {
          set_number_error (error, row, key, text, TRUE);
          return FALSE;
        }
      value = NAN;
    }
  if (!isfinite (value) || value != floor (value) || value < (double)min || value > (double)max)
    {
      set_row_error (error, row, key,
                     _("“%s” in field “%s” is not valid; expected a whole number from %lld to %lld"),
                     text, field_label (key), (long long)min, (long long)max);
      return FALSE;
    }

  *out = (gint64)value;
  *present = TRUE;
  return TRUE;
}

static gboolean
parse_double (const DtRowInput  *row,
              const char        *key,
              gboolean           required,
              double            *out,
              gboolean          *present,
              GError           **error)
{
  const char *text = get_text (row, key);
  gboolean comma_misplaced;
  double value;

  *present = FALSE;
  if (text == NULL)
    {
      if (required)
        set_row_error (error, row, key, _("the required field “%s” is empty"), field_label (key));
      return !required;
    }

  if (!dt_parse_import_number (text, &value, &comma_misplaced))
    {
      set_number_error (error, row, key, text, comma_misplaced);
      return FALSE;
    }

  *out = value;
  *present = TRUE;
  return TRUE;
}

static gboolean
parse_bool (const DtRowInput  *row,
            const char        *key,
            gboolean          *out,
            GError           **error)
{
  static const char * const yes[] = { "1", "true", "yes", "y", "是", "Y", NULL };
  static const char * const no[] = { "0", "false", "no", "n", "否", "N", NULL };
  const char *text = get_text (row, key);

  *out = FALSE;
  if (text == NULL)
    return TRUE;

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return TRUE;

  set_row_error (error, row, key, _("“%s” in field “%s” is not valid; expected 1 or 0 (是 or 否)"), text, field_label (key));
  return FALSE;
}

static gboolean
parse_term (const DtRowInput  *row,
            const char        *key,
            DtVocabulary       vocabulary,
            const char       **out,
            GError           **error)
{
  const char *text = get_text (row, key);

  *out = NULL;
  if (text == NULL)
    return TRUE;

  *out = dt_vocabulary_find (vocabulary, text);
  if (*out == NULL)
    {
      guint n = 0;
      const DtTerm *terms = dt_vocabulary_terms (vocabulary, &n);
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (expected, "%s%s", i ? ", " : "", dt_vocabulary_label (vocabulary, terms[i].key));
      set_row_error (error, row, key, _("unknown value “%s” in field “%s”; expected one of %s"),
                     text, field_label (key), expected->str);
      return FALSE;
    }

  return TRUE;
}

/* Regions may be named by code, Chinese name (with or without 市/区/县) or English name. */
static void
load_regions (DtDatasetImport *self)
{
  sqlite3_stmt *stmt = dt_store_prepare (self->store, "SELECT code, name_zh, name_en, level, parent, gb_code FROM regions", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *)sqlite3_column_text (stmt, 0);
      const char *name_zh = (const char *)sqlite3_column_text (stmt, 1);
      const char *name_en = (const char *)sqlite3_column_text (stmt, 2);
      const char *level = (const char *)sqlite3_column_text (stmt, 3);
      g_autofree char *short_zh = NULL;
      g_autofree char *short_en = NULL;

      g_hash_table_insert (self->region_levels, g_strdup (code), g_strdup (level));
      if (sqlite3_column_text (stmt, 4) != NULL)
        g_hash_table_insert (self->region_parents, g_strdup (code), g_strdup ((const char *)sqlite3_column_text (stmt, 4)));
      g_hash_table_insert (self->regions, g_strdup (code), g_strdup (code));
      g_hash_table_insert (self->regions, g_strdup (name_zh), g_strdup (code));
      g_hash_table_insert (self->regions, g_ascii_strdown (name_en, -1), g_strdup (code));
      /* Officials' files may name a region by its GB/T 2260 code (330106). */
      if (sqlite3_column_text (stmt, 5) != NULL)
        g_hash_table_insert (self->regions, g_strdup ((const char *)sqlite3_column_text (stmt, 5)), g_strdup (code));

      /* 杭州市 → 杭州; "Binjiang District" → "binjiang" */
      if (g_utf8_strlen (name_zh, -1) > 2 &&
          (g_str_has_suffix (name_zh, "市") || g_str_has_suffix (name_zh, "区") || g_str_has_suffix (name_zh, "县")))
        {
          short_zh = g_strndup (name_zh, strlen (name_zh) - strlen ("市"));
          g_hash_table_insert (self->regions, g_strdup (short_zh), g_strdup (code));
        }
      if (strchr (name_en, ' ') != NULL && g_strcmp0 (level, "city") == 0)
        {
          short_en = g_ascii_strdown (name_en, strchr (name_en, ' ') - name_en);
          g_hash_table_insert (self->regions, g_strdup (short_en), g_strdup (code));
        }
    }

  sqlite3_finalize (stmt);
}

static gboolean
parse_region (DtDatasetImport   *self,
              const DtRowInput  *row,
              const char        *key,
              const char        *level,
              gboolean           required,
              const char       **out,
              GError           **error)
{
  const char *text = get_text (row, key);
  g_autofree char *lower = NULL;
  const char *code;

  *out = NULL;
  if (text == NULL)
    {
      if (required)
        set_row_error (error, row, key, _("the required field “%s” is empty"), field_label (key));
      return !required;
    }

  code = g_hash_table_lookup (self->regions, text);
  if (code == NULL)
    {
      lower = g_ascii_strdown (text, -1);
      code = g_hash_table_lookup (self->regions, lower);
    }

  if (code == NULL || (level != NULL && g_strcmp0 (g_hash_table_lookup (self->region_levels, code), level) != 0))
    {
      if (g_strcmp0 (level, "city") == 0)
        set_row_error (error, row, key, _("unknown city “%s” in field “%s”; expected one of Zhejiang’s 11 cities by code or name"),
                       text, field_label (key));
      else if (g_strcmp0 (level, "county") == 0)
        set_row_error (error, row, key, _("unknown county or district “%s” in field “%s”; expected one of Zhejiang’s counties or districts by code or name"),
                       text, field_label (key));
      else
        set_row_error (error, row, key, _("unknown region “%s” in field “%s”; expected Zhejiang, a city or a county by code or name"),
                       text, field_label (key));
      return FALSE;
    }

  *out = code;
  return TRUE;
}

static gboolean
step_insert (DtDatasetImport   *self,
             sqlite3_stmt      *stmt,
             const DtRowInput  *row,
             GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sqlite3 *db = dt_store_get_db (self->store);

      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        set_row_error (error, row, NULL, _("the row conflicts with another row (%s)"), sqlite3_errmsg (db));
      else
        dt_store_set_sqlite_error (error, db, row->file);
      return FALSE;
    }

  return TRUE;
}

#define BIND_TEXT(stmt, i, v)   sqlite3_bind_text (stmt, i, v, -1, SQLITE_TRANSIENT)
/* Without a copy: for text of the row or of the import's tables, which
 * outlives the step that follows at once (a million rows bind five each). */
#define BIND_ROW_TEXT(stmt, i, v) sqlite3_bind_text (stmt, i, v, -1, SQLITE_STATIC)

static DtImportPlanYear *
plan_year (DtDatasetImport *self,
           int              year)
{
  DtImportPlanYear *y = g_hash_table_lookup (self->plan_years, GINT_TO_POINTER (year));

  if (y == NULL)
    {
      y = g_new0 (DtImportPlanYear, 1);
      y->year = year;
      g_hash_table_insert (self->plan_years, GINT_TO_POINTER (year), y);
    }
  return y;
}

/* The rows a unit of each kind covers in the kind's table, with the unit
 * bound as ?1 (and ?2, ?3 for an index cell). */
static const char *
unit_table (const char *kind)
{
  if (g_str_equal (kind, "regions")) return "regions";
  if (g_str_equal (kind, "framework")) return "index_nodes";
  if (g_str_equal (kind, "index")) return "index_values";
  if (g_str_equal (kind, "enterprises")) return "listings";
  return "measures";
}

static const char *
unit_where (const char *kind)
{
  if (g_str_equal (kind, "enterprises")) return "year = ?1";
  if (g_str_equal (kind, "measures")) return "no = ?1";
  if (g_str_equal (kind, "index")) return "region = ?1 AND year = ?2 AND code = ?3";
  return "code = ?1";
}

/* Called for each valid row with the unit bound to self->cover: the first
 * row of a unit removes the rows other datasets hold of it (or, planning,
 * counts them); every row is counted as new or replacing. */
static gboolean
cover_unit (DtDatasetImport   *self,
            const DtRowInput  *row,
            const char        *unit,
            int                year,
            GError           **error)
{
  DtImportPlanYear *y = plan_year (self, year);
  gpointer state;

  if (!g_hash_table_lookup_extended (self->units, unit, NULL, &state))
    {
      guint n = 0;

      /* With --replace-all the whole kind went when the import began;
       * with no rows of the kind but samples (gone too), there is nothing
       * to cover (loading the samples covers 70,000 index cells). */
      if ((self->flags & DT_IMPORT_REPLACE_ALL) == 0 && self->n_existing > 0)
        {
          int rc = sqlite3_step (self->cover);

          if (rc == SQLITE_ROW)
            n = sqlite3_column_int (self->cover, 0);
          else if (rc == SQLITE_DONE)
            n = sqlite3_changes (dt_store_get_db (self->store));
          else
            {
              dt_store_set_sqlite_error (error, dt_store_get_db (self->store), row->file);
              sqlite3_reset (self->cover);
              return FALSE;
            }
        }
      state = GUINT_TO_POINTER (n > 0 ? 2 : 1);
      g_hash_table_insert (self->units, g_strdup (unit), state);
      y->n_replaced += n;
      if (n > 0 && g_str_equal (self->kind, "enterprises"))
        self->listings_removed = TRUE;
    }
  sqlite3_reset (self->cover);
  sqlite3_clear_bindings (self->cover);

  if (GPOINTER_TO_UINT (state) == 2)
    y->n_replacing++;
  else
    y->n_new++;
  return TRUE;
}

static gboolean
cover_code (DtDatasetImport   *self,
            const DtRowInput  *row,
            const char        *code,
            GError           **error)
{
  BIND_TEXT (self->cover, 1, code);
  return cover_unit (self, row, code, 0, error);
}

static gboolean
add_region (DtDatasetImport   *self,
            const DtRowInput  *row,
            GError           **error)
{
  static const char * const levels[] = { "province", "city", "county", NULL };
  const char *code, *name_zh, *name_en, *level, *gb_code;

  if (!require_text (row, "code", &code, error) ||
      !require_text (row, "name_zh", &name_zh, error) ||
      !require_text (row, "name_en", &name_en, error) ||
      !require_text (row, "level", &level, error))
    return FALSE;

  if (!g_strv_contains (levels, level))
    {
      set_row_error (error, row, "level", _("unknown level “%s”; expected province, city or county"), level);
      return FALSE;
    }
  gb_code = get_text (row, "gb_code");
  if (gb_code != NULL && (strlen (gb_code) != 6 || strspn (gb_code, "0123456789") != 6))
    {
      set_row_error (error, row, "gb_code", _("“%s” is not an administrative division code; expected six digits (GB/T 2260), e.g. 330106"),
                     gb_code);
      return FALSE;
    }

  if (!cover_code (self, row, code, error))
    return FALSE;
  if (self->flags & DT_IMPORT_PLAN_ONLY)
    return TRUE;

  BIND_TEXT (self->insert, 1, code);
  BIND_TEXT (self->insert, 2, name_zh);
  BIND_TEXT (self->insert, 3, name_en);
  BIND_TEXT (self->insert, 4, level);
  BIND_TEXT (self->insert, 5, get_text (row, "parent"));
  sqlite3_bind_int (self->insert, 6, self->n_rows);
  sqlite3_bind_int64 (self->insert, 7, self->dataset_id);
  BIND_TEXT (self->insert, 8, gb_code);
  return step_insert (self, self->insert, row, error);
}

static gboolean
add_framework_node (DtDatasetImport   *self,
                    const DtRowInput  *row,
                    GError           **error)
{
  const char *code, *name_zh;
  gint64 level, direction = 1;
  double weight = 1;
  gboolean present;

  if (!require_text (row, "code", &code, error) ||
      !require_text (row, "name_zh", &name_zh, error) ||
      !parse_int (row, "level", TRUE, 1, 10, &level, &present, error) ||
      !parse_int (row, "direction", FALSE, -1, 1, &direction, &present, error) ||
      !parse_double (row, "weight", FALSE, &weight, &present, error))
    return FALSE;

  if (direction == 0)
    {
      set_row_error (error, row, "direction", _("direction 0 is not valid; expected 1 or -1"));
      return FALSE;
    }
  if (weight < 0)
    {
      set_row_error (error, row, "weight", _("a weight cannot be negative"));
      return FALSE;
    }

  if (!cover_code (self, row, code, error))
    return FALSE;
  if (self->flags & DT_IMPORT_PLAN_ONLY)
    return TRUE;

  BIND_TEXT (self->insert, 1, code);
  BIND_TEXT (self->insert, 2, name_zh);
  BIND_TEXT (self->insert, 3, get_text (row, "name_en"));
  sqlite3_bind_int64 (self->insert, 4, level);
  BIND_TEXT (self->insert, 5, get_text (row, "parent"));
  sqlite3_bind_int64 (self->insert, 6, direction);
  sqlite3_bind_double (self->insert, 7, weight);
  sqlite3_bind_int (self->insert, 8, self->n_rows);
  sqlite3_bind_int64 (self->insert, 9, self->dataset_id);
  return step_insert (self, self->insert, row, error);
}

static gboolean
add_index_value (DtDatasetImport   *self,
                 const DtRowInput  *row,
                 GError           **error)
{
  const char *region, *code, *status = NULL;
  gint64 year;
  double value;
  gboolean present;

  if (!parse_region (self, row, "region", NULL, TRUE, &region, error) ||
      !parse_int (row, "year", TRUE, 1900, 2200, &year, &present, error) ||
      !require_text (row, "code", &code, error) ||
      !parse_double (row, "value", TRUE, &value, &present, error) ||
      !parse_term (row, "status", DT_VOCABULARY_VALUE_STATUS, &status, error))
    return FALSE;

  {
    g_autofree char *unit = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s", region, year, code);

    BIND_TEXT (self->cover, 1, region);
    sqlite3_bind_int64 (self->cover, 2, year);
    BIND_TEXT (self->cover, 3, code);
    if (!cover_unit (self, row, unit, (int)year, error))
      return FALSE;
  }
  if (self->flags & DT_IMPORT_PLAN_ONLY)
    return TRUE;

  BIND_TEXT (self->insert, 1, region);
  sqlite3_bind_int64 (self->insert, 2, year);
  BIND_TEXT (self->insert, 3, code);
  sqlite3_bind_double (self->insert, 4, value);
  BIND_TEXT (self->insert, 5, status != NULL ? status : "published");
  BIND_TEXT (self->insert, 6, get_text (row, "source") != NULL ? get_text (row, "source") : "");
  sqlite3_bind_int64 (self->insert, 7, self->dataset_id);
  BIND_TEXT (self->insert, 8, get_text (row, "source_zh"));
  return step_insert (self, self->insert, row, error);
}

/* The firm's index in self->firms, its id set. */
static guint
add_firm (DtDatasetImport *self,
          const char      *identity,
          gint64           id)
{
  Firm firm = { id, 0, 0 };

  g_array_append_val (self->firms, firm);
  g_hash_table_insert (self->enterprise_ids, g_string_chunk_insert (self->row_keys, identity),
                       GUINT_TO_POINTER (self->firms->len));
  return self->firms->len - 1;
}

static gboolean
find_or_add_enterprise (DtDatasetImport   *self,
                        const DtRowInput  *row,
                        guint             *out_firm,
                        GError           **error)
{
  const char *credit_code = get_text (row, "credit_code");
  const char *name_zh = get_text (row, "name_zh");
  const char *identity = credit_code != NULL ? credit_code : name_zh;
  gpointer known;
  gint64 founded;
  gboolean has_founded;

  if (g_hash_table_lookup_extended (self->enterprise_ids, identity, NULL, &known))
    {
      *out_firm = GPOINTER_TO_UINT (known) - 1;
      return TRUE;
    }

  if (!parse_int (row, "founded", FALSE, 1800, 2200, &founded, &has_founded, error))
    return FALSE;

  /* The same firm on an earlier import's list (by credit code, else by
   * name) keeps its row, so that rank change links the years. */
  if (self->known_enterprise_max_id > 0)
    {
      sqlite3_stmt *find = credit_code != NULL ? self->find_by_code : self->find_by_name;
      int rc;

      gint64 found_id = 0;

      BIND_TEXT (find, 1, identity);
      sqlite3_bind_int64 (find, 2, self->known_enterprise_max_id);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        found_id = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
      if (rc == SQLITE_ROW)
        {
          gint64 year;
          gboolean has_year;

          /* A corrected name on the firm's latest list is its name now. */
          if (!parse_int (row, "year", TRUE, 1900, 2200, &year, &has_year, error))
            return FALSE;
          sqlite3_bind_int64 (self->update_enterprise, 1, found_id);
          BIND_TEXT (self->update_enterprise, 2, name_zh);
          BIND_TEXT (self->update_enterprise, 3, get_text (row, "name_en"));
          if (has_founded)
            sqlite3_bind_int64 (self->update_enterprise, 4, founded);
          else
            sqlite3_bind_null (self->update_enterprise, 4);
          sqlite3_bind_int64 (self->update_enterprise, 5, year);
          if (!step_insert (self, self->update_enterprise, row, error))
            return FALSE;
          *out_firm = add_firm (self, identity, found_id);
          return TRUE;
        }
      if (rc != SQLITE_DONE)
        {
          dt_store_set_sqlite_error (error, dt_store_get_db (self->store), row->file);
          return FALSE;
        }
    }

  BIND_ROW_TEXT (self->insert_enterprise, 1, credit_code);
  BIND_ROW_TEXT (self->insert_enterprise, 2, name_zh);
  BIND_ROW_TEXT (self->insert_enterprise, 3, get_text (row, "name_en"));
  if (has_founded)
    sqlite3_bind_int64 (self->insert_enterprise, 4, founded);
  sqlite3_bind_int64 (self->insert_enterprise, 5, self->dataset_id);
  if (!step_insert (self, self->insert_enterprise, row, error))
    return FALSE;

  *out_firm = add_firm (self, identity, sqlite3_last_insert_rowid (dt_store_get_db (self->store)));
  return TRUE;
}

static gboolean
add_listing (DtDatasetImport   *self,
             const DtRowInput  *row,
             GError           **error)
{
  const char *name_zh, *city, *district, *category, *sector, *credit_code;
  gint64 year, rank;
  guint first_line, firm_index;
  Firm *firm;
  int prev_rank = 0;
  double volume = 0;
  gboolean has_volume, in_ftz, present;
  ListYear *list;

  if (!parse_int (row, "year", TRUE, 1900, 2200, &year, &present, error) ||
      !parse_int (row, "rank", TRUE, 1, G_MAXINT32, &rank, &present, error) ||
      !require_text (row, "name_zh", &name_zh, error) ||
      !parse_region (self, row, "city", "city", TRUE, &city, error) ||
      !parse_region (self, row, "district", "county", FALSE, &district, error) ||
      !parse_term (row, "category", DT_VOCABULARY_ENTERPRISE_CATEGORY, &category, error) ||
      !parse_double (row, "trade_volume", FALSE, &volume, &has_volume, error) ||
      !parse_bool (row, "in_ftz", &in_ftz, error))
    return FALSE;

  if (district != NULL && g_strcmp0 (g_hash_table_lookup (self->region_parents, district), city) != 0)
    {
      set_row_error (error, row, "district",
                     _("the county or district “%s” is not in the city “%s”; expected one of that city’s counties or districts"),
                     get_text (row, "district"), get_text (row, "city"));
      return FALSE;
    }

  credit_code = get_text (row, "credit_code");
  if (credit_code != NULL && !dt_credit_code_is_valid (credit_code))
    {
      set_row_error (error, row, "credit_code",
                     _("“%s” is not a valid unified social credit code; expected 18 characters ending in the GB 32100-2015 check character"),
                     credit_code);
      return FALSE;
    }

  /* Sectors are open-ended: keep the key when it is a known one, else the text. */
  sector = get_text (row, "sector");
  if (sector != NULL && dt_vocabulary_find (DT_VOCABULARY_SECTOR, sector) != NULL)
    sector = dt_vocabulary_find (DT_VOCABULARY_SECTOR, sector);

  list = list_year (self, year, TRUE);
  first_line = list_year_claim_rank (list, rank, MAX (row->line, 1));
  if (first_line != 0)
    {
      set_row_error (error, row, "rank",
                     _("rank %lld appears twice in %lld (first on line %u); expected each rank once a year"),
                     (long long)rank, (long long)year, first_line);
      return FALSE;
    }

  if (list->n_rows++ > 0)
    {
      /* The year's unit is covered: only count the row (cover_unit ()). */
      DtImportPlanYear *y = plan_year (self, (int)year);

      if (y->n_replaced > 0)
        y->n_replacing++;
      else
        y->n_new++;
    }
  else
    {
      g_autofree char *unit = g_strdup_printf ("%" G_GINT64_FORMAT, year);

      sqlite3_bind_int64 (self->cover, 1, year);
      if (!cover_unit (self, row, unit, (int)year, error))
        return FALSE;
    }
  if (self->flags & DT_IMPORT_PLAN_ONLY)
    return TRUE;

  if (!find_or_add_enterprise (self, row, &firm_index, error))
    return FALSE;

  /* The rank change, from the firm's listing the year before when the file
   * gave it just before. A firm whose years come out of order, or twice,
   * leaves it to the fill in leave_bulk (). */
  firm = &g_array_index (self->firms, Firm, firm_index);
  if (firm->year != 0 && firm->year >= year)
    self->ranks_out_of_order = TRUE;
  else
    {
      if (firm->year == year - 1)
        prev_rank = firm->rank;
      firm->year = (int)year;
      firm->rank = (int)rank;
    }

  sqlite3_bind_int64 (self->insert, 1, year);
  sqlite3_bind_int64 (self->insert, 2, rank);
  sqlite3_bind_int64 (self->insert, 3, firm->id);
  BIND_ROW_TEXT (self->insert, 4, city);
  BIND_ROW_TEXT (self->insert, 5, district);
  BIND_ROW_TEXT (self->insert, 6, category);
  BIND_ROW_TEXT (self->insert, 7, sector);
  if (has_volume)
    sqlite3_bind_double (self->insert, 8, volume);
  sqlite3_bind_int (self->insert, 9, in_ftz ? 1 : 0);
  sqlite3_bind_int64 (self->insert, 10, self->dataset_id);
  if (prev_rank != 0)
    sqlite3_bind_int (self->insert, 11, prev_rank);
  return step_insert (self, self->insert, row, error);
}

/* A measure's criteria as the data contract has them, a JSON list of
 * {"kind": K, "value": V}, in the compact form data packs store; NULL
 * for an empty cell. */
static gboolean
parse_criteria (const DtRowInput  *row,
                char             **out,
                GError           **error)
{
  const char *text = get_text (row, "criteria");
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *list;

  *out = NULL;
  if (text == NULL)
    return TRUE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;
  list = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          json_object_get_string_member_with_default (json_node_get_object (node), "kind", NULL) == NULL)
        goto invalid;
    }

  *out = json_to_string (root, FALSE);
  return TRUE;

invalid:
  set_row_error (error, row, "criteria",
                 _("the criteria “%s” are not valid; expected a JSON list such as [{\"kind\": \"in-ftz\", \"value\": true}]"),
                 text);
  return FALSE;
}

static gboolean
add_measure (DtDatasetImport   *self,
             const DtRowInput  *row,
             GError           **error)
{
  static const char * const text_keys[] = {
    "title_zh", "title_en", "category", "support", "department",
    "contact", "body_zh", "body_en", "source", "criteria",
  };
  const char *title_zh, *category;
  g_autofree char *unit = NULL;
  g_autofree char *criteria = NULL;
  const char *kept_criteria = NULL;
  gint64 no;
  gboolean present;

  if (!parse_int (row, "no", TRUE, 1, 10000, &no, &present, error) ||
      !require_text (row, "title_zh", &title_zh, error) ||
      !parse_term (row, "category", DT_VOCABULARY_MEASURE_CATEGORY, &category, error) ||
      !parse_criteria (row, &criteria, error))
    return FALSE;

  /* A file without criteria (a CSV without that column, a pack row
   * without that member) keeps the eligibility criteria the measure had. */
  if (!g_hash_table_contains (row->values, "criteria") && self->kept_criteria != NULL)
    kept_criteria = g_hash_table_lookup (self->kept_criteria, &no);

  unit = g_strdup_printf ("%" G_GINT64_FORMAT, no);
  sqlite3_bind_int64 (self->cover, 1, no);
  if (!cover_unit (self, row, unit, 0, error))
    return FALSE;
  if (self->flags & DT_IMPORT_PLAN_ONLY)
    return TRUE;

  sqlite3_bind_int64 (self->insert, 1, no);
  for (guint i = 0; i < G_N_ELEMENTS (text_keys); i++)
    {
      const char *value = get_text (row, text_keys[i]);

      if (g_str_equal (text_keys[i], "category"))
        value = category;
      else if (g_str_equal (text_keys[i], "criteria"))
        value = kept_criteria != NULL ? kept_criteria : criteria;
      BIND_TEXT (self->insert, i + 2, value);
    }
  sqlite3_bind_int64 (self->insert, 12, self->dataset_id);
  return step_insert (self, self->insert, row, error);
}

static const char *
insert_sql_for_kind (const char *kind)
{
  if (g_str_equal (kind, "regions"))
    return "INSERT INTO regions (code, name_zh, name_en, level, parent, position, dataset_id, gb_code) VALUES (?,?,?,?,?,?,?,?)";
  if (g_str_equal (kind, "framework"))
    return "INSERT INTO index_nodes (code, name_zh, name_en, level, parent, direction, weight, position, dataset_id) VALUES (?,?,?,?,?,?,?,?,?)";
  if (g_str_equal (kind, "index"))
    return "INSERT INTO index_values (region, year, code, value, status, source, dataset_id, source_zh) "
           "VALUES (?,?,?,?,?,?,?,?)";
  if (g_str_equal (kind, "enterprises"))
    return "INSERT INTO listings (year, rank, enterprise_id, city, district, category, sector, trade_volume, in_ftz, dataset_id, prev_rank) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
  if (g_str_equal (kind, "measures"))
    return "INSERT INTO measures (no, title_zh, title_en, category, support, department, contact, body_zh, body_en, source, criteria, dataset_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
  g_return_val_if_reached (NULL);
}

DtDatasetImport *
dt_dataset_import_begin (DtStore              *store,
                         const DtDatasetInfo  *info,
                         GError              **error)
{
  g_autoptr(DtDatasetImport) self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *imported_at = g_date_time_format_iso8601 (now);
  g_autofree char *pending_key = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = dt_store_get_db (store);
  const char *table;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (info != NULL && info->key != NULL && info->kind != NULL, NULL);

  if (!dt_dataset_kind_is_valid (info->kind))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_UNSUPPORTED,
                   _("unknown kind of data “%s”; expected regions, framework, index, enterprises or measures"),
                   info->kind);
      return NULL;
    }

  self = g_new0 (DtDatasetImport, 1);
  self->store = g_object_ref (store);
  self->kind = g_strdup (info->kind);
  self->key = g_strdup (info->key);
  self->flags = info->flags;
  self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->region_levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->region_parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->enterprise_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->firms = g_array_new (FALSE, FALSE, sizeof (Firm));
  self->list_years = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)list_year_free);
  self->row_keys = g_string_chunk_new (64 * 1024);
  self->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->plan_years = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->plan = g_new0 (DtImportPlan, 1);
  self->plan->kind = g_strdup (info->kind);
  self->plan->replace_all = (info->flags & DT_IMPORT_REPLACE_ALL) != 0;
  table = unit_table (info->kind);

  /* Join the caller's transaction when there is one (loading all sample
   * packs at once), else hold our own. A plan writes nothing. */
  if ((self->flags & DT_IMPORT_PLAN_ONLY) == 0)
    {
      self->own_transaction = sqlite3_get_autocommit (db);
      if (!dt_store_exec (store, self->own_transaction ? "BEGIN IMMEDIATE" : "SAVEPOINT dt_dataset_import", error))
        {
          self->finished = TRUE;
          return NULL;
        }
      self->in_transaction = TRUE;
    }

  /* What is there now, per year, for the plan: real data, and sample data
   * that goes whatever the file covers. */
  sql = g_strdup_printf ("SELECT %s, count(*) FROM %s WHERE dataset_id IN "
                         "(SELECT id FROM datasets WHERE kind = ?1 AND provenance <> 'sample') GROUP BY 1",
                         g_str_equal (table, "listings") || g_str_equal (table, "index_values") ? "year" : "0",
                         table);
  if ((stmt = dt_store_prepare (store, sql, error)) == NULL)
    return NULL;
  BIND_TEXT (stmt, 1, info->kind);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      plan_year (self, sqlite3_column_int (stmt, 0))->n_kept = sqlite3_column_int (stmt, 1);
      self->n_existing += sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE dataset_id IN "
                         "(SELECT id FROM datasets WHERE kind = ?1 AND provenance = 'sample')", table);
  if ((stmt = dt_store_prepare (store, sql, error)) == NULL)
    return NULL;
  BIND_TEXT (stmt, 1, info->kind);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->plan->n_sample = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_clear_pointer (&sql, g_free);

  if (g_str_equal (info->kind, "index") || g_str_equal (info->kind, "enterprises"))
    load_regions (self);

  if (self->flags & DT_IMPORT_PLAN_ONLY)
    {
      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s AND dataset_id IN "
                             "(SELECT id FROM datasets WHERE provenance <> 'sample')",
                             table, unit_where (info->kind));
      self->cover = dt_store_prepare (store, sql, error);
      return self->cover != NULL ? g_steal_pointer (&self) : NULL;
    }

  /* Read before the sample data goes: a measure imported without
   * criteria keeps the ones it had. */
  if (g_str_equal (info->kind, "measures"))
    {
      self->kept_criteria = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      stmt = dt_store_prepare (store, "SELECT no, criteria FROM measures WHERE criteria IS NOT NULL", error);
      if (stmt == NULL)
        return NULL;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (self->kept_criteria, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                             g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);
    }

  /* Sample data of the same kind goes whatever the file covers: official
   * rows never sit beside fictional ones. With --replace-all, so does
   * every dataset of the kind. Only ever datasets of this kind: the key a
   * file gives itself decides nothing here. */
  stmt = dt_store_prepare (store,
                           (self->flags & DT_IMPORT_REPLACE_ALL)
                           ? "DELETE FROM datasets WHERE kind = ?"
                           : "DELETE FROM datasets WHERE kind = ? AND provenance = 'sample'",
                           error);
  if (stmt == NULL)
    return NULL;
  BIND_TEXT (stmt, 1, info->kind);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, db, dt_store_get_path (store));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  if (g_str_equal (info->kind, "enterprises"))
    {
      stmt = dt_store_prepare (store, "SELECT coalesce(max(id), 0) FROM enterprises", error);
      if (stmt == NULL)
        return NULL;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        self->known_enterprise_max_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  /* The key is settled when committing, once the datasets this import
   * empties are gone; until then it is one no file can hold. */
  uuid = g_uuid_string_random ();
  pending_key = g_strdup_printf ("\x01pending-%s", uuid);
  stmt = dt_store_prepare (store,
                           "INSERT INTO datasets (key, kind, title, title_zh, source, provenance, imported_at, checksum, source_zh) "
                           "VALUES (?,?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return NULL;
  BIND_TEXT (stmt, 1, pending_key);
  BIND_TEXT (stmt, 2, info->kind);
  BIND_TEXT (stmt, 3, info->title != NULL ? info->title : info->key);
  BIND_TEXT (stmt, 4, info->title_zh);
  BIND_TEXT (stmt, 5, info->source != NULL ? info->source : "");
  BIND_TEXT (stmt, 6, info->provenance != NULL ? info->provenance : "user");
  BIND_TEXT (stmt, 7, imported_at);
  BIND_TEXT (stmt, 8, info->checksum != NULL ? info->checksum : "");
  BIND_TEXT (stmt, 9, info->source_zh);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("the dataset “%s” cannot be recorded: %s"), info->key, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  self->dataset_id = sqlite3_last_insert_rowid (db);

  sql = g_strdup_printf ("DELETE FROM %s WHERE %s AND dataset_id <> %" G_GINT64_FORMAT,
                         table, unit_where (info->kind), self->dataset_id);
  if ((self->cover = dt_store_prepare (store, sql, error)) == NULL)
    return NULL;

  if ((self->insert = dt_store_prepare (store, insert_sql_for_kind (info->kind), error)) == NULL)
    return NULL;
  if (g_str_equal (info->kind, "enterprises") &&
      ((self->insert_enterprise = dt_store_prepare (store,
          "INSERT INTO enterprises (credit_code, name_zh, name_en, founded, dataset_id) VALUES (?,?,?,?,?)",
          error)) == NULL ||
       (self->find_by_code = dt_store_prepare (store,
          "SELECT id FROM enterprises WHERE credit_code = ?1 AND id <= ?2 ORDER BY id DESC LIMIT 1",
          error)) == NULL ||
       (self->find_by_name = dt_store_prepare (store,
          "SELECT id FROM enterprises WHERE name_zh = ?1 AND credit_code IS NULL AND id <= ?2 ORDER BY id DESC LIMIT 1",
          error)) == NULL ||
       (self->update_enterprise = dt_store_prepare (store,
          "UPDATE enterprises SET name_zh = ?2, name_en = coalesce(?3, name_en), founded = coalesce(?4, founded)"
          " WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.enterprise_id = ?1 AND l.year > ?5)",
          error)) == NULL))
    return NULL;

  return g_steal_pointer (&self);
}

/* Within the import's transaction, so a failure or a kill leaves the
 * schema as it was. The SQL to recreate comes from sqlite_schema itself,
 * so it cannot drift from the migrations. */
static gboolean
enter_bulk (DtDatasetImport  *self,
            GError          **error)
{
  const char * const *triggers = dt_schema_enterprise_bulk_triggers ();
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite3_free);
  sqlite3_stmt *stmt;

  stmt = dt_store_prepare (self->store, "SELECT coalesce(max(id), 0) FROM enterprises", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->bulk_last_enterprise_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* Unique indexes stay: they enforce constraints while rows go in. */
  stmt = dt_store_prepare (self->store,
                           "SELECT type, name, sql FROM sqlite_schema"
                           " WHERE tbl_name IN ('enterprises', 'listings') AND sql IS NOT NULL"
                           "   AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') OR type = 'trigger')"
                           " ORDER BY type, rowid", error);
  if (stmt == NULL)
    return FALSE;
  self->bulk_schema = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *)sqlite3_column_text (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);

      if (g_str_equal (type, "trigger") && !g_strv_contains (triggers, name))
        continue;
      /* Finding the firms of earlier imports by name needs the first; the
       * rank-change trigger of a list year replaced mid-import needs the
       * second, unless no other dataset holds listings to replace. */
      if ((g_str_equal (name, "enterprises_name_zh") && self->known_enterprise_max_id > 0) ||
          (g_str_equal (name, "listings_enterprise") && self->n_existing > 0))
        continue;
      g_ptr_array_add (self->bulk_schema, g_strdup ((const char *)sqlite3_column_text (stmt, 2)));
      g_ptr_array_add (drops, sqlite3_mprintf ("DROP %s \"%w\"", g_str_equal (type, "index") ? "INDEX" : "TRIGGER", name));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < drops->len; i++)
    if (!dt_store_exec (self->store, g_ptr_array_index (drops, i), error))
      return FALSE;
  return TRUE;
}

/* add_listing () gave each row its rank change from the rows before it in
 * the file. That is the whole answer unless a firm's year came before its
 * year before, or another dataset lists a year just before one of ours. */
static gboolean
prev_rank_needs_fill (DtDatasetImport  *self,
                      gboolean         *out,
                      GError          **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer year;

  *out = self->ranks_out_of_order;
  if (*out)
    return TRUE;

  stmt = dt_store_prepare (self->store, "SELECT 1 FROM listings WHERE year = ?1 AND dataset_id <> ?2 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->list_years);
  while (!*out && g_hash_table_iter_next (&iter, &year, NULL))
    {
      sqlite3_bind_int (stmt, 1, GPOINTER_TO_INT (year) - 1);
      sqlite3_bind_int64 (stmt, 2, self->dataset_id);
      *out = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
is_fill_index (const char *sql)
{
  return strstr (sql, "(dataset_id)") != NULL || strstr (sql, "(enterprise_id, year)") != NULL;
}

static gboolean
leave_bulk (DtDatasetImport  *self,
            GError          **error)
{
  const char * const *fill = dt_schema_enterprise_bulk_fill_sql ();
  sqlite3 *db = dt_store_get_db (self->store);

  /* The fill looks up each listing's year before by (enterprise_id, year)
   * and picks this import's rows by dataset_id: those indexes first. The
   * others after the fill, so that setting prev_rank does not also update
   * them row by row. */
  for (guint i = 0; i < self->bulk_schema->len; i++)
    {
      const char *sql = g_ptr_array_index (self->bulk_schema, i);

      if (g_str_has_prefix (sql, "CREATE INDEX") && is_fill_index (sql) &&
          !dt_store_exec (self->store, sql, error))
        return FALSE;
    }

  for (guint i = 0; fill[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (i == 0 && !self->fill_prev_rank)
        continue;
      stmt = dt_store_prepare (self->store, fill[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->dataset_id);
      sqlite3_bind_int64 (stmt, 2, self->bulk_last_enterprise_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          dt_store_set_sqlite_error (error, db, dt_store_get_path (self->store));
          return FALSE;
        }
    }

  for (guint i = 0; i < self->bulk_schema->len; i++)
    {
      const char *sql = g_ptr_array_index (self->bulk_schema, i);

      if (g_str_has_prefix (sql, "CREATE INDEX") && !is_fill_index (sql) &&
          !dt_store_exec (self->store, sql, error))
        return FALSE;
    }

  /* Triggers last: they act on rows written from now on. */
  for (guint i = 0; i < self->bulk_schema->len; i++)
    {
      const char *sql = g_ptr_array_index (self->bulk_schema, i);

      if (!g_str_has_prefix (sql, "CREATE INDEX") && !dt_store_exec (self->store, sql, error))
        return FALSE;
    }
  g_clear_pointer (&self->bulk_schema, g_ptr_array_unref);
  return TRUE;
}

gboolean
dt_dataset_import_add_row (DtDatasetImport   *self,
                           const DtRowInput  *row,
                           GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (row != NULL && row->values != NULL, FALSE);

  /* No field of the contract holds more than a measure's full text; a
   * value this long is a broken file, whatever its format. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, row->values);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (value != NULL && strlen (value) > DT_DATASET_MAX_FIELD_BYTES)
        {
          set_row_error (error, row, key, _("the field “%s” is %lu bytes long; expected at most %u bytes"),
                         field_label (key), (unsigned long)strlen (value), (guint)DT_DATASET_MAX_FIELD_BYTES);
          return FALSE;
        }
  }

  /* Into a database with few listings, from the first row: the search
   * index is then written once, at the end, and no statement before pays
   * for it being part of the transaction. */
  if ((self->n_rows == BULK_THRESHOLD || (self->n_rows == 0 && self->n_existing < BULK_THRESHOLD)) &&
      self->bulk_schema == NULL && (self->flags & DT_IMPORT_PLAN_ONLY) == 0 &&
      g_str_equal (self->kind, "enterprises") && !enter_bulk (self, error))
    return FALSE;

  if (g_str_equal (self->kind, "regions"))
    ok = add_region (self, row, error);
  else if (g_str_equal (self->kind, "framework"))
    ok = add_framework_node (self, row, error);
  else if (g_str_equal (self->kind, "index"))
    ok = add_index_value (self, row, error);
  else if (g_str_equal (self->kind, "enterprises"))
    ok = add_listing (self, row, error);
  else
    ok = add_measure (self, row, error);

  if (ok)
    self->n_rows++;
  return ok;
}

guint
dt_dataset_import_get_n_rows (DtDatasetImport *self)
{
  return self->n_rows;
}

gboolean
dt_dataset_import_set_checksum (DtDatasetImport  *self,
                                const char       *checksum,
                                GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((self->flags & DT_IMPORT_PLAN_ONLY) != 0 || checksum == NULL)
    return TRUE;

  stmt = dt_store_prepare (self->store, "UPDATE datasets SET checksum = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->dataset_id);
  BIND_TEXT (stmt, 2, checksum);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (self->store), dt_store_get_path (self->store));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_bound (DtDatasetImport  *self,
            const char       *sql,
            GError          **error)
{
  sqlite3_stmt *stmt = dt_store_prepare (self->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->dataset_id);
  sqlite3_bind_int64 (stmt, 2, self->known_enterprise_max_id);
  BIND_TEXT (stmt, 3, self->kind);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (self->store), dt_store_get_path (self->store));
      return FALSE;
    }
  return TRUE;
}

/* Datasets this import emptied go, the firms no list names any more with
 * them; the new dataset takes its key, or key#id when another keeps it. */
static gboolean
tidy_datasets (DtDatasetImport  *self,
               GError          **error)
{
  g_autofree char *empty = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;

  if (self->listings_removed &&
      (!exec_bound (self,
                    "DELETE FROM enterprises WHERE id <= ?2"
                    " AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.enterprise_id = enterprises.id)", error) ||
       /* A firm stays while another year lists it: it moves to the
        * dataset of its latest listing when its own dataset empties. */
       !exec_bound (self,
                    "UPDATE OR IGNORE enterprises SET dataset_id ="
                    "  (SELECT l.dataset_id FROM listings l WHERE l.enterprise_id = enterprises.id"
                    "   ORDER BY l.year DESC LIMIT 1)"
                    " WHERE id <= ?2 AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.dataset_id = enterprises.dataset_id)",
                    error)))
    return FALSE;

  empty = g_strdup_printf ("DELETE FROM datasets WHERE kind = ?3 AND (id <> ?1 OR %u = 0)"
                           " AND NOT EXISTS (SELECT 1 FROM %s t WHERE t.dataset_id = datasets.id)%s",
                           self->n_rows, unit_table (self->kind),
                           g_str_equal (self->kind, "enterprises")
                           ? " AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.dataset_id = datasets.id)" : "");
  if (!exec_bound (self, empty, error))
    return FALSE;
  if (self->n_rows == 0)
    return TRUE;

  stmt = dt_store_prepare (self->store, "SELECT 1 FROM datasets WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  BIND_TEXT (stmt, 1, self->key);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  key = taken ? g_strdup_printf ("%s#%" G_GINT64_FORMAT, self->key, self->dataset_id) : g_strdup (self->key);
  stmt = dt_store_prepare (self->store, "UPDATE datasets SET key = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  BIND_TEXT (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, self->dataset_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (self->store), dt_store_get_path (self->store));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static int
compare_plan_years (gconstpointer a,
                    gconstpointer b)
{
  return ((const DtImportPlanYear *)a)->year - ((const DtImportPlanYear *)b)->year;
}

/* n_kept held what was there when the import began. */
static void
finish_plan (DtDatasetImport *self)
{
  GHashTableIter iter;
  DtImportPlanYear *y;

  self->plan->years = g_array_new (FALSE, FALSE, sizeof (DtImportPlanYear));
  g_hash_table_iter_init (&iter, self->plan_years);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&y))
    {
      if (self->plan->replace_all)
        y->n_replaced = y->n_kept;
      y->n_kept = y->n_kept > y->n_replaced ? y->n_kept - y->n_replaced : 0;
      g_array_append_val (self->plan->years, *y);
    }
  g_array_sort (self->plan->years, compare_plan_years);
}

gboolean
dt_dataset_import_commit (DtDatasetImport  *self,
                          GError          **error)
{
  g_return_val_if_fail (self != NULL && !self->finished, FALSE);

  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->insert_enterprise, sqlite3_finalize);
  g_clear_pointer (&self->find_by_code, sqlite3_finalize);
  g_clear_pointer (&self->find_by_name, sqlite3_finalize);
  g_clear_pointer (&self->update_enterprise, sqlite3_finalize);
  g_clear_pointer (&self->cover, sqlite3_finalize);
  if (self->bulk_schema != NULL && !prev_rank_needs_fill (self, &self->fill_prev_rank, error))
    return FALSE;
  /* Only rows being added need these; at a million rows they are a good
   * part of the memory, which building the indexes can now use. */
  g_hash_table_remove_all (self->enterprise_ids);
  g_array_set_size (self->firms, 0);
  g_hash_table_remove_all (self->list_years);
  g_clear_pointer (&self->row_keys, g_string_chunk_free);

  if (self->flags & DT_IMPORT_PLAN_ONLY)
    {
      finish_plan (self);
      self->finished = TRUE;
      return TRUE;
    }

  if (self->bulk_schema != NULL && !leave_bulk (self, error))
    return FALSE;

  if (!tidy_datasets (self, error))
    return FALSE;

  if (self->own_transaction)
    {
      if (!dt_store_commit (self->store, error))
        {
          self->finished = TRUE;
          return FALSE;
        }
    }
  else if (!dt_store_exec (self->store, "RELEASE dt_dataset_import", error))
    return FALSE;

  finish_plan (self);
  self->finished = TRUE;
  return TRUE;
}

DtImportPlan *
dt_dataset_import_steal_plan (DtDatasetImport *self)
{
  g_return_val_if_fail (self != NULL && self->finished, NULL);
  return g_steal_pointer (&self->plan);
}

void
dt_dataset_import_free (DtDatasetImport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->insert_enterprise, sqlite3_finalize);
  g_clear_pointer (&self->find_by_code, sqlite3_finalize);
  g_clear_pointer (&self->find_by_name, sqlite3_finalize);
  g_clear_pointer (&self->update_enterprise, sqlite3_finalize);
  g_clear_pointer (&self->cover, sqlite3_finalize);

  if (!self->finished && self->in_transaction)
    {
      if (self->own_transaction)
        dt_store_rollback (self->store);
      else
        {
          sqlite3 *db = dt_store_get_db (self->store);
          sqlite3_exec (db, "ROLLBACK TO dt_dataset_import", NULL, NULL, NULL);
          sqlite3_exec (db, "RELEASE dt_dataset_import", NULL, NULL, NULL);
        }
    }

  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->region_levels, g_hash_table_unref);
  g_clear_pointer (&self->region_parents, g_hash_table_unref);
  g_clear_pointer (&self->units, g_hash_table_unref);
  g_clear_pointer (&self->kept_criteria, g_hash_table_unref);
  g_clear_pointer (&self->plan_years, g_hash_table_unref);
  g_clear_pointer (&self->plan, dt_import_plan_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->enterprise_ids, g_hash_table_unref);
  g_clear_pointer (&self->firms, g_array_unref);
  g_clear_pointer (&self->list_years, g_hash_table_unref);
  g_clear_pointer (&self->row_keys, g_string_chunk_free);
  g_clear_pointer (&self->bulk_schema, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->kind, g_free);
  g_free (self);
}

void
dt_import_plan_free (DtImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->kind);
  g_clear_pointer (&plan->years, g_array_unref);
  g_free (plan);
}

/* 2018, 2020–2023 */
static char *
year_ranges (GArray *years)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < years->len; i++)
    {
      int first = g_array_index (years, int, i);
      int last = first;

      while (i + 1 < years->len && g_array_index (years, int, i + 1) == last + 1)
        last = g_array_index (years, int, ++i);
      if (text->len > 0)
        g_string_append (text, ", ");
      if (last == first)
        g_string_append_printf (text, "%d", first);
      else
        g_string_append_printf (text, "%d–%d", first, last);
    }
  return g_string_free (text, FALSE);
}

static void
describe_year (GPtrArray              *lines,
               const DtImportPlanYear *y)
{
  guint n_file = y->n_new + y->n_replacing;

  if (y->n_replaced == 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%d: %u new row.", "%d: %u new rows.", n_file),
                                             y->year, n_file));
  else
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%d: %u row replaces the %u there now.",
                                                       "%d: %u rows replace the %u there now.", n_file),
                                             y->year, n_file, y->n_replaced));
  if (y->n_kept > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%d: %u row the file does not cover is kept.",
                                                       "%d: %u rows the file does not cover are kept.", y->n_kept),
                                             y->year, y->n_kept));
}

static void
describe_units (GPtrArray              *lines,
                const char             *kind,
                const DtImportPlanYear *y)
{
  gboolean measures = g_str_equal (kind, "measures");

  if (y->n_new > 0)
    g_ptr_array_add (lines, g_strdup_printf (measures ? ngettext ("%u new measure.", "%u new measures.", y->n_new)
                                                      : ngettext ("%u new row.", "%u new rows.", y->n_new),
                                             y->n_new));
  if (y->n_replacing > 0)
    g_ptr_array_add (lines, g_strdup_printf (measures ? ngettext ("%u measure replaces the one with its number.",
                                                                  "%u measures replace those with their numbers.", y->n_replacing)
                                                      : ngettext ("%u row replaces the one with its code.",
                                                                  "%u rows replace those with their codes.", y->n_replacing),
                                             y->n_replacing));
  if (y->n_kept > 0)
    g_ptr_array_add (lines, g_strdup_printf (measures ? ngettext ("%u measure not in the file is kept.",
                                                                  "%u measures not in the file are kept.", y->n_kept)
                                                      : ngettext ("%u row not in the file is kept.",
                                                                  "%u rows not in the file are kept.", y->n_kept),
                                             y->n_kept));
}

char *
dt_import_plan_describe (const DtImportPlan *plan)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean by_year;
  guint n_replaced = 0;

  g_return_val_if_fail (plan != NULL && plan->years != NULL, NULL);

  by_year = g_str_equal (plan->kind, "enterprises") || g_str_equal (plan->kind, "index");

  for (guint i = 0; i < plan->years->len; i++)
    n_replaced += g_array_index (plan->years, DtImportPlanYear, i).n_replaced;
  if (plan->replace_all && n_replaced > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("Every row of this kind is replaced: the %u row there now goes.",
                                                       "Every row of this kind is replaced: the %u rows there now go.",
                                                       n_replaced),
                                             n_replaced));

  for (guint i = 0; i < plan->years->len; i++)
    {
      const DtImportPlanYear *y = &g_array_index (plan->years, DtImportPlanYear, i);

      if (!by_year)
        describe_units (lines, plan->kind, y);
      else if (y->n_new + y->n_replacing > 0)
        describe_year (lines, y);
      else if (y->n_kept > 0)
        g_array_append_val (kept, y->year);
    }

  if (kept->len > 0)
    {
      g_autofree char *years = year_ranges (kept);

      g_ptr_array_add (lines, g_strdup_printf (ngettext ("%s: kept, as the file holds nothing of that year.",
                                                         "%s: kept, as the file holds nothing of those years.",
                                                         kept->len),
                                               years));
    }

  if (plan->n_sample > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("The %u row of fictional sample data of this kind is removed.",
                                                       "The %u rows of fictional sample data of this kind are removed.",
                                                       plan->n_sample),
                                             plan->n_sample));

  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (_("The file changes nothing.")));

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **)lines->pdata);
}

char *
dt_dataset_describe (DtStore *store,
                     gint64   dataset_id)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  stmt = dt_store_prepare (store, "SELECT title, title_zh, source, provenance, imported_at, source_zh "
                           "FROM datasets WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *title = dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                        (const char *)sqlite3_column_text (stmt, 0));
      const char *provenance = dt_vocabulary_label (DT_VOCABULARY_PROVENANCE,
                                                    (const char *)sqlite3_column_text (stmt, 3));
      const char *source = dt_pick_name ((const char *)sqlite3_column_text (stmt, 5),
                                         (const char *)sqlite3_column_text (stmt, 2));
      g_autofree char *imported = dt_format_timestamp ((const char *)sqlite3_column_text (stmt, 4));

      /* Translators: dataset title, provenance (Sample/Official/User), source, date */
      text = g_strdup_printf (_("From “%s” (%s). Source: %s. Imported %s."),
                              title, provenance, source, imported);
    }
  sqlite3_finalize (stmt);
  return text;
}
