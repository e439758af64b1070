/* dt-import-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-import-file"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-backup.h"
#include "dt-csv-reader.h"
#include "dt-data-pack.h"
#include "dt-error.h"
#include "dt-import-file.h"

static gboolean
looks_like_json (const char *data,
                 gsize       size,
                 const char *file_name)
{
  gsize i = 0;

  if (file_name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (file_name, -1);

      if (g_str_has_suffix (lower, ".json"))
        return TRUE;
      if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
          g_str_has_suffix (lower, ".txt"))
        return FALSE;
    }

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && (data[i] == '{' || data[i] == '[');
}

gboolean
dt_import_looks_like_json (GBytes     *bytes,
                           const char *file_name)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return looks_like_json (data, size, file_name);
}

gboolean
dt_import_file_is_json (GFile         *file,
                        const char    *file_name,
                        GCancellable  *cancellable,
                        gboolean      *out_json,
                        GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = file_name != NULL ? g_strdup (file_name) : g_file_get_parse_name (file);
  char head[4096];
  gsize n = 0;

  stream = dt_csv_open_file (file, DT_IMPORT_MAX_BYTES, NULL, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (stream, head, sizeof head, &n, cancellable, &local_error))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
      return FALSE;
    }
  *out_json = looks_like_json (head, n, name);
  return TRUE;
}

GBytes *
dt_import_load_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  guint8 buffer[65536];
  goffset size = 0;

  stream = dt_csv_open_file (file, DT_IMPORT_MAX_BYTES, &size, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* The reported size is not trusted (the file may grow while it is
   * read): reading stops one byte past the limit. */
  data = g_byte_array_sized_new (MIN ((gsize)size + 1, DT_IMPORT_MAX_BYTES + 1u));
  while (data->len <= DT_IMPORT_MAX_BYTES)
    {
      gsize want = MIN (sizeof buffer, (gsize)DT_IMPORT_MAX_BYTES + 1 - data->len);
      gssize n = g_input_stream_read (stream, buffer, want, cancellable, &local_error);

      if (n < 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
    }
  if (data->len > DT_IMPORT_MAX_BYTES)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d bytes, the most accepted"),
                   name, DT_IMPORT_MAX_BYTES);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

gboolean
dt_import_bytes (DtStore               *store,
                 GBytes                *bytes,
                 const char            *file_name,
                 const char            *kind,
                 int                    year,
                 GCancellable          *cancellable,
                 DtImportProgressFunc   progress,
                 gpointer               progress_data,
                 char                 **out_kind,
                 guint                 *out_n_rows,
                 GError               **error)
{
  DtImportOptions options = { .kind = kind, .year = year };

  return dt_import_bytes_full (store, bytes, file_name, &options, cancellable, progress,
                               progress_data, out_kind, out_n_rows, NULL, error);
}

/* Both the import and its plan read the file the same way. */
static gboolean
import_or_plan (DtStore                *store,
                GBytes                 *bytes,
                GFile                  *file,
                const char             *file_name,
                const DtImportOptions  *options,
                GCancellable           *cancellable,
                DtImportProgressFunc    progress,
                gpointer                progress_data,
                char                  **out_kind,
                guint                  *out_n_rows,
                DtImportPlan          **out_plan,
                GError                **error)
{
  g_autoptr(DtCsvImport) csv = NULL;
  g_autoptr(GBytes) pack = NULL;
  gboolean json = FALSE;

  if (bytes != NULL)
    json = dt_import_looks_like_json (bytes, file_name);
  else if (!dt_import_file_is_json (file, file_name, cancellable, &json, error))
    return FALSE;

  /* Packs are small and parsed whole; tables are read as a stream. */
  if (json && bytes == NULL)
    {
      if ((pack = dt_import_load_file (file, cancellable, error)) == NULL)
        return FALSE;
      bytes = pack;
    }
  if (json)
    return dt_data_pack_import_bytes_full (store, bytes, file_name, options, cancellable,
                                           progress, progress_data, out_kind, out_n_rows, out_plan, error);

  csv = bytes != NULL ? dt_csv_import_new (bytes, file_name, options->kind, options->year, error)
                      : dt_csv_import_new_for_file (file, file_name, options->kind, options->year, error);
  if (csv == NULL)
    return FALSE;
  /* A table with no provenance of its own is an official's own file. */
  if (!dt_csv_import_run_full (csv, store, options->provenance != NULL ? options->provenance : "official",
                               options->flags, cancellable, progress, progress_data, out_n_rows, out_plan, error))
    return FALSE;

  if (out_kind != NULL)
    *out_kind = g_strdup (dt_csv_import_get_kind (csv));
  return TRUE;
}

DtImportPlan *
dt_import_plan_bytes (DtStore                *store,
                      GBytes                 *bytes,
                      const char             *file_name,
                      const DtImportOptions  *options,
                      GCancellable           *cancellable,
                      GError                **error)
{
  DtImportOptions plan_options = *options;
  DtImportPlan *plan = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL && options != NULL, NULL);

  plan_options.flags |= DT_IMPORT_PLAN_ONLY;
  if (!import_or_plan (store, bytes, NULL, file_name != NULL ? file_name : "-", &plan_options,
                       cancellable, NULL, NULL, NULL, NULL, &plan, error))
    return NULL;
  return plan;
}

gboolean
dt_import_bytes_full (DtStore                *store,
                      GBytes                 *bytes,
                      const char             *file_name,
                      const DtImportOptions  *options,
                      GCancellable           *cancellable,
                      DtImportProgressFunc    progress,
                      gpointer                progress_data,
                      char                  **out_kind,
                      guint                  *out_n_rows,
                      DtImportPlan          **out_plan,
                      GError                **error)
{
  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL && options != NULL, FALSE);

  if (file_name == NULL)
    file_name = "-";

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is empty; expected a CSV table with a header row, or a JSON data pack"),
                   file_name);
      return FALSE;
    }
  if (g_bytes_get_size (bytes) > DT_IMPORT_MAX_BYTES)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_TOO_LARGE,
                   _("%s: the file is %lu bytes; expected at most %d bytes"),
                   file_name, (unsigned long)g_bytes_get_size (bytes), DT_IMPORT_MAX_BYTES);
      return FALSE;
    }

  /* A failed snapshot stops the import: nothing has been written yet. */
  if (!dt_backup_create (store, "import", NULL, error))
    return FALSE;

  return import_or_plan (store, bytes, NULL, file_name, options, cancellable, progress,
                         progress_data, out_kind, out_n_rows, out_plan, error);
}

DtImportPlan *
dt_import_plan_file (DtStore                *store,
                     GFile                  *file,
                     const char             *file_name,
                     const DtImportOptions  *options,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autofree char *name = NULL;
  DtImportOptions plan_options = *options;
  DtImportPlan *plan = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file) && options != NULL, NULL);

  if (file_name == NULL)
    file_name = name = g_file_get_parse_name (file);
  plan_options.flags |= DT_IMPORT_PLAN_ONLY;
  if (!import_or_plan (store, NULL, file, file_name, &plan_options,
                       cancellable, NULL, NULL, NULL, NULL, &plan, error))
    return NULL;
  return plan;
}

gboolean
dt_import_file_full (DtStore                *store,
                     GFile                  *file,
                     const char             *file_name,
                     const DtImportOptions  *options,
                     GCancellable           *cancellable,
                     DtImportProgressFunc    progress,
                     gpointer                progress_data,
                     char                  **out_kind,
                     guint                  *out_n_rows,
                     DtImportPlan          **out_plan,
                     GError                **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  goffset size = 0;

  g_return_val_if_fail (DT_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file) && options != NULL, FALSE);

  if (file_name == NULL)
    file_name = name = g_file_get_parse_name (file);

  /* Folders, devices and files over the limit are refused before the
   * snapshot; the limit holds again while reading. */
  stream = dt_csv_open_file (file, DT_IMPORT_MAX_BYTES, &size, cancellable, error);
  if (stream == NULL)
    return FALSE;
  g_clear_object (&stream);
  if (size == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID_INPUT,
                   _("%s:1:1: the file is empty; expected a CSV table with a header row, or a JSON data pack"),
                   file_name);
      return FALSE;
    }

  /* A failed snapshot stops the import: nothing has been written yet. */
  if (!dt_backup_create (store, "import", NULL, error))
    return FALSE;

  return import_or_plan (store, NULL, file, file_name, options, cancellable, progress,
                         progress_data, out_kind, out_n_rows, out_plan, error);
}
