/* dt-dataset-import.h — validate rows of one dataset and write them in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

/* What an import may do beyond what its rows cover. */
typedef enum
{
  DT_IMPORT_NONE        = 0,
  DT_IMPORT_REPLACE_ALL = 1 << 0, /* replace every row of the kind (--replace-all) */
  DT_IMPORT_PLAN_ONLY   = 1 << 1, /* validate and plan; write nothing */
} DtImportFlags;

/* How the callers of the file imports (dt-import-file.h) ask for one. */
typedef struct
{
  const char    *kind;       /* the kind the file must hold, or NULL for any */
  int            year;       /* stands in for a wide index table's missing Time column; 0: none */
  /* Set only by callers that know where the file comes from (sync: the
   * configured source is "official"; the built-in samples are "sample").
   * NULL: a CSV is an official's own file ("official"), a pack is "user"
   * whatever it says of itself. */
  const char    *provenance;
  DtImportFlags  flags;
} DtImportOptions;

typedef struct
{
  const char *key;          /* names the dataset; made unique if another holds it */
  const char *kind;         /* regions, framework, index, enterprises, measures */
  const char *title;
  const char *title_zh;
  const char *source;
  const char *provenance;   /* sample, official, user */
  const char *checksum;     /* SHA-256 of the file the rows came from */
  DtImportFlags flags;
  const char *source_zh;    /* the source's Chinese form, or NULL */
} DtDatasetInfo;

/* What an import adds, replaces and keeps, per year (year 0 for kinds
 * without years: measures, framework, regions). Rows are the rows of the
 * kind's table: listings, measures, index values, nodes, regions. */
typedef struct
{
  int   year;
  guint n_new;        /* rows of the file where the database holds nothing */
  guint n_replacing;  /* rows of the file that take the place of rows there */
  guint n_replaced;   /* rows there now that go */
  guint n_kept;       /* rows there now that stay */
} DtImportPlanYear;

typedef struct
{
  char     *kind;
  gboolean  replace_all;
  guint     n_sample;   /* rows of fictional sample data of the kind that go */
  GArray   *years;      /* DtImportPlanYear, by year */
} DtImportPlan;

void   dt_import_plan_free     (DtImportPlan        *plan);
/* Whole translated sentences, one a line, e.g. "2024: 100 new rows." and
 * "2021–2023: kept, as the file holds nothing of those years." */
char  *dt_import_plan_describe (const DtImportPlan  *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtImportPlan, dt_import_plan_free)

/* One input row: values by data-contract key, and where each came from so
 * that an error can name the file, line and column. */
typedef struct
{
  const char *file;
  guint       line;         /* of the row; 0 when unknown */
  GHashTable *values;       /* key → text */
  GHashTable *columns;      /* key → GUINT_TO_POINTER (1-based column), may be NULL */
  GHashTable *lines;        /* key → GUINT_TO_POINTER (line of that field), may be NULL */
} DtRowInput;

typedef struct _DtDatasetImport DtDatasetImport;

/* Reads @text as a number the way spreadsheets write one: white space
 * around it, a comma only between groups of three digits ("12,345.5",
 * "1,234,567"). "1,5" and "12,34" are refused, with @comma_misplaced set. */
gboolean          dt_parse_import_number       (const char            *text,
                                                double                *value,
                                                gboolean              *comma_misplaced);

/* Longest value accepted in any field (a measure's full text is a few KB). */
#define DT_DATASET_MAX_FIELD_BYTES (256 * 1024)

gboolean          dt_dataset_kind_is_valid     (const char            *kind);
const char * const *dt_dataset_kind_required_keys (const char         *kind);

DtDatasetImport  *dt_dataset_import_begin      (DtStore               *store,
                                                const DtDatasetInfo   *info,
                                                GError               **error);
gboolean          dt_dataset_import_add_row    (DtDatasetImport       *import,
                                                const DtRowInput      *row,
                                                GError               **error);
guint             dt_dataset_import_get_n_rows (DtDatasetImport       *import);
/* Records the source's checksum when it is known only after its rows
 * (a file read as a stream). Before dt_dataset_import_commit(). */
gboolean          dt_dataset_import_set_checksum (DtDatasetImport     *import,
                                                  const char          *checksum,
                                                  GError             **error);
/* Makes the rows permanent (or releases the savepoint when the caller holds
 * the transaction): rows of other datasets that the new rows cover go, and
 * so do datasets left without rows. With DT_IMPORT_PLAN_ONLY, writes
 * nothing and only completes the plan. */
gboolean          dt_dataset_import_commit     (DtDatasetImport       *import,
                                                GError               **error);
/* After a successful commit: what the import did (or would do). */
DtImportPlan     *dt_dataset_import_steal_plan (DtDatasetImport       *import);
/* Undoes everything not committed, then frees. */
void              dt_dataset_import_free       (DtDatasetImport       *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDatasetImport, dt_dataset_import_free)

/* Where rows of dataset @dataset_id came from, as one translated sentence
 * (title, provenance, source, date); NULL when there is no such dataset. */
char  *dt_dataset_describe     (DtStore             *store,
                                gint64               dataset_id);

G_END_DECLS
