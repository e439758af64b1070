/* dt-index-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-index-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-index-page.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtIndexPage
{
  AdwBin      parent_instance;

  DtStore    *store;
  GtkBox     *content;
  GtkWidget  *group;
};

G_DEFINE_FINAL_TYPE (DtIndexPage, dt_index_page, ADW_TYPE_BIN)

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The cities ranked by the latest published or computed index. */
static GtkWidget *
build_group (DtStore *store)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  sqlite3_stmt *stmt;
  int year = 0;
  int rank = 0;

  stmt = dt_store_prepare (store,
                           "WITH latest AS (SELECT max(year) AS year FROM index_values WHERE code = 'OI'), "
                           "best AS (SELECT v.region, v.year, v.value, v.status, v.source, "
                           "  row_number () OVER (PARTITION BY v.region ORDER BY v.status <> 'published') AS pick "
                           "  FROM index_values v, latest WHERE v.code = 'OI' AND v.year = latest.year) "
                           "SELECT r.name_zh, r.name_en, b.year, b.value, b.status FROM best b "
                           "JOIN regions r ON r.code = b.region WHERE b.pick = 1 AND r.level = 'city' "
                           "ORDER BY b.value DESC", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *value = g_strdup_printf ("%.1f", sqlite3_column_double (stmt, 3));

      year = sqlite3_column_int (stmt, 2);
      title = g_strdup_printf ("%d. %s", ++rank,
                               dt_pick_name ((const char *)sqlite3_column_text (stmt, 0),
                                             (const char *)sqlite3_column_text (stmt, 1)));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   dt_vocabulary_label (DT_VOCABULARY_VALUE_STATUS, (const char *)sqlite3_column_text (stmt, 4)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (value));
      adw_preferences_group_add (group, row);
    }
  sqlite3_finalize (stmt);

  {
    g_autofree char *title = g_strdup_printf (_("Cities by Openness Index, %d"), year);
    adw_preferences_group_set_title (group, title);
  }

  return GTK_WIDGET (group);
}

static void
reload (DtIndexPage *self)
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
dt_index_page_set_store (DtIndexPage *self,
                        DtStore *store)
{
  g_return_if_fail (DT_IS_INDEX_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_connect_object (store, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
dt_index_page_dispose (GObject *object)
{
  DtIndexPage *self = (DtIndexPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_INDEX_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_index_page_parent_class)->dispose (object);
}

static void
dt_index_page_class_init (DtIndexPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_index_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-index-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtIndexPage, content);
}

static void
dt_index_page_init (DtIndexPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
