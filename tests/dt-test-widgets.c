/* dt-test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dt-test-widgets.h"

void
dt_test_iterate_until_idle (void)
{
  for (guint i = 0; i < 50; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

void
dt_test_iterate_while (gboolean (*busy) (gpointer data),
                       gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (busy (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  dt_test_iterate_until_idle ();
}

GtkWidget *
dt_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dt_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}
