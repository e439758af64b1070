/* dt-number-format.h — numbers and amounts of money as the reader's language writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are stored in 万元 (10,000 yuan). Chinese readers count them in
 * 万元 and 亿元 (10⁸ yuan); English readers in thousands, millions and
 * billions of yuan. Charts, pages, workbooks and the briefing share these
 * so that one figure reads the same everywhere. No GTK here.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DT_NUMBER_STYLE_AUTO,     /* the conventions of the language the window speaks */
  DT_NUMBER_STYLE_ENGLISH,  /* thousand, million, billion yuan */
  DT_NUMBER_STYLE_CHINESE,  /* 万元, 亿元 */
} DtNumberStyle;

/* An amount scale: divide a value in 万元 by @divisor and append @unit. */
typedef struct
{
  double      divisor;
  const char *unit;       /* static, already translated */
  gboolean    tight;      /* no space between number and unit (Chinese) */
} DtAmountScale;

/* AUTO becomes ENGLISH or CHINESE; the translation of the UI decides. */
DtNumberStyle dt_number_style_resolve   (DtNumberStyle        style);

/* @value with @decimals decimals and a comma between groups of three
 * digits: "4,000,000", "-1,234.5". NAN and infinities give "—". */
char         *dt_number_format          (double               value,
                                         int                  decimals);

/* The scale that reads best for amounts up to @max_abs_wan (万元). */
void          dt_amount_scale_choose    (double               max_abs_wan,
                                         DtNumberStyle        style,
                                         DtAmountScale       *out_scale);

/* @wan (万元) in @scale: "637.0亿元", "63.7 billion yuan". */
char         *dt_amount_format_in       (double               wan,
                                         const DtAmountScale *scale,
                                         int                  decimals);

/* @wan (万元) in the scale that suits it, with one decimal:
 * "6,370,000 万元" reads "637.0亿元" or "63.7 billion yuan". */
char         *dt_amount_format          (double               wan,
                                         DtNumberStyle        style);

G_END_DECLS
