/* dt-briefing-print.h — "Export Briefing…" and "Print Briefing…" of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dt-briefing-data.h"

G_BEGIN_DECLS

/* Asks where to save the briefing on what @query (may be NULL: the whole
 * latest list) selects, then writes it as PDF and says so in a toast. */
void               dt_briefing_export_start        (GtkWindow          *parent,
                                                    DtStore            *store,
                                                    DtEnterpriseQuery  *query);
/* Prints the same briefing through the print dialog (with its preview
 * where the platform offers one). */
void               dt_briefing_print_start         (GtkWindow          *parent,
                                                    DtStore            *store,
                                                    DtEnterpriseQuery  *query);
/* A print operation on A4 that draws @briefing's pages with the PDF's
 * drawing code; takes @briefing. */
GtkPrintOperation *dt_briefing_print_operation_new (DtBriefing         *briefing);

G_END_DECLS
