/* dt-enterprises-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-enterprises-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-enterprises-page.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtEnterprisesPage
{
  AdwBin      parent_instance;

  DtStore    *store;
  GtkBox     *content;
  GtkWidget  *group;
};

G_DEFINE_FINAL_TYPE (DtEnterprisesPage, dt_enterprises_page, ADW_TYPE_BIN)

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The latest Top-100 list. */
static GtkWidget *
build_group (DtStore *store)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  sqlite3_stmt *stmt;
  int year = 0;

  stmt = dt_store_prepare (store,
                           "SELECT l.year, l.rank, e.name_zh, e.name_en, r.name_zh, r.name_en, l.trade_volume "
                           "FROM listings l JOIN enterprises e ON e.id = l.enterprise_id "
                           "LEFT JOIN regions r ON r.code = l.city "
                           "WHERE l.year = (SELECT max(year) FROM listings) ORDER BY l.rank", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *volume = g_strdup_printf ("%.1f", sqlite3_column_double (stmt, 6));

      year = sqlite3_column_int (stmt, 0);
      title = g_strdup_printf ("%d. %s", sqlite3_column_int (stmt, 1),
                               dt_pick_name ((const char *)sqlite3_column_text (stmt, 2),
                                             (const char *)sqlite3_column_text (stmt, 3)));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   dt_pick_name ((const char *)sqlite3_column_text (stmt, 4),
                                                 (const char *)sqlite3_column_text (stmt, 5)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (volume));
      adw_preferences_group_add (group, row);
    }
  sqlite3_finalize (stmt);

  {
    g_autofree char *title = g_strdup_printf (_("Top 100, %d"), year);
    adw_preferences_group_set_title (group, title);
    adw_preferences_group_set_description (group, _("Digital trade volume in 10,000 yuan"));
  }

  return GTK_WIDGET (group);
}

static void
reload (DtEnterprisesPage *self)
{
  if (self->group != NULL)
    gtk_box_remove (self->content, self->group);
  self->group = NULL;

  if (self->store == NULL)
    return;

  self->group = build_group (self->store);
  gtk_box_append (self->content, self->group);
}

void
dt_enterprises_page_set_store (DtEnterprisesPage *self,
                        DtStore *store)
{
  g_return_if_fail (DT_IS_ENTERPRISES_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_connect_object (store, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
dt_enterprises_page_dispose (GObject *object)
{
  DtEnterprisesPage *self = (DtEnterprisesPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_ENTERPRISES_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_enterprises_page_parent_class)->dispose (object);
}

static void
dt_enterprises_page_class_init (DtEnterprisesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_enterprises_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-enterprises-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtEnterprisesPage, content);
}

static void
dt_enterprises_page_init (DtEnterprisesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
