/* dt-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dt-error.h"

G_DEFINE_QUARK (dt-error-quark, dt_error)
