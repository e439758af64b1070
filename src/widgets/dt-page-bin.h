/* dt-page-bin.h — holds one page of a view stack, measured only while shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DT_TYPE_PAGE_BIN (dt_page_bin_get_type ())

G_DECLARE_FINAL_TYPE (DtPageBin, dt_page_bin, DT, PAGE_BIN, GtkWidget)

GtkWidget *dt_page_bin_new       (void);
GtkWidget *dt_page_bin_get_child (DtPageBin *self);
void       dt_page_bin_set_child (DtPageBin *self,
                                  GtkWidget *child);

G_END_DECLS
