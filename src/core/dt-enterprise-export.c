/* dt-enterprise-export.c — the query an export of enterprises writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-enterprise-export.h"
#include "dt-error.h"

DtEnterpriseQuery *
dt_enterprise_export_query_new (int                year,
                                const char *const *filters,
                                const char        *search,
                                const char        *sort,
                                sqlite3           *db,
                                GError           **error)
{
  g_autoptr(DtEnterpriseQuery) query = dt_enterprise_query_new ();

  if (year != 0)
    {
      g_autofree char *year_text = g_strdup_printf ("%d", year);

      if (!dt_enterprise_query_add_filter (query, "year", year_text, error))
        return NULL;
    }

  for (guint i = 0; filters != NULL && filters[i] != NULL; i++)
    {
      const char *filter = filters[i];
      const char *eq = strchr (filter, '=');
      g_autofree char *key = NULL;
      g_autofree char *raw_value = NULL;
      g_autofree char *value = NULL;

      if (eq == NULL)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                       _("--filter=%s: expected KEY=VALUE, e.g. city=hangzhou"), filter);
          return NULL;
        }
      key = g_strstrip (g_strndup (filter, eq - filter));
      raw_value = g_strstrip (g_strdup (eq + 1));
      value = dt_enterprise_query_resolve_value (db, key, raw_value, error);
      if (value == NULL || !dt_enterprise_query_add_filter (query, key, value, error))
        {
          g_prefix_error (error, "--filter=%s: ", filter);
          return NULL;
        }
    }

  if (search != NULL)
    dt_enterprise_query_set_search (query, search);

  if (sort != NULL && !dt_enterprise_query_parse_sort (query, sort, error))
    {
      g_prefix_error (error, "--sort=%s: ", sort);
      return NULL;
    }

  return g_steal_pointer (&query);
}

/* A stored code's name in the user's language (regions from @db). */
static char *
filter_value_text (sqlite3    *db,
                   const char *key,
                   const char *value)
{
  g_autofree char *name_zh = NULL;
  g_autofree char *name_en = NULL;

  if (db != NULL && (g_str_equal (key, "city") || g_str_equal (key, "district")))
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT name_zh, name_en FROM regions WHERE code = ?", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              name_zh = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
              name_en = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
            }
        }
      sqlite3_finalize (stmt);
    }
  return dt_enterprise_query_format_value (key, value, name_zh, name_en);
}

static void
add_query_about (DtTableWriter     *writer,
                 DtEnterpriseQuery *query,
                 sqlite3           *db,
                 gint64             n_rows)
{
  const char * const *keys = dt_enterprise_query_keys ();
  const char *search = dt_enterprise_query_get_search (query);
  const char *sort = dt_enterprise_query_get_sort_key (query);
  g_autoptr(GString) filters = g_string_new (NULL);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_rows);

  dt_table_writer_add_about (writer, NULL, _("Top-100 digital trade enterprises of Zhejiang"));
  dt_table_writer_add_about (writer, _("Rows"), count);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      GPtrArray *values = dt_enterprise_query_get_filter (query, keys[i]);
      g_autoptr(GString) text = NULL;

      if (values == NULL || g_str_equal (keys[i], "year"))
        continue;
      text = g_string_new (NULL);
      for (guint j = 0; j < values->len; j++)
        {
          g_autofree char *value = filter_value_text (db, keys[i], g_ptr_array_index (values, j));

          /* Translators: separates the values of one filter */
          g_string_append_printf (text, "%s%s", j > 0 ? _(", ") : "", value);
        }
      if (filters->len > 0)
        g_string_append (filters, "; ");
      g_string_append_printf (filters, "%s: %s", dt_enterprise_query_key_label (keys[i]), text->str);
    }

  {
    GPtrArray *years = dt_enterprise_query_get_filter (query, "year");
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint j = 0; years != NULL && j < years->len; j++)
      g_string_append_printf (text, "%s%s", j > 0 ? _(", ") : "", (const char *)g_ptr_array_index (years, j));
    dt_table_writer_add_about (writer, _("Year"), text->len > 0 ? text->str : _("All years"));
  }
  dt_table_writer_add_about (writer, _("Filters"), filters->len > 0 ? filters->str : _("None"));
  dt_table_writer_add_about (writer, _("Search"), search != NULL && search[0] != '\0' ? search : _("None"));
  if (sort != NULL)
    {
      g_autofree char *text = g_strdup_printf (dt_enterprise_query_get_sort_descending (query)
                                               ? _("%s, descending") : _("%s, ascending"),
                                               dt_enterprise_query_key_label (sort));

      dt_table_writer_add_about (writer, _("Sort"), text);
    }
}

gboolean
dt_enterprise_export_write (DtEnterpriseQuery    *query,
                            const char           *db_path,
                            GOutputStream        *stream,
                            DtTableFormat         format,
                            DtEnterpriseHeader    header,
                            gboolean              with_bom,
                            DtEnterpriseProgress  progress,
                            gpointer              progress_data,
                            GCancellable         *cancellable,
                            gint64               *n_rows,
                            GError              **error)
{
  g_autoptr(DtTableWriter) writer = NULL;
  sqlite3 *db;
  gint64 n = 0;
  gboolean ok;

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (query), FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);

  /* Translators: name of the sheet of an Excel export of the Top-100 list */
  writer = dt_table_writer_new (stream, format, dt_table_sheet_name (N_("Top-100 enterprises")),
                                with_bom, error);
  if (writer == NULL)
    return FALSE;
  db = dt_enterprise_query_open_db (db_path, cancellable, error);
  if (db == NULL)
    return FALSE;

  ok = dt_enterprise_query_write (query, db, writer, header, progress, progress_data, cancellable, &n, error);
  if (ok && format == DT_TABLE_FORMAT_XLSX)
    {
      add_query_about (writer, query, db, n);
      dt_table_writer_add_about_sources (writer, db, db_path, "enterprises");
    }
  sqlite3_close (db);

  if (!ok || !dt_table_writer_finish (writer, cancellable, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}

/* Lower case ASCII words joined by '-', for a file name. */
static void
append_slug (GString    *name,
             const char *text)
{
  gboolean dash = TRUE;

  if (text == NULL)
    return;
  g_string_append_c (name, '-');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (name, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (!dash)
        {
          g_string_append_c (name, '-');
          dash = TRUE;
        }
    }
  if (name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
}

char *
dt_enterprise_export_file_name (DtEnterpriseQuery *query,
                                sqlite3           *db,
                                DtTableFormat      format)
{
  static const char * const keys[] = { "year", "city", "district", "category", "sector" };
  GString *name = g_string_new ("top100");

  g_return_val_if_fail (DT_IS_ENTERPRISE_QUERY (query), NULL);

  /* Only filters on one value name the file; several would make it long. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GPtrArray *values = dt_enterprise_query_get_filter (query, keys[i]);
      const char *value;

      if (values == NULL || values->len != 1)
        continue;
      value = g_ptr_array_index (values, 0);
      if ((g_str_equal (keys[i], "city") || g_str_equal (keys[i], "district")) && db != NULL)
        {
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (db, "SELECT name_en FROM regions WHERE code = ?", -1, &stmt, NULL) == SQLITE_OK)
            {
              sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                append_slug (name, (const char *)sqlite3_column_text (stmt, 0));
              else
                append_slug (name, value);
            }
          sqlite3_finalize (stmt);
        }
      else
        append_slug (name, value);
    }
  g_string_append (name, format == DT_TABLE_FORMAT_XLSX ? ".xlsx" : ".csv");
  return g_string_free (name, FALSE);
}
