/* dt-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-util"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dt-util.h"

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
gboolean
dt_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/* Data carries Chinese and English names; show the Chinese one when the
 * user's first language for messages is Chinese. */
gboolean
dt_locale_prefers_chinese (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return TRUE;
      if (g_str_has_prefix (names[i], "en"))
        return FALSE;
    }

  return FALSE;
}

const char *
dt_pick_name (const char *name_zh,
              const char *name_en)
{
  gboolean zh = dt_locale_prefers_chinese ();

  if (zh && name_zh != NULL && name_zh[0] != '\0')
    return name_zh;
  if (name_en != NULL && name_en[0] != '\0')
    return name_en;
  return name_zh != NULL ? name_zh : "";
}

gboolean
dt_str_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
dt_parse_double (const char *text,
                 double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

gboolean
dt_json_depth_ok (const char *data,
                  gsize       size,
                  guint       max_depth,
                  guint      *out_line)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++; /* whatever follows is escaped (an escaped newline is invalid JSON anyway) */
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              if (out_line != NULL)
                *out_line = line;
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}
