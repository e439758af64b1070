/* dt-data-source.h — where a kind of data came from, as one line for charts and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

/* "Source: …" naming every dataset of @kind (enterprises, index, …) in
 * the UI's language. @out_sample, if not NULL, is set when any of them is
 * sample data. NULL when there is no such dataset. */
char *dt_data_source_line (DtStore    *store,
                           const char *kind,
                           gboolean   *out_sample);

G_END_DECLS
