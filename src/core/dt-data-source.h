/* dt-data-source.h — where a kind of data came from, as one line for charts and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

/* "Source: …" naming every dataset that holds rows of @kind (for
 * "enterprises", of the list of @year; 0 means every year), in the UI's
 * language. @out_sample, if not NULL, is set when any of them is sample
 * data. NULL when no dataset holds such rows. */
char *dt_data_source_line (DtStore    *store,
                           const char *kind,
                           int         year,
                           gboolean   *out_sample);

G_END_DECLS
