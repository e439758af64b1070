/* dt-index-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dt-csv-reader.h"
#include "dt-csv-writer.h"
#include "dt-error.h"
#include "dt-index-engine.h"
#include "dt-table-writer.h"
#include "dt-util.h"

typedef struct
{
  char  *unit;
  int    year;
  guint  line;
} Row;

struct _DtIndexTable
{
  DtIndexFramework *framework;
  char             *file_name;
  gboolean          has_time;
  guint             n_nodes;
  GArray           *rows;       /* Row */
  GArray           *values;     /* double, n_rows × n_nodes */
  GHashTable       *row_of;     /* "unit\x1fyear" → row + 1 */
  guint            *columns;    /* 1-based column of each node in the file, 0 if none */
  guint             time_column;
};

gboolean
dt_index_normalise_from_string (const char       *text,
                                DtIndexNormalise *method)
{
  static const struct { const char *name; DtIndexNormalise method; } names[] = {
    { "none", DT_INDEX_NORMALISE_NONE },
    { "base-year", DT_INDEX_NORMALISE_BASE_YEAR },
    { "minmax", DT_INDEX_NORMALISE_MINMAX },
    { "zscore", DT_INDEX_NORMALISE_ZSCORE },
    { "goalposts", DT_INDEX_NORMALISE_GOALPOSTS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i].name) == 0)
      {
        *method = names[i].method;
        return TRUE;
      }
  return FALSE;
}

gboolean
dt_index_aggregate_from_string (const char       *text,
                                DtIndexAggregate *method)
{
  if (g_strcmp0 (text, "amean") == 0)
    *method = DT_INDEX_AGGREGATE_AMEAN;
  else if (g_strcmp0 (text, "gmean") == 0)
    *method = DT_INDEX_AGGREGATE_GMEAN;
  else
    return FALSE;
  return TRUE;
}

gboolean
dt_index_methods_parse (const char        *normalise,
                        const char        *aggregate,
                        int                base_year,
                        DtIndexNormalise  *normalise_method,
                        DtIndexAggregate  *aggregate_method,
                        GError           **error)
{
  if (normalise != NULL && !dt_index_normalise_from_string (normalise, normalise_method))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--normalise=%s is not a method; expected base-year, minmax, zscore or goalposts"), normalise);
      return FALSE;
    }
  if (aggregate != NULL && !dt_index_aggregate_from_string (aggregate, aggregate_method))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--aggregate=%s is not a method; expected amean or gmean"), aggregate);
      return FALSE;
    }
  if (*normalise_method == DT_INDEX_NORMALISE_BASE_YEAR && base_year == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("--normalise=base-year needs --base-year=YEAR, e.g. --base-year=2018"));
      return FALSE;
    }
  return TRUE;
}

static void
clear_row (gpointer data)
{
  g_free (((Row *)data)->unit);
}

DtIndexTable *
dt_index_table_new (DtIndexFramework *framework,
                    gboolean          has_time,
                    const char       *file_name)
{
  DtIndexTable *self = g_new0 (DtIndexTable, 1);

  self->framework = framework;
  self->file_name = g_strdup (file_name != NULL ? file_name : "data");
  self->has_time = has_time;
  self->n_nodes = dt_index_framework_get_n_nodes (framework);
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, clear_row);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->row_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->columns = g_new0 (guint, self->n_nodes);
  return self;
}

void
dt_index_table_free (DtIndexTable *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_array_unref (self->values);
  g_hash_table_unref (self->row_of);
  g_free (self->columns);
  g_free (self->file_name);
  g_free (self);
}

DtIndexTable *
dt_index_table_copy (DtIndexTable     *self,
                     DtIndexFramework *framework)
{
  DtIndexTable *copy;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (framework == NULL || dt_index_framework_get_n_nodes (framework) == self->n_nodes, NULL);

  copy = dt_index_table_new (framework != NULL ? framework : self->framework, self->has_time, self->file_name);
  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);

      dt_index_table_add_row (copy, row->unit, row->year, row->line);
    }
  memcpy (copy->values->data, self->values->data, (gsize)self->values->len * sizeof (double));
  memcpy (copy->columns, self->columns, self->n_nodes * sizeof (guint));
  copy->time_column = self->time_column;
  return copy;
}

static char *
row_key (DtIndexTable *self,
         const char   *unit,
         int           year)
{
  return g_strdup_printf ("%s\x1f%d", unit, self->has_time ? year : 0);
}

guint
dt_index_table_add_row (DtIndexTable *self,
                        const char   *unit,
                        int           year,
                        guint         line)
{
  Row row = { g_strdup (unit), self->has_time ? year : 0, line };
  double missing = NAN;

  g_array_append_val (self->rows, row);
  for (guint i = 0; i < self->n_nodes; i++)
    g_array_append_val (self->values, missing);
  g_hash_table_replace (self->row_of, row_key (self, unit, year), GUINT_TO_POINTER (self->rows->len));
  return self->rows->len - 1;
}

int
dt_index_table_find_row (DtIndexTable *self,
                         const char   *unit,
                         int           year)
{
  g_autofree char *key = row_key (self, unit, year);

  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->row_of, key)) - 1;
}

guint
dt_index_table_get_n_rows (DtIndexTable *self)
{
  return self->rows->len;
}

gboolean
dt_index_table_has_time (DtIndexTable *self)
{
  return self->has_time;
}

DtIndexFramework *
dt_index_table_get_framework (DtIndexTable *self)
{
  return self->framework;
}

const char *
dt_index_table_get_unit (DtIndexTable *self,
                         guint         row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_array_index (self->rows, Row, row).unit;
}

int
dt_index_table_get_year (DtIndexTable *self,
                         guint         row)
{
  g_return_val_if_fail (row < self->rows->len, 0);
  return g_array_index (self->rows, Row, row).year;
}

#define VALUE(self, row, node) g_array_index ((self)->values, double, (gsize)(row) * (self)->n_nodes + (node))

double
dt_index_table_get_value (DtIndexTable *self,
                          guint         row,
                          guint         node)
{
  g_return_val_if_fail (row < self->rows->len && node < self->n_nodes, NAN);
  return VALUE (self, row, node);
}

void
dt_index_table_set_value (DtIndexTable *self,
                          guint         row,
                          guint         node,
                          double        value)
{
  g_return_if_fail (row < self->rows->len && node < self->n_nodes);
  VALUE (self, row, node) = value;
}

/* Reading DATA */

static gboolean
is_indicator (DtIndexFramework *framework,
              guint             node)
{
  return dt_index_framework_get_node (framework, node)->level == 1;
}

DtIndexTable *
dt_index_table_new_from_bytes (DtIndexFramework  *framework,
                               GBytes            *bytes,
                               const char        *file_name,
                               GError           **error)
{
  g_autoptr(DtCsvReader) reader = NULL;
  g_autoptr(DtIndexTable) self = NULL;
  g_autofree int *node_of_column = NULL;
  GPtrArray *row;
  guint n_columns;
  guint first_value;
  gboolean has_time;

  reader = dt_csv_reader_new (bytes, file_name, error);
  if (reader == NULL)
    return NULL;

  row = dt_csv_reader_next_row (reader, error);
  if (row == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("%s:1:1: the file is empty; expected a header uCode,Time,<indicator codes>"), file_name);
      return NULL;
    }

  n_columns = row->len;
  if (g_ascii_strcasecmp (g_strstrip ((char *)g_ptr_array_index (row, 0)), "uCode") != 0 &&
      g_ascii_strcasecmp (g_ptr_array_index (row, 0), "region") != 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the first column is “%s”; expected uCode (the region code)"),
                   file_name, (char *)g_ptr_array_index (row, 0));
      return NULL;
    }
  has_time = n_columns > 1 &&
             (g_ascii_strcasecmp (g_strstrip ((char *)g_ptr_array_index (row, 1)), "Time") == 0 ||
              g_ascii_strcasecmp (g_ptr_array_index (row, 1), "year") == 0);
  first_value = has_time ? 2 : 1;

  self = dt_index_table_new (framework, has_time, file_name);
  self->time_column = has_time ? 2 : 0;
  node_of_column = g_new (int, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *code = g_strstrip ((char *)g_ptr_array_index (row, c));
      int node;

      node_of_column[c] = -1;
      if (c < first_value)
        continue;
      node = dt_index_framework_lookup (framework, code);
      if (node < 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:1:%u: “%s” is not a node of the framework %s; expected an indicator code"),
                       file_name, c + 1, code, dt_index_framework_get_file_name (framework));
          return NULL;
        }
      if (!is_indicator (framework, node))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:1:%u: “%s” is an aggregate (level %d), which is computed; expected an indicator code (level 1)"),
                       file_name, c + 1, code, dt_index_framework_get_node (framework, node)->level);
          return NULL;
        }
      if (self->columns[node] != 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:1:%u: the column “%s” appears twice (first in column %u); expected one column per indicator"),
                       file_name, c + 1, code, self->columns[node]);
          return NULL;
        }
      self->columns[node] = c + 1;
      node_of_column[c] = node;
    }
  for (guint i = 0; i < self->n_nodes; i++)
    if (is_indicator (framework, i) && self->columns[i] == 0)
      {
        g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                     _("%s:1:%u: there is no column for the indicator “%s”; expected one column per indicator (leave cells empty where values are missing)"),
                     file_name, n_columns + 1, dt_index_framework_get_node (framework, i)->code);
        return NULL;
      }

  while ((row = dt_csv_reader_next_row (reader, error)) != NULL)
    {
      guint line = dt_csv_reader_get_line (reader);
      g_autofree char *unit = NULL;
      int year = 0;
      guint r;

      if (row->len == 1 && dt_str_is_blank (g_ptr_array_index (row, 0)))
        continue;
      if (row->len != n_columns)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:%u: the row has %u cells; expected %u like the header"),
                       file_name, line, MIN (row->len, n_columns) + 1, row->len, n_columns);
          return NULL;
        }
      unit = g_strstrip (g_strdup (g_ptr_array_index (row, 0)));
      if (*unit == '\0')
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the region code is empty; expected a uCode"), file_name, line);
          return NULL;
        }
      if (has_time)
        {
          const char *text = g_ptr_array_index (row, 1);
          double number;

          if (!dt_parse_double (text, &number) || number != floor (number) || fabs (number) > 100000)
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                           _("%s:%u:2: the Time “%s” is not a year; expected a whole number such as 2020"),
                           file_name, line, text);
              return NULL;
            }
          year = (int)number;
        }
      if (dt_index_table_find_row (self, unit, year) >= 0)
        {
          int other = dt_index_table_find_row (self, unit, year);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:1: the region “%s” appears again for the same time (first on line %u); expected one row per region and year"),
                       file_name, line, unit, g_array_index (self->rows, Row, other).line);
          return NULL;
        }

      r = dt_index_table_add_row (self, unit, year, line);
      for (guint c = first_value; c < n_columns; c++)
        {
          const char *text = g_ptr_array_index (row, c);
          double value;

          if (dt_str_is_blank (text))
            continue;
          if (!dt_parse_double (text, &value))
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                           _("%s:%u:%u: “%s” in column %s is not a number; expected a number, or an empty cell for a missing value"),
                           file_name, line, c + 1, text,
                           dt_index_framework_get_node (framework, node_of_column[c])->code);
              return NULL;
            }
          VALUE (self, r, node_of_column[c]) = value;
        }
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&self);
}

DtIndexTable *
dt_index_table_new_from_path (DtIndexFramework  *framework,
                              const char        *path,
                              GError           **error)
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
  return dt_index_table_new_from_bytes (framework, bytes, path, error);
}

gboolean
dt_index_table_write_table (DtIndexTable   *self,
                            DtTableWriter  *writer,
                            GError        **error)
{

  dt_table_writer_add_text (writer, "uCode");
  if (self->has_time)
    dt_table_writer_add_text (writer, "Time");
  for (guint i = 0; i < self->n_nodes; i++)
    dt_table_writer_add_text (writer, dt_index_framework_get_node (self->framework, i)->code);
  if (!dt_table_writer_end_row (writer, NULL, error))
    return FALSE;

  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);

      dt_table_writer_add_text (writer, row->unit);
      if (self->has_time)
        dt_table_writer_add_int (writer, row->year);
      for (guint i = 0; i < self->n_nodes; i++)
        {
          double value = VALUE (self, r, i);

          if (isnan (value))
            dt_table_writer_add_empty (writer);
          else
            dt_table_writer_add_double_full (writer, value);
        }
      if (!dt_table_writer_end_row (writer, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
dt_index_table_write_csv (DtIndexTable   *self,
                          GOutputStream  *stream,
                          gboolean        with_bom,
                          GError        **error)
{
  g_autoptr(DtTableWriter) writer = dt_table_writer_new_csv (stream, with_bom);

  return dt_index_table_write_table (self, writer, error) &&
         dt_table_writer_finish (writer, NULL, error);
}

/* Normalisation */

static const char *
code_of (DtIndexTable *self,
         guint         node)
{
  return dt_index_framework_get_node (self->framework, node)->code;
}

static guint
line_of (DtIndexTable *self,
         guint         row)
{
  return g_array_index (self->rows, Row, row).line;
}

static guint
column_of (DtIndexTable *self,
           guint         node)
{
  return self->columns[node] != 0 ? self->columns[node] : 1;
}

static gboolean
normalise_base_year (DtIndexTable  *self,
                     guint          node,
                     int            base_year,
                     GError       **error)
{
  int direction = dt_index_framework_get_node (self->framework, node)->direction;
  guint n = self->rows->len;
  g_autofree double *out = g_new (double, n);

  for (guint r = 0; r < n; r++)
    {
      const char *unit = g_array_index (self->rows, Row, r).unit;
      int base_row = dt_index_table_find_row (self, unit, base_year);
      double x = VALUE (self, r, node);
      double base;

      if (base_row < 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:%u: the region “%s” has no row for the base year %d; base-year normalisation divides by the region's own value in that year"),
                       self->file_name, line_of (self, r), self->time_column != 0 ? self->time_column : 1u,
                       unit, base_year);
          return FALSE;
        }
      base = VALUE (self, base_row, node);
      if (isnan (x) || isnan (base))
        {
          out[r] = NAN;
          continue;
        }
      if (direction > 0 ? base == 0 : x == 0)
        {
          guint where = direction > 0 ? (guint)base_row : r;

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("%s:%u:%u: the value of “%s” for “%s” is 0, which base-year normalisation would divide by; expected a value other than 0"),
                       self->file_name, line_of (self, where), column_of (self, node), code_of (self, node),
                       g_array_index (self->rows, Row, where).unit);
          return FALSE;
        }
      out[r] = direction > 0 ? x / base * 100.0 : base / x * 100.0;
    }
  for (guint r = 0; r < n; r++)
    VALUE (self, r, node) = out[r];
  return TRUE;
}

static gboolean
normalise_minmax (DtIndexTable  *self,
                  guint          node,
                  GError       **error)
{
  int direction = dt_index_framework_get_node (self->framework, node)->direction;
  double lo = INFINITY, hi = -INFINITY;

  /* As COINr does: y = direction × x, then 100 × (y − min y) / (max y − min y). */
  for (guint r = 0; r < self->rows->len; r++)
    {
      double y = direction * VALUE (self, r, node);

      if (isnan (y))
        continue;
      lo = MIN (lo, y);
      hi = MAX (hi, y);
    }
  if (lo > hi)
    return TRUE;   /* nothing present */
  if (lo == hi)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:%u: every value of “%s” is %g; min-max normalisation needs at least two different values"),
                   self->file_name, column_of (self, node), code_of (self, node), direction * lo);
      return FALSE;
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      double y = direction * VALUE (self, r, node);

      VALUE (self, r, node) = isnan (y) ? NAN : 100.0 * (y - lo) / (hi - lo);
    }
  return TRUE;
}

static gboolean
normalise_zscore (DtIndexTable  *self,
                  guint          node,
                  GError       **error)
{
  int direction = dt_index_framework_get_node (self->framework, node)->direction;
  double sum = 0, mean, ss = 0, sd;
  guint n = 0;

  for (guint r = 0; r < self->rows->len; r++)
    if (!isnan (VALUE (self, r, node)))
      {
        sum += VALUE (self, r, node);
        n++;
      }
  if (n == 0)
    return TRUE;
  mean = sum / n;
  for (guint r = 0; r < self->rows->len; r++)
    if (!isnan (VALUE (self, r, node)))
      ss += (VALUE (self, r, node) - mean) * (VALUE (self, r, node) - mean);
  sd = n > 1 ? sqrt (ss / (n - 1)) : 0;
  if (!(sd > 0))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   ngettext ("%s:1:%u: “%s” has %u value and a standard deviation of 0; z-scores need at least two different values",
                             "%s:1:%u: “%s” has %u values and a standard deviation of 0; z-scores need at least two different values",
                             n),
                   self->file_name, column_of (self, node), code_of (self, node), n);
      return FALSE;
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      double x = VALUE (self, r, node);

      VALUE (self, r, node) = isnan (x) ? NAN : direction * (x - mean) / sd;
    }
  return TRUE;
}

static gboolean
normalise_goalposts (DtIndexTable  *self,
                     guint          node,
                     GError       **error)
{
  const DtIndexNode *info = dt_index_framework_get_node (self->framework, node);
  double lo = info->goalpost_low, hi = info->goalpost_high;

  if (isnan (lo) || isnan (hi))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:%u:%u: the indicator “%s” has no goalposts; expected numbers in the columns goalpost_low and goalpost_high"),
                   dt_index_framework_get_file_name (self->framework), info->line,
                   dt_index_framework_get_goalpost_column (self->framework), info->code);
      return FALSE;
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      double x = VALUE (self, r, node);
      double s;

      if (isnan (x))
        continue;
      /* Values beyond the goalposts score 0 or 100, as in the HDI. */
      s = info->direction > 0 ? (x - lo) / (hi - lo) : (hi - x) / (hi - lo);
      VALUE (self, r, node) = 100.0 * CLAMP (s, 0.0, 1.0);
    }
  return TRUE;
}

gboolean
dt_index_normalise (DtIndexTable      *self,
                    DtIndexNormalise   method,
                    int                base_year,
                    GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (method == DT_INDEX_NORMALISE_BASE_YEAR && !self->has_time)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:2: there is no Time column; base-year normalisation needs a column Time after uCode"),
                   self->file_name);
      return FALSE;
    }

  for (guint i = 0; i < self->n_nodes; i++)
    {
      gboolean ok = TRUE;

      if (!is_indicator (self->framework, i))
        continue;
      switch (method)
        {
        case DT_INDEX_NORMALISE_NONE:
          break;
        case DT_INDEX_NORMALISE_BASE_YEAR:
          ok = normalise_base_year (self, i, base_year, error);
          break;
        case DT_INDEX_NORMALISE_MINMAX:
          ok = normalise_minmax (self, i, error);
          break;
        case DT_INDEX_NORMALISE_ZSCORE:
          ok = normalise_zscore (self, i, error);
          break;
        case DT_INDEX_NORMALISE_GOALPOSTS:
          ok = normalise_goalposts (self, i, error);
          break;
        default:
          g_return_val_if_reached (FALSE);
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Aggregation */

static char *
describe_row (DtIndexTable *self,
              guint         row)
{
  const Row *r = &g_array_index (self->rows, Row, row);

  if (self->has_time)
    return g_strdup_printf ("%s, %d", r->unit, r->year);
  return g_strdup (r->unit);
}

gboolean
dt_index_aggregate (DtIndexTable      *self,
                    DtIndexAggregate   method,
                    GError           **error)
{
  const guint *order;
  guint n_order;

  g_return_val_if_fail (self != NULL, FALSE);

  /* Aggregates with no children at all stay missing. */
  for (guint i = 0; i < self->n_nodes; i++)
    if (!is_indicator (self->framework, i))
      for (guint r = 0; r < self->rows->len; r++)
        VALUE (self, r, i) = NAN;

  order = dt_index_framework_get_bottom_up (self->framework, &n_order);
  for (guint k = 0; k < n_order; k++)
    {
      guint node = order[k];
      guint n_children;
      const guint *children = dt_index_framework_get_children (self->framework, node, &n_children);

      for (guint r = 0; r < self->rows->len; r++)
        {
          double total = 0, weights = 0;

          for (guint c = 0; c < n_children; c++)
            {
              double x = VALUE (self, r, children[c]);
              double w = dt_index_framework_get_node (self->framework, children[c])->weight;

              /* A missing child, or one weighted 0, takes no part. */
              if (isnan (x) || w == 0)
                continue;
              if (method == DT_INDEX_AGGREGATE_GMEAN)
                {
                  if (!(x > 0))
                    {
                      g_autofree char *where = describe_row (self, r);

                      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                                   _("The geometric mean of “%s” for %s cannot be taken: its child “%s” is %g; gmean needs values above 0 (use minmax or base-year normalisation, or amean)"),
                                   code_of (self, node), where, code_of (self, children[c]), x);
                      return FALSE;
                    }
                  total += w * log (x);
                }
              else
                total += w * x;
              weights += w;
            }
          if (weights == 0)
            VALUE (self, r, node) = NAN;
          else if (method == DT_INDEX_AGGREGATE_GMEAN)
            VALUE (self, r, node) = exp (total / weights);
          else
            VALUE (self, r, node) = total / weights;
        }
    }
  return TRUE;
}
