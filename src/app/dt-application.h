/* dt-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_APPLICATION (dt_application_get_type ())

G_DECLARE_FINAL_TYPE (DtApplication, dt_application, DT, APPLICATION, AdwApplication)

DtApplication *dt_application_new       (const char    *database,
                                         const char    *screenshot,
                                         const char    *page);
/* The open database, or NULL when it could not be opened. */
DtStore       *dt_application_get_store (DtApplication *self);
/* The database's path (the default one unless --database was given). */
const char    *dt_application_get_database (DtApplication *self);

G_END_DECLS
