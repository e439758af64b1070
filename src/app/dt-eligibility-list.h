/* dt-eligibility-list.h — who qualifies for what, with the reason per criterion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows either the measures one enterprise qualifies for (for an
 * enterprise's detail) or the enterprises that qualify for one measure
 * (for a measure's detail).
 */

#pragma once

#include <adwaita.h>

#include "dt-store.h"

G_BEGIN_DECLS

#define DT_TYPE_ELIGIBILITY_LIST (dt_eligibility_list_get_type ())

G_DECLARE_FINAL_TYPE (DtEligibilityList, dt_eligibility_list, DT, ELIGIBILITY_LIST, GtkBox)

GtkWidget *dt_eligibility_list_new             (void);
/* The measures @enterprise_id (enterprises.id) qualifies for, judged on its
 * listing of @year (0 or a year it is not listed: its latest listing). */
void       dt_eligibility_list_show_enterprise (DtEligibilityList *self,
                                                DtStore           *store,
                                                gint64             enterprise_id,
                                                int                year);
/* The enterprises on the @year list (0: the latest) that qualify for
 * measure @no. */
void       dt_eligibility_list_show_measure    (DtEligibilityList *self,
                                                DtStore           *store,
                                                gint64             no,
                                                int                year);
void       dt_eligibility_list_clear           (DtEligibilityList *self);
/* TRUE while an answer is being computed off the main thread. */
gboolean   dt_eligibility_list_is_busy         (DtEligibilityList *self);
/* How many answers qualify, after the last show_*(). */
guint      dt_eligibility_list_get_n_qualifying (DtEligibilityList *self);

G_END_DECLS
