/* dt-enterprise-query.h — search, filters and sort over the Top-100 lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One query object drives the table, the facet counts, the charts and the
 * export, so what is exported is what is shown, in the same order. It is
 * always run as SQL with bound parameters.
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "dt-table-writer.h"

G_BEGIN_DECLS

/* One listing row, as the table and the export see it. */
typedef struct
{
  gint64  listing_id;
  gint64  enterprise_id;
  gint64  dataset_id;
  int     year;
  int     rank;
  char   *name_zh;
  char   *name_en;
  char   *credit_code;
  char   *city;
  char   *city_zh;
  char   *city_en;
  char   *district;
  char   *district_zh;
  char   *district_en;
  char   *category;
  char   *sector;
  double  trade_volume;       /* NAN when unknown */
  gboolean in_ftz;
  int     founded;            /* 0 when unknown */
  gboolean has_prev_rank;     /* FALSE: new on this year's list */
  int     prev_rank;
} DtEnterpriseRecord;

void dt_enterprise_record_clear (DtEnterpriseRecord *record);
/* Places gained on the year before (positive: moved up). */
int  dt_enterprise_record_rank_change (const DtEnterpriseRecord *record);

/* A facet value or a chart bar: rows with @value, and their summed volume. */
typedef struct
{
  char   *value;
  gint64  count;
  double  volume;
} DtEnterpriseGroup;

typedef enum
{
  DT_ENTERPRISE_HEADER_LABELS,
  DT_ENTERPRISE_HEADER_KEYS,
} DtEnterpriseHeader;

#define DT_TYPE_ENTERPRISE_QUERY (dt_enterprise_query_get_type ())

G_DECLARE_FINAL_TYPE (DtEnterpriseQuery, dt_enterprise_query, DT, ENTERPRISE_QUERY, GObject)

/* The column keys: the data contract's, then rank_change. NULL-terminated. */
const char * const *dt_enterprise_query_keys        (void);
gboolean     dt_enterprise_query_is_key             (const char         *key);
/* The column's label in the user's language. */
const char  *dt_enterprise_query_key_label          (const char         *key);

DtEnterpriseQuery *dt_enterprise_query_new          (void);
DtEnterpriseQuery *dt_enterprise_query_copy         (DtEnterpriseQuery  *self);
gboolean     dt_enterprise_query_equal              (DtEnterpriseQuery  *a,
                                                     DtEnterpriseQuery  *b);

const char  *dt_enterprise_query_get_search         (DtEnterpriseQuery  *self);
void         dt_enterprise_query_set_search         (DtEnterpriseQuery  *self,
                                                     const char         *search);
/* Values of one key are ORed; different keys are ANDed. Numeric keys also
 * take a range "MIN..MAX" (either end may be empty). Values must be the
 * stored codes; see dt_enterprise_query_resolve_value(). */
gboolean     dt_enterprise_query_add_filter         (DtEnterpriseQuery  *self,
                                                     const char         *key,
                                                     const char         *value,
                                                     GError            **error);
void         dt_enterprise_query_remove_filter      (DtEnterpriseQuery  *self,
                                                     const char         *key,
                                                     const char         *value);
gboolean     dt_enterprise_query_has_filter         (DtEnterpriseQuery  *self,
                                                     const char         *key,
                                                     const char         *value);
/* The values of @key, or NULL when it is not filtered. */
GPtrArray   *dt_enterprise_query_get_filter         (DtEnterpriseQuery  *self,
                                                     const char         *key);
void         dt_enterprise_query_clear_filter       (DtEnterpriseQuery  *self,
                                                     const char         *key);
void         dt_enterprise_query_clear_filters      (DtEnterpriseQuery  *self);
gboolean     dt_enterprise_query_has_filters        (DtEnterpriseQuery  *self);

const char  *dt_enterprise_query_get_sort_key       (DtEnterpriseQuery  *self);
gboolean     dt_enterprise_query_get_sort_descending (DtEnterpriseQuery *self);
gboolean     dt_enterprise_query_set_sort           (DtEnterpriseQuery  *self,
                                                     const char         *key,
                                                     gboolean            descending,
                                                     GError            **error);
/* "KEY" or "KEY:desc" / "KEY:asc", as --sort takes it. */
gboolean     dt_enterprise_query_parse_sort         (DtEnterpriseQuery  *self,
                                                     const char         *text,
                                                     GError            **error);

/* The stored code for what a user typed as a filter value: a code, or a
 * Chinese or English name (杭州, 杭州市, Hangzhou; 数据贸易; yes/是). */
char        *dt_enterprise_query_resolve_value      (sqlite3            *db,
                                                     const char         *key,
                                                     const char         *text,
                                                     GError            **error);

/* Statements with every parameter bound. @limit < 0: no limit. */
sqlite3_stmt *dt_enterprise_query_prepare_rows      (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     gint64              limit,
                                                     gint64              offset,
                                                     GError            **error);
sqlite3_stmt *dt_enterprise_query_prepare_count     (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     GError            **error);
/* Groups by @key; with @facet the query's own filter on @key is left out,
 * so that each count reflects the other filters (for facet lists). */
sqlite3_stmt *dt_enterprise_query_prepare_groups    (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     const char         *key,
                                                     gboolean            facet,
                                                     GError            **error);

/* The listing ids the query selects, in its order (one column, l.id). */
sqlite3_stmt *dt_enterprise_query_prepare_ids       (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     GError            **error);
/* The rows of the listings @ids, as prepare_rows() selects them, in no
 * particular order; ids that are gone are left out. */
sqlite3_stmt *dt_enterprise_query_prepare_rows_by_id (sqlite3           *db,
                                                     const gint64       *ids,
                                                     guint               n_ids,
                                                     GError            **error);

/* Reads the row @stmt (from prepare_rows) is on. */
void         dt_enterprise_query_read_record        (sqlite3_stmt       *stmt,
                                                     DtEnterpriseRecord *record);

gint64       dt_enterprise_query_count              (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     GError            **error);
/* An array of the gint64 listing ids the query selects, in its order:
 * the order of prepare_rows() and of the export. */
GArray      *dt_enterprise_query_ids                (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     GError            **error);
/* An array of DtEnterpriseGroup, largest count first. */
GArray      *dt_enterprise_query_groups             (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     const char         *key,
                                                     gboolean            facet,
                                                     GError            **error);

typedef void (*DtEnterpriseProgress) (gint64   done,
                                      gpointer user_data);

/* Writes the rows the query selects, in its order, as CSV (see DESIGN.md).
 * Labels mode writes headers and values (regions, categories, yes/no) in the
 * user's language; keys mode writes the contract's keys and stored codes. */
gboolean     dt_enterprise_query_export             (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     GOutputStream      *stream,
                                                     DtEnterpriseHeader  header,
                                                     gboolean            with_bom,
                                                     DtEnterpriseProgress progress,
                                                     gpointer            progress_data,
                                                     GCancellable       *cancellable,
                                                     gint64             *n_rows,
                                                     GError            **error);

/* The same rows through @writer (CSV or a workbook), header first;
 * leaves finishing the writer to the caller. */
gboolean     dt_enterprise_query_write              (DtEnterpriseQuery  *self,
                                                     sqlite3            *db,
                                                     DtTableWriter      *writer,
                                                     DtEnterpriseHeader  header,
                                                     DtEnterpriseProgress progress,
                                                     gpointer            progress_data,
                                                     GCancellable       *cancellable,
                                                     gint64             *n_rows,
                                                     GError            **error);

/* A read-only connection to the database at @path for one thread's work
 * (WAL lets it read while others write); its statements fail with
 * G_IO_ERROR_CANCELLED soon after @cancellable (may be NULL) is cancelled.
 * Close it with sqlite3_close(). */
sqlite3     *dt_enterprise_query_open_db            (const char         *path,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
/* dt_enterprise_query_export() on a connection of its own to @db_path. */
gboolean     dt_enterprise_query_export_path        (DtEnterpriseQuery  *self,
                                                     const char         *db_path,
                                                     GOutputStream      *stream,
                                                     DtEnterpriseHeader  header,
                                                     gboolean            with_bom,
                                                     DtEnterpriseProgress progress,
                                                     gpointer            progress_data,
                                                     GCancellable       *cancellable,
                                                     gint64             *n_rows,
                                                     GError            **error);

/* The lists enterprise @enterprise_id was on, by year: @years (int) and
 * @ranks (double, for a chart). FALSE when they cannot be read. */
gboolean     dt_enterprise_query_rank_history       (sqlite3            *db,
                                                     gint64              enterprise_id,
                                                     GArray            **years,
                                                     GArray            **ranks,
                                                     GError            **error);
/* Region code → GStrv { name_zh, name_en }; empty when unreadable. */
GHashTable  *dt_enterprise_query_region_names       (sqlite3            *db);
/* The year of the latest list, 0 when there is none. */
int          dt_enterprise_query_latest_year        (sqlite3            *db);

/* The display text of a stored value of @key (region name, category label…). */
char        *dt_enterprise_query_format_value       (const char         *key,
                                                     const char         *value,
                                                     const char         *name_zh,
                                                     const char         *name_en);

G_END_DECLS
