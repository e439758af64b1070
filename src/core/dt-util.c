/* dt-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-util"

#include "config.h"

#include <libintl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

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

/* Data carries Chinese and English forms; show the Chinese one when the
 * translation in use is Chinese. Ask gettext rather than the locale: the
 * header of the catalogue it found names its language, so a zh_TW user
 * without a zh_TW catalogue (an English window) gets English data too. */
gboolean
dt_data_language_is_chinese (void)
{
  /* Not a literal: xgettext reserves the empty msgid. */
  static const char *header_msgid = "";
  const char *header = dgettext (GETTEXT_PACKAGE, header_msgid);
  const char *language;

  if (header == NULL || header[0] == '\0')
    return FALSE;
  language = strstr (header, "Language: ");
  return language != NULL && g_str_has_prefix (language + strlen ("Language: "), "zh");
}

const char *
dt_pick_name (const char *name_zh,
              const char *name_en)
{
  gboolean zh = dt_data_language_is_chinese ();

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
dt_gpu_device_present (const char *dev_dir)
{
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autofree char *nvidia = g_build_filename (dev_dir, "nvidia0", NULL);
  g_autoptr(GDir) dir = g_dir_open (dri, 0, NULL);
  const char *name;

  if (g_file_test (nvidia, G_FILE_TEST_EXISTS))
    return TRUE;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD") || g_str_has_prefix (name, "card"))
      return TRUE;
  return FALSE;
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

/* A calendar date as officials type it: 2026-12-05, 2026/12/05,
 * 2026.12.05 or 2026年12月5日 (full-width digits too; month and day may
 * have one digit). Returns the stored form, YYYY-MM-DD, or NULL. */
char *
dt_parse_date (const char *text)
{
  g_autofree char *plain = NULL;
  unsigned int year, month, day;
  int end = 0;
  char *p;

  if (text == NULL)
    return NULL;
  /* NFKC makes full-width digits and separators ASCII. */
  plain = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (plain == NULL)
    return NULL;
  g_strstrip (plain);

  if (sscanf (plain, "%4u年%2u月%2u日%n", &year, &month, &day, &end) == 3 && end > 0 && plain[end] == '\0')
    ;
  else if (sscanf (plain, "%4u年%2u月%2u%n", &year, &month, &day, &end) == 3 && plain[end] == '\0')
    ;
  else
    {
      for (p = plain; *p != '\0'; p++)
        if (*p == '/' || *p == '.')
          *p = '-';
      end = 0;
      if (sscanf (plain, "%4u-%2u-%2u%n", &year, &month, &day, &end) != 3 || plain[end] != '\0')
        return NULL;
    }

  /* Only plain digits: sscanf would take "+5" or " 5". */
  for (p = plain; *p != '\0'; p++)
    if (*p == '+' || *p == ' ')
      return NULL;
  if (year < 1000 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* A stored timestamp (ISO 8601, usually UTC) as the user reads it: in
 * local time, in the form the translation gives. The text itself when it
 * is not a timestamp. */
char *
dt_format_timestamp (const char *iso8601)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) utc = NULL;

  if (iso8601 == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso8601, zone);
  if (utc == NULL)
    return g_strdup (iso8601);
  return dt_format_date_time (utc);
}

/* @when as the user reads it: in local time, in the translation's form. */
char *
dt_format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  /* xgettext:no-c-format
   * Translators: how a date and time are shown, in g_date_time_format()
   * codes; in Chinese e.g. "%Y年%-m月%-d日 %H:%M" */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

/* A stored date (YYYY-MM-DD) as the user reads it; the text itself when
 * it is not one. */
char *
dt_format_date (const char *date)
{
  g_autofree char *parsed = dt_parse_date (date);
  unsigned int year, month, day;
  g_autoptr(GDateTime) when = NULL;

  if (parsed == NULL || sscanf (parsed, "%u-%u-%u", &year, &month, &day) != 3)
    return g_strdup (date != NULL ? date : "");
  when = g_date_time_new_local (year, month, day, 0, 0, 0);
  /* xgettext:no-c-format
   * Translators: how a date is shown, in g_date_time_format() codes; in
   * Chinese e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (when, _("%-d %B %Y"));
}
