/* dt-index-framework.h — the tree of a composite index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nodes are kept in the order they were given (framework order). Level 1
 * is an indicator; higher levels aggregate their children. A weight counts
 * relative to the siblings under the same parent.
 */

#pragma once

#include <gio/gio.h>

#include "dt-store.h"

G_BEGIN_DECLS

typedef struct _DtIndexFramework DtIndexFramework;

typedef struct
{
  char   *code;
  char   *name;
  char   *name_en;     /* may be NULL */
  int     level;       /* 1 = indicator */
  char   *parent;      /* NULL for a root */
  int     direction;   /* 1 or -1 */
  double  weight;      /* >= 0, relative to siblings */
  double  goalpost_low;  /* NAN unless given */
  double  goalpost_high; /* NAN unless given */
  /* Where the node was defined, for messages. */
  guint   line;
} DtIndexNode;

DtIndexFramework *dt_index_framework_new           (const char        *file_name);
DtIndexFramework *dt_index_framework_copy          (DtIndexFramework  *self);
void              dt_index_framework_free          (DtIndexFramework  *self);

/* Appends a node. @line is where it came from (0 when unknown). Fails on a
 * duplicate code. */
gboolean          dt_index_framework_add_node      (DtIndexFramework  *self,
                                                    const DtIndexNode *node,
                                                    GError           **error);
/* Resolves parents and checks the tree: unknown parents, cycles and
 * indicators (level 1) with children are errors naming the file, the line
 * and the column of the parent cell. Must be called once, after the last
 * node was added and before the framework is used. */
gboolean          dt_index_framework_finish        (DtIndexFramework  *self,
                                                    GError           **error);

/* Reads `code,name,level,parent,direction,weight` (in any order; `name_zh`
 * may stand for `name`; other columns are ignored) plus optional
 * `goalpost_low,goalpost_high`. Errors name FILE:LINE:COLUMN. */
DtIndexFramework *dt_index_framework_new_from_bytes (GBytes           *bytes,
                                                     const char       *file_name,
                                                     GError          **error);
DtIndexFramework *dt_index_framework_new_from_path  (const char       *path,
                                                     GError          **error);
/* The framework stored in the index_nodes table, in position order. */
DtIndexFramework *dt_index_framework_new_from_store (DtStore          *store,
                                                     GError          **error);

const char       *dt_index_framework_get_file_name (DtIndexFramework  *self);
guint             dt_index_framework_get_n_nodes   (DtIndexFramework  *self);
const DtIndexNode *dt_index_framework_get_node     (DtIndexFramework  *self,
                                                    guint              index);
/* The node's index, or -1. */
int               dt_index_framework_lookup        (DtIndexFramework  *self,
                                                    const char        *code);
/* Index of the parent, or -1 for a root. */
int               dt_index_framework_get_parent    (DtIndexFramework  *self,
                                                    guint              index);
/* The children of a node, in framework order; NULL-free array of indexes. */
const guint      *dt_index_framework_get_children  (DtIndexFramework  *self,
                                                    guint              index,
                                                    guint             *n_children);
/* Every node with children after all its descendants: the order in which
 * aggregates can be computed. */
const guint      *dt_index_framework_get_bottom_up (DtIndexFramework  *self,
                                                    guint             *n_nodes);
/* The column where goalposts are (or would be) given, for messages. */
guint             dt_index_framework_get_goalpost_column (DtIndexFramework *self);
/* Sets a weight (the what-if view); the value must be finite and >= 0. */
void              dt_index_framework_set_weight    (DtIndexFramework  *self,
                                                    guint              index,
                                                    double             weight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtIndexFramework, dt_index_framework_free)

G_END_DECLS
