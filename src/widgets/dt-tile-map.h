/* dt-tile-map.h — the 11 cities of Zhejiang as a tile map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tile per city, laid out roughly as the province lies, coloured by
 * one figure on the accent colour's ramp, with the value on each tile and
 * a legend. Knows nothing of the database: pages give it the values.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DT_TYPE_TILE_MAP (dt_tile_map_get_type ())

G_DECLARE_FINAL_TYPE (DtTileMap, dt_tile_map, DT, TILE_MAP, GtkWidget)

GtkWidget  *dt_tile_map_new              (void);
void        dt_tile_map_set_title        (DtTileMap   *self,
                                          const char  *title);
void        dt_tile_map_set_unit         (DtTileMap   *self,
                                          const char  *unit);
/* printf format for one value, default "%.1f". */
void        dt_tile_map_set_value_format (DtTileMap   *self,
                                          const char  *format);
void        dt_tile_map_clear            (DtTileMap   *self);
/* Adds or updates the city @code (one of the 11; others are ignored when
 * drawn); @value is NAN when there is none. */
void        dt_tile_map_set_value        (DtTileMap   *self,
                                          const char  *code,
                                          const char  *name,
                                          double       value);
/* The selected city's code, or NULL. */
const char *dt_tile_map_get_selected     (DtTileMap   *self);
/* Selects @code (NULL for none) without emitting ::region-activated. */
void        dt_tile_map_set_selected     (DtTileMap   *self,
                                          const char  *code);
/* The fill of @code's tile as drawn now, for tests; FALSE if unknown. */
gboolean    dt_tile_map_get_tile_color   (DtTileMap   *self,
                                          const char  *code,
                                          GdkRGBA     *color);
/* The accessible description: every value, highest first. */
char       *dt_tile_map_describe         (DtTileMap   *self);
/* Saves at @width × @height; the format follows the extension: .png, .svg or .pdf. */
gboolean    dt_tile_map_save             (DtTileMap   *self,
                                          const char  *path,
                                          int          width,
                                          int          height,
                                          GError     **error);
/* Selects @code and emits ::region-activated, as a click or Enter does. */
void        dt_tile_map_activate         (DtTileMap   *self,
                                          const char  *code);

G_END_DECLS
