/* dt-util.h — small helpers shared by the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     dt_set_str               (char       **str_pointer,
                                       const char  *new_str);
/* TRUE when the translation in use is Chinese: the one rule for showing
 * the zh or the en form of data. */
gboolean     dt_data_language_is_chinese (void);
const char  *dt_pick_name             (const char  *name_zh,
                                       const char  *name_en);
char        *dt_parse_date            (const char  *text);
char        *dt_format_timestamp      (const char  *iso8601);
char        *dt_format_date_time      (GDateTime   *when);
char        *dt_format_date           (const char  *date);
/* TRUE when @text holds nothing but white space. */
gboolean     dt_str_is_blank          (const char  *text);
/* Reads a whole cell as a finite number, white space around it allowed. */
gboolean     dt_parse_double          (const char  *text,
                                       double      *value);

/* TRUE when @dev_dir (normally /dev) has a GPU device node: a DRM
 * render node or card, or NVIDIA's own. Without one, OpenGL can only be a
 * software rasteriser. */
gboolean     dt_gpu_device_present    (const char  *dev_dir);

/* The deepest a JSON file may nest arrays and objects (a data pack needs 5). */
#define DT_JSON_MAX_DEPTH 64

/* FALSE when @data nests arrays and objects deeper than @max_depth, with
 * the line where it does in @out_line. json-glib parses recursively and
 * overflows the stack on a file of a million '['; check before parsing. */
gboolean     dt_json_depth_ok         (const char  *data,
                                       gsize        size,
                                       guint        max_depth,
                                       guint       *out_line);

G_END_DECLS
