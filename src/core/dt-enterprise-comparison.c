/* dt-enterprise-comparison.c — two years of the Top-100 list side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-comparison"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dt-csv-writer.h"
#include "dt-enterprise-comparison.h"
#include "dt-error.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

int
dt_comparison_move_rank_change (const DtComparisonMove *move)
{
  if (move->rank_a == 0 || move->rank_b == 0)
    return 0;
  return move->rank_a - move->rank_b;
}

static void
move_free (gpointer data)
{
  DtComparisonMove *move = data;

  g_free (move->credit_code);
  g_free (move->name_zh);
  g_free (move->name_en);
  g_free (move->city);
  g_free (move->city_name);
  g_free (move->category);
  g_free (move);
}

static void
group_free (gpointer data)
{
  DtComparisonGroup *group = data;

  g_free (group->key);
  g_free (group->name);
  g_free (group);
}

void
dt_enterprise_comparison_free (DtEnterpriseComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->entrants, g_ptr_array_unref);
  g_clear_pointer (&comparison->dropouts, g_ptr_array_unref);
  g_clear_pointer (&comparison->risers, g_ptr_array_unref);
  g_clear_pointer (&comparison->fallers, g_ptr_array_unref);
  g_clear_pointer (&comparison->moves, g_ptr_array_unref);
  g_clear_pointer (&comparison->by_city, g_ptr_array_unref);
  g_clear_pointer (&comparison->by_category, g_ptr_array_unref);
  g_clear_pointer (&comparison->years, g_array_unref);
  g_free (comparison);
}

/* Credit codes identify an enterprise across lists; names are the fallback
 * for listings without one. */
static char *
identity (const DtComparisonListing *listing)
{
  if (listing->credit_code != NULL && listing->credit_code[0] != '\0')
    return g_strconcat ("code:", listing->credit_code, NULL);
  return g_strconcat ("name:", listing->name_zh != NULL ? listing->name_zh : "", NULL);
}

static DtComparisonMove *
move_new (const DtComparisonListing *listing)
{
  DtComparisonMove *move = g_new0 (DtComparisonMove, 1);

  move->credit_code = g_strdup (listing->credit_code);
  move->name_zh = g_strdup (listing->name_zh);
  move->name_en = g_strdup (listing->name_en);
  move->city = g_strdup (listing->city);
  move->city_name = g_strdup (listing->city_name);
  move->category = g_strdup (listing->category);
  move->volume_a = move->volume_b = NAN;
  return move;
}

static DtComparisonGroup *
group_for (GHashTable *groups,
           GPtrArray  *order,
           const char *key,
           const char *name)
{
  DtComparisonGroup *group;

  if (key == NULL)
    key = "";
  group = g_hash_table_lookup (groups, key);
  if (group == NULL)
    {
      group = g_new0 (DtComparisonGroup, 1);
      group->key = g_strdup (key);
      group->name = g_strdup (name);
      g_hash_table_insert (groups, group->key, group);
      g_ptr_array_add (order, group);
    }
  return group;
}

static void
add_to_groups (GHashTable                *groups,
               GPtrArray                 *order,
               const char                *key,
               const char                *name,
               const DtComparisonListing *listing,
               gboolean                   second)
{
  DtComparisonGroup *group = group_for (groups, order, key, name);
  double volume = isnan (listing->volume) ? 0 : listing->volume;

  if (second)
    {
      group->count_b++;
      group->volume_b += volume;
    }
  else
    {
      group->count_a++;
      group->volume_a += volume;
    }
}

static int
by_volume_change (gconstpointer a,
                  gconstpointer b)
{
  const DtComparisonGroup *x = *(DtComparisonGroup * const *)a;
  const DtComparisonGroup *y = *(DtComparisonGroup * const *)b;
  double dx = fabs (x->volume_b - x->volume_a);
  double dy = fabs (y->volume_b - y->volume_a);

  if (dx != dy)
    return dx < dy ? 1 : -1;
  return g_strcmp0 (x->key, y->key);
}

/* The order of DtEnterpriseComparison.moves. */
static int
by_change_then_rank (gconstpointer a,
                     gconstpointer b)
{
  const DtComparisonMove *x = *(DtComparisonMove * const *)a;
  const DtComparisonMove *y = *(DtComparisonMove * const *)b;
  int cx = dt_comparison_move_rank_change (x);
  int cy = dt_comparison_move_rank_change (y);

  if (x->change != y->change)
    return (int)x->change - (int)y->change;
  switch (x->change)
    {
    case DT_COMPARISON_RISER:
      if (cx != cy)
        return cy - cx;
      break;
    case DT_COMPARISON_FALLER:
      if (cx != cy)
        return cx - cy;
      break;
    case DT_COMPARISON_DROPOUT:
      return x->rank_a - y->rank_a;
    case DT_COMPARISON_ENTRANT:
    case DT_COMPARISON_UNCHANGED:
    default:
      break;
    }
  return x->rank_b - y->rank_b;
}

DtEnterpriseComparison *
dt_enterprise_comparison_compute (int                        year_a,
                                  const DtComparisonListing *a,
                                  guint                      n_a,
                                  int                        year_b,
                                  const DtComparisonListing *b,
                                  guint                      n_b)
{
  DtEnterpriseComparison *comparison = g_new0 (DtEnterpriseComparison, 1);
  g_autoptr(GHashTable) by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);

  comparison->year_a = year_a;
  comparison->year_b = year_b;
  comparison->moves = g_ptr_array_new_with_free_func (move_free);
  comparison->entrants = g_ptr_array_new ();
  comparison->dropouts = g_ptr_array_new ();
  comparison->risers = g_ptr_array_new ();
  comparison->fallers = g_ptr_array_new ();
  comparison->by_city = g_ptr_array_new_with_free_func (group_free);
  comparison->by_category = g_ptr_array_new_with_free_func (group_free);

  for (guint i = 0; i < n_a; i++)
    {
      DtComparisonMove *move = move_new (&a[i]);

      move->rank_a = a[i].rank;
      move->volume_a = a[i].volume;
      move->change = DT_COMPARISON_DROPOUT;
      g_hash_table_replace (by_identity, identity (&a[i]), move);
      g_ptr_array_add (comparison->moves, move);
      add_to_groups (cities, comparison->by_city, a[i].city, a[i].city_name, &a[i], FALSE);
      add_to_groups (categories, comparison->by_category, a[i].category, NULL, &a[i], FALSE);
    }

  for (guint i = 0; i < n_b; i++)
    {
      g_autofree char *key = identity (&b[i]);
      DtComparisonMove *move = g_hash_table_lookup (by_identity, key);

      if (move == NULL || move->rank_b != 0)
        {
          move = move_new (&b[i]);
          move->change = DT_COMPARISON_ENTRANT;
          g_ptr_array_add (comparison->moves, move);
        }
      else
        {
          /* The later listing says where the enterprise is now. */
          dt_set_str (&move->city, b[i].city);
          dt_set_str (&move->city_name, b[i].city_name);
          dt_set_str (&move->category, b[i].category);
          dt_set_str (&move->name_zh, b[i].name_zh);
          dt_set_str (&move->name_en, b[i].name_en);
          move->change = b[i].rank < move->rank_a ? DT_COMPARISON_RISER
                       : b[i].rank > move->rank_a ? DT_COMPARISON_FALLER
                       : DT_COMPARISON_UNCHANGED;
        }
      move->rank_b = b[i].rank;
      move->volume_b = b[i].volume;
      add_to_groups (cities, comparison->by_city, b[i].city, b[i].city_name, &b[i], TRUE);
      add_to_groups (categories, comparison->by_category, b[i].category, NULL, &b[i], TRUE);
    }

  g_ptr_array_sort (comparison->moves, by_change_then_rank);
  for (guint i = 0; i < comparison->moves->len; i++)
    {
      DtComparisonMove *move = g_ptr_array_index (comparison->moves, i);
      GPtrArray *view[] = {
        [DT_COMPARISON_ENTRANT] = comparison->entrants,
        [DT_COMPARISON_DROPOUT] = comparison->dropouts,
        [DT_COMPARISON_RISER] = comparison->risers,
        [DT_COMPARISON_FALLER] = comparison->fallers,
        [DT_COMPARISON_UNCHANGED] = NULL,
      };

      if (view[move->change] != NULL)
        g_ptr_array_add (view[move->change], move);
    }
  g_ptr_array_sort (comparison->by_city, by_volume_change);
  g_ptr_array_sort (comparison->by_category, by_volume_change);
  return comparison;
}

static void
listing_clear (gpointer data)
{
  DtComparisonListing *listing = data;

  g_free (listing->credit_code);
  g_free (listing->name_zh);
  g_free (listing->name_en);
  g_free (listing->city);
  g_free (listing->city_name);
  g_free (listing->category);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static GArray *
read_year (DtStore  *store,
           int       year,
           GError  **error)
{
  g_autoptr(GArray) listings = g_array_new (FALSE, TRUE, sizeof (DtComparisonListing));
  sqlite3_stmt *stmt;

  g_array_set_clear_func (listings, listing_clear);
  stmt = dt_store_prepare (store,
                           "SELECT e.credit_code, e.name_zh, e.name_en, l.city, r.name_zh, r.name_en, "
                           "l.category, l.rank, l.trade_volume "
                           "FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                           "LEFT JOIN regions r ON r.code = l.city "
                           "WHERE l.year = ?1 ORDER BY l.rank", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DtComparisonListing listing = { 0 };

      listing.credit_code = column_text (stmt, 0);
      listing.name_zh = column_text (stmt, 1);
      listing.name_en = column_text (stmt, 2);
      listing.city = column_text (stmt, 3);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        listing.city_name = g_strdup (dt_pick_name ((const char *)sqlite3_column_text (stmt, 4),
                                                    (const char *)sqlite3_column_text (stmt, 5)));
      listing.category = column_text (stmt, 6);
      listing.rank = sqlite3_column_int (stmt, 7);
      listing.volume = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 8);
      g_array_append_val (listings, listing);
    }
  sqlite3_finalize (stmt);

  if (listings->len == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("There is no Top-100 list for %d; expected one of the years imported"), year);
      return NULL;
    }
  return g_steal_pointer (&listings);
}

DtEnterpriseComparison *
dt_enterprise_comparison_read (DtStore  *store,
                               int       year_a,
                               int       year_b,
                               GError  **error)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) years = NULL;
  DtEnterpriseComparison *comparison;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  years = dt_enterprise_comparison_years (store, error);
  if (years == NULL)
    return NULL;
  if (year_a == 0 && year_b == 0)
    {
      if (years->len < 2)
        {
          g_set_error_literal (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                               _("Comparing needs the Top-100 lists of two years; import another year’s list"));
          return NULL;
        }
      year_a = g_array_index (years, int, years->len - 2);
      year_b = g_array_index (years, int, years->len - 1);
    }

  a = read_year (store, year_a, error);
  if (a == NULL)
    return NULL;
  b = read_year (store, year_b, error);
  if (b == NULL)
    return NULL;
  comparison = dt_enterprise_comparison_compute (year_a, (DtComparisonListing *)(gpointer)a->data, a->len,
                                                 year_b, (DtComparisonListing *)(gpointer)b->data, b->len);
  comparison->years = g_steal_pointer (&years);
  return comparison;
}

GArray *
dt_enterprise_comparison_years (DtStore  *store,
                                GError  **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  stmt = dt_store_prepare (store, "SELECT DISTINCT year FROM listings ORDER BY year", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&years);
}

const char *
dt_comparison_change_label (DtComparisonChange change)
{
  switch (change)
    {
    case DT_COMPARISON_ENTRANT:
      /* Translators: an enterprise new on the later Top-100 list */
      return _("Entrant");
    case DT_COMPARISON_DROPOUT:
      /* Translators: an enterprise no longer on the later Top-100 list */
      return _("Dropped out");
    case DT_COMPARISON_RISER:
      return _("Moved up");
    case DT_COMPARISON_FALLER:
      return _("Moved down");
    case DT_COMPARISON_UNCHANGED:
    default:
      return _("Same rank");
    }
}

static const char * const change_keys[] = { "entrant", "dropout", "riser", "faller", "unchanged" };

static void
add_rank (DtCsvWriter *writer,
          int          rank)
{
  if (rank > 0)
    dt_csv_writer_add_int (writer, rank);
  else
    dt_csv_writer_add_empty (writer);
}

static void
add_volume (DtCsvWriter *writer,
            double       volume)
{
  if (isnan (volume))
    dt_csv_writer_add_empty (writer);
  else
    dt_csv_writer_add_double (writer, volume);
}

gboolean
dt_enterprise_comparison_write_csv (DtEnterpriseComparison  *comparison,
                                    GOutputStream           *stream,
                                    gboolean                 keys,
                                    gboolean                 with_bom,
                                    GError                 **error)
{
  g_autoptr(DtCsvWriter) writer = NULL;
  g_autofree char *rank_a = NULL, *rank_b = NULL, *volume_a = NULL, *volume_b = NULL;

  g_return_val_if_fail (comparison != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = dt_csv_writer_new (stream, with_bom);
  if (keys)
    {
      rank_a = g_strdup_printf ("rank_%d", comparison->year_a);
      rank_b = g_strdup_printf ("rank_%d", comparison->year_b);
      volume_a = g_strdup_printf ("trade_volume_%d", comparison->year_a);
      volume_b = g_strdup_printf ("trade_volume_%d", comparison->year_b);
    }
  else
    {
      /* Translators: a CSV column header; %d is a list year */
      rank_a = g_strdup_printf (_("Rank %d"), comparison->year_a);
      rank_b = g_strdup_printf (_("Rank %d"), comparison->year_b);
      /* Translators: a CSV column header; %d is a list year */
      volume_a = g_strdup_printf (_("Trade volume %d (10,000 yuan)"), comparison->year_a);
      volume_b = g_strdup_printf (_("Trade volume %d (10,000 yuan)"), comparison->year_b);
    }
  dt_csv_writer_add_text (writer, keys ? "change" : _("Change"));
  dt_csv_writer_add_text (writer, keys ? "name_zh" : _("Name (Chinese)"));
  dt_csv_writer_add_text (writer, keys ? "name_en" : _("Name (English)"));
  dt_csv_writer_add_text (writer, keys ? "credit_code" : _("Unified social credit code"));
  dt_csv_writer_add_text (writer, keys ? "city" : _("City"));
  dt_csv_writer_add_text (writer, keys ? "category" : _("Category"));
  dt_csv_writer_add_text (writer, rank_a);
  dt_csv_writer_add_text (writer, rank_b);
  dt_csv_writer_add_text (writer, keys ? "rank_change" : _("Places gained"));
  dt_csv_writer_add_text (writer, volume_a);
  dt_csv_writer_add_text (writer, volume_b);
  if (!dt_csv_writer_end_row (writer, NULL, error))
    return FALSE;

  for (guint i = 0; i < comparison->moves->len; i++)
    {
      DtComparisonMove *move = g_ptr_array_index (comparison->moves, i);

      dt_csv_writer_add_text (writer, keys ? change_keys[move->change] : dt_comparison_change_label (move->change));
      dt_csv_writer_add_text (writer, move->name_zh);
      dt_csv_writer_add_text (writer, move->name_en);
      dt_csv_writer_add_text (writer, move->credit_code);
      dt_csv_writer_add_text (writer, keys || move->city_name == NULL ? move->city : move->city_name);
      dt_csv_writer_add_text (writer, keys || move->category == NULL
                                        ? move->category
                                        : dt_vocabulary_label (DT_VOCABULARY_ENTERPRISE_CATEGORY, move->category));
      add_rank (writer, move->rank_a);
      add_rank (writer, move->rank_b);
      if (move->rank_a > 0 && move->rank_b > 0)
        dt_csv_writer_add_int (writer, dt_comparison_move_rank_change (move));
      else
        dt_csv_writer_add_empty (writer);
      add_volume (writer, move->volume_a);
      add_volume (writer, move->volume_b);
      if (!dt_csv_writer_end_row (writer, NULL, error))
        return FALSE;
    }
  return dt_csv_writer_flush (writer, NULL, error);
}
