/* dt-sample-data.h — the sample data packs built into the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-store.h"

G_BEGIN_DECLS

/* Loads the sample packs into a database without any dataset (checked
 * under the write lock); one that has some is left alone. */
gboolean   dt_sample_data_load  (DtStore     *store,
                                 GError     **error);
/* Like dt_store_open(), then fills a database without any dataset with the
 * sample data packs. */
DtStore   *dt_sample_data_open  (const char  *path,
                                 GError     **error);

G_END_DECLS
