/* dt-recovery-page.h — what the window shows for a damaged database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_RECOVERY_PAGE (dt_recovery_page_get_type ())

G_DECLARE_FINAL_TYPE (DtRecoveryPage, dt_recovery_page, DT, RECOVERY_PAGE, AdwBin)

/* Offers to restore the newest good backup of @database, to start afresh
 * (the damaged file is kept aside) or to quit. Emits "recovered" with the
 * new store and a sentence saying what was done. */
GtkWidget *dt_recovery_page_new (const char   *database,
                                 const GError *error);

G_END_DECLS
