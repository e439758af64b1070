/* dt-credit-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-credit-code"

#include "config.h"

#include <string.h>

#include "dt-credit-code.h"

/* The 31 characters of the code: digits and capitals without I, O, Z, S, V. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int
char_value (char c)
{
  const char *p = c != '\0' ? strchr (alphabet, c) : NULL;

  return p != NULL ? (int)(p - alphabet) : -1;
}

char
dt_credit_code_check_character (const char *code)
{
  int sum = 0;
  int weight = 1;

  if (code == NULL || strlen (code) < 17)
    return 0;

  /* Weights are 3^(i-1) mod 31 for positions 1..17. */
  for (guint i = 0; i < 17; i++)
    {
      int v = char_value (code[i]);

      if (v < 0)
        return 0;
      sum += v * weight;
      weight = (weight * 3) % 31;
    }

  return alphabet[(31 - sum % 31) % 31];
}

gboolean
dt_credit_code_is_valid (const char *code)
{
  char check;

  if (code == NULL || strlen (code) != 18)
    return FALSE;

  check = dt_credit_code_check_character (code);
  return check != 0 && check == code[17];
}
