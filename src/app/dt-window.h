/* dt-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-application.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_WINDOW (dt_window_get_type ())

G_DECLARE_FINAL_TYPE (DtWindow, dt_window, DT, WINDOW, AdwApplicationWindow)

/* @store is NULL when the database could not be opened; @store_error then
 * says why, and the window explains it instead of showing data (or offers
 * to recover a damaged database). */
DtWindow *dt_window_new        (DtApplication *application,
                                DtStore       *store,
                                const GError  *store_error);
/* The recovery page for the damaged database at @database (see
 * DtRecoveryPage); the pages appear once it is restored or replaced. */
DtWindow *dt_window_new_for_recovery (DtApplication *application,
                                      const char    *database,
                                      const GError  *error);
/* Shows "overview", "index", "enterprises" or "measures". */
void      dt_window_show_page  (DtWindow      *self,
                                const char    *name);
/* Shows the page shown before the current one (Back, Alt+←); FALSE when
 * there is none. */
gboolean  dt_window_go_back    (DtWindow      *self);
void      dt_window_add_toast  (DtWindow      *self,
                                AdwToast      *toast);
DtStore  *dt_window_get_store  (DtWindow      *self);
/* Shows the import preview of @file (a CSV or JSON file). */
void      dt_window_import_file (DtWindow     *self,
                                 GFile        *file);

/* The sample banner's text while it is shown, else NULL. */
const char *dt_window_get_sample_banner_text (DtWindow *self);

G_END_DECLS
