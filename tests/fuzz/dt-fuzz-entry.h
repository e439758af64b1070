/* dt-fuzz-entry.h — what each fuzz target does with one input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The libFuzzer targets and the regression test of the normal suite call
 * the same functions, so that a crash found by fuzzing stays fixed.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns normally for any input; a bug aborts (assertion, sanitizer). */
void dt_fuzz_csv_reader      (const guint8 *data,
                              gsize         size);
void dt_fuzz_data_pack       (const guint8 *data,
                              gsize         size);
/* A data pack when the input starts with '{', else a CSV table of any kind. */
void dt_fuzz_import          (const guint8 *data,
                              gsize         size);
/* An index framework (CSV), optionally followed by a line "====" and a
 * data table, which is then normalised and aggregated every way. */
void dt_fuzz_index_framework (const guint8 *data,
                              gsize         size);

/* Removes the temporary databases the entries opened. */
void dt_fuzz_cleanup         (void);

G_END_DECLS
