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
void dt_fuzz_import          (const guint8 *data,
                              gsize         size);

/* Removes the temporary databases the entries opened. */
void dt_fuzz_cleanup         (void);

G_END_DECLS
