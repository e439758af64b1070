/* dt-dataset-import.h — validate rows of one dataset and write them in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *key;          /* replaces an earlier dataset with the same key */
  const char *kind;         /* regions, framework, index, enterprises, measures */
  const char *title;
  const char *title_zh;
  const char *source;
  const char *provenance;   /* sample, official, user */
  const char *checksum;     /* SHA-256 of the file the rows came from */
} DtDatasetInfo;

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
/* Makes the rows permanent (or releases the savepoint when the caller holds
 * the transaction). */
gboolean          dt_dataset_import_commit     (DtDatasetImport       *import,
                                                GError               **error);
/* Undoes everything not committed, then frees. */
void              dt_dataset_import_free       (DtDatasetImport       *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDatasetImport, dt_dataset_import_free)

G_END_DECLS
