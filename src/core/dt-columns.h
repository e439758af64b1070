/* dt-columns.h — the data contract's columns and their labels, for import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DT_COLUMN_IMPORTED = 1 << 0,  /* read by import, written by every export */
  DT_COLUMN_REQUIRED = 1 << 1,  /* an import without it is refused */
  DT_COLUMN_TRACKING = 1 << 2,  /* officials' own data: exported to CSV, never imported */
  DT_COLUMN_DERIVED  = 1 << 3,  /* worked out from other columns: exported to CSV, never imported */
} DtColumnFlags;

/* How a column's values are written: numbers as numbers, JSON as JSON in
 * a data pack, regions and vocabulary terms as names under labels. */
typedef enum
{
  DT_COLUMN_TEXT,
  DT_COLUMN_INT,
  DT_COLUMN_DOUBLE,
  DT_COLUMN_BOOL,    /* 1/0; Yes/No (是/否) under labels */
  DT_COLUMN_JSON,    /* a measure's criteria: [{"kind": K, "value": V}, …] */
  DT_COLUMN_REGION,  /* a region code; its name under labels */
} DtColumnType;

/* No vocabulary: the column holds free text or a number. */
#define DT_COLUMN_NO_VOCABULARY (-1)

typedef struct
{
  const char    *key;        /* the data contract's key, written by --header=keys and data packs */
  const char    *label;      /* English label, N_() — translate with gettext for display */
  const char    *label_zh;   /* the Chinese label, written by Chinese exports and accepted on import */
  const char    *aliases;    /* more headers accepted on import, separated by '|', or NULL */
  DtColumnFlags  flags;
  DtColumnType   type;
  int            vocabulary; /* a DtVocabulary, or DT_COLUMN_NO_VOCABULARY */
} DtColumn;

/* The columns of @kind (regions, framework, index, enterprises, measures,
 * and the export-only ranking) in their canonical order, or NULL for an
 * unknown kind. */
const DtColumn *dt_columns_for_kind  (const char *kind,
                                      guint      *n_columns);
/* The column of @kind whose key, English label (also translated), Chinese
 * label or alias is @header, ignoring case, spaces, underscores and the
 * width of brackets; NULL when none is. */
const DtColumn *dt_columns_find      (const char *kind,
                                      const char *header);
/* The same, telling whether @header matched only an alias (a weaker match
 * that gives way when another header names the column exactly). */
const DtColumn *dt_columns_find_full (const char *kind,
                                      const char *header,
                                      gboolean   *by_alias);
const DtColumn *dt_columns_lookup    (const char *kind,
                                      const char *key);
/* The label of @key in the user's language (Chinese label under a Chinese
 * locale), or @key when unknown. */
const char     *dt_columns_label     (const char *kind,
                                      const char *key);
/* The header of @column in an export: its key with @keys, else its label
 * in the user's language (as dt_columns_label()). */
const char     *dt_columns_header    (const DtColumn *column,
                                      gboolean        keys);
/* The text an export writes for the stored @value of @column: the value
 * itself with @keys, else a vocabulary term's label in the user's
 * language (import reads both back). */
const char     *dt_columns_value_text (const DtColumn *column,
                                       const char     *value,
                                       gboolean        keys);
/* The dataset key an import of @kind replaces (the sample dataset's key). */
const char     *dt_columns_dataset_key (const char *kind);

G_END_DECLS
