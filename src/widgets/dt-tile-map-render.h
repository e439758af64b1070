/* dt-tile-map-render.h — the one drawing function behind DtTileMap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the 11 cities of Zhejiang as tiles laid out roughly as the
 * province lies, on any cairo_t: the widget's snapshot and PNG/SVG/PDF
 * export share it. Needs no GTK.
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} DtTileMapColor;

typedef struct
{
  const char *code;     /* region code, e.g. "hangzhou" */
  const char *name;     /* shown on the tile */
  double      value;    /* NAN when there is none */
} DtTileMapRegion;

typedef struct
{
  const char            *title;          /* may be NULL */
  const char            *unit;           /* may be NULL */
  const char            *value_format;   /* printf format for one double */
  const DtTileMapRegion *regions;
  guint                  n_regions;
  int                    selected;       /* index into @regions, -1 for none */
  int                    hover;
  int                    focus;          /* drawn only with style->show_focus */
} DtTileMapData;

typedef struct
{
  DtTileMapColor         foreground;
  DtTileMapColor         background;
  DtTileMapColor         accent;         /* the ramp runs from background to this */
  gboolean               fill_background;
  gboolean               show_focus;
  PangoFontDescription  *font;           /* owned; NULL means "Sans 10" */
} DtTileMapStyle;

/* Where the tiles were drawn, for hit testing. */
typedef struct
{
  gboolean valid;
  double   origin_x;
  double   origin_y;
  double   tile;       /* side of one grid cell */
} DtTileMapLayout;

/* The grid cell of a city (column 0–4 west to east, row 0–3 north to
 * south); FALSE for a code that is not one of the 11 cities. */
gboolean dt_tile_map_position           (const char            *code,
                                         int                   *column,
                                         int                   *row);

void     dt_tile_map_style_init_light   (DtTileMapStyle        *style);
void     dt_tile_map_style_clear        (DtTileMapStyle        *style);

void     dt_tile_map_render             (cairo_t               *cr,
                                         const DtTileMapData   *data,
                                         int                    width,
                                         int                    height,
                                         const DtTileMapStyle  *style,
                                         DtTileMapLayout       *out_layout);

/* The fill of region @index: the accent ramp by value (the highest value
 * the full accent), a neutral tone for a missing value. */
DtTileMapColor dt_tile_map_tile_color   (const DtTileMapData   *data,
                                         const DtTileMapStyle  *style,
                                         guint                  index);

/* The region at (@x, @y), or -1. */
int      dt_tile_map_layout_hit_test    (const DtTileMapLayout *layout,
                                         const DtTileMapData   *data,
                                         double                 x,
                                         double                 y);

/* "Hangzhou: 169.38 points" — the tooltip. */
char    *dt_tile_map_describe_region    (const DtTileMapData   *data,
                                         guint                  index);
/* The plain-text account of every value, highest first (the accessible
 * description). */
char    *dt_tile_map_describe_data      (const DtTileMapData   *data);

G_END_DECLS
