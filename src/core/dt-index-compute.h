/* dt-index-compute.h — the --compute-index command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads the framework and the data, normalises with @normalise
 * (base-year, minmax, zscore, goalposts or none; NULL: minmax), aggregates
 * with @aggregate (amean or gmean; NULL: amean) and writes @output. On any
 * error nothing is written. */
gboolean dt_index_compute_files (const char  *framework_path,
                                 const char  *data_path,
                                 const char  *normalise,
                                 const char  *aggregate,
                                 int          base_year,
                                 const char  *output_path,
                                 gboolean     with_bom,
                                 GError     **error);

G_END_DECLS
