/* dt-year-comparison-view.h — two years of the Top-100 list side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dt-enterprise-comparison.h"
#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_YEAR_COMPARISON_VIEW (dt_year_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (DtYearComparisonView, dt_year_comparison_view, DT, YEAR_COMPARISON_VIEW, AdwWindow)

/* A window over @parent comparing the latest two lists of @store; the
 * official picks other years in its header. */
GtkWidget              *dt_year_comparison_view_new            (GtkWindow            *parent,
                                                                DtStore              *store);
/* Compares @year_a with @year_b (read off the main thread). */
void                    dt_year_comparison_view_set_years      (DtYearComparisonView *self,
                                                                int                   year_a,
                                                                int                   year_b);
/* The comparison shown, or NULL while it is read. */
DtEnterpriseComparison *dt_year_comparison_view_get_comparison (DtYearComparisonView *self);
/* Writes what is shown as CSV with labels and a BOM, as Export does. */
gboolean                dt_year_comparison_view_export         (DtYearComparisonView *self,
                                                                GFile                *file,
                                                                GError              **error);

G_END_DECLS
