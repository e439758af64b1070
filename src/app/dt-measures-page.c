/* dt-measures-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-measures-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-measures-page.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

struct _DtMeasuresPage
{
  AdwBin      parent_instance;

  DtStore    *store;
  GtkBox     *content;
  GtkWidget  *group;
};

G_DEFINE_FINAL_TYPE (DtMeasuresPage, dt_measures_page, ADW_TYPE_BIN)

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The measures in their order. */
static GtkWidget *
build_group (DtStore *store)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  sqlite3_stmt *stmt;

  adw_preferences_group_set_title (group, _("Binjiang FTZ Preferential Measures"));

  stmt = dt_store_prepare (store,
                           "SELECT m.no, m.title_zh, m.title_en, m.category, m.department, coalesce(t.status, 'not-started') "
                           "FROM measures m LEFT JOIN measure_tracking t USING (no) ORDER BY m.no", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%d. %s", sqlite3_column_int (stmt, 0),
                                                dt_pick_name ((const char *)sqlite3_column_text (stmt, 1),
                                                              (const char *)sqlite3_column_text (stmt, 2)));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                                   dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, (const char *)sqlite3_column_text (stmt, 3)),
                                                   (const char *)sqlite3_column_text (stmt, 4));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 suffix_label (dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, (const char *)sqlite3_column_text (stmt, 5))));
      adw_preferences_group_add (group, row);
    }
  sqlite3_finalize (stmt);

  return GTK_WIDGET (group);
}

static void
reload (DtMeasuresPage *self)
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
dt_measures_page_set_store (DtMeasuresPage *self,
                        DtStore *store)
{
  g_return_if_fail (DT_IS_MEASURES_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_connect_object (store, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
dt_measures_page_dispose (GObject *object)
{
  DtMeasuresPage *self = (DtMeasuresPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_MEASURES_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_measures_page_parent_class)->dispose (object);
}

static void
dt_measures_page_class_init (DtMeasuresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_measures_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-measures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtMeasuresPage, content);
}

static void
dt_measures_page_init (DtMeasuresPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
