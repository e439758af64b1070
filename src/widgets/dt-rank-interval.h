/* dt-rank-interval.h — a rank-interval chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dt-rank-interval-render.h"

G_BEGIN_DECLS

#define DT_TYPE_RANK_INTERVAL (dt_rank_interval_get_type ())

G_DECLARE_FINAL_TYPE (DtRankInterval, dt_rank_interval, DT, RANK_INTERVAL, GtkWidget)

GtkWidget *dt_rank_interval_new      (void);
/* Copies @items (labels included), drawn in the order given. */
void       dt_rank_interval_set_data (DtRankInterval           *self,
                                      const char               *title,
                                      const DtRankIntervalItem *items,
                                      guint                     n_items,
                                      guint                     n_ranks,
                                      guint                     replications);
guint      dt_rank_interval_get_n_items (DtRankInterval        *self);
/* Also the accessible description. */
char      *dt_rank_interval_describe_chart (DtRankInterval     *self);
gboolean   dt_rank_interval_save_chart (DtRankInterval         *self,
                                        const char             *path,
                                        int                     width,
                                        int                     height,
                                        GError                **error);

G_END_DECLS
