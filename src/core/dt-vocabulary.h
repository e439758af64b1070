/* dt-vocabulary.h — the fixed value sets of the data contract and their labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *key;       /* stored in the database and written by --header=keys exports */
  const char *label;     /* English, translated through gettext for display */
  const char *label_zh;  /* the Chinese label, accepted on import whatever the locale */
} DtTerm;

typedef enum
{
  DT_VOCABULARY_ENTERPRISE_CATEGORY,
  DT_VOCABULARY_SECTOR,
  DT_VOCABULARY_MEASURE_CATEGORY,
  DT_VOCABULARY_MEASURE_STATUS,
  DT_VOCABULARY_VALUE_STATUS,
  DT_VOCABULARY_PROVENANCE,
} DtVocabulary;

const DtTerm *dt_vocabulary_terms (DtVocabulary  vocabulary,
                                   guint        *n_terms);
/* The key for @text, which may be a key, an English or a Chinese label. */
const char   *dt_vocabulary_find  (DtVocabulary  vocabulary,
                                   const char   *text);
/* The label for @key in the user's language, or @key itself when unknown. */
const char   *dt_vocabulary_label (DtVocabulary  vocabulary,
                                   const char   *key);

const char   *dt_source_label      (const char   *source_zh,
                                   const char   *source);

G_END_DECLS
