/* dt-sync-task.h — "Check for Updates" in the window, off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

/* Syncs @store from the address in GSettings in a thread and reports the
 * outcome with a toast (or a dialog on failure, which leaves the data as
 * it was). Without an address, opens Preferences. */
void dt_sync_task_start (GtkWindow       *window,
                         DtStore         *store,
                         AdwToastOverlay *toasts);

G_END_DECLS
