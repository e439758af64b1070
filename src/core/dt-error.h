/* dt-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_ERROR (dt_error_quark ())

typedef enum
{
  DT_ERROR_FAILED,
  DT_ERROR_NOT_A_DATABASE,    /* the file is not SQLite, or is corrupt */
  DT_ERROR_NEWER_SCHEMA,      /* written by a newer version of the app */
  DT_ERROR_READ_ONLY,         /* the database cannot be written */
  DT_ERROR_BUSY,              /* locked by another process for too long */
  DT_ERROR_DISK_FULL,
  DT_ERROR_INVALID_INPUT,     /* a file to import, or a command-line value, is malformed */
  DT_ERROR_UNSUPPORTED,       /* a format version or kind this app does not know */
  DT_ERROR_NETWORK,
  DT_ERROR_CHECKSUM,
  DT_ERROR_TOO_LARGE,
} DtError;

GQuark dt_error_quark (void);

G_END_DECLS
