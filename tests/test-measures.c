/* test-measures.c — measures: search, filters, tracking, re-import, eligibility, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dt-data-pack.h"
#include "dt-error.h"
#include "dt-measure-eligibility.h"
#include "dt-measure-export.h"
#include "dt-measure-query.h"
#include "dt-measure-tracking.h"
#include "dt-sample-data.h"
#include "dt-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  DtStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dt-measures-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dt_sample_data_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GPtrArray *
run (Fixture        *f,
     DtMeasureQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *measures = dt_measure_query_run (query, f->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (measures);
  return measures;
}

static gboolean
contains_no (GPtrArray *measures,
             gint64     no)
{
  for (guint i = 0; i < measures->len; i++)
    if (((DtMeasure *)g_ptr_array_index (measures, i))->no == no)
      return TRUE;
  return FALSE;
}

static void
test_query_all (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GPtrArray) measures = run (f, query);

  g_assert_cmpuint (measures->len, ==, 36);
  for (guint i = 0; i < measures->len; i++)
    {
      DtMeasure *m = g_ptr_array_index (measures, i);

      g_assert_cmpint (m->no, ==, i + 1);
      g_assert_cmpstr (m->status, ==, "not-started");
      g_assert_cmpstr (m->notes, ==, "");
    }
}

static void
test_search_chinese_two_characters (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GPtrArray) talent = NULL;
  g_autoptr(GPtrArray) warehouse = NULL;
  g_autoptr(GPtrArray) none = NULL;

  /* 人才 occurs inside longer words (高端人才, 国际化人才): a substring match. */
  dt_measure_query_set_search (query, "人才");
  talent = run (f, query);
  g_assert_true (contains_no (talent, 1));
  g_assert_true (contains_no (talent, 2));
  g_assert_false (contains_no (talent, 32));
  for (guint i = 0; i < talent->len; i++)
    {
      DtMeasure *m = g_ptr_array_index (talent, i);
      g_assert_true (strstr (m->title_zh, "人才") != NULL || strstr (m->body_zh, "人才") != NULL);
    }

  /* 海外仓 sits only in measure 32's title. */
  dt_measure_query_set_search (query, "海外仓");
  warehouse = run (f, query);
  g_assert_true (contains_no (warehouse, 32));

  dt_measure_query_set_search (query, "不存在的词语");
  none = run (f, query);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_search_english_and_words (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) wildcard = NULL;

  /* Any case; every word must occur. */
  dt_measure_query_set_search (query, "HOUSING talent");
  both = run (f, query);
  g_assert_cmpuint (both->len, ==, 1);
  g_assert_cmpint (((DtMeasure *)g_ptr_array_index (both, 0))->no, ==, 2);

  dt_measure_query_set_search (query, "warehouse");
  one = run (f, query);
  g_assert_true (contains_no (one, 32));

  /* % and _ are text, not patterns. */
  dt_measure_query_set_search (query, "%");
  wildcard = run (f, query);
  g_assert_cmpuint (wildcard->len, ==, 0);
}

static guint
facet_count (GPtrArray  *facets,
             const char *value)
{
  for (guint i = 0; i < facets->len; i++)
    {
      DtMeasureFacet *facet = g_ptr_array_index (facets, i);
      if (g_str_equal (facet->value, value))
        return facet->count;
    }
  return G_MAXUINT;
}

static void
test_filter_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) categories_filtered = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) departments = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) two = NULL;
  guint sum = 0;

  categories = dt_measure_query_count (query, f->store, "category", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 7);
  g_assert_cmpuint (facet_count (categories, "talent"), ==, 6);
  g_assert_cmpuint (facet_count (categories, "logistics"), ==, 5);
  for (guint i = 0; i < categories->len; i++)
    sum += ((DtMeasureFacet *)g_ptr_array_index (categories, i))->count;
  g_assert_cmpuint (sum, ==, 36);

  g_assert_true (dt_measure_tracking_set_status (f->store, 3, "in-progress", NULL, &error));
  g_assert_true (dt_measure_tracking_set_status (f->store, 8, "in-progress", NULL, &error));
  g_assert_no_error (error);

  /* The status filter narrows the category counts but not its own. */
  g_assert_true (dt_measure_query_add_filter (query, "status", "in-progress", &error));
  statuses = dt_measure_query_count (query, f->store, "status", &error);
  g_assert_cmpuint (facet_count (statuses, "in-progress"), ==, 2);
  g_assert_cmpuint (facet_count (statuses, "not-started"), ==, 34);
  g_assert_cmpuint (facet_count (statuses, "expired"), ==, 0);
  categories_filtered = dt_measure_query_count (query, f->store, "category", &error);
  g_assert_cmpuint (facet_count (categories_filtered, "talent"), ==, 1);
  g_assert_cmpuint (facet_count (categories_filtered, "finance"), ==, 1);
  g_assert_cmpuint (facet_count (categories_filtered, "data"), ==, 0);

  shown = run (f, query);
  g_assert_cmpuint (shown->len, ==, 2);

  /* Same key ORed, Chinese labels accepted; different keys ANDed. */
  g_assert_true (dt_measure_query_parse_filter (query, "category=人才", &error));
  g_assert_true (dt_measure_query_parse_filter (query, "category=finance", &error));
  g_assert_no_error (error);
  two = run (f, query);
  g_assert_cmpuint (two->len, ==, 2);

  departments = dt_measure_query_count (query, f->store, "department", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (departments->len, >=, 1);

  g_assert_false (dt_measure_query_add_filter (query, "colour", "red", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) desc = NULL;

  g_assert_true (dt_measure_query_set_sort (query, "no:desc", &error));
  desc = run (f, query);
  g_assert_cmpint (((DtMeasure *)g_ptr_array_index (desc, 0))->no, ==, 36);
  g_assert_false (dt_measure_query_set_sort (query, "no; DROP TABLE measures", &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static void
test_tracking_saved_and_undone (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_status = NULL;
  g_autofree char *previous_notes = NULL;
  g_autofree char *previous_date = NULL;
  g_autofree char *undone = NULL;
  g_auto(DtMeasureTracking) tracking = { 0 };
  g_auto(DtMeasureTracking) after_undo = { 0 };
  g_autoptr(DtStore) reopened = NULL;
  int previous_progress = -1;

  g_assert_true (dt_measure_tracking_set_status (f->store, 5, "in-effect", &previous_status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (previous_status, ==, "not-started");
  g_assert_true (dt_measure_tracking_set_progress (f->store, 5, 60, &previous_progress, &error));
  g_assert_cmpint (previous_progress, ==, 0);
  g_assert_true (dt_measure_tracking_set_notes (f->store, 5, "已与区人社局对接", &previous_notes, &error));
  g_assert_cmpstr (previous_notes, ==, "");
  g_assert_true (dt_measure_tracking_set_follow_up (f->store, 5, "2024-02-29", &previous_date, &error));
  g_assert_null (previous_date);
  g_assert_no_error (error);

  /* Saved at once: another connection sees it. */
  reopened = dt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (dt_measure_tracking_get (reopened, 5, &tracking, &error));
  g_assert_cmpstr (tracking.status, ==, "in-effect");
  g_assert_cmpint (tracking.progress, ==, 60);
  g_assert_cmpstr (tracking.notes, ==, "已与区人社局对接");
  g_assert_cmpstr (tracking.follow_up, ==, "2024-02-29");
  g_assert_nonnull (tracking.updated_at);

  /* Undo: setting the previous value back hands the new one out. */
  g_assert_true (dt_measure_tracking_set_status (f->store, 5, previous_status, &undone, &error));
  g_assert_cmpstr (undone, ==, "in-effect");
  g_assert_true (dt_measure_tracking_get (reopened, 5, &after_undo, &error));
  g_assert_cmpstr (after_undo.status, ==, "not-started");
  g_assert_cmpstr (after_undo.notes, ==, "已与区人社局对接");

  /* Refused values change nothing. */
  g_assert_false (dt_measure_tracking_set_status (f->store, 5, "finished", NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (dt_measure_tracking_set_progress (f->store, 5, 101, NULL, &error));
  g_clear_error (&error);
  g_assert_false (dt_measure_tracking_set_follow_up (f->store, 5, "2023-02-29", NULL, &error));
  g_clear_error (&error);
  g_assert_false (dt_measure_tracking_set_notes (f->store, 99, "x", NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

/* The sample pack with new texts for every measure, as the bureau would send. */
static GBytes *
updated_measures_pack (void)
{
  g_autoptr(GBytes) sample = g_resources_lookup_data ("/com/example/DigitalTrade/sample/measures.json", 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *pack, *dataset;
  JsonArray *rows;
  char *text;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (sample, NULL), g_bytes_get_size (sample), NULL));
  pack = json_node_get_object (json_parser_get_root (parser));
  dataset = json_object_get_object_member (pack, "dataset");
  json_object_set_string_member (dataset, "provenance", "official");
  rows = json_object_get_array_member (pack, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *title = g_strdup_printf ("修订后的第%u条", i + 1);

      json_object_set_string_member (row, "title_zh", title);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (text, strlen (text));
}

static void
test_tracking_kept_across_reimport (Fixture       *f,
                                    gconstpointer  data)
{
  static const gint64 nos[] = { 4, 17, 33 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pack = updated_measures_pack ();
  g_autoptr(DtMeasure) measure = NULL;
  g_autofree char *kind = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (nos); i++)
    {
      g_autofree char *notes = g_strdup_printf ("第%" G_GINT64_FORMAT "条已落实", nos[i]);

      g_assert_true (dt_measure_tracking_set_status (f->store, nos[i], "in-effect", NULL, &error));
      g_assert_true (dt_measure_tracking_set_notes (f->store, nos[i], notes, NULL, &error));
      g_assert_true (dt_measure_tracking_set_progress (f->store, nos[i], 100, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (dt_data_pack_import_bytes (f->store, pack, "measures-2024.json", NULL, &kind, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kind, ==, "measures");

  measure = dt_measure_lookup (f->store, 17, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (measure->title_zh, ==, "修订后的第17条");

  for (guint i = 0; i < G_N_ELEMENTS (nos); i++)
    {
      g_auto(DtMeasureTracking) tracking = { 0 };
      g_autofree char *notes = g_strdup_printf ("第%" G_GINT64_FORMAT "条已落实", nos[i]);

      g_assert_true (dt_measure_tracking_get (f->store, nos[i], &tracking, &error));
      g_assert_cmpstr (tracking.status, ==, "in-effect");
      g_assert_cmpstr (tracking.notes, ==, notes);
      g_assert_cmpint (tracking.progress, ==, 100);
    }
}

static void
test_follow_ups_due (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  guint counts[5 * 7];

  g_assert_true (dt_measure_tracking_set_follow_up (f->store, 1, "2024-03-01", NULL, &error)); /* overdue */
  g_assert_true (dt_measure_tracking_set_follow_up (f->store, 2, "2024-03-24", NULL, &error)); /* in 14 days */
  g_assert_true (dt_measure_tracking_set_follow_up (f->store, 3, "2024-03-25", NULL, &error)); /* in 15 days */
  g_assert_true (dt_measure_tracking_set_status (f->store, 2, "suspended", NULL, &error));
  g_assert_no_error (error);

  due = dt_measure_tracking_follow_ups_due (f->store, "2024-03-10", 14, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((DtMeasure *)g_ptr_array_index (due, 0))->no, ==, 1);
  g_assert_cmpint (((DtMeasure *)g_ptr_array_index (due, 1))->no, ==, 2);

  g_assert_true (dt_measure_tracking_count_by_status_and_category (f->store, counts, &error));
  /* status 0 not-started, 3 suspended; category 0 talent. */
  g_assert_cmpuint (counts[0 * 7 + 0], ==, 5);
  g_assert_cmpuint (counts[3 * 7 + 0], ==, 1);
}

/* Facts of an imaginary enterprise with everything known. */
static DtEnterpriseFacts *
full_facts (void)
{
  DtEnterpriseFacts *facts = dt_enterprise_facts_new ();

  facts->name_zh = g_strdup ("测试企业");
  facts->year = 2023;
  facts->rank = 7;
  facts->has_in_ftz = TRUE;
  facts->in_ftz = TRUE;
  facts->district = g_strdup ("hangzhou.binjiang");
  facts->category = g_strdup ("data");
  facts->sector = g_strdup ("cloud-computing");
  facts->has_trade_volume = TRUE;
  facts->trade_volume = 12000;
  facts->has_founded = TRUE;
  facts->founded = 2015;
  g_hash_table_insert (facts->ranks_by_year, GINT_TO_POINTER (2023), GINT_TO_POINTER (7));
  g_hash_table_add (facts->list_years, GINT_TO_POINTER (2022));
  g_hash_table_add (facts->list_years, GINT_TO_POINTER (2023));
  return facts;
}

typedef struct
{
  const char         *criterion;
  DtCriterionOutcome  full;      /* with full_facts () */
  DtCriterionOutcome  missing;   /* with the data missing */
  const char         *reason_part;
} CriterionCase;

static void
test_criteria_every_kind (void)
{
  static const CriterionCase cases[] = {
    { "{\"kind\":\"in-ftz\",\"value\":true}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "FTZ" },
    { "{\"kind\":\"district\",\"value\":\"hangzhou.binjiang\"}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "滨江区" },
    { "{\"kind\":\"district\",\"value\":\"hangzhou.xihu\"}", DT_CRITERION_NOT_MET, DT_CRITERION_UNKNOWN, "hangzhou.xihu" },
    { "{\"kind\":\"category\",\"value\":\"data\"}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "Data trade" },
    { "{\"kind\":\"category\",\"value\":\"cross-border-ecommerce\"}", DT_CRITERION_NOT_MET, DT_CRITERION_UNKNOWN, "Cross-border" },
    { "{\"kind\":\"sector\",\"value\":\"cloud-computing\"}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "Cloud" },
    { "{\"kind\":\"sector\",\"value\":\"gaming\"}", DT_CRITERION_NOT_MET, DT_CRITERION_UNKNOWN, "Gaming" },
    { "{\"kind\":\"min-trade-volume\",\"value\":5000}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "50.0 million yuan" },
    { "{\"kind\":\"min-trade-volume\",\"value\":20000}", DT_CRITERION_NOT_MET, DT_CRITERION_UNKNOWN, "120.0 million yuan" },
    { "{\"kind\":\"top100-year\",\"value\":2023}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "rank 7" },
    { "{\"kind\":\"top100-year\",\"value\":2022}", DT_CRITERION_NOT_MET, DT_CRITERION_UNKNOWN, "2022" },
    { "{\"kind\":\"top100-year\",\"value\":2019}", DT_CRITERION_UNKNOWN, DT_CRITERION_UNKNOWN, "not in the database" },
    { "{\"kind\":\"founded-after\",\"value\":2010}", DT_CRITERION_MET, DT_CRITERION_UNKNOWN, "2015" },
    { "{\"kind\":\"founded-after\",\"value\":2015}", DT_CRITERION_NOT_MET, DT_CRITERION_UNKNOWN, "2015" },
    { "{\"kind\":\"colour\",\"value\":\"red\"}", DT_CRITERION_UNKNOWN, DT_CRITERION_UNKNOWN, "colour" },
  };
  g_autoptr(DtEnterpriseFacts) facts = full_facts ();
  g_autoptr(DtEnterpriseFacts) missing = dt_enterprise_facts_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (names, "hangzhou.binjiang", "滨江区");
  /* Missing data: only the list years are known, and it is on none of them. */
  g_hash_table_add (missing->list_years, GINT_TO_POINTER (2023));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("[%s]", cases[i].criterion);
      g_autoptr(GPtrArray) checks = NULL;
      g_autoptr(GPtrArray) missing_checks = NULL;
      DtCriterionCheck *check;
      DtEligibilityVerdict verdict;

      g_test_message ("criterion %s", cases[i].criterion);
      checks = dt_measure_criteria_check (json, facts, names, &verdict);
      g_assert_cmpuint (checks->len, ==, 1);
      check = g_ptr_array_index (checks, 0);
      g_test_message ("reason: %s", check->reason);
      g_assert_cmpint (check->outcome, ==, cases[i].full);
      g_assert_nonnull (strstr (check->reason, cases[i].reason_part));
      g_assert_cmpint (verdict, ==, cases[i].full == DT_CRITERION_MET ? DT_ELIGIBILITY_QUALIFIES
                                    : cases[i].full == DT_CRITERION_NOT_MET ? DT_ELIGIBILITY_DOES_NOT_QUALIFY
                                    : DT_ELIGIBILITY_UNKNOWN);

      missing_checks = dt_measure_criteria_check (json, missing, names, NULL);
      check = g_ptr_array_index (missing_checks, 0);
      g_test_message ("missing: %s", check->reason);
      if (g_str_has_prefix (cases[i].criterion, "{\"kind\":\"top100-year\",\"value\":2023"))
        g_assert_cmpint (check->outcome, ==, DT_CRITERION_NOT_MET);
      else
        g_assert_cmpint (check->outcome, ==, cases[i].missing);
    }
}

static void
test_criteria_combined_and_none (void)
{
  g_autoptr(DtEnterpriseFacts) facts = full_facts ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) mixed = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  DtEligibilityVerdict verdict;

  none = dt_measure_criteria_check (NULL, facts, NULL, &verdict);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (verdict, ==, DT_ELIGIBILITY_NO_CRITERIA);
  empty = dt_measure_criteria_check ("[]", facts, NULL, &verdict);
  g_assert_cmpint (verdict, ==, DT_ELIGIBILITY_NO_CRITERIA);

  /* One unknown and one not met: not met wins. */
  g_clear_pointer (&facts->sector, g_free);
  mixed = dt_measure_criteria_check ("[{\"kind\":\"sector\",\"value\":\"software\"},"
                                     "{\"kind\":\"in-ftz\",\"value\":true},"
                                     "{\"kind\":\"founded-after\",\"value\":2020}]",
                                     facts, NULL, &verdict);
  g_assert_cmpuint (mixed->len, ==, 3);
  g_assert_cmpint (((DtCriterionCheck *)g_ptr_array_index (mixed, 0))->outcome, ==, DT_CRITERION_UNKNOWN);
  g_assert_cmpint (((DtCriterionCheck *)g_ptr_array_index (mixed, 1))->outcome, ==, DT_CRITERION_MET);
  g_assert_cmpint (((DtCriterionCheck *)g_ptr_array_index (mixed, 2))->outcome, ==, DT_CRITERION_NOT_MET);
  g_assert_cmpint (verdict, ==, DT_ELIGIBILITY_DOES_NOT_QUALIFY);

  broken = dt_measure_criteria_check ("{not json", facts, NULL, &verdict);
  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_cmpint (verdict, ==, DT_ELIGIBILITY_UNKNOWN);
}

static gint64
ftz_enterprise (DtStore *store)
{
  sqlite3_stmt *stmt = dt_store_prepare (store,
                                         "SELECT enterprise_id FROM listings WHERE year = 2023 AND in_ftz = 1 "
                                         "AND district = 'hangzhou.binjiang' ORDER BY rank LIMIT 1", NULL);
  gint64 id = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_eligibility_for_enterprise (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  DtEligibility *measure2, *measure5;

  answers = dt_measure_eligibility_for_enterprise (f->store, ftz_enterprise (f->store), 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 36);

  /* Measure 2 asks only for the FTZ block. */
  measure2 = g_ptr_array_index (answers, 1);
  g_assert_cmpint (measure2->measure_no, ==, 2);
  g_assert_cmpint (measure2->verdict, ==, DT_ELIGIBILITY_QUALIFIES);
  g_assert_cmpint (measure2->year, ==, 2023);
  g_assert_cmpuint (measure2->checks->len, ==, 1);

  measure5 = g_ptr_array_index (answers, 4);
  g_assert_cmpint (measure5->verdict, ==, DT_ELIGIBILITY_NO_CRITERIA);

  g_assert_null (dt_measure_eligibility_for_enterprise (f->store, 999999, 0, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT);
}

static void
test_eligibility_for_measure (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  guint qualifying = 0;
  int expected = -1;
  sqlite3_stmt *stmt;

  /* Measure 2: in the FTZ block; on the latest (2023) list. */
  answers = dt_measure_eligibility_for_measure (f->store, 2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 100);
  for (guint i = 0; i < answers->len; i++)
    {
      DtEligibility *e = g_ptr_array_index (answers, i);

      g_assert_cmpint (e->year, ==, 2023);
      if (e->verdict == DT_ELIGIBILITY_QUALIFIES)
        {
          g_assert_cmpuint (qualifying, ==, i);  /* qualifying first */
          qualifying++;
        }
    }

  stmt = dt_store_prepare (f->store, "SELECT count(*) FROM listings WHERE year = 2023 AND in_ftz = 1", NULL);
  sqlite3_step (stmt);
  expected = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (qualifying, ==, expected);
  g_assert_cmpint (qualifying, >, 0);
}

/* The set-based summary agrees with judging each enterprise on its own. */
static void
assert_summary_matches (DtStore *store,
                        gint64   no,
                        int      year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = dt_measure_eligibility_for_measure (store, no, year, &error);
  g_autoptr(DtEligibilitySummary) summary = NULL;
  g_autoptr(GArray) expected_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint expected[4] = { 0 };
  guint listed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < answers->len; i++)
    {
      DtEligibility *answer = g_ptr_array_index (answers, i);

      expected[answer->verdict]++;
      if (answer->verdict == DT_ELIGIBILITY_QUALIFIES)
        g_array_append_val (expected_ids, answer->enterprise_id);
    }

  /* Small pages, so that paging is exercised too. */
  summary = dt_measure_eligibility_summarise (store, no, year, 7, NULL, &error);
  g_assert_no_error (error);
  for (guint v = 0; v < 4; v++)
    g_assert_cmpuint (summary->counts[v], ==, expected[v]);

  for (g_autoptr(GPtrArray) page = g_ptr_array_ref (summary->qualifying); page->len > 0;)
    {
      for (guint i = 0; i < page->len; i++, listed++)
        {
          DtEligibility *answer = g_ptr_array_index (page, i);

          g_assert_cmpuint (listed, <, expected_ids->len);
          g_assert_cmpint (answer->enterprise_id, ==, g_array_index (expected_ids, gint64, listed));
          g_assert_cmpint (answer->verdict, ==, DT_ELIGIBILITY_QUALIFIES);
        }
      g_ptr_array_unref (page);
      page = dt_measure_eligibility_qualifying (store, no, year, listed, 7, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (listed, ==, expected_ids->len);

  /* The same from the facet index's bitmaps: counts, then every page. */
  {
    g_autoptr(DtFacetIndex) index = dt_facet_index_new (dt_store_get_path (store));
    g_autoptr(DtEligibilitySummary) indexed = NULL;

    g_assert_true (dt_facet_index_build_sync (index, &error));
    indexed = dt_measure_eligibility_summarise_indexed (store, index, no, year, 7, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (indexed->year, ==, summary->year);
    for (guint v = 0; v < 4; v++)
      g_assert_cmpuint (indexed->counts[v], ==, expected[v]);

    listed = 0;
    for (g_autoptr(GPtrArray) page = g_ptr_array_ref (indexed->qualifying); page->len > 0;)
      {
        for (guint i = 0; i < page->len; i++, listed++)
          {
            DtEligibility *answer = g_ptr_array_index (page, i);

            g_assert_cmpuint (listed, <, expected_ids->len);
            g_assert_cmpint (answer->enterprise_id, ==, g_array_index (expected_ids, gint64, listed));
            g_assert_cmpint (answer->verdict, ==, DT_ELIGIBILITY_QUALIFIES);
          }
        g_ptr_array_unref (page);
        page = dt_measure_eligibility_qualifying_indexed (store, index, no, year, listed, 7, NULL, &error);
        g_assert_no_error (error);
      }
    g_assert_cmpuint (listed, ==, expected_ids->len);
  }
}

static void
set_criteria (DtStore    *store,
              gint64      no,
              const char *criteria)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, "UPDATE measures SET criteria = ? WHERE no = ?", NULL);

  sqlite3_bind_text (stmt, 1, criteria, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, no);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_eligibility_sets_match_one_by_one (Fixture       *f,
                                        gconstpointer  data)
{
  static const char * const criteria[] = {
    "[{\"kind\":\"in-ftz\",\"value\":false}]",
    "[{\"kind\":\"in-ftz\",\"value\":\"no\"},{\"kind\":\"founded-after\",\"value\":\"2005\"}]",
    "[{\"kind\":\"category\",\"value\":\"数字服务贸易\"}]",
    "[{\"kind\":\"sector\",\"value\":\"software\"},{\"kind\":\"min-trade-volume\",\"value\":1000.5}]",
    "[{\"kind\":\"top100-year\",\"value\":2022}]",
    "[{\"kind\":\"top100-year\",\"value\":1999}]",
    "[{\"kind\":\"district\",\"value\":\"hangzhou.binjiang\"}]",
    "[{\"kind\":\"no-such-kind\",\"value\":1}]",
    "[{\"kind\":\"min-trade-volume\",\"value\":\"lots\"}]",
    "[42, {\"kind\":\"in-ftz\"}]",
    "not json",
    "[]",
    "",
  };

  /* Missing facts, so that "unknown" is exercised (in_ftz is never NULL). */
  g_assert_true (dt_store_exec (f->store,
                                "UPDATE listings SET district = NULL, category = '', sector = NULL,"
                                " trade_volume = NULL WHERE year = 2023 AND rank % 7 = 0;"
                                "UPDATE enterprises SET founded = NULL WHERE id % 5 = 0", NULL));

  for (gint64 no = 1; no <= 36; no++)
    {
      assert_summary_matches (f->store, no, 0);
      assert_summary_matches (f->store, no, 2022);
    }

  for (guint i = 0; i < G_N_ELEMENTS (criteria); i++)
    {
      g_test_message ("criteria %s", criteria[i]);
      set_criteria (f->store, 1, criteria[i]);
      assert_summary_matches (f->store, 1, 0);
      assert_summary_matches (f->store, 1, 2021);
    }
}

/* A cancelled summary stops with G_IO_ERROR_CANCELLED and returns nothing. */
static void
test_eligibility_summary_cancelled (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (dt_measure_eligibility_summarise (f->store, 2, 0, 10, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static char *
export_text (Fixture        *f,
             DtMeasureQuery *query,
             gboolean        keys,
             gboolean        bom)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dt_measure_export_write (f->store, query, memory, keys, bom, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write (memory, "", 1, NULL, NULL);
  g_output_stream_close (memory, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
test_export_filtered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *labels = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (dt_measure_tracking_set_status (f->store, 9, "in-progress", NULL, &error));
  g_assert_true (dt_measure_tracking_set_notes (f->store, 9, "=SUM(A1) 待核实, \"quoted\"", NULL, &error));
  g_assert_true (dt_measure_tracking_set_follow_up (f->store, 9, "2024-05-01", NULL, &error));
  g_assert_true (dt_measure_tracking_set_status (f->store, 30, "in-progress", NULL, &error));
  g_assert_true (dt_measure_query_add_filter (query, "status", "in-progress", &error));
  g_assert_true (dt_measure_query_set_sort (query, "no:desc", &error));

  keys = export_text (f, query, TRUE, FALSE);
  lines = g_strsplit (keys, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "no,title_zh,title_en,category,support,department,contact,body_zh,body_en,source,criteria,status,progress,notes,follow_up");
  g_assert_true (g_str_has_prefix (lines[1], "30,"));
  g_assert_true (g_str_has_prefix (lines[2], "9,"));
  g_assert_nonnull (strstr (lines[2], ",in-progress,0,\"'=SUM(A1) 待核实, \"\"quoted\"\"\",2024-05-01"));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);

  labels = export_text (f, query, FALSE, TRUE);
  g_assert_true (g_str_has_prefix (labels, "\xEF\xBB\xBFNo.,Title,English title,"));
  g_assert_nonnull (strstr (labels, ",In progress,"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/measures/query/all", test_query_all);
  ADD ("/measures/query/search-chinese-two-characters", test_search_chinese_two_characters);
  ADD ("/measures/query/search-english-and-words", test_search_english_and_words);
  ADD ("/measures/query/filter-counts", test_filter_counts);
  ADD ("/measures/query/sort", test_sort);
  ADD ("/measures/tracking/saved-and-undone", test_tracking_saved_and_undone);
  ADD ("/measures/tracking/kept-across-reimport", test_tracking_kept_across_reimport);
  ADD ("/measures/tracking/follow-ups-due", test_follow_ups_due);
  g_test_add_func ("/measures/eligibility/every-kind", test_criteria_every_kind);
  g_test_add_func ("/measures/eligibility/combined-and-none", test_criteria_combined_and_none);
  ADD ("/measures/eligibility/for-enterprise", test_eligibility_for_enterprise);
  ADD ("/measures/eligibility/for-measure", test_eligibility_for_measure);
  ADD ("/measures/eligibility/sets-match-one-by-one", test_eligibility_sets_match_one_by_one);
  ADD ("/measures/eligibility/summary-cancelled", test_eligibility_summary_cancelled);
  ADD ("/measures/export/filtered", test_export_filtered);
#undef ADD

  return g_test_run ();
}
