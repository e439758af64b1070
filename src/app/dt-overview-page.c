/* dt-overview-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-overview-page.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtOverviewPage
{
  AdwBin      parent_instance;

  DtStore    *store;
  GtkBox     *content;
  GtkWidget  *figures;
  GtkWidget  *datasets;
};

G_DEFINE_FINAL_TYPE (DtOverviewPage, dt_overview_page, ADW_TYPE_BIN)

static void
add_figure (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static void
add_key_figures (DtOverviewPage *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  sqlite3_stmt *stmt;

  adw_preferences_group_set_title (group, _("Key Figures"));

  stmt = dt_store_prepare (self->store,
                           "SELECT year, value, source FROM index_values "
                           "WHERE region = 'ZJ' AND code = (SELECT code FROM index_nodes WHERE parent IS NULL OR parent = '' LIMIT 1) "
                           "AND status = 'published' ORDER BY year DESC LIMIT 1", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *title = g_strdup_printf (_("Zhejiang Openness Index, %d"), sqlite3_column_int (stmt, 0));
      g_autofree char *value = g_strdup_printf ("%.1f", sqlite3_column_double (stmt, 1));
      g_autofree char *subtitle = g_strdup_printf (_("Published · %s"), (const char *)sqlite3_column_text (stmt, 2));

      add_figure (group, title, subtitle, value);
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (self->store,
                           "SELECT year, count(*), sum(trade_volume) FROM listings "
                           "WHERE year = (SELECT max(year) FROM listings)", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Enterprises on the %d list"), sqlite3_column_int (stmt, 0));
      g_autofree char *count = g_strdup_printf ("%d", sqlite3_column_int (stmt, 1));
      g_autofree char *volume_title = g_strdup_printf (_("Digital trade volume of the %d list"), sqlite3_column_int (stmt, 0));
      /* Translators: an amount in units of 100 million yuan (亿元) */
      g_autofree char *volume = g_strdup_printf (_("%.1f × 100 million yuan"), sqlite3_column_double (stmt, 2) / 10000.0);

      add_figure (group, title, _("Top-100 digital trade enterprises"), count);
      add_figure (group, volume_title, _("Sum over the listed enterprises"), volume);
    }
  sqlite3_finalize (stmt);

  stmt = dt_store_prepare (self->store,
                           "SELECT count(*), sum(coalesce(t.status, 'not-started') = 'in-effect') "
                           "FROM measures m LEFT JOIN measure_tracking t USING (no)", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *count = g_strdup_printf ("%d", sqlite3_column_int (stmt, 0));
      g_autofree char *subtitle = g_strdup_printf (_("%d in effect"), sqlite3_column_int (stmt, 1));

      add_figure (group, _("Binjiang FTZ preferential measures"), subtitle, count);
    }
  sqlite3_finalize (stmt);

  self->figures = GTK_WIDGET (group);
  gtk_box_append (self->content, self->figures);
}

static void
add_datasets (DtOverviewPage *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  sqlite3_stmt *stmt;

  adw_preferences_group_set_title (group, _("Datasets"));
  adw_preferences_group_set_description (group, _("Where every figure on these pages comes from"));

  stmt = dt_store_prepare (self->store,
                           "SELECT title, title_zh, source, provenance, imported_at FROM datasets ORDER BY id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;
      const char *title = dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                        (const char *)sqlite3_column_text (stmt, 0));
      const char *provenance = (const char *)sqlite3_column_text (stmt, 3);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), (const char *)sqlite3_column_text (stmt, 2));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      badge = gtk_label_new (dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, provenance));
      gtk_widget_add_css_class (badge, g_strcmp0 (provenance, "sample") == 0 ? "warning" : "success");
      gtk_widget_add_css_class (badge, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_preferences_group_add (group, row);
    }
  sqlite3_finalize (stmt);

  self->datasets = GTK_WIDGET (group);
  gtk_box_append (self->content, self->datasets);
}

static void
reload (DtOverviewPage *self)
{
  if (self->figures != NULL)
    gtk_box_remove (self->content, self->figures);
  if (self->datasets != NULL)
    gtk_box_remove (self->content, self->datasets);
  self->figures = self->datasets = NULL;

  if (self->store == NULL)
    return;

  add_key_figures (self);
  add_datasets (self);
}

void
dt_overview_page_set_store (DtOverviewPage *self,
                            DtStore        *store)
{
  g_return_if_fail (DT_IS_OVERVIEW_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_connect_object (store, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
dt_overview_page_dispose (GObject *object)
{
  DtOverviewPage *self = (DtOverviewPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_overview_page_parent_class)->dispose (object);
}

static void
dt_overview_page_class_init (DtOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_overview_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, content);
}

static void
dt_overview_page_init (DtOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
