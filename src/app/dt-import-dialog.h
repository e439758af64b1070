/* dt-import-dialog.h — preview a file, then import it off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_IMPORT_DIALOG (dt_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtImportDialog, dt_import_dialog, DT, IMPORT_DIALOG, AdwWindow)

/* Shows what @file holds (encoding, separator, kind, column mapping, first
 * rows) and imports it into @store when the user confirms; the toast
 * overlay, when given, announces the result. */
DtImportDialog *dt_import_dialog_new (GtkWindow       *parent,
                                      DtStore         *store,
                                      GFile           *file,
                                      AdwToastOverlay *toasts);

G_END_DECLS
