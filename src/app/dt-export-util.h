/* dt-export-util.h — what every export in the window shares: the file
 * chooser offering CSV and Excel, and the toast that opens the result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-table-writer.h"

G_BEGIN_DECLS

/* A save dialog over @widget's window with CSV and Excel filters, the last
 * format used (GSettings export-format) chosen and @base_name (no
 * extension) plus its extension as the name. */
GtkFileChooserNative *dt_export_chooser_new        (GtkWidget            *widget,
                                                    const char           *title,
                                                    const char           *base_name);
/* The file chosen, with the extension of its format added when it has
 * none, and the format (from the extension, else the filter), which is
 * remembered for the next export. */
GFile                *dt_export_chooser_get_file   (GtkFileChooserNative *chooser,
                                                    DtTableFormat        *out_format);
/* The format last chosen. */
DtTableFormat         dt_export_get_last_format    (void);

/* A toast saying @message with "Open" (the desktop's default app) and
 * "Show in Folder" (the file manager, or the folder opened). */
AdwToast             *dt_export_toast_new          (const char           *message,
                                                    GFile                *file);
void                  dt_export_open_file          (GFile                *file);
void                  dt_export_show_in_folder     (GFile                *file);

G_END_DECLS
