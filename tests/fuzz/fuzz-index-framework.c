/* fuzz-index-framework.c — libFuzzer target, see dt-fuzz-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "dt-fuzz-entry.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  dt_fuzz_index_framework (data, size);
  return 0;
}
