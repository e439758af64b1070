/* dt-briefing-data.h — the figures of the printed briefing, gathered as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The briefing (简报) is a list of blocks — headings, paragraphs, tables
 * and charts — already worded in the user's language. The core gathers
 * them from the same queries the pages use; a renderer above it lays them
 * out on pages (PDF and printing alike) and knows nothing of the database.
 */

#pragma once

#include "dt-enterprise-query.h"
#include "dt-store.h"

G_BEGIN_DECLS

typedef enum
{
  DT_BRIEFING_TITLE,       /* the title page: text is the title, rows hold subtitle lines */
  DT_BRIEFING_HEADING,     /* a section, which starts on a new page when @new_page */
  DT_BRIEFING_PARAGRAPH,
  DT_BRIEFING_NOTE,        /* small print: sources, what a figure covers */
  DT_BRIEFING_TABLE,       /* breaks across pages, repeating its header */
  DT_BRIEFING_CHART,
} DtBriefingBlockKind;

typedef struct
{
  char  *name;
  double *values;          /* one per category, NAN where missing */
} DtBriefingSeries;

typedef struct
{
  DtBriefingBlockKind kind;
  char      *text;         /* title, heading, paragraph, note; caption of a table or chart */
  gboolean   new_page;
  /* Tables: a header of n_columns, rows of n_columns (GStrv each). */
  char     **header;
  guint      n_columns;
  GPtrArray *rows;
  guint32    numeric_columns;  /* bit i: column i is right-aligned */
  /* Charts: a line over the categories (years), else grouped bars. */
  gboolean   line;
  char      *unit;
  char      *value_format;     /* printf format for one double */
  char     **categories;
  guint      n_categories;
  GPtrArray *series;           /* DtBriefingSeries */
} DtBriefingBlock;

typedef struct
{
  char      *title;
  char      *footer;       /* on every page, with the sample mark when the data is sample */
  gboolean   sample;
  int        year;         /* the list year the briefing covers */
  GPtrArray *blocks;       /* DtBriefingBlock */
} DtBriefing;

/* The briefing on the enterprises @query selects (NULL: the whole list)
 * in list year @year (0: the latest list), as of @today (YYYY-MM-DD, NULL:
 * the local date), with the first @top_n enterprises as a table. */
DtBriefing *dt_briefing_build         (DtStore            *store,
                                       DtEnterpriseQuery  *query,
                                       int                 year,
                                       const char         *today,
                                       guint               top_n,
                                       GError            **error);
void        dt_briefing_free          (DtBriefing         *briefing);

/* `briefing-2024.pdf`, or with the filtered city, `briefing-2024-hangzhou.pdf`. */
char       *dt_briefing_default_name  (DtEnterpriseQuery  *query,
                                       int                 year);

#define DT_BRIEFING_TOP_N 20

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtBriefing, dt_briefing_free)

G_END_DECLS
