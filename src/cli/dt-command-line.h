/* dt-command-line.h — the headless commands of digital-trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Everything the command line can say; see DESIGN.md and README.md. */
typedef struct
{
  char    *database;
  /* --import */
  char    *import_file;
  char    *kind;
  gboolean replace_all;      /* every row of the kind, not only what the file covers */
  /* --export */
  char    *export_what;
  int      year;             /* 0: every year */
  char   **filters;          /* KEY=VALUE */
  char    *search;
  char    *sort;
  char    *header;           /* labels | keys */
  gboolean no_bom;
  char    *output;
  /* --briefing */
  char    *briefing;
  char    *format;           /* csv | xlsx | pdf (refused for tables); else from --output */
  /* --compute-index */
  gboolean compute_index;
  char    *framework;
  char    *data;
  char    *normalise;
  char    *aggregate;
  int      base_year;
  /* --explain-change (with the options above, or on the stored index) */
  gboolean explain_change;
  char    *region;
  int      from_year;
  int      to_year;
  /* --sync */
  gboolean sync;
  char    *sync_url;
  /* --backups, --restore=N|FILE */
  gboolean backups;
  char    *restore;
  /* --uncertainty, --sensitivity (with --framework/--data or --year/--level) */
  gboolean uncertainty;
  gboolean sensitivity;
  char   **noise;            /* LEVEL:F */
  char   **alternatives;     /* normalise:A,B | aggregate:amean,gmean */
  gboolean drop_indicators;
  int      replications;
  gint64   seed;
  int      threads;
  char    *level;            /* city | county */
  /* --compare-years=Y1,Y2: two Top-100 lists compared, as CSV */
  char    *compare_years;
  /* the window */
  char    *screenshot;
  char    *page;
} DtCommandLine;

void     dt_command_line_clear       (DtCommandLine  *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DtCommandLine, dt_command_line_clear)
/* TRUE when the options ask for a command that needs no window. */
gboolean dt_command_line_is_headless (DtCommandLine  *options);
/* Runs the headless command; returns the exit status. Errors are printed
 * to stderr as FILE:LINE:COLUMN: message. */
int      dt_command_line_run         (DtCommandLine  *options);

/* Parses @argv (its options are removed, the file arguments stay) into
 * @options: main() and the window, for command lines handed to it. */
gboolean dt_command_line_parse       (char          ***argv,
                                      DtCommandLine   *options,
                                      GError         **error);

/* TRUE when the headless command reads or writes the database (all but
 * --compute-index, which reads only its CSV files). */
gboolean dt_command_line_uses_database (DtCommandLine  *options);
/* --database, or the default database. */
char    *dt_command_line_get_database  (DtCommandLine  *options);
/* Resolves the relative file names of @options against @cwd (a command
 * line handed to the window comes from another folder). */
void     dt_command_line_make_paths_absolute (DtCommandLine *options,
                                              const char    *cwd);

G_END_DECLS
