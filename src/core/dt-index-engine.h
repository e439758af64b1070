/* dt-index-engine.h — normalises indicators and aggregates a composite index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table holds one row per region (and year, when there is a time
 * column) and one column per framework node, in framework order. Values
 * are doubles; NAN means missing. Normalisation works per indicator over
 * all rows together, so that years stay comparable.
 */

#pragma once

#include <gio/gio.h>

#include "dt-table-writer.h"

#include "dt-index-framework.h"

G_BEGIN_DECLS

typedef enum
{
  DT_INDEX_NORMALISE_NONE,       /* the indicators are scores already */
  DT_INDEX_NORMALISE_BASE_YEAR,  /* x / base × 100, or base / x × 100 for direction -1 */
  DT_INDEX_NORMALISE_MINMAX,     /* 0 to 100 over all rows, reversed for direction -1 */
  DT_INDEX_NORMALISE_ZSCORE,     /* (x - mean) / sd (n - 1) × direction */
  DT_INDEX_NORMALISE_GOALPOSTS,  /* (x - low) / (high - low) × 100, clamped to 0 to 100 */
} DtIndexNormalise;

typedef enum
{
  DT_INDEX_AGGREGATE_AMEAN,      /* weighted arithmetic mean */
  DT_INDEX_AGGREGATE_GMEAN,      /* weighted geometric mean */
} DtIndexAggregate;

typedef struct _DtIndexTable DtIndexTable;

gboolean      dt_index_normalise_from_string (const char        *text,
                                              DtIndexNormalise  *method);
gboolean      dt_index_aggregate_from_string (const char        *text,
                                              DtIndexAggregate  *method);
/* The command line's --normalise and --aggregate (either NULL: the method
 * passed in stays) and whether base-year has its --base-year. */
gboolean      dt_index_methods_parse         (const char        *normalise,
                                              const char        *aggregate,
                                              int                base_year,
                                              DtIndexNormalise  *normalise_method,
                                              DtIndexAggregate  *aggregate_method,
                                              GError           **error);

/* @framework must outlive the table. @file_name names the data in messages. */
DtIndexTable *dt_index_table_new             (DtIndexFramework  *framework,
                                              gboolean           has_time,
                                              const char        *file_name);
/* A copy of the rows and values whose weights come from @framework (of the
 * same shape; NULL: the same framework), so that threads can aggregate
 * with weights of their own. */
DtIndexTable *dt_index_table_copy            (DtIndexTable      *self,
                                              DtIndexFramework  *framework);
void          dt_index_table_free            (DtIndexTable      *self);
/* Appends a row with every value missing; @line is its line in the file
 * (0 when unknown). Returns the row. */
guint         dt_index_table_add_row         (DtIndexTable      *self,
                                              const char        *unit,
                                              int                year,
                                              guint              line);
/* The row of @unit in @year (ignored without time), or -1. */
int           dt_index_table_find_row        (DtIndexTable      *self,
                                              const char        *unit,
                                              int                year);
guint         dt_index_table_get_n_rows      (DtIndexTable      *self);
gboolean      dt_index_table_has_time        (DtIndexTable      *self);
const char   *dt_index_table_get_unit        (DtIndexTable      *self,
                                              guint              row);
int           dt_index_table_get_year        (DtIndexTable      *self,
                                              guint              row);
double        dt_index_table_get_value       (DtIndexTable      *self,
                                              guint              row,
                                              guint              node);
void          dt_index_table_set_value       (DtIndexTable      *self,
                                              guint              row,
                                              guint              node,
                                              double             value);
DtIndexFramework *dt_index_table_get_framework (DtIndexTable    *self);

/* Reads `uCode[,Time],<indicator>...`; an empty cell is missing. Errors
 * name FILE:LINE:COLUMN: a non-numeric cell, an unknown or aggregate code,
 * an indicator without a column, a repeated region and year. */
DtIndexTable *dt_index_table_new_from_bytes  (DtIndexFramework  *framework,
                                              GBytes            *bytes,
                                              const char        *file_name,
                                              GError           **error);
DtIndexTable *dt_index_table_new_from_path   (DtIndexFramework  *framework,
                                              const char        *path,
                                              GError           **error);
/* `uCode[,Time]` then every node in framework order, numbers with 17
 * significant digits, missing values empty. */
/* The table through @writer (CSV or a workbook); the caller finishes it. */
gboolean      dt_index_table_write_table     (DtIndexTable      *self,
                                              DtTableWriter     *writer,
                                              GError           **error);
gboolean      dt_index_table_write_csv       (DtIndexTable      *self,
                                              GOutputStream     *stream,
                                              gboolean           with_bom,
                                              GError           **error);

/* Replaces the indicator values (level 1) by their normalised values.
 * @base_year is used by DT_INDEX_NORMALISE_BASE_YEAR only. */
gboolean      dt_index_normalise             (DtIndexTable      *self,
                                              DtIndexNormalise   method,
                                              int                base_year,
                                              GError           **error);
/* Computes every aggregate from its children, bottom up. A missing child
 * is skipped and the weights of the others renormalised; an aggregate with
 * no child present is missing. */
gboolean      dt_index_aggregate             (DtIndexTable      *self,
                                              DtIndexAggregate   method,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexTable, dt_index_table_free)

G_END_DECLS
