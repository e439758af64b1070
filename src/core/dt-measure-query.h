/* dt-measure-query.h — search, filter and sort the measures with their tracking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

/* One measure as a page shows it and an export writes it: the text of the
 * measures dataset joined with the official's tracking. */
typedef struct
{
  gint64  no;
  char   *title_zh;
  char   *title_en;
  char   *category;
  char   *support;
  char   *department;
  char   *contact;
  char   *body_zh;
  char   *body_en;
  char   *source;
  char   *criteria;     /* JSON text, may be NULL */
  char   *status;       /* never NULL: "not-started" without tracking */
  int     progress;
  char   *notes;        /* never NULL */
  char   *follow_up;    /* YYYY-MM-DD or NULL */
  char   *updated_at;   /* ISO 8601 or NULL */
} DtMeasure;

void        dt_measure_free            (DtMeasure       *measure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtMeasure, dt_measure_free)

/* The measure numbered @no, or NULL (without an error) when there is none. */
DtMeasure  *dt_measure_lookup          (DtStore         *store,
                                        gint64           no,
                                        GError         **error);

typedef struct
{
  char  *value;         /* a key (category, status) or the department's text */
  guint  count;
} DtMeasureFacet;

void        dt_measure_facet_free      (DtMeasureFacet  *facet);

/* Search text, filters and sort: what the Measures page shows, what its
 * counts summarise and what Export writes. */
typedef struct _DtMeasureQuery DtMeasureQuery;

DtMeasureQuery *dt_measure_query_new   (void);
DtMeasureQuery *dt_measure_query_copy  (const DtMeasureQuery *query);
void        dt_measure_query_free      (DtMeasureQuery  *query);

/* The filter keys: category, status, department. */
const char * const *dt_measure_query_filter_keys (void);
/* The sort keys: the column keys of the export. */
const char * const *dt_measure_query_sort_keys   (void);

/* Words separated by spaces must all occur (as substrings, any case) in
 * the title or body, Chinese or English. */
void        dt_measure_query_set_search (DtMeasureQuery *query,
                                         const char     *text);
const char *dt_measure_query_get_search (DtMeasureQuery *query);
/* Values of one key are ORed, different keys ANDed. Category and status
 * accept keys and English or Chinese labels. */
gboolean    dt_measure_query_add_filter (DtMeasureQuery *query,
                                         const char     *key,
                                         const char     *value,
                                         GError        **error);
/* "KEY=VALUE", as given to --filter. */
gboolean    dt_measure_query_parse_filter (DtMeasureQuery *query,
                                           const char     *key_value,
                                           GError        **error);
void        dt_measure_query_remove_filter (DtMeasureQuery *query,
                                            const char     *key,
                                            const char     *value);
gboolean    dt_measure_query_has_filter (DtMeasureQuery *query,
                                         const char     *key,
                                         const char     *value);
/* @key NULL clears every filter. */
void        dt_measure_query_clear_filters (DtMeasureQuery *query,
                                            const char     *key);
/* "KEY" or "KEY:desc"; NULL sorts by number. */
gboolean    dt_measure_query_set_sort   (DtMeasureQuery *query,
                                         const char     *sort,
                                         GError        **error);

/* How many measures the database holds, whatever a query shows; -1 on
 * error. */
int         dt_measure_query_count_all  (DtStore        *store,
                                         GError        **error);
/* TRUE when the measures come from the sample data pack. */
gboolean    dt_measure_query_is_sample  (DtStore        *store);

/* The matching measures (DtMeasure), in order. */
GPtrArray  *dt_measure_query_run        (DtMeasureQuery *query,
                                         DtStore        *store,
                                         GError        **error);
/* How many measures each value of @key would show, given the search and
 * the filters on the other keys (DtMeasureFacet). Category and status list
 * every value of their vocabulary, with 0 where none match. */
GPtrArray  *dt_measure_query_count      (DtMeasureQuery *query,
                                         DtStore        *store,
                                         const char     *key,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtMeasureQuery, dt_measure_query_free)

G_END_DECLS
