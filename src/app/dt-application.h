/* dt-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-command-line.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_APPLICATION (dt_application_get_type ())

G_DECLARE_FINAL_TYPE (DtApplication, dt_application, DT, APPLICATION, AdwApplication)

/* One application per database: the id of the default database is APP_ID,
 * any other one's is derived from its canonical path. */
DtApplication *dt_application_new       (const char    *database,
                                         const char    *screenshot,
                                         const char    *page);
/* How command lines handed to the window are read (main.c's option table). */
/* The open database, or NULL when it could not be opened. */
DtStore       *dt_application_get_store (DtApplication *self);
/* The database's path (the default one unless --database was given). */
const char    *dt_application_get_database (DtApplication *self);

char          *dt_application_id_for_database (const char *database);

/* Hands a headless command line (@argv, as given) to the window that has
 * @database open, which runs it and prints through this process. Returns
 * FALSE when no window answered: DT_ERROR_BUSY when there is no session
 * bus to reach it (final), DT_ERROR_FAILED when none is registered (it
 * may be starting or quitting: try the lock again). */
gboolean       dt_application_forward_command_line (const char  *database,
                                                    char       **argv,
                                                    int         *exit_status,
                                                    GError     **error);

G_END_DECLS
