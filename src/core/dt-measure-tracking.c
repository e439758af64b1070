/* dt-measure-tracking.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-measure-tracking"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-measure-tracking.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

void
dt_measure_tracking_clear (DtMeasureTracking *tracking)
{
  g_clear_pointer (&tracking->status, g_free);
  g_clear_pointer (&tracking->notes, g_free);
  g_clear_pointer (&tracking->follow_up, g_free);
  g_clear_pointer (&tracking->updated_at, g_free);
}

gboolean
dt_measure_tracking_date_is_valid (const char *date)
{
  unsigned year, month, day;
  char rest;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  if (sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

static gboolean
read_tracking (DtStore            *store,
               gint64              no,
               DtMeasureTracking  *tracking,
               GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = dt_store_prepare (store,
                           "SELECT status, progress, notes, follow_up, updated_at FROM measure_tracking WHERE no = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, no);

  memset (tracking, 0, sizeof *tracking);
  tracking->no = no;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tracking->status = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      tracking->progress = sqlite3_column_int (stmt, 1);
      tracking->notes = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      tracking->follow_up = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      tracking->updated_at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
    }
  else if (rc == SQLITE_DONE)
    {
      tracking->status = g_strdup ("not-started");
      tracking->notes = g_strdup ("");
    }
  else
    dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
  sqlite3_finalize (stmt);

  if (tracking->notes == NULL)
    tracking->notes = g_strdup ("");
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
dt_measure_tracking_get (DtStore            *store,
                         gint64              no,
                         DtMeasureTracking  *tracking,
                         GError            **error)
{
  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (tracking != NULL, FALSE);

  return read_tracking (store, no, tracking, error);
}

/* Reads the previous tracking, then writes one field, all in one
 * transaction, so the value handed back for Undo is the one replaced. */
static gboolean
set_field (DtStore            *store,
           gint64              no,
           DtTrackingField     field,
           const char         *text,
           int                 number,
           gboolean            wait,
           DtMeasureTracking  *previous,
           GError            **error)
{
  static const char * const sql[] = {
    [DT_TRACKING_STATUS] = "INSERT INTO measure_tracking (no, status, updated_at) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (no) DO UPDATE SET status = ?2, updated_at = ?3",
    [DT_TRACKING_PROGRESS] = "INSERT INTO measure_tracking (no, progress, updated_at) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (no) DO UPDATE SET progress = ?2, updated_at = ?3",
    [DT_TRACKING_NOTES] = "INSERT INTO measure_tracking (no, notes, updated_at) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (no) DO UPDATE SET notes = ?2, updated_at = ?3",
    [DT_TRACKING_FOLLOW_UP] = "INSERT INTO measure_tracking (no, follow_up, updated_at) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (no) DO UPDATE SET follow_up = ?2, updated_at = ?3",
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *updated_at = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  gboolean exists;
  gboolean own;

  /* Inside the caller's transaction (the data service's write queue) the
   * write is part of it; otherwise it is its own. */
  own = sqlite3_get_autocommit (dt_store_get_db (store));
  if (own && !(wait ? dt_store_begin (store, error) : dt_store_try_begin (store, error)))
    return FALSE;

  /* Tracking outlives the text of a measure, but is only started for a
   * measure the official can see. */
  stmt = dt_store_prepare (store, "SELECT 1 FROM measures WHERE no = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, no);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (!exists)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("There is no measure number %lld"), (long long)no);
      goto fail;
    }

  if (!read_tracking (store, no, previous, error))
    goto fail;

  stmt = dt_store_prepare (store, sql[field], error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, no);
  if (field == DT_TRACKING_PROGRESS)
    sqlite3_bind_int (stmt, 2, number);
  else if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, updated_at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      sqlite3_finalize (stmt);
      goto fail;
    }
  sqlite3_finalize (stmt);

  return own ? dt_store_commit (store, error) : TRUE;

fail:
  if (own)
    dt_store_rollback (store);
  return FALSE;
}

void
dt_measure_tracking_free (DtMeasureTracking *tracking)
{
  if (tracking == NULL)
    return;
  dt_measure_tracking_clear (tracking);
  g_free (tracking);
}

gboolean
dt_measure_tracking_write (DtStore            *store,
                           gint64              no,
                           DtTrackingField     field,
                           const char         *text,
                           int                 number,
                           gboolean            wait,
                           DtMeasureTracking  *previous,
                           GError            **error)
{
  g_auto(DtMeasureTracking) replaced = { 0 };
  g_autofree char *follow_up = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);

  switch (field)
    {
    case DT_TRACKING_STATUS:
      {
        const char *key = dt_vocabulary_find (DT_VOCABULARY_MEASURE_STATUS, text);

        if (key == NULL)
          {
            g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                         _("“%s” is not a status; expected not-started, in-progress, in-effect, suspended or expired"),
                         text != NULL ? text : "");
            return FALSE;
          }
        text = key;
      }
      break;
    case DT_TRACKING_PROGRESS:
      if (number < 0 || number > 100)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("progress %d%% is out of range; expected 0 to 100"), number);
          return FALSE;
        }
      break;
    case DT_TRACKING_NOTES:
      if (text == NULL)
        text = "";
      break;
    case DT_TRACKING_FOLLOW_UP:
      if (text != NULL && text[0] == '\0')
        text = NULL;
      if (text != NULL)
        {
          /* Stored as YYYY-MM-DD whichever common form was typed. */
          follow_up = dt_parse_date (text);
          if (follow_up == NULL)
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                           _("“%s” is not a date; expected a date such as 2026-12-05, 2026/12/05 or 2026年12月5日"),
                           text);
              return FALSE;
            }
          text = follow_up;
        }
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (!set_field (store, no, field, text, number, wait, &replaced, error))
    return FALSE;
  if (previous != NULL)
    {
      *previous = replaced;
      memset (&replaced, 0, sizeof replaced);
    }
  return TRUE;
}

gboolean
dt_measure_tracking_set_status (DtStore     *store,
                                gint64       no,
                                const char  *status,
                                char       **out_previous,
                                GError     **error)
{
  g_auto(DtMeasureTracking) previous = { 0 };

  if (!dt_measure_tracking_write (store, no, DT_TRACKING_STATUS, status, 0, TRUE, &previous, error))
    return FALSE;
  if (out_previous != NULL)
    *out_previous = g_steal_pointer (&previous.status);
  return TRUE;
}

gboolean
dt_measure_tracking_set_progress (DtStore  *store,
                                  gint64    no,
                                  int       progress,
                                  int      *out_previous,
                                  GError  **error)
{
  g_auto(DtMeasureTracking) previous = { 0 };

  if (!dt_measure_tracking_write (store, no, DT_TRACKING_PROGRESS, NULL, progress, TRUE, &previous, error))
    return FALSE;
  if (out_previous != NULL)
    *out_previous = previous.progress;
  return TRUE;
}

gboolean
dt_measure_tracking_set_notes (DtStore     *store,
                               gint64       no,
                               const char  *notes,
                               char       **out_previous,
                               GError     **error)
{
  g_auto(DtMeasureTracking) previous = { 0 };

  if (!dt_measure_tracking_write (store, no, DT_TRACKING_NOTES, notes, 0, TRUE, &previous, error))
    return FALSE;
  if (out_previous != NULL)
    *out_previous = g_steal_pointer (&previous.notes);
  return TRUE;
}

gboolean
dt_measure_tracking_set_follow_up (DtStore     *store,
                                   gint64       no,
                                   const char  *date,
                                   char       **out_previous,
                                   GError     **error)
{
  g_auto(DtMeasureTracking) previous = { 0 };

  if (!dt_measure_tracking_write (store, no, DT_TRACKING_FOLLOW_UP, date, 0, TRUE, &previous, error))
    return FALSE;
  if (out_previous != NULL)
    *out_previous = g_steal_pointer (&previous.follow_up);
  return TRUE;
}

GPtrArray *
dt_measure_tracking_follow_ups_due (DtStore     *store,
                                    const char  *today,
                                    guint        days_ahead,
                                    GError     **error)
{
  g_autoptr(DtMeasureQuery) query = dt_measure_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDate) limit = g_date_new ();
  g_autofree char *today_text = NULL;
  char limit_text[16];
  GPtrArray *due;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = today_text = g_date_time_format (now, "%Y-%m-%d");
    }
  g_return_val_if_fail (dt_measure_tracking_date_is_valid (today), NULL);

  g_date_set_parse (limit, today);
  g_date_add_days (limit, days_ahead);
  g_snprintf (limit_text, sizeof limit_text, "%04u-%02u-%02u",
              g_date_get_year (limit), g_date_get_month (limit), g_date_get_day (limit));

  if (!dt_measure_query_set_sort (query, "follow_up", error) ||
      (all = dt_measure_query_run (query, store, error)) == NULL)
    return NULL;

  due = g_ptr_array_new_with_free_func ((GDestroyNotify)dt_measure_free);
  for (guint i = 0; i < all->len; i++)
    {
      DtMeasure *measure = g_ptr_array_index (all, i);

      /* ISO dates compare as text. */
      if (measure->follow_up != NULL && strcmp (measure->follow_up, limit_text) <= 0)
        g_ptr_array_add (due, g_steal_pointer (&all->pdata[i]));
    }
  return due;
}

gboolean
dt_measure_tracking_count_by_status_and_category (DtStore  *store,
                                                  guint    *counts,
                                                  GError  **error)
{
  guint n_statuses = 0, n_categories = 0;
  const DtTerm *statuses = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n_statuses);
  const DtTerm *categories = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_CATEGORY, &n_categories);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * n_statuses * n_categories);

  stmt = dt_store_prepare (store,
                           "SELECT coalesce(t.status, 'not-started'), m.category, count(*) "
                           "FROM measures m LEFT JOIN measure_tracking t ON t.no = m.no GROUP BY 1, 2",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *)sqlite3_column_text (stmt, 0);
      const char *category = (const char *)sqlite3_column_text (stmt, 1);

      for (guint s = 0; s < n_statuses; s++)
        for (guint c = 0; c < n_categories; c++)
          if (g_strcmp0 (status, statuses[s].key) == 0 && g_strcmp0 (category, categories[c].key) == 0)
            counts[s * n_categories + c] += sqlite3_column_int (stmt, 2);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), dt_store_get_path (store));
      return FALSE;
    }
  return TRUE;
}
