/* dt-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import itself runs in a thread on a connection of its own, so the
 * pages keep reading the database while it runs and see nothing of it
 * until it commits.
 */

#define G_LOG_DOMAIN "dt-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dt-columns.h"
#include "dt-csv-import.h"
#include "dt-import-dialog.h"
#include "dt-import-file.h"
#include "dt-util.h"

#define PREVIEW_ROWS 5

struct _DtImportDialog
{
  AdwWindow         parent_instance;

  DtStore          *store;
  GFile            *file;
  AdwToastOverlay  *toasts;
  GBytes           *bytes;        /* a JSON pack, read whole; tables are read as streams */
  gboolean          loaded;
  char             *name;
  GCancellable     *cancellable;
  char             *kind;         /* as guessed, or as chosen in kind_row */
  GPtrArray        *mapping_rows; /* rows added to mapping_group */
  gboolean          updating;     /* kind_row changed by code, not the user */
  gboolean          running;
  double            fraction;     /* written by the import thread */
  guint             progress_id;

  GtkStack         *stack;
  GtkWidget        *import_button;
  GtkWidget        *cancel_button;
  AdwActionRow     *file_row;
  AdwComboRow      *kind_row;
  AdwActionRow     *encoding_row;
  AdwActionRow     *separator_row;
  AdwPreferencesGroup *mapping_group;
  GtkGrid          *rows_grid;
  GtkProgressBar   *progress_bar;
  GtkLabel         *error_label;
  GtkLabel         *plan_label;
  GtkSwitch        *replace_all_switch;
  GCancellable     *plan_cancellable;
};

G_DEFINE_FINAL_TYPE (DtImportDialog, dt_import_dialog, ADW_TYPE_WINDOW)

/* In the order of kind_row's list. */
static const char * const kinds[] = { "enterprises", "measures", "index", "framework", "regions" };

static void
select_kind (DtImportDialog *self,
             const char     *kind)
{
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  self->updating = FALSE;
}

static void
clear_preview (DtImportDialog *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->plan_cancellable);
  gtk_label_set_text (self->plan_label, "");
  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_grid))) != NULL)
    gtk_grid_remove (self->rows_grid, child);
}

static void update_plan (DtImportDialog *self);

static void
show_error (DtImportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
}

static GtkWidget *
add_cell (DtImportDialog *self,
          const char     *text,
          int             column,
          int             row,
          gboolean        heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (text != NULL && text[0] != '\0')
    gtk_widget_set_tooltip_text (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->rows_grid, label, column, row, 1, 1);
  return label;
}

static void
add_mapping_row (DtImportDialog *self,
                 const char     *header,
                 const char     *meaning,
                 gboolean        used)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header[0] != '\0' ? header : _("(no header)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), meaning);
  if (!used)
    gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (self->mapping_group, row);
  g_ptr_array_add (self->mapping_rows, row);
}

/* @kind: NULL to guess from the headers. */
static void
preview_csv (DtImportDialog *self,
             const char     *kind)
{
  g_autoptr(GError) error = NULL;
  /* Reads the header and the rows shown, not the whole file. */
  g_autoptr(DtCsvImport) csv = dt_csv_import_new_for_file (self->file, self->name, kind, 0, &error);
  g_autoptr(GPtrArray) rows = NULL;
  char separator;

  clear_preview (self);

  if (csv == NULL && kind == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (csv == NULL)
    {
      /* The kind chosen does not fit: say why, and let the user choose again. */
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("These columns do not fit this kind of data"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
      return;
    }

  kind = dt_csv_import_get_kind (csv);
  g_free (self->kind);
  self->kind = g_strdup (kind);
  select_kind (self, kind);
  separator = dt_csv_import_get_separator (csv);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row),
                               dt_csv_import_is_wide (csv) ? _("One column per indicator") : NULL);
  if (dt_csv_import_get_sheet_name (csv) != NULL)
    {
      /* A workbook has neither: say which sheet is read. */
      g_autofree char *sheet = g_strdup_printf (_("None (Excel workbook; its first sheet, “%s”, is read)"),
                                                dt_csv_import_get_sheet_name (csv));

      adw_action_row_set_subtitle (self->encoding_row, _("Unicode (Excel workbook)"));
      adw_action_row_set_subtitle (self->separator_row, sheet);
    }
  else
    {
      adw_action_row_set_subtitle (self->encoding_row, dt_csv_import_get_encoding (csv));
      adw_action_row_set_subtitle (self->separator_row,
                                   separator == ',' ? _("Comma") : separator == ';' ? _("Semicolon") : _("Tab"));
    }

  for (guint i = 0; i < dt_csv_import_get_n_columns (csv); i++)
    {
      const char *header = dt_csv_import_get_header (csv, i);
      const char *key = dt_csv_import_get_column_key (csv, i);
      const DtColumn *column = key != NULL ? dt_columns_lookup (kind, key) : NULL;
      g_autofree char *meaning = NULL;
      gboolean used = TRUE;

      if (dt_csv_import_is_wide (csv) && key != NULL && column == NULL)
        meaning = g_strdup_printf (_("Value of indicator %s"), key);
      else if (column == NULL)
        {
          meaning = g_strdup (_("Not imported: no column of this kind has this name"));
          used = FALSE;
        }
      else if ((column->flags & DT_COLUMN_TRACKING) != 0)
        {
          meaning = g_strdup_printf (_("Not imported: %s is officials’ own tracking, kept as it is"),
                                     dt_columns_label (kind, key));
          used = FALSE;
        }
      else if ((column->flags & DT_COLUMN_DERIVED) != 0)
        {
          meaning = g_strdup_printf (_("Not imported: %s is worked out again from the imported rows"),
                                     dt_columns_label (kind, key));
          used = FALSE;
        }
      else
        meaning = g_strdup_printf ("%s (%s)", dt_columns_label (kind, key), key);

      add_mapping_row (self, header, meaning, used);
      add_cell (self, header, i, 0, TRUE);
      /* Under each header, what it is read as, so the table alone shows the mapping. */
      gtk_widget_add_css_class (add_cell (self, used ? (key != NULL ? key : "") : "—", i, 1, FALSE), "dim-label");
    }

  rows = dt_csv_import_get_first_rows (csv, PREVIEW_ROWS);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);

      for (guint c = 0; cells[c] != NULL; c++)
        add_cell (self, cells[c], c, r + 2, FALSE);
    }

  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", TRUE);
  update_plan (self);
}

static void
preview_json (DtImportDialog *self)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonObject *pack;
  JsonArray *rows;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const char *kind, *title = NULL;

  /* Too deep a file would overflow json-glib's recursive parser; the
   * import itself then gives the precise message. */
  if (!dt_json_depth_ok (g_bytes_get_data (self->bytes, NULL), g_bytes_get_size (self->bytes), DT_JSON_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (self->bytes, NULL), g_bytes_get_size (self->bytes), &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *reason = g_utf8_make_valid (error != NULL ? error->message : _("not an object"), -1);
      g_autofree char *message = g_strdup_printf (_("%s: not a JSON data pack (%s)"), self->name, reason);
      show_error (self, message);
      return;
    }

  pack = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (pack, "kind", NULL);
  if (json_object_has_member (pack, "dataset") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (pack, "dataset")))
    title = json_object_get_string_member_with_default (json_object_get_object_member (pack, "dataset"), "title", NULL);
  rows = json_object_has_member (pack, "rows") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (pack, "rows"))
         ? json_object_get_array_member (pack, "rows") : NULL;

  select_kind (self, kind);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), FALSE);
  adw_action_row_set_subtitle (self->encoding_row, _("UTF-8 (JSON data pack)"));
  adw_action_row_set_subtitle (self->separator_row, _("None (JSON)"));
  {
    g_autofree char *summary = g_strdup_printf (ngettext ("%s — %u row", "%s — %u rows",
                                                          rows != NULL ? json_array_get_length (rows) : 0),
                                                title != NULL ? title : self->name,
                                                rows != NULL ? json_array_get_length (rows) : 0);
    add_mapping_row (self, _("Data pack"), summary, TRUE);
  }

  for (guint r = 0; rows != NULL && r < MIN (json_array_get_length (rows), PREVIEW_ROWS); r++)
    {
      JsonNode *node = json_array_get_element (rows, r);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        {
          g_autofree char *text = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                                  ? g_strdup (json_node_get_string (value)) : json_to_string (value, FALSE);
          guint column = 0;

          while (column < keys->len && g_strcmp0 (g_ptr_array_index (keys, column), member) != 0)
            column++;
          if (column == keys->len)
            {
              g_ptr_array_add (keys, (char *)member);
              add_cell (self, member, column, 0, TRUE);
            }
          add_cell (self, text, column, r + 1, FALSE);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", TRUE);
  update_plan (self);
}

/* What the loading thread found: a JSON pack (read whole), or else a table. */
typedef struct
{
  GBytes *pack;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->pack, g_bytes_unref);
  g_free (loaded);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DtImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  self->loaded = TRUE;
  self->bytes = g_steal_pointer (&loaded->pack);
  loaded_free (loaded);
  if (self->bytes != NULL)
    preview_json (self);
  else
    preview_csv (self, NULL);
}

static void
on_kind_selected (DtImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->updating || !self->loaded || selected >= G_N_ELEMENTS (kinds) || self->bytes != NULL)
    return;

  g_free (self->kind);
  self->kind = g_strdup (kinds[selected]);
  preview_csv (self, kinds[selected]);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);
  g_autofree char *name = g_file_get_basename (task_data);
  gboolean json = FALSE;

  if (!dt_import_file_is_json (task_data, name, cancellable, &json, &error) ||
      (json && (loaded->pack = dt_import_load_file (task_data, cancellable, &error)) == NULL))
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify)loaded_free);
}

/* The import and its plan, in a thread. */

typedef struct
{
  char     *database;
  GFile    *file;
  GBytes   *bytes;    /* a JSON pack, or NULL: the table is read from file */
  char     *name;
  char     *asked_kind;
  gboolean  replace_all;
  char     *kind;
  guint     n_rows;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->database);
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->name);
  g_free (data->asked_kind);
  g_free (data->kind);
  g_free (data);
}

static ImportData *
import_data_new (DtImportDialog *self)
{
  ImportData *data = g_new0 (ImportData, 1);

  data->database = g_strdup (dt_store_get_path (self->store));
  data->file = g_object_ref (self->file);
  data->bytes = self->bytes != NULL ? g_bytes_ref (self->bytes) : NULL;
  data->name = g_strdup (self->name);
  data->asked_kind = g_strdup (self->kind); /* NULL for a pack: it says its own kind */
  data->replace_all = gtk_switch_get_active (self->replace_all_switch);
  return data;
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportData *data = task_data;
  DtImportOptions options = {
    .kind = data->asked_kind,
    .flags = data->replace_all ? DT_IMPORT_REPLACE_ALL : DT_IMPORT_NONE,
  };
  g_autoptr(DtStore) store = NULL;
  g_autoptr(DtImportPlan) plan = NULL;
  GError *error = NULL;

  store = dt_store_open (data->database, &error);
  if (store != NULL)
    plan = data->bytes != NULL
           ? dt_import_plan_bytes (store, data->bytes, data->name, &options, cancellable, &error)
           : dt_import_plan_file (store, data->file, data->name, &options, cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dt_import_plan_describe (plan), g_free);
}

static void
on_plan (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This file would be refused: %s"), error->message);

      gtk_label_set_text (self->plan_label, message);
      return;
    }
  gtk_label_set_text (self->plan_label, text);
}

/* What the import will add, replace and keep, worked out (without
 * writing) whenever the kind or the Replace All switch changes. */
static void
update_plan (DtImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  if (!self->loaded)
    return;

  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  self->plan_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->plan_label, _("Working out what the import changes…"));

  task = g_task_new (self, self->plan_cancellable, on_plan, NULL);
  g_task_set_task_data (task, import_data_new (self), (GDestroyNotify)import_data_free);
  g_task_run_in_thread (task, plan_thread);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  DtImportDialog *self = user_data;

  /* Read by a timeout on the main loop; a torn double is harmless here. */
  self->fraction = fraction;
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  DtImportOptions options = {
    .kind = data->asked_kind,
    .flags = data->replace_all ? DT_IMPORT_REPLACE_ALL : DT_IMPORT_NONE,
  };
  g_autoptr(DtStore) store = NULL;
  GError *error = NULL;

  store = dt_store_open (data->database, &error);
  if (store == NULL ||
      !(data->bytes != NULL
        ? dt_import_bytes_full (store, data->bytes, data->name, &options, cancellable,
                                on_progress, source, &data->kind, &data->n_rows, NULL, &error)
        : dt_import_file_full (store, data->file, data->name, &options, cancellable,
                               on_progress, source, &data->kind, &data->n_rows, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
update_progress (gpointer user_data)
{
  DtImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, self->fraction);
  return G_SOURCE_CONTINUE;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (source);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (self->toasts != NULL)
            adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Import cancelled; nothing was changed")));
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      show_error (self, error->message);
      return;
    }

  dt_store_emit_changed (self->store, data->kind);
  if (self->toasts != NULL)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Imported %u row from %s", "Imported %u rows from %s", data->n_rows),
                                                data->n_rows, self->name);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (title));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_run (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  if (self->running || !self->loaded)
    return;

  g_cancellable_cancel (self->plan_cancellable);
  data = import_data_new (self);

  self->running = TRUE;
  self->fraction = 0;
  gtk_widget_action_set_enabled (widget, "import.run", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->progress_id = g_timeout_add (100, update_progress, self);

  task = g_task_new (self, self->cancellable, on_imported, NULL);
  /* A Cancel that lands after the commit must not hide a finished import:
   * the thread's own result says what happened. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_cancel (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (widget);

  /* While importing, the thread rolls back and on_imported() closes. */
  g_cancellable_cancel (self->cancellable);
  if (!self->running)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
dt_import_dialog_close_request (GtkWindow *window)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (window);

  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE; /* closes once the thread has rolled back */
    }
  return GTK_WINDOW_CLASS (dt_import_dialog_parent_class)->close_request (window);
}

static void
dt_import_dialog_dispose (GObject *object)
{
  DtImportDialog *self = (DtImportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (dt_import_dialog_parent_class)->dispose (object);
}

static void
dt_import_dialog_finalize (GObject *object)
{
  DtImportDialog *self = (DtImportDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->toasts);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_import_dialog_parent_class)->finalize (object);
}

static void
dt_import_dialog_class_init (DtImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dt_import_dialog_dispose;
  object_class->finalize = dt_import_dialog_finalize;
  window_class->close_request = dt_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, separator_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, plan_label);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, replace_all_switch);

  gtk_widget_class_install_action (widget_class, "import.run", NULL, on_run);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, on_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
dt_import_dialog_init (DtImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->mapping_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->replace_all_switch, "notify::active", G_CALLBACK (update_plan), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
}

DtImportDialog *
dt_import_dialog_new (GtkWindow       *parent,
                      DtStore         *store,
                      GFile           *file,
                      AdwToastOverlay *toasts)
{
  DtImportDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (DT_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (DT_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  self->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  self->name = g_file_get_basename (file);
  {
    g_autofree char *parse_name = g_file_get_parse_name (file);
    adw_action_row_set_subtitle (self->file_row, parse_name);
  }

  task = g_task_new (self, self->cancellable, on_loaded, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
  return self;
}
