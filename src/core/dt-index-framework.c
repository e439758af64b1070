/* dt-index-framework.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-framework"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "dt-csv-reader.h"
#include "dt-error.h"
#include "dt-index-framework.h"
#include "dt-util.h"

struct _DtIndexFramework
{
  char       *file_name;
  GArray     *nodes;        /* DtIndexNode */
  GHashTable *by_code;      /* code → index + 1 */
  /* Columns of the code and parent cells, for messages (1-based). */
  guint       code_column;
  guint       parent_column;
  guint       goalpost_column;
  /* Filled by finish () */
  gboolean    finished;
  int        *parents;
  GArray    **children;     /* guint, one array per node */
  GArray     *bottom_up;    /* guint */
};

static void
clear_node (gpointer data)
{
  DtIndexNode *node = data;

  g_free (node->code);
  g_free (node->name);
  g_free (node->name_en);
  g_free (node->parent);
}

DtIndexFramework *
dt_index_framework_new (const char *file_name)
{
  DtIndexFramework *self = g_new0 (DtIndexFramework, 1);

  self->file_name = g_strdup (file_name != NULL ? file_name : "framework");
  self->nodes = g_array_new (FALSE, TRUE, sizeof (DtIndexNode));
  g_array_set_clear_func (self->nodes, clear_node);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->code_column = 1;
  self->parent_column = 4;
  self->goalpost_column = 8;
  return self;
}

static void
clear_tree (DtIndexFramework *self)
{
  if (self->children != NULL)
    for (guint i = 0; i < self->nodes->len; i++)
      g_array_unref (self->children[i]);
  g_clear_pointer (&self->children, g_free);
  g_clear_pointer (&self->parents, g_free);
  g_clear_pointer (&self->bottom_up, g_array_unref);
  self->finished = FALSE;
}

void
dt_index_framework_free (DtIndexFramework *self)
{
  if (self == NULL)
    return;
  clear_tree (self);
  g_hash_table_unref (self->by_code);
  g_array_unref (self->nodes);
  g_free (self->file_name);
  g_free (self);
}

DtIndexFramework *
dt_index_framework_copy (DtIndexFramework *self)
{
  g_autoptr(DtIndexFramework) copy = NULL;

  g_return_val_if_fail (self != NULL && self->finished, NULL);

  copy = dt_index_framework_new (self->file_name);
  copy->code_column = self->code_column;
  copy->parent_column = self->parent_column;
  copy->goalpost_column = self->goalpost_column;
  for (guint i = 0; i < self->nodes->len; i++)
    if (!dt_index_framework_add_node (copy, &g_array_index (self->nodes, DtIndexNode, i), NULL))
      g_return_val_if_reached (NULL);
  if (!dt_index_framework_finish (copy, NULL))
    g_return_val_if_reached (NULL);
  return g_steal_pointer (&copy);
}

gboolean
dt_index_framework_add_node (DtIndexFramework  *self,
                             const DtIndexNode *node,
                             GError           **error)
{
  DtIndexNode copy = *node;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (node->code != NULL && *node->code != '\0', FALSE);

  if (g_hash_table_contains (self->by_code, node->code))
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, node->code)) - 1;

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:%u: the code “%s” is used twice (first on line %u); every node needs its own code"),
                   self->file_name, node->line, self->code_column, node->code,
                   g_array_index (self->nodes, DtIndexNode, first).line);
      return FALSE;
    }

  copy.code = g_strdup (node->code);
  copy.name = g_strdup (node->name != NULL ? node->name : node->code);
  copy.name_en = g_strdup (node->name_en);
  copy.parent = node->parent != NULL && *node->parent != '\0' ? g_strdup (node->parent) : NULL;
  g_array_append_val (self->nodes, copy);
  g_hash_table_insert (self->by_code,
                       g_array_index (self->nodes, DtIndexNode, self->nodes->len - 1).code,
                       GUINT_TO_POINTER (self->nodes->len));
  return TRUE;
}

#define NODE(self, i) (&g_array_index ((self)->nodes, DtIndexNode, (i)))

/* Depth-first walk that appends children before their parent; @state is
 * 0 unvisited, 1 on the current path, 2 done. A node met again while on the
 * path closes a cycle. */
static gboolean
visit (DtIndexFramework  *self,
       guint              index,
       guint8            *state,
       GError           **error)
{
  GArray *children = self->children[index];

  state[index] = 1;
  for (guint i = 0; i < children->len; i++)
    {
      guint child = g_array_index (children, guint, i);

      if (state[child] == 1)
        goto cycle;
      if (state[child] == 0 && !visit (self, child, state, error))
        return FALSE;
    }
  state[index] = 2;
  if (children->len > 0)
    g_array_append_val (self->bottom_up, index);
  return TRUE;

cycle:
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("%s:%u:%u: the parents of “%s” form a cycle; the tree needs one root without a parent"),
               self->file_name, NODE (self, index)->line, self->parent_column, NODE (self, index)->code);
  return FALSE;
}

gboolean
dt_index_framework_finish (DtIndexFramework  *self,
                           GError           **error)
{
  guint n = self->nodes->len;
  g_autofree guint8 *state = NULL;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);

  self->parents = g_new (int, n);
  self->children = g_new (GArray *, n);
  self->bottom_up = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    self->children[i] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      DtIndexNode *node = NODE (self, i);

      self->parents[i] = -1;
      if (node->parent == NULL)
        continue;
      self->parents[i] = dt_index_framework_lookup (self, node->parent);
      if (self->parents[i] < 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:%u: unknown parent “%s” of “%s”; a parent must be the code of another node"),
                       self->file_name, node->line, self->parent_column, node->parent, node->code);
          goto fail;
        }
      g_array_append_val (self->children[self->parents[i]], i);
    }

  for (guint i = 0; i < n; i++)
    if (NODE (self, i)->level == 1 && self->children[i]->len > 0)
      {
        DtIndexNode *child = NODE (self, g_array_index (self->children[i], guint, 0));

        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("%s:%u:%u: “%s” is an indicator (level 1) but is the parent of “%s”; only aggregates (level 2 and above) have children"),
                     self->file_name, child->line, self->parent_column, NODE (self, i)->code, child->code);
        goto fail;
      }

  /* Walk from the roots first so that the order is natural, then from
   * every node left over: those are only reachable through a cycle. */
  state = g_new0 (guint8, n);
  for (guint i = 0; i < n; i++)
    if (self->parents[i] < 0 && !visit (self, i, state, error))
      goto fail;
  for (guint i = 0; i < n; i++)
    if (state[i] == 0)
      {
        /* Report the node whose parent link closes the cycle. */
        guint j = i;

        while (state[j] == 0)
          {
            state[j] = 3;
            j = self->parents[j];
          }
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("%s:%u:%u: the parents of “%s” form a cycle; the tree needs one root without a parent"),
                     self->file_name, NODE (self, j)->line, self->parent_column, NODE (self, j)->code);
        goto fail;
      }

  self->finished = TRUE;
  return TRUE;

fail:
  clear_tree (self);
  return FALSE;
}

/* CSV parsing */

static int
column_of (GPtrArray  *header,
           const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_ascii_strcasecmp (g_strstrip ((char *)g_ptr_array_index (header, i)), name) == 0)
      return i;
  return -1;
}

static const char *
cell (GPtrArray *row,
      int        column)
{
  if (column < 0 || (guint)column >= row->len)
    return "";
  return g_ptr_array_index (row, column);
}

static gboolean
bad_cell (GError     **error,
          const char  *file,
          guint        line,
          int          column,
          const char  *what,
          const char  *text,
          const char  *expected)
{
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
               _("%s:%u:%d: %s “%s” is not valid; expected %s"),
               file, line, column + 1, what, text, expected);
  return FALSE;
}

DtIndexFramework *
dt_index_framework_new_from_bytes (GBytes      *bytes,
                                   const char  *file_name,
                                   GError     **error)
{
  g_autoptr(DtCsvReader) reader = NULL;
  g_autoptr(DtIndexFramework) self = NULL;
  g_autoptr(GPtrArray) header = NULL;
  GPtrArray *row;
  int c_code, c_name, c_name_en, c_level, c_parent, c_direction, c_weight, c_low, c_high;
  const char *required[] = { "code", "name", "level", "parent", "direction", "weight" };

  reader = dt_csv_reader_new (bytes, file_name, error);
  if (reader == NULL)
    return NULL;

  row = dt_csv_reader_next_row (reader, error);
  if (row == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("%s:1:1: the file is empty; expected a header code,name,level,parent,direction,weight"),
                     file_name);
      return NULL;
    }
  header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < row->len; i++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (row, i)));

  c_code = column_of (header, "code");
  c_name = column_of (header, "name");
  if (c_name < 0)
    c_name = column_of (header, "name_zh");
  c_name_en = column_of (header, "name_en");
  c_level = column_of (header, "level");
  c_parent = column_of (header, "parent");
  c_direction = column_of (header, "direction");
  c_weight = column_of (header, "weight");
  c_low = column_of (header, "goalpost_low");
  c_high = column_of (header, "goalpost_high");
  {
    int found[] = { c_code, c_name, c_level, c_parent, c_direction, c_weight };

    for (guint i = 0; i < G_N_ELEMENTS (found); i++)
      if (found[i] < 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:1:%u: the header has no column “%s”; expected code,name,level,parent,direction,weight"),
                       file_name, header->len + 1, required[i]);
          return NULL;
        }
  }
  if ((c_low < 0) != (c_high < 0))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:%d: goalpost_low and goalpost_high come together; only one was given"),
                   file_name, MAX (c_low, c_high) + 1);
      return NULL;
    }

  self = dt_index_framework_new (file_name);
  self->code_column = c_code + 1;
  self->parent_column = c_parent + 1;
  self->goalpost_column = c_low >= 0 ? (guint)c_low + 1 : header->len + 1;

  while ((row = dt_csv_reader_next_row (reader, error)) != NULL)
    {
      guint line = dt_csv_reader_get_line (reader);
      g_autofree char *code = g_strstrip (g_strdup (cell (row, c_code)));
      g_autofree char *parent = g_strstrip (g_strdup (cell (row, c_parent)));
      const char *text;
      DtIndexNode node = { 0 };
      double number;

      if (row->len == 1 && *(char *)g_ptr_array_index (row, 0) == '\0')
        continue;   /* a blank line */

      if (*code == '\0')
        return bad_cell (error, file_name, line, c_code, _("The code"), "", _("a node code")), NULL;

      text = cell (row, c_level);
      if (!dt_parse_double (text, &number) || number != floor (number) || number < 1 || number > 100)
        return bad_cell (error, file_name, line, c_level, _("The level"), text, _("a whole number from 1 (indicator) up")), NULL;
      node.level = (int)number;

      text = cell (row, c_direction);
      if (dt_str_is_blank (text))
        node.direction = 1;
      else if (dt_parse_double (text, &number) && (number == 1 || number == -1))
        node.direction = (int)number;
      else
        return bad_cell (error, file_name, line, c_direction, _("The direction"), text, _("1 or -1")), NULL;

      text = cell (row, c_weight);
      if (!dt_parse_double (text, &number) || number < 0)
        return bad_cell (error, file_name, line, c_weight, _("The weight"), text, _("a number of 0 or more")), NULL;
      node.weight = number;

      node.goalpost_low = NAN;
      node.goalpost_high = NAN;
      if (c_low >= 0)
        {
          g_autofree char *low = g_strstrip (g_strdup (cell (row, c_low)));
          g_autofree char *high = g_strstrip (g_strdup (cell (row, c_high)));

          if (*low != '\0' || *high != '\0')
            {
              if (!dt_parse_double (low, &node.goalpost_low))
                return bad_cell (error, file_name, line, c_low, _("The lower goalpost"), low, _("a number")), NULL;
              if (!dt_parse_double (high, &node.goalpost_high))
                return bad_cell (error, file_name, line, c_high, _("The upper goalpost"), high, _("a number")), NULL;
              if (!(node.goalpost_low < node.goalpost_high))
                return bad_cell (error, file_name, line, c_high, _("The upper goalpost"), high, _("a number above the lower goalpost")), NULL;
            }
        }

      node.code = code;
      node.name = g_strstrip (g_strdup (cell (row, c_name)));
      node.name_en = c_name_en >= 0 ? g_strstrip (g_strdup (cell (row, c_name_en))) : NULL;
      node.parent = parent;
      node.line = line;
      if (!dt_index_framework_add_node (self, &node, error))
        {
          g_free (node.name);
          g_free (node.name_en);
          return NULL;
        }
      g_free (node.name);
      g_free (node.name_en);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  if (self->nodes->len == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:2:1: the framework has no nodes; expected one row per node"), file_name);
      return NULL;
    }

  if (!dt_index_framework_finish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

DtIndexFramework *
dt_index_framework_new_from_path (const char  *path,
                                  GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  return dt_index_framework_new_from_bytes (bytes, path, error);
}

DtIndexFramework *
dt_index_framework_new_from_store (DtStore  *store,
                                   GError  **error)
{
  g_autoptr(DtIndexFramework) self = dt_index_framework_new ("index_nodes");
  sqlite3_stmt *stmt;
  guint line = 0;
  int rc;

  stmt = dt_store_prepare (store,
                           "SELECT code, name_zh, name_en, level, parent, direction, weight "
                           "FROM index_nodes ORDER BY position, rowid", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DtIndexNode node = { 0 };

      node.code = (char *)sqlite3_column_text (stmt, 0);
      node.name = (char *)sqlite3_column_text (stmt, 1);
      node.name_en = (char *)sqlite3_column_text (stmt, 2);
      node.level = sqlite3_column_int (stmt, 3);
      node.parent = (char *)sqlite3_column_text (stmt, 4);
      node.direction = sqlite3_column_int (stmt, 5);
      node.weight = sqlite3_column_double (stmt, 6);
      node.goalpost_low = NAN;
      node.goalpost_high = NAN;
      node.line = ++line;
      if (!dt_index_framework_add_node (self, &node, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      dt_store_set_sqlite_error (error, dt_store_get_db (store), "index_nodes");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  if (!dt_index_framework_finish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
dt_index_framework_get_file_name (DtIndexFramework *self)
{
  return self->file_name;
}

guint
dt_index_framework_get_n_nodes (DtIndexFramework *self)
{
  return self->nodes->len;
}

const DtIndexNode *
dt_index_framework_get_node (DtIndexFramework *self,
                             guint             index)
{
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return NODE (self, index);
}

int
dt_index_framework_lookup (DtIndexFramework *self,
                           const char       *code)
{
  if (code == NULL)
    return -1;
  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, code)) - 1;
}

int
dt_index_framework_get_parent (DtIndexFramework *self,
                               guint             index)
{
  g_return_val_if_fail (self->finished && index < self->nodes->len, -1);
  return self->parents[index];
}

const guint *
dt_index_framework_get_children (DtIndexFramework *self,
                                 guint             index,
                                 guint            *n_children)
{
  g_return_val_if_fail (self->finished && index < self->nodes->len, NULL);
  *n_children = self->children[index]->len;
  return (const guint *)(gpointer)self->children[index]->data;
}

const guint *
dt_index_framework_get_bottom_up (DtIndexFramework *self,
                                  guint            *n_nodes)
{
  g_return_val_if_fail (self->finished, NULL);
  *n_nodes = self->bottom_up->len;
  return (const guint *)(gpointer)self->bottom_up->data;
}

void
dt_index_framework_set_weight (DtIndexFramework *self,
                               guint             index,
                               double            weight)
{
  g_return_if_fail (index < self->nodes->len);
  g_return_if_fail (isfinite (weight) && weight >= 0);
  NODE (self, index)->weight = weight;
}

guint
dt_index_framework_get_goalpost_column (DtIndexFramework *self)
{
  return self->goalpost_column;
}
