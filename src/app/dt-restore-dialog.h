/* dt-restore-dialog.h — "Restore from Backup…": the snapshots, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_RESTORE_DIALOG (dt_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtRestoreDialog, dt_restore_dialog, DT, RESTORE_DIALOG, AdwWindow)

/* Lists the backups of @store; choosing one asks for confirmation, then
 * restores it off the main loop, tells every page to reload and reports
 * with a toast on @toasts. */
GtkWidget *dt_restore_dialog_new (GtkWindow       *parent,
                                  DtStore         *store,
                                  AdwToastOverlay *toasts);

G_END_DECLS
