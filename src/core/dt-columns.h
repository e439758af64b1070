/* dt-columns.h — the data contract's columns and their labels, for import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DT_COLUMN_IMPORTED = 1 << 0,  /* read by import */
  DT_COLUMN_REQUIRED = 1 << 1,  /* an import without it is refused */
  DT_COLUMN_NUMERIC  = 1 << 2,  /* exports write it as a number */
  DT_COLUMN_TRACKING = 1 << 3,  /* officials' own data: exported, never imported */
} DtColumnFlags;

typedef struct
{
  const char    *key;       /* the data contract's key, written by --header=keys */
  const char    *label;     /* English label, N_() — translate with gettext for display */
  const char    *label_zh;  /* the Chinese label, written by Chinese exports and accepted on import */
  const char    *aliases;   /* more headers accepted on import, separated by '|', or NULL */
  DtColumnFlags  flags;
} DtColumn;

/* The columns of @kind (regions, framework, index, enterprises, measures)
 * in their canonical order, or NULL for an unknown kind. */
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
/* The dataset key an import of @kind replaces (the sample dataset's key). */
const char     *dt_columns_dataset_key (const char *kind);

G_END_DECLS
