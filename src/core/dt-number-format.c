/* dt-number-format.c — numbers and amounts of money as the reader's language writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-number-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dt-number-format.h"

DtNumberStyle
dt_number_style_resolve (DtNumberStyle style)
{
  if (style != DT_NUMBER_STYLE_AUTO)
    return style;
  /* The translation says how its language counts money, so the units
   * always match the language the window is shown in.
   * TRANSLATORS: write "chinese" if amounts in your language are counted
   * in 万 and 亿 (10⁴ and 10⁸), else leave "western" (thousands, millions,
   * billions). Nothing else is accepted. */
  if (g_str_equal (C_("number convention", "western"), "chinese"))
    return DT_NUMBER_STYLE_CHINESE;
  return DT_NUMBER_STYLE_ENGLISH;
}

char *
dt_number_format (double value,
                  int    decimals)
{
  char plain[400];
  char format[8];
  GString *out;
  const char *digits, *point;
  gsize n_int;

  if (!isfinite (value))
    return g_strdup ("—");
  decimals = CLAMP (decimals, 0, 9);
  /* A point whatever LC_NUMERIC says: the grouping below is ours. */
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (plain, sizeof plain, format, value);
  /* "-0.0" after rounding reads as zero. */
  if (plain[0] == '-' && strspn (plain + 1, "0.") == strlen (plain + 1))
    memmove (plain, plain + 1, strlen (plain));

  out = g_string_new (NULL);
  digits = plain;
  if (*digits == '-')
    {
      g_string_append_c (out, '-');
      digits++;
    }
  point = strchr (digits, '.');
  n_int = point ? (gsize) (point - digits) : strlen (digits);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    g_string_append (out, point);
  return g_string_free (out, FALSE);
}

void
dt_amount_scale_choose (double         max_abs_wan,
                        DtNumberStyle  style,
                        DtAmountScale *out_scale)
{
  double yuan = fabs (max_abs_wan) * 10000.0;

  g_return_if_fail (out_scale != NULL);

  if (!isfinite (yuan))
    yuan = 0;
  if (dt_number_style_resolve (style) == DT_NUMBER_STYLE_CHINESE)
    {
      out_scale->tight = TRUE;
      if (yuan >= 1e8)
        {
          out_scale->divisor = 1e4;
          out_scale->unit = "亿元";
        }
      else
        {
          out_scale->divisor = 1;
          out_scale->unit = "万元";
        }
      return;
    }

  out_scale->tight = FALSE;
  if (yuan >= 1e9)
    {
      out_scale->divisor = 1e5;
      /* TRANSLATORS: the unit of amounts counted in billions (10⁹) of yuan */
      out_scale->unit = _("billion yuan");
    }
  else if (yuan >= 1e6)
    {
      out_scale->divisor = 100;
      /* TRANSLATORS: the unit of amounts counted in millions (10⁶) of yuan */
      out_scale->unit = _("million yuan");
    }
  else
    {
      out_scale->divisor = 0.1;
      /* TRANSLATORS: the unit of amounts counted in thousands of yuan */
      out_scale->unit = _("thousand yuan");
    }
}

char *
dt_amount_format_in (double               wan,
                     const DtAmountScale *scale,
                     int                  decimals)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (scale != NULL && scale->divisor > 0, NULL);

  number = dt_number_format (wan / scale->divisor, decimals);
  if (!isfinite (wan))
    return g_steal_pointer (&number);
  return g_strconcat (number, scale->tight ? "" : " ", scale->unit, NULL);
}

char *
dt_amount_format (double        wan,
                  DtNumberStyle style)
{
  DtAmountScale scale;

  dt_amount_scale_choose (wan, style, &scale);
  return dt_amount_format_in (wan, &scale, 1);
}
