/* dt-window-bench.h — times what an official feels in the real window, for build-aux/bench.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dt-window.h"

G_BEGIN_DECLS

/* Drives @window through typing, ticking a facet, selecting measures and
 * scrolling to the end, prints the time of each until the frame that shows
 * its result, then quits the application. */
void dt_window_bench_run (DtWindow *window);

G_END_DECLS
