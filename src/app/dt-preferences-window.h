/* dt-preferences-window.h — the address that "Check for Updates" uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DT_TYPE_PREFERENCES_WINDOW (dt_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DtPreferencesWindow, dt_preferences_window, DT, PREFERENCES_WINDOW, AdwPreferencesWindow)

DtPreferencesWindow *dt_preferences_window_new (GtkWindow *parent);

G_END_DECLS
