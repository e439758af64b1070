/* dt-facet-index.h — the Top-100 listings in memory, for counts and facets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At a million listing rows, a SQL GROUP BY per facet per keystroke takes
 * seconds. The index holds every listing row as compact columns (a one- or
 * two-byte code per facet value, a Roaring bitmap per year), the names and
 * credit codes in one block of text with an index of their uncommon
 * character pairs, so that a DtEnterpriseQuery's count, facet counts,
 * chart sums and ordered ids take milliseconds. It answers exactly what the SQL path of
 * dt-enterprise-query.c answers; whatever it cannot (filters on names,
 * codes, or values it cannot read the SQL way) it declines with FALSE or
 * NULL, and the caller asks SQL.
 *
 * It is built on a thread of its own from its own read-only connection, and
 * rebuilt on dt_facet_index_rebuild() (call it when the store changes).
 * Every query function may be called from any thread.
 */

#pragma once

#include <gio/gio.h>

#include "dt-enterprise-query.h"

G_BEGIN_DECLS

#define DT_TYPE_FACET_INDEX (dt_facet_index_get_type ())

G_DECLARE_FINAL_TYPE (DtFacetIndex, dt_facet_index, DT, FACET_INDEX, GObject)

/* An index of the database at @path; not built until dt_facet_index_rebuild()
 * or dt_facet_index_build_sync(). */
DtFacetIndex *dt_facet_index_new          (const char        *path);
const char   *dt_facet_index_get_path     (DtFacetIndex      *self);

/* Drops the current content at once (queries decline until the new one is
 * ready) and builds it again on a thread; "ready" follows on the thread
 * default main context of the caller. */
void          dt_facet_index_rebuild      (DtFacetIndex      *self);
/* Builds on the calling thread (tests, benchmarks). */
gboolean      dt_facet_index_build_sync   (DtFacetIndex      *self,
                                           GError           **error);
gboolean      dt_facet_index_is_ready     (DtFacetIndex      *self);
/* The PRAGMA data_version the content was read at, -1 when not ready. */
gint64        dt_facet_index_get_data_version (DtFacetIndex *self);
/* Bytes the content takes: every column, bitmap, text and sort order, and
 * what the caches of the queries so far hold. */
gsize         dt_facet_index_get_memory   (DtFacetIndex      *self);

/* Whether the index can answer @query at all (ready, and every filter of a
 * kind it knows). The functions below check it themselves. */
gboolean      dt_facet_index_can_answer   (DtFacetIndex      *self,
                                           DtEnterpriseQuery *query);
/* FALSE when the index cannot answer; then *@count is untouched. */
gboolean      dt_facet_index_count        (DtFacetIndex      *self,
                                           DtEnterpriseQuery *query,
                                           gint64            *count);
/* Like dt_enterprise_query_groups(): DtEnterpriseGroup, largest count
 * first, then by value; NULL when the index cannot answer (also for @key
 * other than year, city, district, category, sector and in_ftz). */
GArray       *dt_facet_index_groups       (DtFacetIndex      *self,
                                           DtEnterpriseQuery *query,
                                           const char        *key,
                                           gboolean           facet);
/* The listing ids (gint64) the query selects, in its sort order, as
 * dt_enterprise_query_prepare_rows() gives them; NULL when the index
 * cannot answer. Every sort key is supported. */
GArray       *dt_facet_index_query_ids    (DtFacetIndex      *self,
                                           DtEnterpriseQuery *query);

/* One criterion of a measure over a listing row, as the SQL of
 * dt-measure-eligibility.c states it: met, not met, or unknown (the data
 * does not say). */
typedef enum
{
  DT_FACET_TEST_IN_FTZ,      /* in_ftz <> 0 is @number <> 0; NULL: unknown */
  DT_FACET_TEST_EQUALS,      /* @key (district, category, sector) is one of @values; NULL or '': unknown */
  DT_FACET_TEST_AT_LEAST,    /* trade_volume >= @number; NULL: unknown */
  DT_FACET_TEST_FOUNDED_AFTER, /* the enterprise's founded > @number; NULL: unknown */
  DT_FACET_TEST_LISTED_IN,   /* the enterprise has a listing in year @number; no such list: unknown */
  DT_FACET_TEST_UNKNOWN,     /* cannot be told for anyone */
} DtFacetTestKind;

typedef struct
{
  DtFacetTestKind kind;
  const char     *key;
  const char     *values[3];   /* NULL-terminated */
  double          number;
} DtFacetTest;

/* Judges every listing of @year against all @tests at once, from the
 * bitmaps: @counts gets the rows that meet every test, those where none
 * fails but some cannot be told, and those that fail one (in that order).
 * @qualifying, when given, gets the listing ids (gint64) of the rows that
 * meet every test, by rank, from @offset, at most @limit. FALSE when the
 * index is not ready. */
gboolean      dt_facet_index_judge        (DtFacetIndex      *self,
                                           int                year,
                                           const DtFacetTest *tests,
                                           guint              n_tests,
                                           guint              counts[3],
                                           guint              offset,
                                           guint              limit,
                                           GArray            *qualifying);
/* Whether @year has a list in the index (FALSE also when not ready). */
gboolean      dt_facet_index_has_year     (DtFacetIndex      *self,
                                           int                year);

/* The index of the database at @path that is alive in this process, if
 * any (a new reference): the enterprise page builds it, the measures'
 * eligibility uses it. */
DtFacetIndex *dt_facet_index_find         (const char        *path);

/* A DtEnterpriseIdsFunc for the list model (@user_data: a DtFacetIndex):
 * the ordered ids from the index when it can answer, else from SQL on @db. */
GArray       *dt_facet_index_ids_or_sql   (DtEnterpriseQuery  *query,
                                           sqlite3            *db,
                                           GCancellable       *cancellable,
                                           gpointer            user_data,
                                           GError            **error);

G_END_DECLS
