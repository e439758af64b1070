/* dt-measure-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tracking edit is written at once (notes and progress when the
 * typing or dragging pauses) and announced in a toast whose Undo writes the
 * previous value back.
 */

#define G_LOG_DOMAIN "dt-measure-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-eligibility-list.h"
#include "dt-measure-detail.h"
#include "dt-measure-query.h"
#include "dt-measure-tracking.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

/* How long typing or dragging must pause before the value is saved. */
#define SAVE_DELAY_MS 800

struct _DtMeasureDetail
{
  AdwBin             parent_instance;

  DtStore           *store;
  gint64             no;
  gboolean           loading;

  guint              notes_timeout;
  guint              progress_timeout;
  /* One toast for a stretch of typing: its Undo restores the notes from
   * before the stretch, not from before the last pause. */
  AdwToast          *notes_toast;
  char              *notes_before;

  GtkScrolledWindow *scroller;
  GtkButton         *back_button;
  GtkLabel          *title_label;
  GtkLabel          *other_title_label;
  AdwComboRow       *status_row;
  GtkAdjustment     *progress_adjustment;
  AdwEntryRow       *follow_up_row;
  GtkTextView       *notes_view;
  AdwActionRow      *category_row;
  AdwActionRow      *support_row;
  AdwActionRow      *department_row;
  AdwActionRow      *contact_row;
  AdwActionRow      *source_row;
  GtkLabel          *body_label;
  GtkLabel          *other_body_label;
  DtEligibilityList *eligibility;
};

G_DEFINE_FINAL_TYPE (DtMeasureDetail, dt_measure_detail, ADW_TYPE_BIN)

enum {
  TRACKING_CHANGED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  FIELD_STATUS,
  FIELD_PROGRESS,
  FIELD_NOTES,
  FIELD_FOLLOW_UP,
} Field;

/* What Undo needs: the measure, the field and the value before the change. */
typedef struct
{
  GWeakRef         self;   /* a toast may outlive the page */
  DtStore         *store;
  gint64           no;
  Field            field;
  char            *text;
  int              number;
} UndoData;

static void
undo_data_free (gpointer data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_weak_ref_clear (&undo->self);
  g_clear_object (&undo->store);
  g_free (undo->text);
  g_free (undo);
}

static void load_tracking (DtMeasureDetail *self, const DtMeasure *measure);

/* Not a bound template child: disposing the template would unparent the
 * bin's own child behind AdwBin's back. */
static GtkStack *
get_stack (DtMeasureDetail *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static void
show_error (DtMeasureDetail *self,
            const GError    *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  dt_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
reload_tracking (DtMeasureDetail *self)
{
  g_autoptr(DtMeasure) measure = NULL;

  if (self->store == NULL || self->no == 0)
    return;
  measure = dt_measure_lookup (self->store, (long long)self->no, NULL);
  if (measure != NULL)
    load_tracking (self, measure);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtMeasureDetail) self = g_weak_ref_get (&undo->self);
  gboolean ok = FALSE;

  switch (undo->field)
    {
    case FIELD_STATUS:
      ok = dt_measure_tracking_set_status (undo->store, undo->no, undo->text, NULL, &error);
      break;
    case FIELD_PROGRESS:
      ok = dt_measure_tracking_set_progress (undo->store, undo->no, undo->number, NULL, &error);
      break;
    case FIELD_NOTES:
      ok = dt_measure_tracking_set_notes (undo->store, undo->no, undo->text, NULL, &error);
      break;
    case FIELD_FOLLOW_UP:
      ok = dt_measure_tracking_set_follow_up (undo->store, undo->no, undo->text, NULL, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (self == NULL)
    return;
  if (!ok)
    {
      show_error (self, error);
      return;
    }

  if (self->no == undo->no)
    {
      /* Pending edits of the same field would overwrite the undo. */
      if (undo->field == FIELD_NOTES)
        g_clear_handle_id (&self->notes_timeout, g_source_remove);
      if (undo->field == FIELD_PROGRESS)
        g_clear_handle_id (&self->progress_timeout, g_source_remove);
      reload_tracking (self);
    }
  g_signal_emit (self, signals[TRACKING_CHANGED], 0, undo->no);
}

static AdwToast *
announce (DtMeasureDetail *self,
          const char      *message,
          Field            field,
          const char      *previous_text,
          int              previous_number)
{
  AdwToast *toast = adw_toast_new (message);
  UndoData *undo = g_new0 (UndoData, 1);

  g_weak_ref_init (&undo->self, self);
  undo->store = g_object_ref (self->store);
  undo->no = self->no;
  undo->field = field;
  undo->text = g_strdup (previous_text);
  undo->number = previous_number;

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo, undo_data_free, 0);
  dt_widget_add_toast (GTK_WIDGET (self), toast);
  g_signal_emit (self, signals[TRACKING_CHANGED], 0, (long long)self->no);
  return toast;
}

static void
on_notes_toast_dismissed (AdwToast        *toast,
                          DtMeasureDetail *self)
{
  if (self->notes_toast == toast)
    g_clear_weak_pointer (&self->notes_toast);
}

static void
on_status_selected (DtMeasureDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *message = NULL;
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n);
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->loading || self->store == NULL || self->no == 0 || selected >= n)
    return;

  if (!dt_measure_tracking_set_status (self->store, (long long)self->no, terms[selected].key, &previous, &error))
    {
      show_error (self, error);
      reload_tracking (self);
      return;
    }
  if (g_strcmp0 (previous, terms[selected].key) == 0)
    return;

  message = g_strdup_printf (_("Measure %lld set to “%s”"), (long long)self->no, _(terms[selected].label));
  announce (self, message, FIELD_STATUS, previous, 0);
}

static gboolean
save_progress (gpointer data)
{
  DtMeasureDetail *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int progress = (int)gtk_adjustment_get_value (self->progress_adjustment);
  int previous = 0;

  self->progress_timeout = 0;
  if (!dt_measure_tracking_set_progress (self->store, (long long)self->no, progress, &previous, &error))
    {
      show_error (self, error);
      return G_SOURCE_REMOVE;
    }
  if (previous != progress)
    {
      message = g_strdup_printf (_("Progress of measure %lld set to %d%%"), (long long)self->no, progress);
      announce (self, message, FIELD_PROGRESS, NULL, previous);
    }
  return G_SOURCE_REMOVE;
}

static void
on_progress_changed (DtMeasureDetail *self)
{
  if (self->loading || self->store == NULL || self->no == 0)
    return;

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  self->progress_timeout = g_timeout_add (SAVE_DELAY_MS, save_progress, self);
}

static char *
notes_text (DtMeasureDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
save_notes (gpointer data)
{
  DtMeasureDetail *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = notes_text (self);
  g_autofree char *previous = NULL;
  g_autofree char *message = NULL;

  self->notes_timeout = 0;
  if (!dt_measure_tracking_set_notes (self->store, (long long)self->no, notes, &previous, &error))
    {
      show_error (self, error);
      return G_SOURCE_REMOVE;
    }
  if (g_strcmp0 (previous, notes) != 0)
    {
      AdwToast *toast;

      if (self->notes_toast != NULL)
        adw_toast_dismiss (self->notes_toast);
      else
        dt_set_str (&self->notes_before, previous);
      message = g_strdup_printf (_("Notes on measure %lld saved"), (long long)self->no);
      toast = announce (self, message, FIELD_NOTES, self->notes_before, 0);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_notes_toast_dismissed), self, 0);
      g_set_weak_pointer (&self->notes_toast, toast);
    }
  return G_SOURCE_REMOVE;
}

static void
on_notes_changed (DtMeasureDetail *self)
{
  if (self->loading || self->store == NULL || self->no == 0)
    return;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (SAVE_DELAY_MS, save_notes, self);
}

static void
on_follow_up_apply (DtMeasureDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row))));
  g_autofree char *previous = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL || self->no == 0)
    return;

  if (!dt_measure_tracking_set_follow_up (self->store, (long long)self->no, date, &previous, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_row), "error");
      show_error (self, error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_row), "error");
  if (g_strcmp0 (previous, date[0] != '\0' ? date : NULL) == 0)
    return;

  if (date[0] == '\0')
    message = g_strdup_printf (_("Follow-up date of measure %lld cleared"), (long long)self->no);
  else
    message = g_strdup_printf (_("Follow-up of measure %lld set for %s"), (long long)self->no, date);
  announce (self, message, FIELD_FOLLOW_UP, previous, 0);
}

static void
on_back_clicked (DtMeasureDetail *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
set_row_text (AdwActionRow *row,
              const char   *text)
{
  gboolean has_text = text != NULL && text[0] != '\0';

  adw_action_row_set_subtitle (row, has_text ? text : _("Not given"));
}

static void
load_tracking (DtMeasureDetail *self,
               const DtMeasure *measure)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n);

  self->loading = TRUE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (terms[i].key, measure->status) == 0)
      adw_combo_row_set_selected (self->status_row, i);
  gtk_adjustment_set_value (self->progress_adjustment, measure->progress);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), measure->follow_up != NULL ? measure->follow_up : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_row), "error");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), measure->notes, -1);
  self->loading = FALSE;
}

void
dt_measure_detail_save_pending (DtMeasureDetail *self)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  if (self->notes_timeout != 0)
    {
      g_clear_handle_id (&self->notes_timeout, g_source_remove);
      save_notes (self);
    }
  if (self->progress_timeout != 0)
    {
      g_clear_handle_id (&self->progress_timeout, g_source_remove);
      save_progress (self);
    }
}

void
dt_measure_detail_show (DtMeasureDetail *self,
                        gint64           no)
{
  g_autoptr(DtMeasure) measure = NULL;
  gboolean zh = dt_locale_prefers_chinese ();

  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  dt_measure_detail_save_pending (self);
  g_clear_weak_pointer (&self->notes_toast);

  if (self->store != NULL && no > 0)
    measure = dt_measure_lookup (self->store, no, NULL);
  if (measure == NULL)
    {
      self->no = 0;
      dt_eligibility_list_clear (self->eligibility);
      gtk_stack_set_visible_child_name (get_stack (self), "empty");
      return;
    }

  self->no = no;
  {
    g_autofree char *title = g_strdup_printf ("%lld. %s", (long long)measure->no,
                                              dt_pick_name (measure->title_zh, measure->title_en));
    const char *other = zh ? measure->title_en : measure->title_zh;

    gtk_label_set_label (self->title_label, title);
    gtk_label_set_label (self->other_title_label, other != NULL ? other : "");
    gtk_widget_set_visible (GTK_WIDGET (self->other_title_label), other != NULL && other[0] != '\0' &&
                            g_strcmp0 (other, dt_pick_name (measure->title_zh, measure->title_en)) != 0);
  }
  set_row_text (self->category_row, dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, measure->category));
  set_row_text (self->support_row, measure->support);
  set_row_text (self->department_row, measure->department);
  set_row_text (self->contact_row, measure->contact);
  set_row_text (self->source_row, measure->source);
  {
    const char *body = dt_pick_name (measure->body_zh, measure->body_en);
    const char *other = zh ? measure->body_en : measure->body_zh;

    gtk_label_set_label (self->body_label, body[0] != '\0' ? body : _("No text was imported for this measure."));
    gtk_label_set_label (self->other_body_label, other != NULL ? other : "");
    gtk_widget_set_visible (GTK_WIDGET (self->other_body_label),
                            other != NULL && other[0] != '\0' && g_strcmp0 (other, body) != 0);
  }
  load_tracking (self, measure);
  dt_eligibility_list_show_measure (self->eligibility, self->store, no, 0);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (get_stack (self), "measure");
}

gint64
dt_measure_detail_get_no (DtMeasureDetail *self)
{
  g_return_val_if_fail (DT_IS_MEASURE_DETAIL (self), 0);

  return self->no;
}

void
dt_measure_detail_set_show_back (DtMeasureDetail *self,
                                 gboolean         show_back)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

void
dt_measure_detail_set_store (DtMeasureDetail *self,
                             DtStore         *store)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  dt_measure_detail_save_pending (self);
  if (g_set_object (&self->store, store))
    dt_measure_detail_show (self, 0);
}

static void
dt_measure_detail_dispose (GObject *object)
{
  DtMeasureDetail *self = (DtMeasureDetail *)object;

  if (self->store != NULL)
    dt_measure_detail_save_pending (self);
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  g_clear_weak_pointer (&self->notes_toast);
  g_clear_pointer (&self->notes_before, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_MEASURE_DETAIL);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dt_measure_detail_parent_class)->dispose (object);
}

static void
dt_measure_detail_class_init (DtMeasureDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_measure_detail_dispose;

  /**
   * DtMeasureDetail::tracking-changed:
   * @no: the measure's number
   *
   * Emitted after a tracking edit or its undo was saved.
   */
  signals[TRACKING_CHANGED] =
    g_signal_new ("tracking-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * DtMeasureDetail::back:
   *
   * The user asked to go back to the list (when the page is folded).
   */
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DT_TYPE_ELIGIBILITY_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/DigitalTrade/ui/dt-measure-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, other_title_label);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, progress_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, category_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, support_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, department_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, contact_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, source_row);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, body_label);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, other_body_label);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, eligibility);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_up_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
dt_measure_detail_init (DtMeasureDetail *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (statuses, _(terms[i].label));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected), self);
  g_signal_connect_swapped (self->progress_adjustment, "value-changed", G_CALLBACK (on_progress_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_notes_changed), self);
}
