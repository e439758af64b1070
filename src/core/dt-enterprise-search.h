/* dt-enterprise-search.h — the n-gram index behind enterprise search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FTS5's trigram tokenizer cannot find two-character Chinese words such as
 * 杭州 or 数据, and LIKE '%…%' scans every row. The enterprise_search FTS5
 * table instead holds every character and every pair of adjacent characters
 * of the names and the credit code, so any query of one or more characters
 * narrows the rows through the index; the exact substring test then runs
 * only on those candidates.
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers dt_search_grams(), which the triggers on enterprises call.
 * Every connection that writes enterprises needs it. */
int    dt_enterprise_search_register (sqlite3     *db);
/* The space-separated grams indexed for @text (NULL gives ""). */
char  *dt_enterprise_search_grams    (const char  *text);
/* An FTS5 MATCH expression that every row containing @needle satisfies,
 * or NULL when @needle has no indexable character (then only the exact
 * test applies). @needle is already lower-cased ASCII-wise. */
char  *dt_enterprise_search_match    (const char  *needle);

G_END_DECLS
