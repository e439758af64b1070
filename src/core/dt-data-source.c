/* dt-data-source.c — where a kind of data came from, as one line for charts and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-data-source"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "dt-data-source.h"
#include "dt-vocabulary.h"
#include "dt-util.h"

char *
dt_data_source_line (DtStore    *store,
                     const char *kind,
                     gboolean   *out_sample)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean sample = FALSE;
  sqlite3_stmt *stmt;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if (out_sample != NULL)
    *out_sample = FALSE;
  /* The datasets table is small: this is cheap enough for every redraw,
   * whatever the number of rows. An import of a kind replaces its sample
   * rows, so the kind's datasets are the ones the rows shown come from. */
  stmt = dt_store_prepare (store,
                           "SELECT title, source_zh, source, provenance, title_zh FROM datasets"
                           " WHERE kind = ? ORDER BY id", NULL);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  if (stmt == NULL)
    return NULL;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);
      const char *source_zh = (const char *) sqlite3_column_text (stmt, 1);
      const char *source = (const char *) sqlite3_column_text (stmt, 2);
      const char *name = source != NULL && source[0] != '\0'
                         ? dt_source_label (source_zh, source)
                         : dt_pick_name ((const char *) sqlite3_column_text (stmt, 4), title);

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "sample") == 0)
        sample = TRUE;
    }
  sqlite3_finalize (stmt);

  if (out_sample != NULL)
    *out_sample = sample;
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  /* TRANSLATORS: separates the sources of a chart's data */
  joined = g_strjoinv (_("; "), (char **) names->pdata);
  /* TRANSLATORS: the source line under a saved chart */
  return g_strdup_printf (_("Source: %s"), joined);
}
