/* dt-measure-eligibility.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each criterion is judged on its own, so the answer can say which ones
 * hold, which fail and which the data cannot tell. A measure without
 * structured criteria is reported as such: nothing is assumed about who
 * it is open to.
 */

#define G_LOG_DOMAIN "dt-measure-eligibility"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dt-error.h"
#include "dt-facet-index.h"
#include "dt-measure-eligibility.h"
#include "dt-number-format.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

DtEnterpriseFacts *
dt_enterprise_facts_new (void)
{
  DtEnterpriseFacts *facts = g_new0 (DtEnterpriseFacts, 1);

  facts->ranks_by_year = g_hash_table_new (g_direct_hash, g_direct_equal);
  facts->list_years = g_hash_table_new (g_direct_hash, g_direct_equal);
  return facts;
}

void
dt_enterprise_facts_free (DtEnterpriseFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->name_zh);
  g_free (facts->name_en);
  g_free (facts->district);
  g_free (facts->category);
  g_free (facts->sector);
  g_clear_pointer (&facts->ranks_by_year, g_hash_table_unref);
  g_clear_pointer (&facts->list_years, g_hash_table_unref);
  g_free (facts);
}

void
dt_criterion_check_free (DtCriterionCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->kind);
  g_free (check->reason);
  g_free (check);
}

void
dt_eligibility_free (DtEligibility *eligibility)
{
  if (eligibility == NULL)
    return;

  g_free (eligibility->measure_title_zh);
  g_free (eligibility->measure_title_en);
  g_free (eligibility->enterprise_name_zh);
  g_free (eligibility->enterprise_name_en);
  g_clear_pointer (&eligibility->checks, g_ptr_array_unref);
  g_free (eligibility);
}

static void
load_list_years (DtStore           *store,
                 DtEnterpriseFacts *facts)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT DISTINCT year FROM listings", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (facts->list_years, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
  sqlite3_finalize (stmt);
}

/* @list_years, when given, saves asking the database once per enterprise. */
static DtEnterpriseFacts *
facts_load (DtStore     *store,
            gint64       enterprise_id,
            int          year,
            GHashTable  *list_years,
            GError     **error)
{
  g_autoptr(DtEnterpriseFacts) facts = dt_enterprise_facts_new ();
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  /* The asked year's listing first, else the latest one. */
  stmt = dt_store_prepare (store,
                           "SELECT e.name_zh, e.name_en, e.founded, l.year, l.rank, l.in_ftz, l.district,"
                           " l.category, l.sector, l.trade_volume "
                           "FROM enterprises e JOIN listings l ON l.enterprise_id = e.id "
                           "WHERE e.id = ?1 ORDER BY l.year = ?2 DESC, l.year DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      facts->enterprise_id = enterprise_id;
      facts->name_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      facts->name_en = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      facts->has_founded = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      facts->founded = sqlite3_column_int (stmt, 2);
      facts->year = sqlite3_column_int (stmt, 3);
      facts->rank = sqlite3_column_int (stmt, 4);
      facts->has_in_ftz = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      facts->in_ftz = sqlite3_column_int (stmt, 5) != 0;
      facts->district = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      facts->category = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
      facts->sector = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
      facts->has_trade_volume = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      facts->trade_volume = sqlite3_column_double (stmt, 9);
    }
  sqlite3_finalize (stmt);

  if (!found)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("There is no listed enterprise with id %lld"), (long long)enterprise_id);
      return NULL;
    }

  stmt = dt_store_prepare (store, "SELECT year, rank FROM listings WHERE enterprise_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, enterprise_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (facts->ranks_by_year,
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);

  if (list_years != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, list_years);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (facts->list_years, key);
    }
  else
    load_list_years (store, facts);
  return g_steal_pointer (&facts);
}

DtEnterpriseFacts *
dt_enterprise_facts_load (DtStore  *store,
                          gint64    enterprise_id,
                          int       year,
                          GError  **error)
{
  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  return facts_load (store, enterprise_id, year, NULL, error);
}

GHashTable *
dt_measure_eligibility_region_names (DtStore *store)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = dt_store_prepare (store, "SELECT code, name_zh, name_en FROM regions", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (names,
                         g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup (dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                                 (const char *)sqlite3_column_text (stmt, 2))));
  sqlite3_finalize (stmt);
  return names;
}

static const char *
region_name (GHashTable *names,
             const char *code)
{
  const char *name = names != NULL ? g_hash_table_lookup (names, code) : NULL;

  return name != NULL ? name : code;
}

/* A criterion value as text: strings as they are, numbers in decimal. */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gboolean
value_number (JsonNode *node,
              double   *number)
{
  g_autofree char *text = value_text (node);
  char *end = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static gboolean
value_boolean (JsonNode *node)
{
  g_autofree char *text = value_text (node);

  /* Absent or anything but an explicit "no" means the usual requirement. */
  return text == NULL ||
         !(g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0") ||
           g_ascii_strcasecmp (text, "no") == 0);
}

static char *
format_volume (double volume)
{
  /* Volumes are recorded in 万元; each language's own units. */
  return dt_amount_format (volume, DT_NUMBER_STYLE_AUTO);
}

static DtCriterionCheck *
new_check (const char         *kind,
           DtCriterionOutcome  outcome,
           char               *reason)
{
  DtCriterionCheck *check = g_new0 (DtCriterionCheck, 1);

  check->kind = g_strdup (kind);
  check->outcome = outcome;
  check->reason = reason;
  return check;
}

static DtCriterionCheck *
check_term (const char              *kind,
            DtVocabulary             vocabulary,
            const char              *have,
            const char              *required)
{
  const char *required_label = dt_vocabulary_label (vocabulary, required);

  if (have == NULL || have[0] == '\0')
    return new_check (kind, DT_CRITERION_UNKNOWN,
                      g_strdup_printf (vocabulary == DT_VOCABULARY_SECTOR
                                       ? _("Sector not recorded; the measure requires %s")
                                       : _("Category not recorded; the measure requires %s"),
                                       required_label));

  if (g_strcmp0 (have, required) == 0 ||
      g_strcmp0 (dt_vocabulary_find (vocabulary, required), have) == 0)
    return new_check (kind, DT_CRITERION_MET,
                      g_strdup_printf (vocabulary == DT_VOCABULARY_SECTOR ? _("Sector is %s, as required")
                                                                          : _("Category is %s, as required"),
                                       required_label));

  return new_check (kind, DT_CRITERION_NOT_MET,
                    g_strdup_printf (vocabulary == DT_VOCABULARY_SECTOR
                                     ? _("Sector is %s; the measure requires %s")
                                     : _("Category is %s; the measure requires %s"),
                                     dt_vocabulary_label (vocabulary, have), required_label));
}

static DtCriterionCheck *
check_one (const char              *kind,
           JsonNode                *value,
           const DtEnterpriseFacts *facts,
           GHashTable              *region_names)
{
  g_autofree char *text = value_text (value);
  double number = 0;

  if (g_strcmp0 (kind, "in-ftz") == 0)
    {
      gboolean required = value_boolean (value);

      if (!facts->has_in_ftz)
        return new_check (kind, DT_CRITERION_UNKNOWN,
                          g_strdup (_("Not recorded whether it is in the FTZ Binjiang block")));
      if (facts->in_ftz == required)
        return new_check (kind, DT_CRITERION_MET,
                          g_strdup (required ? _("In the FTZ Binjiang block, as required")
                                             : _("Outside the FTZ Binjiang block, as required")));
      return new_check (kind, DT_CRITERION_NOT_MET,
                        g_strdup (required ? _("Not in the FTZ Binjiang block; the measure requires it")
                                           : _("In the FTZ Binjiang block; the measure is for enterprises outside it")));
    }

  if (g_strcmp0 (kind, "district") == 0 && text != NULL)
    {
      if (facts->district == NULL || facts->district[0] == '\0')
        return new_check (kind, DT_CRITERION_UNKNOWN,
                          g_strdup_printf (_("District not recorded; the measure requires %s"),
                                           region_name (region_names, text)));
      if (g_str_equal (facts->district, text))
        return new_check (kind, DT_CRITERION_MET,
                          g_strdup_printf (_("Located in %s, as required"), region_name (region_names, text)));
      return new_check (kind, DT_CRITERION_NOT_MET,
                        g_strdup_printf (_("Located in %s; the measure requires %s"),
                                         region_name (region_names, facts->district),
                                         region_name (region_names, text)));
    }

  if (g_strcmp0 (kind, "category") == 0 && text != NULL)
    return check_term (kind, DT_VOCABULARY_ENTERPRISE_CATEGORY, facts->category, text);

  if (g_strcmp0 (kind, "sector") == 0 && text != NULL)
    return check_term (kind, DT_VOCABULARY_SECTOR, facts->sector, text);

  if (g_strcmp0 (kind, "min-trade-volume") == 0 && value_number (value, &number))
    {
      g_autofree char *required = format_volume (number);
      g_autofree char *have = NULL;

      if (!facts->has_trade_volume)
        return new_check (kind, DT_CRITERION_UNKNOWN,
                          g_strdup_printf (_("Digital trade volume not recorded; at least %s required"), required));
      have = format_volume (facts->trade_volume);
      if (facts->trade_volume >= number)
        return new_check (kind, DT_CRITERION_MET,
                          g_strdup_printf (_("Digital trade volume %s in %d, at least the %s required"),
                                           have, facts->year, required));
      return new_check (kind, DT_CRITERION_NOT_MET,
                        g_strdup_printf (_("Digital trade volume %s in %d, below the %s required"),
                                         have, facts->year, required));
    }

  if (g_strcmp0 (kind, "top100-year") == 0 && value_number (value, &number))
    {
      int year = (int)number;
      gpointer rank;

      if (g_hash_table_lookup_extended (facts->ranks_by_year, GINT_TO_POINTER (year), NULL, &rank))
        return new_check (kind, DT_CRITERION_MET,
                          g_strdup_printf (_("On the %d Top-100 list, rank %d"), year, GPOINTER_TO_INT (rank)));
      if (g_hash_table_contains (facts->list_years, GINT_TO_POINTER (year)))
        return new_check (kind, DT_CRITERION_NOT_MET,
                          g_strdup_printf (_("Not on the %d Top-100 list"), year));
      return new_check (kind, DT_CRITERION_UNKNOWN,
                        g_strdup_printf (_("The %d Top-100 list is not in the database"), year));
    }

  if (g_strcmp0 (kind, "founded-after") == 0 && value_number (value, &number))
    {
      int year = (int)number;

      if (!facts->has_founded)
        return new_check (kind, DT_CRITERION_UNKNOWN,
                          g_strdup_printf (_("Founding year not recorded; the measure requires founding after %d"), year));
      if (facts->founded > year)
        return new_check (kind, DT_CRITERION_MET,
                          g_strdup_printf (_("Founded in %d, after %d as required"), facts->founded, year));
      return new_check (kind, DT_CRITERION_NOT_MET,
                        g_strdup_printf (_("Founded in %d; the measure requires founding after %d"), facts->founded, year));
    }

  /* Known kinds land here only with an unusable value. */
  return new_check (kind != NULL ? kind : "", DT_CRITERION_UNKNOWN,
                    g_strdup_printf (_("The criterion “%s: %s” cannot be checked; the measure's data needs correcting"),
                                     kind != NULL ? kind : "?", text != NULL ? text : "?"));
}

GPtrArray *
dt_measure_criteria_check (const char              *criteria_json,
                           const DtEnterpriseFacts *facts,
                           GHashTable              *region_names,
                           DtEligibilityVerdict    *out_verdict)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_criterion_check_free);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_not_met = FALSE, any_unknown = FALSE;
  JsonNode *root;

  g_return_val_if_fail (facts != NULL, NULL);

  if (criteria_json != NULL && criteria_json[0] != '\0')
    {
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, criteria_json, -1, &error) ||
          (root = json_parser_get_root (parser)) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (root))
        {
          g_ptr_array_add (checks,
                           new_check ("criteria", DT_CRITERION_UNKNOWN,
                                      g_strdup (_("The measure's criteria cannot be read; they should be a list of {kind, value}"))));
        }
      else
        {
          JsonArray *array = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
              const char *kind = NULL;
              JsonNode *value = NULL;

              if (object != NULL)
                {
                  JsonNode *kind_node = json_object_get_member (object, "kind");

                  if (kind_node != NULL && JSON_NODE_HOLDS_VALUE (kind_node) &&
                      json_node_get_value_type (kind_node) == G_TYPE_STRING)
                    kind = json_node_get_string (kind_node);
                  value = json_object_get_member (object, "value");
                }
              g_ptr_array_add (checks, check_one (kind, value, facts, region_names));
            }
        }
    }

  for (guint i = 0; i < checks->len; i++)
    {
      DtCriterionCheck *check = g_ptr_array_index (checks, i);

      any_not_met |= check->outcome == DT_CRITERION_NOT_MET;
      any_unknown |= check->outcome == DT_CRITERION_UNKNOWN;
    }

  if (out_verdict != NULL)
    {
      if (checks->len == 0)
        *out_verdict = DT_ELIGIBILITY_NO_CRITERIA;
      else if (any_not_met)
        *out_verdict = DT_ELIGIBILITY_DOES_NOT_QUALIFY;
      else if (any_unknown)
        *out_verdict = DT_ELIGIBILITY_UNKNOWN;
      else
        *out_verdict = DT_ELIGIBILITY_QUALIFIES;
    }

  return g_steal_pointer (&checks);
}

static DtEligibility *
eligibility_new (gint64                   no,
                 const char              *title_zh,
                 const char              *title_en,
                 const char              *criteria,
                 const DtEnterpriseFacts *facts,
                 GHashTable              *region_names)
{
  DtEligibility *eligibility = g_new0 (DtEligibility, 1);

  eligibility->measure_no = no;
  eligibility->measure_title_zh = g_strdup (title_zh);
  eligibility->measure_title_en = g_strdup (title_en);
  eligibility->enterprise_id = facts->enterprise_id;
  eligibility->enterprise_name_zh = g_strdup (facts->name_zh);
  eligibility->enterprise_name_en = g_strdup (facts->name_en);
  eligibility->year = facts->year;
  eligibility->rank = facts->rank;
  eligibility->checks = dt_measure_criteria_check (criteria, facts, region_names, &eligibility->verdict);
  return eligibility;
}

GPtrArray *
dt_measure_eligibility_for_enterprise (DtStore  *store,
                                       gint64    enterprise_id,
                                       int       year,
                                       GError  **error)
{
  g_autoptr(DtEnterpriseFacts) facts = NULL;
  g_autoptr(GHashTable) region_names = NULL;
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_eligibility_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  facts = dt_enterprise_facts_load (store, enterprise_id, year, error);
  if (facts == NULL)
    return NULL;
  region_names = dt_measure_eligibility_region_names (store);

  stmt = dt_store_prepare (store, "SELECT no, title_zh, title_en, criteria FROM measures ORDER BY no", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (answers,
                     eligibility_new (sqlite3_column_int64 (stmt, 0),
                                      (const char *)sqlite3_column_text (stmt, 1),
                                      (const char *)sqlite3_column_text (stmt, 2),
                                      (const char *)sqlite3_column_text (stmt, 3),
                                      facts, region_names));
  sqlite3_finalize (stmt);

  return g_steal_pointer (&answers);
}

static int
compare_by_verdict_then_rank (gconstpointer a,
                              gconstpointer b)
{
  const DtEligibility *ea = *(DtEligibility * const *)a;
  const DtEligibility *eb = *(DtEligibility * const *)b;

  if (ea->verdict != eb->verdict)
    return ea->verdict < eb->verdict ? -1 : 1;
  return ea->rank - eb->rank;
}

GPtrArray *
dt_measure_eligibility_for_measure (DtStore  *store,
                                    gint64    no,
                                    int       year,
                                    GError  **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_eligibility_free);
  g_autoptr(GHashTable) region_names = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DtEnterpriseFacts) years = NULL;
  g_autofree char *title_zh = NULL, *title_en = NULL, *criteria = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  stmt = dt_store_prepare (store, "SELECT title_zh, title_en, criteria FROM measures WHERE no = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, no);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      title_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      title_en = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      criteria = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (!found)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("There is no measure number %lld"), (long long)no);
      return NULL;
    }

  stmt = dt_store_prepare (store,
                           "SELECT enterprise_id FROM listings "
                           "WHERE year = CASE WHEN ?1 > 0 THEN ?1 ELSE (SELECT max(year) FROM listings) END "
                           "ORDER BY rank", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  region_names = dt_measure_eligibility_region_names (store);
  years = dt_enterprise_facts_new ();
  load_list_years (store, years);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DtEnterpriseFacts) facts = facts_load (store, g_array_index (ids, gint64, i),
                                                       year, years->list_years, error);

      if (facts == NULL)
        return NULL;
      g_ptr_array_add (answers, eligibility_new (no, title_zh, title_en, criteria, facts, region_names));
    }

  g_ptr_array_sort (answers, compare_by_verdict_then_rank);
  return g_steal_pointer (&answers);
}

/* Judging a whole list at once: each criterion becomes an SQL expression
 * over the listing `l` and its enterprise `e` that is 1 (met), 0 (not met)
 * or NULL (the data does not say), exactly as check_one() decides, so
 * SQL's three-valued logic gives the verdict of every row in one pass.
 * test-measures compares both ways on every measure. */

static char *
term_sql (const char   *column,
          DtVocabulary  vocabulary,
          const char   *required)
{
  const char *canonical = dt_vocabulary_find (vocabulary, required);
  char *sql;
  char *result;

  if (canonical != NULL && g_strcmp0 (canonical, required) != 0)
    sql = sqlite3_mprintf ("(CASE WHEN nullif(%s, '') IS NULL THEN NULL ELSE %s IN (%Q, %Q) END)",
                           column, column, required, canonical);
  else
    sql = sqlite3_mprintf ("(CASE WHEN nullif(%s, '') IS NULL THEN NULL ELSE %s = %Q END)",
                           column, column, required);
  result = g_strdup (sql);
  sqlite3_free (sql);
  return result;
}

static char *
criterion_sql (const char *kind,
               JsonNode   *value,
               GHashTable *list_years)
{
  g_autofree char *text = value_text (value);
  double number = 0;

  if (g_strcmp0 (kind, "in-ftz") == 0)
    return g_strdup_printf ("((l.in_ftz <> 0) = %d)", value_boolean (value) ? 1 : 0);

  if (g_strcmp0 (kind, "district") == 0 && text != NULL)
    {
      char *sql = sqlite3_mprintf ("(nullif(l.district, '') = %Q)", text);
      char *result = g_strdup (sql);

      sqlite3_free (sql);
      return result;
    }

  if (g_strcmp0 (kind, "category") == 0 && text != NULL)
    return term_sql ("l.category", DT_VOCABULARY_ENTERPRISE_CATEGORY, text);

  if (g_strcmp0 (kind, "sector") == 0 && text != NULL)
    return term_sql ("l.sector", DT_VOCABULARY_SECTOR, text);

  if (g_strcmp0 (kind, "min-trade-volume") == 0 && value_number (value, &number))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup_printf ("(l.trade_volume >= %s)", g_ascii_dtostr (buffer, sizeof buffer, number));
    }

  if (g_strcmp0 (kind, "top100-year") == 0 && value_number (value, &number))
    {
      int year = (int)number;

      if (!g_hash_table_contains (list_years, GINT_TO_POINTER (year)))
        return g_strdup ("NULL");
      return g_strdup_printf ("EXISTS (SELECT 1 FROM listings t WHERE t.enterprise_id = l.enterprise_id AND t.year = %d)",
                              year);
    }

  if (g_strcmp0 (kind, "founded-after") == 0 && value_number (value, &number))
    return g_strdup_printf ("(e.founded > %d)", (int)number);

  return g_strdup ("NULL");
}

/* The verdict (a DtEligibilityVerdict) of every row as an SQL expression,
 * or NULL when the measure carries no structured criteria. */
static char *
verdict_sql (const char *criteria_json,
             GHashTable *list_years)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) not_met = g_string_new (NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  JsonNode *root;

  if (criteria_json == NULL || criteria_json[0] == '\0')
    return NULL;

  if (!json_parser_load_from_data (parser, criteria_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    g_ptr_array_add (terms, g_strdup ("NULL"));
  else
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          JsonNode *kind_node = object != NULL ? json_object_get_member (object, "kind") : NULL;
          const char *kind = NULL;

          if (kind_node != NULL && JSON_NODE_HOLDS_VALUE (kind_node) &&
              json_node_get_value_type (kind_node) == G_TYPE_STRING)
            kind = json_node_get_string (kind_node);
          g_ptr_array_add (terms, criterion_sql (kind, object != NULL ? json_object_get_member (object, "value") : NULL,
                                                 list_years));
        }
    }

  if (terms->len == 0)
    return NULL;

  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      g_string_append_printf (not_met, "%s%s = 0", i > 0 ? " OR " : "", term);
      g_string_append_printf (unknown, "%s%s IS NULL", i > 0 ? " OR " : "", term);
    }

  return g_strdup_printf ("(CASE WHEN %s THEN %d WHEN %s THEN %d ELSE %d END)",
                          not_met->str, DT_ELIGIBILITY_DOES_NOT_QUALIFY,
                          unknown->str, DT_ELIGIBILITY_UNKNOWN,
                          DT_ELIGIBILITY_QUALIFIES);
}

typedef struct
{
  char  *title_zh;
  char  *title_en;
  char  *criteria;
  int    year;       /* the list judged, 0 when there is none */
  char  *verdict;    /* SQL, NULL without criteria */
} MeasureJudgement;

static void
measure_judgement_clear (MeasureJudgement *judgement)
{
  g_clear_pointer (&judgement->title_zh, g_free);
  g_clear_pointer (&judgement->title_en, g_free);
  g_clear_pointer (&judgement->criteria, g_free);
  g_clear_pointer (&judgement->verdict, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MeasureJudgement, measure_judgement_clear)

/* The measure @no and the list @year (0: the latest) it is judged on. */
static gboolean
measure_load (DtStore           *store,
              gint64             no,
              int                year,
              MeasureJudgement  *judgement,
              GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = dt_store_prepare (store,
                           "SELECT title_zh, title_en, criteria,"
                           " CASE WHEN ?2 > 0 THEN ?2 ELSE (SELECT coalesce(max(year), 0) FROM listings) END "
                           "FROM measures WHERE no = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, no);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      judgement->title_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      judgement->title_en = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      judgement->criteria = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      judgement->year = sqlite3_column_int (stmt, 3);
    }
  sqlite3_finalize (stmt);
  if (!found)
    g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                 _("There is no measure number %lld"), (long long)no);
  return found;
}

/* … and the SQL of its verdict per listing. */
static gboolean
measure_judgement_load (DtStore           *store,
                        gint64             no,
                        int                year,
                        MeasureJudgement  *judgement,
                        GError           **error)
{
  g_autoptr(DtEnterpriseFacts) years = dt_enterprise_facts_new ();

  if (!measure_load (store, no, year, judgement, error))
    return FALSE;
  load_list_years (store, years);
  judgement->verdict = verdict_sql (judgement->criteria, years->list_years);
  return TRUE;
}

static int
cancelled_handler (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* Lets @cancellable interrupt a long statement on @store's connection. */
static void
watch_cancellable (DtStore      *store,
                   GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (dt_store_get_db (store), 10000, cancelled_handler, cancellable);
  else
    sqlite3_progress_handler (dt_store_get_db (store), 0, NULL, NULL);
}

static gboolean
step_failed (DtStore       *store,
             int            rc,
             GCancellable  *cancellable,
             GError       **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return TRUE;
  dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
  return TRUE;
}

static GPtrArray *
qualifying_page (DtStore                 *store,
                 gint64                   no,
                 const MeasureJudgement  *judgement,
                 guint                    offset,
                 guint                    limit,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_eligibility_free);
  g_autoptr(GHashTable) region_names = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DtEnterpriseFacts) years = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (judgement->verdict == NULL || judgement->year == 0 || limit == 0)
    return g_steal_pointer (&answers);

  sql = g_strdup_printf ("SELECT l.enterprise_id FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                         "WHERE l.year = ?1 AND %s = %d ORDER BY l.rank LIMIT ?2 OFFSET ?3",
                         judgement->verdict, DT_ELIGIBILITY_QUALIFIES);
  if ((stmt = dt_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, judgement->year);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  watch_cancellable (store, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  watch_cancellable (store, NULL);
  sqlite3_finalize (stmt);
  if (step_failed (store, rc, cancellable, error))
    return NULL;

  /* Only the rows shown get their reasons spelled out. */
  region_names = dt_measure_eligibility_region_names (store);
  years = dt_enterprise_facts_new ();
  load_list_years (store, years);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DtEnterpriseFacts) facts = facts_load (store, g_array_index (ids, gint64, i),
                                                       judgement->year, years->list_years, error);

      if (facts == NULL)
        return NULL;
      g_ptr_array_add (answers, eligibility_new (no, judgement->title_zh, judgement->title_en,
                                                 judgement->criteria, facts, region_names));
    }
  return g_steal_pointer (&answers);
}

void
dt_eligibility_summary_free (DtEligibilitySummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->qualifying, g_ptr_array_unref);
  g_free (summary);
}

DtEligibilitySummary *
dt_measure_eligibility_summarise (DtStore       *store,
                                  gint64         no,
                                  int            year,
                                  guint          page_size,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_auto(MeasureJudgement) judgement = { 0 };
  g_autoptr(DtEligibilitySummary) summary = g_new0 (DtEligibilitySummary, 1);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !measure_judgement_load (store, no, year, &judgement, error))
    return NULL;

  summary->measure_no = no;
  summary->year = judgement.year;
  if (judgement.verdict == NULL)
    judgement.verdict = g_strdup_printf ("%d", DT_ELIGIBILITY_NO_CRITERIA);
  sql = g_strdup_printf ("SELECT %s, count(*) FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                         "WHERE l.year = ?1 GROUP BY 1", judgement.verdict);
  if ((stmt = dt_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, judgement.year);
  watch_cancellable (store, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int verdict = sqlite3_column_int (stmt, 0);

      if (verdict >= 0 && verdict < (int)G_N_ELEMENTS (summary->counts))
        summary->counts[verdict] = sqlite3_column_int (stmt, 1);
    }
  watch_cancellable (store, NULL);
  sqlite3_finalize (stmt);
  if (step_failed (store, rc, cancellable, error))
    return NULL;

  summary->qualifying = qualifying_page (store, no, &judgement, 0, page_size, cancellable, error);
  if (summary->qualifying == NULL)
    return NULL;
  return g_steal_pointer (&summary);
}

GPtrArray *
dt_measure_eligibility_qualifying (DtStore       *store,
                                   gint64         no,
                                   int            year,
                                   guint          offset,
                                   guint          limit,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_auto(MeasureJudgement) judgement = { 0 };

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !measure_judgement_load (store, no, year, &judgement, error))
    return NULL;
  return qualifying_page (store, no, &judgement, offset, limit, cancellable, error);
}

/* Judging a whole list from the facet index's bitmaps: the same criteria
 * as criterion_sql() reads them, as DtFacetTests. test-measures compares
 * this with judging each enterprise on its own. */

typedef struct
{
  GArray    *tests;     /* DtFacetTest */
  GPtrArray *strings;   /* what the tests point into */
  GArray    *years;     /* int: the list years the criteria name */
} IndexTests;

static void
index_tests_clear (IndexTests *t)
{
  g_clear_pointer (&t->tests, g_array_unref);
  g_clear_pointer (&t->strings, g_ptr_array_unref);
  g_clear_pointer (&t->years, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IndexTests, index_tests_clear)

static DtFacetTest
criterion_test (const char *kind,
                JsonNode   *value,
                IndexTests *t)
{
  DtFacetTest test = { DT_FACET_TEST_UNKNOWN, NULL, { NULL }, 0 };
  g_autofree char *text = value_text (value);
  double number = 0;

  if (g_strcmp0 (kind, "in-ftz") == 0)
    {
      test.kind = DT_FACET_TEST_IN_FTZ;
      test.number = value_boolean (value) ? 1 : 0;
    }
  else if (g_strcmp0 (kind, "district") == 0 && text != NULL)
    {
      test.kind = DT_FACET_TEST_EQUALS;
      test.key = "district";
      test.values[0] = text;
      g_ptr_array_add (t->strings, g_steal_pointer (&text));
    }
  else if ((g_strcmp0 (kind, "category") == 0 || g_strcmp0 (kind, "sector") == 0) && text != NULL)
    {
      DtVocabulary vocabulary = g_str_equal (kind, "sector") ? DT_VOCABULARY_SECTOR : DT_VOCABULARY_ENTERPRISE_CATEGORY;
      const char *canonical = dt_vocabulary_find (vocabulary, text);

      test.kind = DT_FACET_TEST_EQUALS;
      test.key = g_str_equal (kind, "sector") ? "sector" : "category";
      test.values[0] = text;
      test.values[1] = canonical;
      g_ptr_array_add (t->strings, g_steal_pointer (&text));
    }
  else if (g_strcmp0 (kind, "min-trade-volume") == 0 && value_number (value, &number))
    {
      test.kind = DT_FACET_TEST_AT_LEAST;
      test.number = number;
    }
  else if (g_strcmp0 (kind, "top100-year") == 0 && value_number (value, &number))
    {
      int year = (int)number;

      test.kind = DT_FACET_TEST_LISTED_IN;
      test.number = year;
      g_array_append_val (t->years, year);
    }
  else if (g_strcmp0 (kind, "founded-after") == 0 && value_number (value, &number))
    {
      test.kind = DT_FACET_TEST_FOUNDED_AFTER;
      test.number = (int)number;
    }
  return test;
}

/* FALSE when the measure carries no structured criteria. */
static gboolean
index_tests_init (IndexTests *t,
                  const char *criteria_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  t->tests = g_array_new (FALSE, FALSE, sizeof (DtFacetTest));
  t->strings = g_ptr_array_new_with_free_func (g_free);
  t->years = g_array_new (FALSE, FALSE, sizeof (int));
  if (criteria_json == NULL || criteria_json[0] == '\0')
    return FALSE;

  if (!json_parser_load_from_data (parser, criteria_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    {
      DtFacetTest unreadable = { DT_FACET_TEST_UNKNOWN, NULL, { NULL }, 0 };

      g_array_append_val (t->tests, unreadable);
    }
  else
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          JsonNode *kind_node = object != NULL ? json_object_get_member (object, "kind") : NULL;
          const char *kind = NULL;
          DtFacetTest test;

          if (kind_node != NULL && JSON_NODE_HOLDS_VALUE (kind_node) &&
              json_node_get_value_type (kind_node) == G_TYPE_STRING)
            kind = json_node_get_string (kind_node);
          test = criterion_test (kind, object != NULL ? json_object_get_member (object, "value") : NULL, t);
          g_array_append_val (t->tests, test);
        }
    }
  return t->tests->len > 0;
}

/* The measure's title, criteria and the list judged, without SQL over the
 * whole list. */
/* The qualifying listings @ids (from the index) with their reasons. */
static GPtrArray *
indexed_answers (DtStore                *store,
                 DtFacetIndex           *index,
                 gint64                  no,
                 const MeasureJudgement *judgement,
                 const IndexTests       *t,
                 GArray                 *ids,
                 GError                **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_eligibility_free);
  g_autoptr(GHashTable) region_names = NULL;
  g_autoptr(GHashTable) list_years = g_hash_table_new (NULL, NULL);
  sqlite3_stmt *stmt;

  if (ids->len == 0)
    return g_steal_pointer (&answers);

  /* Only the years a criterion names are ever looked up. */
  for (guint i = 0; i < t->years->len; i++)
    if (dt_facet_index_has_year (index, g_array_index (t->years, int, i)))
      g_hash_table_add (list_years, GINT_TO_POINTER (g_array_index (t->years, int, i)));

  region_names = dt_measure_eligibility_region_names (store);
  if ((stmt = dt_store_prepare (store, "SELECT enterprise_id FROM listings WHERE id = ?", error)) == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DtEnterpriseFacts) facts = NULL;
      gint64 enterprise_id;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        continue;   /* gone since the index was built */
      enterprise_id = sqlite3_column_int64 (stmt, 0);
      if ((facts = facts_load (store, enterprise_id, judgement->year, list_years, error)) == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_ptr_array_add (answers, eligibility_new (no, judgement->title_zh, judgement->title_en,
                                                 judgement->criteria, facts, region_names));
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&answers);
}

DtEligibilitySummary *
dt_measure_eligibility_summarise_indexed (DtStore       *store,
                                          DtFacetIndex  *index,
                                          gint64         no,
                                          int            year,
                                          guint          page_size,
                                          GCancellable  *cancellable,
                                          GError       **error)
{
  g_auto(MeasureJudgement) judgement = { 0 };
  g_auto(IndexTests) t = { NULL };
  g_autoptr(DtEligibilitySummary) summary = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint counts[3] = { 0 };
  gboolean has_criteria;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (index == NULL || !dt_facet_index_is_ready (index))
    return dt_measure_eligibility_summarise (store, no, year, page_size, cancellable, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !measure_load (store, no, year, &judgement, error))
    return NULL;

  has_criteria = index_tests_init (&t, judgement.criteria);
  if (!dt_facet_index_judge (index, judgement.year, (const DtFacetTest *)(gpointer)t.tests->data,
                             has_criteria ? t.tests->len : 0, counts, 0,
                             has_criteria ? page_size : 0, ids))
    return dt_measure_eligibility_summarise (store, no, year, page_size, cancellable, error);

  summary = g_new0 (DtEligibilitySummary, 1);
  summary->measure_no = no;
  summary->year = judgement.year;
  if (!has_criteria)
    summary->counts[DT_ELIGIBILITY_NO_CRITERIA] = counts[0];
  else
    {
      summary->counts[DT_ELIGIBILITY_QUALIFIES] = counts[0];
      summary->counts[DT_ELIGIBILITY_UNKNOWN] = counts[1];
      summary->counts[DT_ELIGIBILITY_DOES_NOT_QUALIFY] = counts[2];
    }
  summary->qualifying = indexed_answers (store, index, no, &judgement, &t, ids, error);
  if (summary->qualifying == NULL)
    return NULL;
  return g_steal_pointer (&summary);
}

GPtrArray *
dt_measure_eligibility_qualifying_indexed (DtStore       *store,
                                           DtFacetIndex  *index,
                                           gint64         no,
                                           int            year,
                                           guint          offset,
                                           guint          limit,
                                           GCancellable  *cancellable,
                                           GError       **error)
{
  g_auto(MeasureJudgement) judgement = { 0 };
  g_auto(IndexTests) t = { NULL };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint counts[3];

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (index == NULL || !dt_facet_index_is_ready (index))
    return dt_measure_eligibility_qualifying (store, no, year, offset, limit, cancellable, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !measure_load (store, no, year, &judgement, error))
    return NULL;
  if (!index_tests_init (&t, judgement.criteria))
    return g_ptr_array_new_with_free_func ((GDestroyNotify)dt_eligibility_free);
  if (!dt_facet_index_judge (index, judgement.year, (const DtFacetTest *)(gpointer)t.tests->data,
                             t.tests->len, counts, offset, limit, ids))
    return dt_measure_eligibility_qualifying (store, no, year, offset, limit, cancellable, error);
  return indexed_answers (store, index, no, &judgement, &t, ids, error);
}

/* The asynchronous forms: one job description, run on a read-only
 * connection of the worker thread's own. */
typedef enum
{
  JOB_SUMMARISE,
  JOB_QUALIFYING,
  JOB_FOR_ENTERPRISE,
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *path;
  gint64   id;          /* measure number or enterprise id */
  int      year;
  guint    offset;
  guint    limit;
  DtFacetIndex *index;  /* the live index of @path, if any */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_object (&job->index);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DtStore) store = dt_store_open_read_only (job->path, &error);
  gpointer result = NULL;
  GDestroyNotify free_result = (GDestroyNotify)g_ptr_array_unref;

  if (store != NULL)
    switch (job->kind)
      {
      case JOB_SUMMARISE:
        result = dt_measure_eligibility_summarise_indexed (store, job->index, job->id, job->year, job->limit,
                                                           cancellable, &error);
        free_result = (GDestroyNotify)dt_eligibility_summary_free;
        break;
      case JOB_QUALIFYING:
        result = dt_measure_eligibility_qualifying_indexed (store, job->index, job->id, job->year, job->offset,
                                                            job->limit, cancellable, &error);
        break;
      case JOB_FOR_ENTERPRISE:
        result = dt_measure_eligibility_for_enterprise (store, job->id, job->year, &error);
        break;
      default:
        g_assert_not_reached ();
      }

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, free_result);
}

static void
job_run (Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, job_thread);
}

static Job *
job_new (JobKind     kind,
         const char *path,
         gint64      id,
         int         year)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->id = id;
  job->year = year;
  /* Measures are judged from the bitmaps once the enterprise page's index
   * of this database is built: milliseconds instead of an SQL pass. */
  if (kind != JOB_FOR_ENTERPRISE)
    job->index = dt_facet_index_find (path);
  return job;
}

void
dt_measure_eligibility_summarise_async (const char          *path,
                                        gint64               no,
                                        int                  year,
                                        guint                page_size,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Job *job = job_new (JOB_SUMMARISE, path, no, year);

  g_return_if_fail (path != NULL);

  job->limit = page_size;
  job_run (job, dt_measure_eligibility_summarise_async, cancellable, callback, user_data);
}

DtEligibilitySummary *
dt_measure_eligibility_summarise_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dt_measure_eligibility_qualifying_async (const char          *path,
                                         gint64               no,
                                         int                  year,
                                         guint                offset,
                                         guint                limit,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Job *job = job_new (JOB_QUALIFYING, path, no, year);

  g_return_if_fail (path != NULL);

  job->offset = offset;
  job->limit = limit;
  job_run (job, dt_measure_eligibility_qualifying_async, cancellable, callback, user_data);
}

GPtrArray *
dt_measure_eligibility_qualifying_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dt_measure_eligibility_for_enterprise_async (const char          *path,
                                             gint64               enterprise_id,
                                             int                  year,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  job_run (job_new (JOB_FOR_ENTERPRISE, path, enterprise_id, year),
           dt_measure_eligibility_for_enterprise_async, cancellable, callback, user_data);
}

GPtrArray *
dt_measure_eligibility_for_enterprise_finish (GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
