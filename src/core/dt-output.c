/* dt-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports must never leave half a file behind (a full disk, a killed
 * process): officials would send it on without noticing. GLib's
 * g_file_replace() writes an existing file's replacement beside it and
 * renames it on close; what it does not do is remove a new file that
 * failed half-way, or write to a pipe, which on the command line is as
 * normal a place for an export as a file.
 */

#define G_LOG_DOMAIN "dt-output"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "dt-error.h"
#include "dt-output.h"

struct _DtOutput
{
  GFile         *file;
  GOutputStream *stream;
  gboolean       replacing;  /* through g_file_replace() */
  gboolean       created;    /* the file did not exist before */
  gboolean       done;
};

/* A GIO or GLib file error as the message an official can act on. */
static void
set_output_error (GError  **error,
                  GFile    *file,
                  GError   *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *dir = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("/");
  int code = G_IO_ERROR_FAILED;

  if (cause->domain == G_FILE_ERROR)
    code = g_io_error_from_file_error (cause->code);
  else if (cause->domain == G_IO_ERROR)
    code = cause->code;

  switch (code)
    {
    case G_IO_ERROR_NOT_FOUND:
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot write “%s”: the folder “%s” does not exist"), name, dir);
      break;
    case G_IO_ERROR_IS_DIRECTORY:
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot write “%s”: it is a folder; choose a file name"), name);
      break;
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      g_set_error (error, DT_ERROR, DT_ERROR_READ_ONLY,
                   _("Cannot write “%s”: the folder “%s” cannot be written (%s); choose another folder"),
                   name, dir, cause->message);
      break;
    case G_IO_ERROR_NO_SPACE:
      g_set_error (error, DT_ERROR, DT_ERROR_DISK_FULL,
                   _("Cannot write “%s”: the disk is full; nothing was written, and an earlier file of that name was kept"),
                   name);
      break;
    default:
      g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
                   _("Cannot write “%s”: %s; nothing was written, and an earlier file of that name was kept"),
                   name, cause->message);
      break;
    }
}

static gboolean
is_standard_output (const char *arg)
{
  return g_strcmp0 (arg, "-") == 0 || g_strcmp0 (arg, "/dev/stdout") == 0;
}

DtOutput *
dt_output_open (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(DtOutput) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_new0 (DtOutput, 1);
  self->file = g_object_ref (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL)
    type = g_file_info_get_file_type (info);

  if (type == G_FILE_TYPE_SPECIAL)
    {
      /* A FIFO, a terminal, /dev/null: nothing to replace, write as it comes. */
      self->stream = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, &local_error));
    }
  else
    {
      self->replacing = TRUE;
      self->created = info == NULL;
      self->stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                      cancellable, &local_error));
    }

  if (self->stream == NULL)
    {
      self->done = TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_output_error (error, file, local_error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

DtOutput *
dt_output_open_arg (const char    *arg,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (arg != NULL, NULL);

  /* Standard output as the shell set it up, whatever it is (a pipe, a
   * terminal, a file opened for appending). */
  if (is_standard_output (arg))
    {
      DtOutput *self = g_new0 (DtOutput, 1);

      self->file = g_file_new_for_path ("/dev/stdout");
      self->stream = g_unix_output_stream_new (1, FALSE);
      return self;
    }

  file = g_file_new_for_commandline_arg (arg);
  return dt_output_open (file, cancellable, error);
}

GOutputStream *
dt_output_get_stream (DtOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

gboolean
dt_output_close (DtOutput      *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL && !self->done, FALSE);

  if (!g_output_stream_close (self->stream, cancellable, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      dt_output_abandon (self, error);
      return FALSE;
    }

  self->done = TRUE;
  return TRUE;
}

void
dt_output_abandon (DtOutput  *self,
                   GError   **error)
{
  g_return_if_fail (self != NULL);

  if (!self->done)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing a replacement with a cancelled cancellable discards its
       * temporary file; a file that did not exist before is removed. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (self->stream, abandon, NULL);
      if (self->replacing && self->created)
        g_file_delete (self->file, NULL, NULL);
      self->done = TRUE;
    }

  if (error != NULL && *error != NULL && (*error)->domain != DT_ERROR &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GError *cause = g_steal_pointer (error);

      set_output_error (error, self->file, cause);
      g_error_free (cause);
    }
}

void
dt_output_free (DtOutput *self)
{
  if (self == NULL)
    return;

  if (!self->done)
    dt_output_abandon (self, NULL);
  g_clear_object (&self->stream);
  g_clear_object (&self->file);
  g_free (self);
}

gboolean
dt_output_set_contents (const char  *arg,
                        const void  *data,
                        gsize        size,
                        GError     **error)
{
  g_autoptr(DtOutput) output = dt_output_open_arg (arg, NULL, error);

  if (output == NULL)
    return FALSE;

  if (!g_output_stream_write_all (output->stream, data, size, NULL, NULL, error))
    {
      dt_output_abandon (output, error);
      return FALSE;
    }

  return dt_output_close (output, NULL, error);
}
