/* dt-credit-code.h — unified social credit codes (GB 32100-2015)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @code is 18 characters from the code's alphabet whose last one
 * is the check character GB 32100-2015 computes from the first 17. */
gboolean dt_credit_code_is_valid        (const char *code);
/* The check character for the first 17 characters of @code, or 0. */
char     dt_credit_code_check_character (const char *code);

G_END_DECLS
