/* dt-measure-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every tracking edit is written at once (notes and progress when the
 * typing or dragging pauses) and announced in a toast whose Undo writes the
 * previous value back. An edit that finds the database locked by another
 * program (an import on the command line) waits in a queue and is retried
 * from the main loop: the window never freezes, and the edit is never lost.
 */

#define G_LOG_DOMAIN "dt-measure-detail"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "dt-app-util.h"
#include "dt-data-service.h"
#include "dt-eligibility-list.h"
#include "dt-error.h"
#include "dt-measure-detail.h"
#include "dt-measure-query.h"
#include "dt-measure-tracking.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

/* How long typing or dragging must pause before the value is saved. */
#define SAVE_DELAY_MS 800
/* How often an edit waiting for the database tries again. */
#define RETRY_DELAY_MS 1000

struct _DtMeasureDetail
{
  AdwBin               parent_instance;

  DtStore             *store;
  gint64               no;
  gboolean             loading;

  guint                notes_timeout;
  guint                progress_timeout;
  /* Edits not yet written, oldest first: each carries its own measure
   * and value, so they survive a change of selection. */
  GQueue               pending;
  guint                retry_timeout;
  gboolean             flushing;
  gboolean             leaving;    /* disposed: no toasts, no signals */
  /* The toast on show: a new one dismisses it, so no older toast (with an
   * older Undo) comes back after the newest. */
  AdwToast            *last_toast;
  /* One toast for a stretch of typing: its Undo restores the notes from
   * before the stretch, not from before the last pause. */
  AdwToast            *notes_toast;
  gint64               notes_toast_no;
  char                *notes_before;

  GtkScrolledWindow   *scroller;
  GtkButton           *back_button;
  GtkLabel            *title_label;
  GtkLabel            *other_title_label;
  AdwPreferencesGroup *tracking_group;
  AdwPreferencesGroup *notes_group;
  AdwComboRow         *status_row;
  GtkAdjustment       *progress_adjustment;
  AdwEntryRow         *follow_up_row;
  GtkCalendar         *follow_up_calendar;
  GtkPopover          *follow_up_popover;
  GtkTextView         *notes_view;
  AdwActionRow        *category_row;
  AdwActionRow        *support_row;
  AdwActionRow        *department_row;
  AdwActionRow        *contact_row;
  AdwActionRow        *source_row;
  GtkLabel            *body_label;
  GtkLabel            *other_body_label;
  DtEligibilityList   *eligibility;
};

G_DEFINE_FINAL_TYPE (DtMeasureDetail, dt_measure_detail, ADW_TYPE_BIN)

enum {
  TRACKING_CHANGED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One write of one field of one measure: an edit, or the Undo of one. */
typedef struct
{
  gint64           no;
  DtTrackingField  field;
  char            *text;
  int              number;
  gboolean         undo;
} Edit;

static void
edit_free (Edit *edit)
{
  g_free (edit->text);
  g_free (edit);
}

/* What Undo needs: the measure, the field and the value before the change. */
typedef struct
{
  GWeakRef         self;   /* a toast may outlive the page */
  DtStore         *store;
  gint64           no;
  DtTrackingField  field;
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
static gboolean flush (DtMeasureDetail *self, gboolean wait);

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

  /* The default timeout: the field stays marked, the toast need not. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
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

/* Tells the official that edits wait for the database, rather than
 * blaming anyone: they are written as soon as it is free. */
static void
update_saving_state (DtMeasureDetail *self)
{
  gboolean waiting = self->retry_timeout != 0 && !g_queue_is_empty (&self->pending);

  adw_preferences_group_set_description (self->tracking_group,
                                         waiting ? _("Another program is writing to the database. Your changes are kept and saved when the database is free.")
                                                 : _("Each change is saved at once."));
  adw_preferences_group_set_description (self->notes_group,
                                         waiting ? _("Saving when the database is free…") : NULL);
}

static gboolean
retry_pending (gpointer data)
{
  DtMeasureDetail *self = data;

  self->retry_timeout = 0;
  flush (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Queues a write and tries it at once. Another edit of the same field of
 * the same measure still waiting is replaced: only the latest value counts. */
static void
queue_edit (DtMeasureDetail *self,
            gint64           no,
            DtTrackingField  field,
            const char      *text,
            int              number,
            gboolean         undo)
{
  Edit *edit = NULL;

  for (GList *l = self->pending.head; l != NULL && !undo; l = l->next)
    {
      Edit *queued = l->data;

      if (queued->no == no && queued->field == field && !queued->undo)
        edit = queued;
    }
  if (edit == NULL)
    {
      edit = g_new0 (Edit, 1);
      g_queue_push_tail (&self->pending, edit);
    }
  edit->no = no;
  edit->field = field;
  edit->undo = undo;
  dt_set_str (&edit->text, text);
  edit->number = number;

  flush (self, FALSE);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(DtMeasureDetail) self = g_weak_ref_get (&undo->self);

  if (self == NULL || self->store != undo->store)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DtMeasureTracking) previous = NULL;

      /* The page is gone: nothing can retry later, so wait for the lock. */
      previous = dt_data_service_write_tracking (dt_data_service_for_store (undo->store), undo->no, undo->field,
                                                 undo->text, undo->number, TRUE, &error);
      if (previous != NULL)
        dt_store_note_own_write (undo->store);
      else
        g_warning ("Undo of a change to measure %lld failed: %s", (long long)undo->no, error->message);
      return;
    }

  /* Edits of the same field still waiting would overwrite the undo. */
  if (self->no == undo->no && undo->field == DT_TRACKING_NOTES)
    g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->no == undo->no && undo->field == DT_TRACKING_PROGRESS)
    g_clear_handle_id (&self->progress_timeout, g_source_remove);
  for (GList *l = self->pending.head; l != NULL;)
    {
      Edit *queued = l->data;
      GList *next = l->next;

      if (queued->no == undo->no && queued->field == undo->field)
        {
          edit_free (queued);
          g_queue_delete_link (&self->pending, l);
        }
      l = next;
    }

  queue_edit (self, undo->no, undo->field, undo->text, undo->number, TRUE);
}

static void
on_toast_dismissed (AdwToast        *toast,
                    DtMeasureDetail *self)
{
  if (self->last_toast == toast)
    g_clear_weak_pointer (&self->last_toast);
  if (self->notes_toast == toast)
    g_clear_weak_pointer (&self->notes_toast);
}

static AdwToast *
announce (DtMeasureDetail *self,
          gint64           no,
          const char      *message,
          DtTrackingField  field,
          const char      *previous_text,
          int              previous_number)
{
  AdwToast *toast = adw_toast_new (message);
  UndoData *undo = g_new0 (UndoData, 1);

  g_weak_ref_init (&undo->self, self);
  undo->store = g_object_ref (self->store);
  undo->no = no;
  undo->field = field;
  undo->text = g_strdup (previous_text);
  undo->number = previous_number;

  /* The overlay would queue the previous toast and show it again after
   * this one, with an Undo the official no longer means. */
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo, undo_data_free, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  g_set_weak_pointer (&self->last_toast, toast);
  dt_widget_add_toast (GTK_WIDGET (self), toast);
  return toast;
}

/* After @edit was written over @previous: a toast for a real change. */
static void
edit_saved (DtMeasureDetail         *self,
            const Edit              *edit,
            const DtMeasureTracking *previous)
{
  g_autofree char *message = NULL;

  if (edit->undo)
    {
      if (self->no == edit->no)
        reload_tracking (self);
      g_signal_emit (self, signals[TRACKING_CHANGED], 0, edit->no);
      return;
    }

  switch (edit->field)
    {
    case DT_TRACKING_STATUS:
      if (g_strcmp0 (previous->status, edit->text) == 0)
        return;
      message = g_strdup_printf (_("Measure %lld set to “%s”"), (long long)edit->no,
                                 dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, edit->text));
      announce (self, edit->no, message, edit->field, previous->status, 0);
      break;

    case DT_TRACKING_PROGRESS:
      if (previous->progress == edit->number)
        return;
      message = g_strdup_printf (_("Progress of measure %lld set to %d%%"), (long long)edit->no, edit->number);
      announce (self, edit->no, message, edit->field, NULL, previous->progress);
      break;

    case DT_TRACKING_NOTES:
      {
        AdwToast *toast;

        if (g_strcmp0 (previous->notes, edit->text) == 0)
          return;
        /* A toast of this stretch still on show: replaced by announce(). */
        if (self->notes_toast == NULL || self->notes_toast_no != edit->no)
          dt_set_str (&self->notes_before, previous->notes);
        message = g_strdup_printf (_("Notes on measure %lld saved"), (long long)edit->no);
        toast = announce (self, edit->no, message, edit->field, self->notes_before, 0);
        g_set_weak_pointer (&self->notes_toast, toast);
        self->notes_toast_no = edit->no;
      }
      break;

    case DT_TRACKING_FOLLOW_UP:
      if (self->no == edit->no)
        gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_row), "error");
      if (g_strcmp0 (previous->follow_up, edit->text != NULL && edit->text[0] != '\0' ? edit->text : NULL) == 0)
        return;
      if (edit->text == NULL || edit->text[0] == '\0')
        message = g_strdup_printf (_("Follow-up date of measure %lld cleared"), (long long)edit->no);
      else
        message = g_strdup_printf (_("Follow-up of measure %lld set for %s"), (long long)edit->no, edit->text);
      announce (self, edit->no, message, edit->field, previous->follow_up, 0);
      break;

    default:
      g_assert_not_reached ();
    }

  g_signal_emit (self, signals[TRACKING_CHANGED], 0, edit->no);
}

/* A write that failed for a reason waiting cannot cure (an invalid date):
 * said in a toast, and the widget shows what is saved. */
static void
edit_refused (DtMeasureDetail *self,
              const Edit      *edit,
              const GError    *error)
{
  show_error (self, error);
  if (self->no != edit->no)
    return;
  if (edit->field == DT_TRACKING_FOLLOW_UP)
    gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_row), "error");
  else if (edit->field == DT_TRACKING_STATUS)
    reload_tracking (self);
}

/* Writes the queued edits in order. Without @wait, a locked database
 * leaves them queued and tries again in a moment; TRUE when none is left. */
static gboolean
flush (DtMeasureDetail *self,
       gboolean         wait)
{
  Edit *edit;

  if (self->flushing || self->store == NULL)
    return g_queue_is_empty (&self->pending);

  self->flushing = TRUE;
  while ((edit = g_queue_peek_head (&self->pending)) != NULL)
    {
      g_autoptr(DtMeasureTracking) previous = NULL;
      g_autoptr(GError) error = NULL;

      /* Through the data service's write queue, in order with every other
       * write of the program; a one-row write, so waited for here. */
      previous = dt_data_service_write_tracking (dt_data_service_for_store (self->store), edit->no, edit->field,
                                                 edit->text, edit->number, wait, &error);
      if (previous != NULL)
        dt_store_note_own_write (self->store);
      else if (g_error_matches (error, DT_ERROR, DT_ERROR_BUSY))
        {
          if (!wait && self->retry_timeout == 0)
            self->retry_timeout = g_timeout_add (RETRY_DELAY_MS, retry_pending, self);
          break;
        }

      g_queue_pop_head (&self->pending);
      if (self->leaving && error != NULL)
        g_warning ("A change to measure %lld was refused: %s", (long long)edit->no, error->message);
      else if (error != NULL)
        edit_refused (self, edit, error);
      else if (!self->leaving)
        edit_saved (self, edit, previous);
      edit_free (edit);
    }
  if (g_queue_is_empty (&self->pending))
    g_clear_handle_id (&self->retry_timeout, g_source_remove);
  self->flushing = FALSE;

  update_saving_state (self);
  return g_queue_is_empty (&self->pending);
}

/* A status the progress contradicts is allowed (the official may know
 * better than the figure), but said beside the status. */
static void
show_consistency (DtMeasureDetail *self)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n);
  guint selected = adw_combo_row_get_selected (self->status_row);
  int progress = (int)gtk_adjustment_get_value (self->progress_adjustment);
  const char *status = selected < n ? terms[selected].key : NULL;
  g_autofree char *warning = NULL;

  if (g_strcmp0 (status, "in-effect") == 0 && progress < 100)
    warning = g_strdup_printf (_("In effect, but progress is only %d %%"), progress);
  else if (g_strcmp0 (status, "not-started") == 0 && progress > 0)
    warning = g_strdup_printf (_("Not started, but progress is already %d %%"), progress);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), warning != NULL ? warning : "");
  if (warning != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "warning");
}

const char *
dt_measure_detail_get_status_warning (DtMeasureDetail *self)
{
  const char *text;

  g_return_val_if_fail (DT_IS_MEASURE_DETAIL (self), NULL);

  text = adw_action_row_get_subtitle (ADW_ACTION_ROW (self->status_row));
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static void
on_status_selected (DtMeasureDetail *self)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n);
  guint selected = adw_combo_row_get_selected (self->status_row);

  show_consistency (self);
  if (self->loading || self->store == NULL || self->no == 0 || selected >= n)
    return;

  queue_edit (self, self->no, DT_TRACKING_STATUS, terms[selected].key, 0, FALSE);
}

static gboolean
save_progress (gpointer data)
{
  DtMeasureDetail *self = data;

  self->progress_timeout = 0;
  queue_edit (self, self->no, DT_TRACKING_PROGRESS, NULL,
              (int)gtk_adjustment_get_value (self->progress_adjustment), FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_progress_changed (DtMeasureDetail *self)
{
  show_consistency (self);
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
  g_autofree char *notes = notes_text (self);

  self->notes_timeout = 0;
  queue_edit (self, self->no, DT_TRACKING_NOTES, notes, 0, FALSE);
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
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row))));
  g_autofree char *parsed = dt_parse_date (date);

  if (self->store == NULL || self->no == 0)
    return;

  /* Shown as stored; what is not a date goes on to be refused. */
  if (parsed != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), parsed);
      g_free (date);
      date = g_steal_pointer (&parsed);
    }
  queue_edit (self, self->no, DT_TRACKING_FOLLOW_UP, date, 0, FALSE);
}

/* The calendar opens on the date typed, or today. */
static void
on_follow_up_popover_show (DtMeasureDetail *self)
{
  g_autofree char *date = dt_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row)));
  g_autoptr(GDateTime) day = NULL;
  unsigned int year, month, mday;

  if (date != NULL && sscanf (date, "%u-%u-%u", &year, &month, &mday) == 3)
    day = g_date_time_new_local (year, month, mday, 0, 0, 0);
  else
    day = g_date_time_new_now_local ();
  self->loading = TRUE;
  gtk_calendar_select_day (self->follow_up_calendar, day);
  self->loading = FALSE;
}

static void
on_follow_up_day_selected (DtMeasureDetail *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->follow_up_calendar);
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

  if (self->loading)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), date);
  gtk_popover_popdown (self->follow_up_popover);
  on_follow_up_apply (self);
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
set_status (DtMeasureDetail *self,
            const char      *status)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (DT_VOCABULARY_MEASURE_STATUS, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (terms[i].key, status) == 0)
      adw_combo_row_set_selected (self->status_row, i);
}

static void
load_tracking (DtMeasureDetail *self,
               const DtMeasure *measure)
{
  self->loading = TRUE;
  set_status (self, measure->status);
  gtk_adjustment_set_value (self->progress_adjustment, measure->progress);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), measure->follow_up != NULL ? measure->follow_up : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_row), "error");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), measure->notes, -1);

  /* What the official typed and is not saved yet stays on show. */
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      Edit *edit = l->data;

      if (edit->no != measure->no)
        continue;
      switch (edit->field)
        {
        case DT_TRACKING_STATUS:
          set_status (self, edit->text);
          break;
        case DT_TRACKING_PROGRESS:
          gtk_adjustment_set_value (self->progress_adjustment, edit->number);
          break;
        case DT_TRACKING_NOTES:
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                    edit->text != NULL ? edit->text : "", -1);
          break;
        case DT_TRACKING_FOLLOW_UP:
          gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), edit->text != NULL ? edit->text : "");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  self->loading = FALSE;
  show_consistency (self);
}

/* Moves edits still waiting for the typing to pause into the queue. */
static void
queue_typing (DtMeasureDetail *self)
{
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
dt_measure_detail_save_pending (DtMeasureDetail *self)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  queue_typing (self);
  flush (self, FALSE);
}

gboolean
dt_measure_detail_is_saving (DtMeasureDetail *self)
{
  g_return_val_if_fail (DT_IS_MEASURE_DETAIL (self), FALSE);

  return !g_queue_is_empty (&self->pending) || self->notes_timeout != 0 || self->progress_timeout != 0;
}

static void
show_measure (DtMeasureDetail *self,
              gint64           no,
              gboolean         scroll_to_top)
{
  g_autoptr(DtMeasure) measure = NULL;
  gboolean zh = dt_data_language_is_chinese ();

  dt_measure_detail_save_pending (self);

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
    /* The Chinese original beside an English title; a Chinese window
     * shows no English. */
    const char *other = zh ? NULL : measure->title_zh;

    gtk_label_set_label (self->title_label, title);
    gtk_label_set_label (self->other_title_label, other != NULL ? other : "");
    gtk_widget_set_visible (GTK_WIDGET (self->other_title_label), other != NULL && other[0] != '\0' &&
                            g_strcmp0 (other, dt_pick_name (measure->title_zh, measure->title_en)) != 0);
  }
  set_row_text (self->category_row, dt_vocabulary_label (DT_VOCABULARY_MEASURE_CATEGORY, measure->category));
  set_row_text (self->support_row, measure->support);
  set_row_text (self->department_row, measure->department);
  set_row_text (self->contact_row, measure->contact);
  set_row_text (self->source_row, measure->source != NULL ? dt_source_label (NULL, measure->source) : NULL);
  {
    const char *body = dt_pick_name (measure->body_zh, measure->body_en);
    const char *other = zh ? NULL : measure->body_zh;

    gtk_label_set_label (self->body_label, body[0] != '\0' ? body : _("No text was imported for this measure."));
    gtk_label_set_label (self->other_body_label, other != NULL ? other : "");
    gtk_widget_set_visible (GTK_WIDGET (self->other_body_label),
                            other != NULL && other[0] != '\0' && g_strcmp0 (other, body) != 0);
  }
  load_tracking (self, measure);
  dt_eligibility_list_show_measure (self->eligibility, self->store, no, 0);

  if (scroll_to_top)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (get_stack (self), "measure");
}

void
dt_measure_detail_show (DtMeasureDetail *self,
                        gint64           no)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  /* A new measure starts a new stretch of typing. */
  if (no != self->no)
    g_clear_weak_pointer (&self->notes_toast);
  show_measure (self, no, TRUE);
}

void
dt_measure_detail_reload (DtMeasureDetail *self)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  show_measure (self, self->no, FALSE);
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

/* The last chance to write what waits (the window closes, the store
 * changes): wait for the lock as long as any write would, and say what
 * could still not be saved rather than drop it silently. */
static void
save_before_leaving (DtMeasureDetail *self)
{
  Edit *edit;

  queue_typing (self);
  flush (self, TRUE);
  while ((edit = g_queue_pop_head (&self->pending)) != NULL)
    {
      if (edit->field == DT_TRACKING_PROGRESS)
        g_warning ("The progress of measure %lld (%d%%) could not be saved", (long long)edit->no, edit->number);
      else
        g_warning ("A change to measure %lld could not be saved; it was: %s", (long long)edit->no,
                   edit->text != NULL ? edit->text : "");
      edit_free (edit);
    }
  g_clear_handle_id (&self->retry_timeout, g_source_remove);
}

void
dt_measure_detail_set_store (DtMeasureDetail *self,
                             DtStore         *store)
{
  g_return_if_fail (DT_IS_MEASURE_DETAIL (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    save_before_leaving (self);
  g_set_object (&self->store, store);
  dt_measure_detail_show (self, 0);
}

static void
dt_measure_detail_dispose (GObject *object)
{
  DtMeasureDetail *self = (DtMeasureDetail *)object;

  self->leaving = TRUE;
  if (self->store != NULL)
    save_before_leaving (self);
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  g_clear_handle_id (&self->retry_timeout, g_source_remove);
  g_queue_clear_full (&self->pending, (GDestroyNotify)edit_free);
  g_clear_weak_pointer (&self->last_toast);
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
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, tracking_group);
  gtk_widget_class_bind_template_child (widget_class, DtMeasureDetail, notes_group);
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
  g_queue_init (&self->pending);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (statuses, dt_vocabulary_label (DT_VOCABULARY_MEASURE_STATUS, terms[i].key));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  /* A calendar beside the typed date. */
  {
    GtkWidget *button = gtk_menu_button_new ();

    self->follow_up_calendar = GTK_CALENDAR (gtk_calendar_new ());
    self->follow_up_popover = GTK_POPOVER (gtk_popover_new ());
    gtk_popover_set_child (self->follow_up_popover, GTK_WIDGET (self->follow_up_calendar));
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (self->follow_up_popover));
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_set_tooltip_text (button, _("Choose the follow-up date"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Choose the follow-up date"), -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_up_calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Follow-up date"), -1);
    adw_entry_row_add_suffix (self->follow_up_row, button);
    g_signal_connect_swapped (self->follow_up_popover, "show", G_CALLBACK (on_follow_up_popover_show), self);
    g_signal_connect_swapped (self->follow_up_calendar, "day-selected", G_CALLBACK (on_follow_up_day_selected), self);
  }

  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected), self);
  g_signal_connect_swapped (self->progress_adjustment, "value-changed", G_CALLBACK (on_progress_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_notes_changed), self);
}
