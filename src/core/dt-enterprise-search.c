/* dt-enterprise-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprise-search"

#include "config.h"

#include <string.h>

#include "dt-enterprise-search.h"

/* Index at most this many grams of a query: more only narrows a set that
 * the exact test narrows anyway, and each costs a doclist read. */
#define MAX_QUERY_GRAMS 6

static void
append_grams (GString    *out,
              const char *text,
              GPtrArray  *collect)
{
  g_autofree char *lower = NULL;
  const char *p;
  const char *prev = NULL;

  if (text == NULL)
    return;

  /* SQLite's lower() folds ASCII only; the exact test uses it, so do the same. */
  lower = g_ascii_strdown (text, -1);
  for (p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (!g_unichar_isalnum (c))
        {
          prev = NULL;
          continue;
        }

      if (collect != NULL)
        {
          /* A query: bigrams where there are pairs, the single character
           * of a one-character run. */
          const char *after = next;
          gboolean next_alnum = *after != '\0' && g_unichar_isalnum (g_utf8_get_char (after));

          if (next_alnum)
            g_ptr_array_add (collect, g_strndup (p, g_utf8_next_char (after) - p));
          else if (prev == NULL)
            g_ptr_array_add (collect, g_strndup (p, next - p));
        }
      else
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_len (out, p, next - p);
          if (prev != NULL)
            {
              g_string_append_c (out, ' ');
              g_string_append_len (out, prev, next - prev);
            }
        }
      prev = p;
    }
}

char *
dt_enterprise_search_grams (const char *text)
{
  GString *out = g_string_new (NULL);

  append_grams (out, text, NULL);
  return g_string_free (out, FALSE);
}

char *
dt_enterprise_search_match (const char *needle)
{
  g_autoptr(GPtrArray) grams = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) match = g_string_new (NULL);
  guint step;

  append_grams (NULL, needle, grams);
  if (grams->len == 0)
    return NULL;

  /* Spread the grams we keep over the whole query. */
  step = (grams->len + MAX_QUERY_GRAMS - 1) / MAX_QUERY_GRAMS;
  for (guint i = 0; i < grams->len; i += step)
    {
      if (match->len > 0)
        g_string_append (match, " AND ");
      /* Grams hold letters and digits only, never a double quote. */
      g_string_append_printf (match, "\"%s\"", (const char *)g_ptr_array_index (grams, i));
    }

  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* dt_search_grams(name_zh, name_en, credit_code) */
static void
search_grams_func (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < argc; i++)
    append_grams (out, (const char *)sqlite3_value_text (argv[i]), NULL);

  sqlite3_result_text (context, out->str, (int)out->len, g_free);
  g_string_free (out, FALSE);
}

int
dt_enterprise_search_register (sqlite3 *db)
{
  return sqlite3_create_function (db, "dt_search_grams", -1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, search_grams_func, NULL, NULL);
}

static int
search_auto_extension (sqlite3                      *db,
                       const char                  **error_message,
                       const struct sqlite3_api_routines *api)
{
  return dt_enterprise_search_register (db);
}

/* The schema's triggers call dt_search_grams() on every connection that
 * writes enterprises, including the migrations inside dt_store_open().
 * Registering it as an SQLite auto-extension when the program loads gives
 * every connection the function while the store, at the bottom of the
 * core, knows nothing of search (the core library is linked whole, so this
 * runs in every program that links it). */
__attribute__((constructor)) static void
search_install (void)
{
  sqlite3_auto_extension ((void (*) (void))search_auto_extension);
}
