/* dt-facet-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-facet-index"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>
#include <roaring/roaring.h>

#include "dt-error.h"
#include "dt-facet-index.h"
#include "dt-store.h"

/* The query's keys, in dt_enterprise_query_keys() order. */
enum
{
  K_YEAR, K_RANK, K_NAME_ZH, K_NAME_EN, K_CREDIT_CODE, K_CITY, K_DISTRICT,
  K_CATEGORY, K_SECTOR, K_TRADE_VOLUME, K_IN_FTZ, K_FOUNDED, K_RANK_CHANGE,
  N_KEYS
};

/* Keys with a bitmap per value: the facets and the chart groups. */
enum { F_YEAR, F_CITY, F_DISTRICT, F_CATEGORY, F_SECTOR, F_IN_FTZ, N_FACETS };

static const int facet_key[N_FACETS] = { K_YEAR, K_CITY, K_DISTRICT, K_CATEGORY, K_SECTOR, K_IN_FTZ };

#define NO_INT G_MININT32
/* Index at most this many grams of a query, spread over it. */
#define MAX_QUERY_GRAMS 8
/* What malloc adds to each block, roughly: for counting bytes honestly. */
#define MALLOC_OVERHEAD 16

typedef struct
{
  char             *value;   /* as SQLite gives it as text; NULL for NULL */
  roaring_bitmap_t *rows;    /* years only: other filters scan the codes */
  guint             code;    /* index in the facet's values, as rows have it */
  guint             order;   /* place in SQL's ORDER BY of the values */
} Value;

typedef struct
{
  GPtrArray  *values;     /* of Value * */
  GHashTable *by_text;    /* value text → Value * (NULL value not in it) */
  Value      *null_value;
  /* The value (index into values) per row: a byte when there are at most
   * 256 values, else two. */
  guint8     *code8;
  guint16    *code16;
  gboolean    numeric;
  /* While building: the first integers seen and their values, so that
   * years and flags are found without making text of them. */
  gint64      ints[8];
  Value      *int_values[8];
  guint       n_ints;
} Facet;

/* A pair of characters that follow each other in a text. */
typedef struct
{
  guint64           key;   /* first character << 32 | second; 0: empty slot */
  /* The enterprises that have it; NULL when too many do for it to narrow
   * a search much (those are found by scanning the texts). */
  roaring_bitmap_t *ents;
  guint32           n;     /* enterprises that have it */
  guint32           last;  /* 1 + the last enterprise added, while building */
} Gram;

typedef struct
{
  guint32 *perm;
} SortCache;

typedef struct
{
  gatomicrefcount   ref;
  GMutex            lock;      /* queries run one at a time: the caches */
  gint64            data_version;

  /* Rows are in enterprise order (then by listing id), so that an
   * enterprise's rows are one range. */
  guint32           n_rows;
  gint64            id_base;
  guint32          *listing_id; /* listing id - id_base */
  gint32           *rank;
  gint32           *prev_rank;  /* NO_INT for NULL */
  double           *volume;     /* NAN for NULL; NULL when volume_code is set */
  guint16          *volume_code; /* into volumes, when there are at most 65536 of them */
  double           *volumes;
  Facet             facets[N_FACETS];
  gint32           *year_of;    /* year per value of the year facet */

  guint32           n_ents;
  guint32          *ent_first;  /* rows of enterprise e: ent_first[e] … ent_first[e + 1] */
  gint32           *founded;    /* NO_INT for NULL */
  /* name_zh, name_en and credit_code of each enterprise, one after the
   * other, each NUL-terminated ("" for NULL), ASCII lower-cased, in one
   * block: no pointer and no allocation per text. */
  char             *text;
  gsize             text_size;
  guint32          *text_at;    /* per enterprise, where its texts start */
  guint8           *text_null;  /* per enterprise, bit f: field f is NULL */
  guint32          *text_order[3]; /* 0 for NULL, else 1 + place in SQL's order */
  guint32           byte_count[256]; /* of each byte value in text, for scanning */
  Gram             *grams;      /* open addressing, gram_mask + 1 slots */
  guint32           gram_mask;
  guint32           n_grams;
  guint32           common;     /* a pair in more enterprises than this keeps no bitmap */
  roaring_bitmap_t *unindexed;  /* enterprises whose text is not UTF-8: always candidates */

  SortCache         sorts[N_KEYS][2];

  /* The last query's row sets, for the count and groups that follow it. */
  DtEnterpriseQuery *cached_query;
  roaring_bitmap_t  *cached[N_KEYS + 1];  /* per filtered key, then the search */
  /* Per facet, counts and volume sums per value over the cached query's
   * rows without the filter on key k (index k; N_KEYS: with every filter),
   * so that all facets come from one pass over the rows. */
  gint64            *group_counts[N_KEYS + 1][N_FACETS];
  double            *group_volumes[N_KEYS + 1][N_FACETS];
  /* The last search, kept across queries: typing changes the filters less
   * often than the text, and a longer text only narrows a shorter one. */
  char              *search_needle;
  roaring_bitmap_t  *search_ents;
  roaring_bitmap_t  *search_rows;
  /* Each key's last filter and its rows, kept across queries too: typing
   * changes the search, not the filters. */
  GPtrArray         *filter_values[N_KEYS];
  roaring_bitmap_t  *filter_rows[N_KEYS];
  gsize              memory;    /* of the content as built */
} Data;

struct _DtFacetIndex
{
  GObject       parent_instance;

  char         *path;
  GMutex        lock;
  Data         *data;       /* NULL until built */
  guint         serial;     /* of the latest rebuild */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DtFacetIndex, dt_facet_index, G_TYPE_OBJECT)

/* The live indexes of this process: path → GWeakRef (the owner keeps them). */
G_LOCK_DEFINE_STATIC (live);
static GHashTable *live;

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

enum { READY, N_SIGNALS };
static guint signals[N_SIGNALS];

static inline guint
facet_code (const Facet *f,
            guint32      row)
{
  return f->code8 != NULL ? f->code8[row] : f->code16[row];
}

static inline double
row_volume (const Data *d,
            guint32     row)
{
  return d->volume_code != NULL ? d->volumes[d->volume_code[row]] : d->volume[row];
}

static inline gint32
row_year (const Data *d,
          guint32     row)
{
  return d->year_of[facet_code (&d->facets[F_YEAR], row)];
}

/* The enterprise of @row. *@hint is one of a row before it (0 at
 * first): rows are looked at in order, mostly, and then it is at hand. */
static inline guint32
row_ent (const Data *d,
         guint32     row,
         guint32    *hint)
{
  guint32 e = *hint, lo = 0, hi = d->n_ents;

  if (e < d->n_ents && d->ent_first[e] <= row && row < d->ent_first[e + 1])
    return e;
  if (e + 1 < d->n_ents && d->ent_first[e + 1] <= row && row < d->ent_first[e + 2])
    return *hint = e + 1;
  /* The last enterprise whose rows start at or before @row. */
  while (hi - lo > 1)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (d->ent_first[mid] <= row)
        lo = mid;
      else
        hi = mid;
    }
  return *hint = lo;
}

/* Field @f (0 name_zh, 1 name_en, 2 credit_code) of enterprise @e; NULL
 * for NULL. */
static inline const char *
ent_text (const Data *d,
          guint32     e,
          guint       f)
{
  const char *p = d->text + d->text_at[e];

  if (d->text_null[e] & (1 << f))
    return NULL;
  for (guint i = 0; i < f; i++)
    p += strlen (p) + 1;
  return p;
}

/* Bytes a live bitmap takes: its containers, their structs and the
 * bitmap's own arrays. */
static gsize
bitmap_memory (const roaring_bitmap_t *r)
{
  gsize n;

  if (r == NULL)
    return 0;
  n = (gsize)r->high_low_container.allocation_size;
  return sizeof (roaring_bitmap_t) + MALLOC_OVERHEAD * 4
         + n * (sizeof (uint16_t) + sizeof (void *) + sizeof (uint8_t))
         + (gsize)r->high_low_container.size * (32 + MALLOC_OVERHEAD)
         + roaring_bitmap_size_in_bytes (r);
}

static void
clear_cache (Data *d)
{
  g_clear_object (&d->cached_query);
  for (guint i = 0; i <= N_KEYS; i++)
    {
      g_clear_pointer (&d->cached[i], roaring_bitmap_free);
      for (guint f = 0; f < N_FACETS; f++)
        {
          g_clear_pointer (&d->group_counts[i][f], g_free);
          g_clear_pointer (&d->group_volumes[i][f], g_free);
        }
    }
}

static void
value_free (gpointer data)
{
  Value *v = data;

  g_free (v->value);
  if (v->rows != NULL)
    roaring_bitmap_free (v->rows);
  g_free (v);
}

static Data *
data_ref (Data *d)
{
  g_atomic_ref_count_inc (&d->ref);
  return d;
}

static void
data_unref (Data *d)
{
  if (d == NULL || !g_atomic_ref_count_dec (&d->ref))
    return;

  clear_cache (d);
  g_free (d->search_needle);
  g_clear_pointer (&d->search_ents, roaring_bitmap_free);
  g_clear_pointer (&d->search_rows, roaring_bitmap_free);
  for (guint k = 0; k < N_KEYS; k++)
    {
      g_clear_pointer (&d->filter_values[k], g_ptr_array_unref);
      g_clear_pointer (&d->filter_rows[k], roaring_bitmap_free);
    }
  for (guint i = 0; i < N_FACETS; i++)
    {
      g_clear_pointer (&d->facets[i].values, g_ptr_array_unref);
      g_clear_pointer (&d->facets[i].by_text, g_hash_table_unref);
      g_free (d->facets[i].code8);
      g_free (d->facets[i].code16);
    }
  for (guint i = 0; i < N_KEYS; i++)
    for (guint j = 0; j < 2; j++)
      g_free (d->sorts[i][j].perm);
  for (guint i = 0; i < 3; i++)
    g_free (d->text_order[i]);
  g_free (d->listing_id);
  g_free (d->rank);
  g_free (d->prev_rank);
  g_free (d->volume);
  g_free (d->volume_code);
  g_free (d->volumes);
  g_free (d->year_of);
  g_free (d->ent_first);
  g_free (d->founded);
  g_free (d->text);
  g_free (d->text_at);
  g_free (d->text_null);
  if (d->grams != NULL)
    for (guint32 i = 0; i <= d->gram_mask; i++)
      if (d->grams[i].ents != NULL)
        roaring_bitmap_free (d->grams[i].ents);
  g_free (d->grams);
  g_clear_pointer (&d->unindexed, roaring_bitmap_free);
  g_mutex_clear (&d->lock);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Data, data_unref)

static const guint32 *sorted_rows (Data     *d,
                                    int       key,
                                    gboolean  descending);

/* Building */

static void
facet_init (Facet    *f,
            gboolean  numeric,
            guint32   n_rows)
{
  f->values = g_ptr_array_new_with_free_func (value_free);
  f->by_text = g_hash_table_new (g_str_hash, g_str_equal);
  f->code16 = g_new (guint16, MAX (n_rows, 1));
  f->numeric = numeric;
}

/* FALSE when the facet has more values than a code holds. */
static gboolean
facet_add (Facet        *f,
           guint32       row,
           sqlite3_stmt *stmt,
           int           column)
{
  char number[32];
  const char *text;
  Value *v;
  gboolean integer = sqlite3_column_type (stmt, column) == SQLITE_INTEGER;
  gint64 n = 0;

  if (integer)
    {
      n = sqlite3_column_int64 (stmt, column);
      for (guint i = 0; i < f->n_ints; i++)
        if (f->ints[i] == n)
          {
            f->code16[row] = f->int_values[i]->code;
            return TRUE;
          }
      /* As SQLite would give it as text, without its conversion. */
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, n);
      text = number;
    }
  else
    text = (const char *)sqlite3_column_text (stmt, column);
  v = text != NULL ? g_hash_table_lookup (f->by_text, text) : f->null_value;

  if (v == NULL)
    {
      if (f->values->len > G_MAXUINT16)
        return FALSE;
      v = g_new0 (Value, 1);
      v->value = g_strdup (text);
      v->code = f->values->len;
      g_ptr_array_add (f->values, v);
      if (text != NULL)
        g_hash_table_insert (f->by_text, v->value, v);
      else
        f->null_value = v;
    }
  if (integer && f->n_ints < G_N_ELEMENTS (f->ints))
    {
      f->ints[f->n_ints] = n;
      f->int_values[f->n_ints++] = v;
    }
  f->code16[row] = v->code;
  return TRUE;
}

static int
compare_values (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Value *x = *(Value * const *)a, *y = *(Value * const *)b;
  gboolean numeric = GPOINTER_TO_INT (user_data);

  /* SQL puts NULL first. */
  if (x->value == NULL || y->value == NULL)
    return (x->value != NULL) - (y->value != NULL);
  if (numeric)
    {
      gint64 i = g_ascii_strtoll (x->value, NULL, 10), j = g_ascii_strtoll (y->value, NULL, 10);
      return (i > j) - (i < j);
    }
  return strcmp (x->value, y->value);
}

/* The bitmaps, the order of the values and the narrowest codes, once
 * every row is in. */
static void
facet_finish (Facet *f,
              Data  *d)
{
  /* Not g_ptr_array_copy(): that would take the free function along. */
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (f->values->len);

  for (guint i = 0; i < f->values->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (f->values, i));

  g_ptr_array_sort_with_data (sorted, compare_values, GINT_TO_POINTER (f->numeric));
  for (guint i = 0; i < sorted->len; i++)
    ((Value *)g_ptr_array_index (sorted, i))->order = i;

  /* Rows come in order: each is appended to its value's bitmap. Only
   * years have them: every list filters on the year, and the measures
   * judge a year's rows. */
  if (f == &d->facets[F_YEAR])
  {
    g_autofree roaring_bitmap_t **rows = g_new (roaring_bitmap_t *, MAX (f->values->len, 1));

    for (guint i = 0; i < f->values->len; i++)
      rows[i] = ((Value *)g_ptr_array_index (f->values, i))->rows = roaring_bitmap_create ();
    for (guint32 r = 0; r < d->n_rows; r++)
      roaring_bitmap_add (rows[f->code16[r]], r);
  }

  for (guint i = 0; i < f->values->len; i++)
    {
      Value *v = g_ptr_array_index (f->values, i);

      if (v->rows != NULL)
        {
          roaring_bitmap_run_optimize (v->rows);
          roaring_bitmap_shrink_to_fit (v->rows);
        }
      d->memory += bitmap_memory (v->rows) + sizeof (Value) + MALLOC_OVERHEAD * 2
                   + (v->value != NULL ? strlen (v->value) + 1 : 0)
                   + 3 * sizeof (gpointer);   /* the hash table's entry */
    }
  d->memory += f->values->len * sizeof (gpointer);

  if (f->values->len <= 256)
    {
      f->code8 = g_new (guint8, MAX (d->n_rows, 1));
      for (guint32 r = 0; r < d->n_rows; r++)
        f->code8[r] = f->code16[r];
      g_clear_pointer (&f->code16, g_free);
      d->memory += (gsize)d->n_rows * sizeof (guint8);
    }
  else
    d->memory += (gsize)d->n_rows * sizeof (guint16);
}

static Gram *
gram_slot (const Data *d,
           guint64     key)
{
  guint32 i = (guint32)((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & d->gram_mask;

  while (d->grams[i].key != 0 && d->grams[i].key != key)
    i = (i + 1) & d->gram_mask;
  return &d->grams[i];
}

static Gram *
find_gram (const Data *d,
           guint64     key)
{
  Gram *g = gram_slot (d, key);

  return g->key != 0 ? g : NULL;
}

static void
add_gram (Data    *d,
          guint64  key,
          guint32  e)
{
  Gram *g = gram_slot (d, key);

  if (g->key == 0)
    {
      /* Keep the table at most half full. */
      if (2 * (d->n_grams + 1) > d->gram_mask + 1)
        {
          Gram *old = d->grams;
          guint32 old_mask = d->gram_mask;

          d->gram_mask = 2 * old_mask + 1;
          d->grams = g_new0 (Gram, d->gram_mask + 1);
          for (guint32 i = 0; i <= old_mask; i++)
            if (old[i].key != 0)
              *gram_slot (d, old[i].key) = old[i];
          g_free (old);
          g = gram_slot (d, key);
        }
      g->key = key;
      g->ents = roaring_bitmap_create ();
      d->n_grams++;
    }
  /* Once per enterprise. */
  if (g->last != e + 1)
    {
      g->last = e + 1;
      if (++g->n > d->common)
        g_clear_pointer (&g->ents, roaring_bitmap_free);
      if (g->ents != NULL)
        roaring_bitmap_add (g->ents, e);
    }
}

static void
index_text (Data       *d,
            guint32     e,
            const char *lower)
{
  if (lower == NULL)
    return;
  if (!g_utf8_validate (lower, -1, NULL))
    {
      roaring_bitmap_add (d->unindexed, e);
      return;
    }
  /* ASCII is most of it: decode that without a call. */
#define NEXT_CHAR(p, c) \
  G_STMT_START { \
    if ((guchar)*(p) < 0x80) \
      (c) = (guchar)*(p)++; \
    else \
      { \
        (c) = g_utf8_get_char (p); \
        (p) = g_utf8_next_char (p); \
      } \
  } G_STMT_END
  {
    const char *p = lower;
    guint64 c, next;

    if (*p == '\0')
      return;
    NEXT_CHAR (p, c);
    while (*p != '\0')
      {
        NEXT_CHAR (p, next);
        add_gram (d, c << 32 | next, e);
        c = next;
      }
  }
#undef NEXT_CHAR
}

static int
compare_ents_by_text (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const char * const *texts = user_data;
  const char *x = texts[*(const guint32 *)a];
  const char *y = texts[*(const guint32 *)b];

  if (x == NULL || y == NULL)
    return (x != NULL) - (y != NULL);
  return strcmp (x, y);
}

static gint64
count_rows (DtStore     *store,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = dt_store_prepare (store, sql, error);
  gint64 n;

  if (stmt == NULL)
    return -1;
  sqlite3_step (stmt);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Volumes repeat (rounded figures, the same firm's years): when there are
 * few distinct ones, a code per row into a table of them. Told apart by
 * their bits, so each row keeps exactly its double. */
static void
compact_volumes (Data *d)
{
  /* Open addressing, at most half full: bits → 1 + code (0: empty). */
  const guint32 mask = 2 * (G_MAXUINT16 + 1) - 1;
  g_autofree guint64 *keys = g_new (guint64, mask + 1);
  g_autofree guint32 *codes = g_new0 (guint32, mask + 1);
  g_autofree guint16 *of_row = g_new (guint16, MAX (d->n_rows, 1));
  guint32 n = 0;

  for (guint32 r = 0; r < d->n_rows; r++)
    {
      guint64 x;
      guint32 i;

      memcpy (&x, &d->volume[r], sizeof x);
      i = (guint32)((x * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 40) & mask;
      while (codes[i] != 0 && keys[i] != x)
        i = (i + 1) & mask;
      if (codes[i] == 0)
        {
          if (n > G_MAXUINT16)
            return;   /* too many: keep the doubles */
          keys[i] = x;
          codes[i] = ++n;
        }
      of_row[r] = codes[i] - 1;
    }
  d->volumes = g_new (double, MAX (n, 1));
  for (guint32 i = 0; i <= mask; i++)
    if (codes[i] != 0)
      memcpy (&d->volumes[codes[i] - 1], &keys[i], sizeof (double));
  d->volume_code = g_steal_pointer (&of_row);
  g_clear_pointer (&d->volume, g_free);
  d->memory += (gsize)n * sizeof (double);
}

/* Puts @column (@n elements of @size bytes, in read order) in row order:
 * element i goes to place @to[i]. */
static gpointer
permute (gpointer       column,
         gsize          size,
         guint32        n,
         const guint32 *to)
{
  char *out = g_malloc (MAX (n, 1) * size);

  for (guint32 i = 0; i < n; i++)
    memcpy (out + (gsize)to[i] * size, (char *)column + (gsize)i * size, size);
  g_free (column);
  return out;
}

static Data *
build (const char    *path,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(DtStore) store = dt_store_open_read_only (path, error);
  g_autoptr(Data) d = NULL;
  g_autofree gint64 *ent_id = NULL;
  g_autofree guint32 *to = NULL;
  g_autofree guint32 *ent = NULL;   /* per row, while reading */
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint32 row = 0, e = 0;
  gsize text_alloc = 1 << 20;
  gboolean dense_ents;
  gint64 n;

  if (store == NULL)
    return NULL;
  db = dt_store_get_db (store);

  d = g_new0 (Data, 1);
  g_atomic_ref_count_init (&d->ref);
  g_mutex_init (&d->lock);

  /* One read transaction: the enterprises and listings of one moment. */
  if (!dt_store_exec (store, "BEGIN", error))
    return NULL;
  d->data_version = dt_store_get_data_version (store);

  if ((n = count_rows (store, "SELECT count(*) FROM enterprises", error)) < 0)
    goto fail;
  if (n >= G_MAXUINT32)
    goto too_big;
  d->n_ents = (guint32)n;
  if ((n = count_rows (store, "SELECT count(*) FROM listings", error)) < 0)
    goto fail;
  if (n >= G_MAXUINT32)
    goto too_big;
  d->n_rows = (guint32)n;

  d->founded = g_new (gint32, MAX (d->n_ents, 1));
  d->text_at = g_new (guint32, MAX (d->n_ents, 1));
  d->text_null = g_new0 (guint8, MAX (d->n_ents, 1));
  d->text = g_malloc (text_alloc);
  d->ent_first = g_new0 (guint32, d->n_ents + 1);
  d->gram_mask = 4095;
  /* Past one in 64, a pair narrows little (a scan finds it about as fast)
   * and its bitmap is big. */
  d->common = MAX (d->n_ents / 64, 64);
  d->grams = g_new0 (Gram, d->gram_mask + 1);
  d->unindexed = roaring_bitmap_create ();
  ent_id = g_new (gint64, MAX (d->n_ents, 1));

  /* The texts as they are first (for their order), lower-cased after. */
  if ((stmt = dt_store_prepare (store, "SELECT id, name_zh, name_en, credit_code, founded FROM enterprises ORDER BY id",
                                error)) == NULL)
    goto fail;
  while (e < d->n_ents && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ent_id[e] = sqlite3_column_int64 (stmt, 0);
      if (d->text_size > G_MAXUINT32)
        goto too_big;
      d->text_at[e] = (guint32)d->text_size;
      for (guint f = 0; f < 3; f++)
        {
          const char *t = (const char *)sqlite3_column_text (stmt, 1 + f);
          gsize len = t != NULL ? strlen (t) : 0;

          if (t == NULL)
            d->text_null[e] |= 1 << f;
          if (d->text_size + len + 1 > text_alloc)
            {
              text_alloc = MAX (2 * text_alloc, d->text_size + len + 1);
              d->text = g_realloc (d->text, text_alloc);
            }
          memcpy (d->text + d->text_size, t != NULL ? t : "", len + 1);
          d->text_size += len + 1;
        }
      d->founded[e] = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NO_INT : sqlite3_column_int (stmt, 4);
      e++;
      if (e % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  d->n_ents = e;
  d->text = g_realloc (d->text, MAX (d->text_size, 1));
  dense_ents = d->n_ents > 0 && ent_id[d->n_ents - 1] - ent_id[0] == d->n_ents - 1;

  /* The listings as they lie in the table (a plain scan is many times
   * faster than one in enterprise order), in read order first. */
  d->listing_id = g_new (guint32, MAX (d->n_rows, 1));
  d->rank = g_new (gint32, MAX (d->n_rows, 1));
  d->prev_rank = g_new (gint32, MAX (d->n_rows, 1));
  d->volume = g_new (double, MAX (d->n_rows, 1));
  ent = g_new (guint32, MAX (d->n_rows, 1));
  facet_init (&d->facets[F_YEAR], TRUE, d->n_rows);
  facet_init (&d->facets[F_CITY], FALSE, d->n_rows);
  facet_init (&d->facets[F_DISTRICT], FALSE, d->n_rows);
  facet_init (&d->facets[F_CATEGORY], FALSE, d->n_rows);
  facet_init (&d->facets[F_SECTOR], FALSE, d->n_rows);
  facet_init (&d->facets[F_IN_FTZ], TRUE, d->n_rows);

  if ((stmt = dt_store_prepare (store,
                                "SELECT id, enterprise_id, rank, prev_rank, trade_volume,"
                                " year, city, district, category, sector, in_ftz"
                                " FROM listings ORDER BY id", error)) == NULL)
    goto fail;
  d->id_base = G_MAXINT64;
  while (row < d->n_rows && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 eid = sqlite3_column_int64 (stmt, 1);
      guint32 lo = 0, hi = d->n_ents;

      /* Its enterprise, by id; a listing without one is not listed (as
       * the SQL path's join does). Ids without gaps need no search. */
      if (dense_ents && eid >= ent_id[0] && eid - ent_id[0] < d->n_ents)
        lo = hi = (guint32)(eid - ent_id[0]);
      while (lo < hi)
        {
          guint32 mid = lo + (hi - lo) / 2;

          if (ent_id[mid] < eid)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == d->n_ents || ent_id[lo] != eid)
        continue;

      /* Ids come in order: the first is the smallest. */
      if (d->id_base == G_MAXINT64)
        d->id_base = id;
      if (id - d->id_base > G_MAXUINT32)
        goto too_big;
      d->listing_id[row] = (guint32)(id - d->id_base);
      ent[row] = lo;
      d->rank[row] = sqlite3_column_int (stmt, 2);
      d->prev_rank[row] = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NO_INT : sqlite3_column_int (stmt, 3);
      d->volume[row] = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4);
      for (guint f = 0; f < N_FACETS; f++)
        if (!facet_add (&d->facets[f], row, stmt, 5 + f))
          goto too_big;
      d->ent_first[lo + 1]++;
      row++;
      if (row % 65536 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  dt_store_exec (store, "COMMIT", NULL);
  g_clear_object (&store);
  g_clear_pointer (&ent_id, g_free);
  d->n_rows = row;
  /* Counts to starts: enterprise e's rows begin where e - 1's end. */
  for (guint32 i = 1; i <= d->n_ents; i++)
    d->ent_first[i] += d->ent_first[i - 1];

  /* Into enterprise order, by listing id within one (a stable counting
   * sort), one column at a time. */
  to = g_new (guint32, MAX (d->n_rows, 1));
  {
    g_autofree guint32 *next = g_memdup2 (d->ent_first, (gsize)(d->n_ents + 1) * sizeof (guint32));

    for (guint32 r = 0; r < d->n_rows; r++)
      to[r] = next[ent[r]]++;
  }
  d->listing_id = permute (d->listing_id, sizeof (guint32), d->n_rows, to);
  d->rank = permute (d->rank, sizeof (gint32), d->n_rows, to);
  d->prev_rank = permute (d->prev_rank, sizeof (gint32), d->n_rows, to);
  d->volume = permute (d->volume, sizeof (double), d->n_rows, to);
  g_clear_pointer (&ent, g_free);
  for (guint f = 0; f < N_FACETS; f++)
    d->facets[f].code16 = permute (d->facets[f].code16, sizeof (guint16), d->n_rows, to);
  g_clear_pointer (&to, g_free);
  compact_volumes (d);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  for (guint f = 0; f < N_FACETS; f++)
    facet_finish (&d->facets[f], d);
  g_debug ("facets: %" G_GSIZE_FORMAT " bytes", d->memory);
  {
    GPtrArray *years = d->facets[F_YEAR].values;

    d->year_of = g_new (gint32, MAX (years->len, 1));
    for (guint i = 0; i < years->len; i++)
      {
        const char *y = ((Value *)g_ptr_array_index (years, i))->value;

        /* sqlite3_column_int() of the year as the rows had it. */
        d->year_of[i] = y != NULL ? (gint32)g_ascii_strtoll (y, NULL, 10) : 0;
      }
    d->memory += years->len * sizeof (gint32);
  }

  /* The order of each text column, as SQLite's BINARY collation sorts
   * them (byte-wise, as strcmp), of the text as it is. */
  for (guint f = 0; f < 3; f++)
    {
      g_autofree guint32 *by = g_new (guint32, MAX (d->n_ents, 1));
      g_autofree const char **texts = g_new (const char *, MAX (d->n_ents, 1));
      guint32 place = 0;
      const char *last = NULL;

      for (guint32 i = 0; i < d->n_ents; i++)
        {
          by[i] = i;
          texts[i] = ent_text (d, i, f);
        }
      g_qsort_with_data (by, d->n_ents, sizeof (guint32), compare_ents_by_text, texts);
      d->text_order[f] = g_new0 (guint32, MAX (d->n_ents, 1));
      for (guint32 i = 0; i < d->n_ents; i++)
        {
          const char *t = texts[by[i]];

          if (t == NULL)
            continue;
          if (last == NULL || strcmp (last, t) != 0)
            place++;
          d->text_order[f][by[i]] = place;
          last = t;
        }
      d->memory += (gsize)d->n_ents * sizeof (guint32);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  /* SQLite's lower() folds ASCII only. */
  for (gsize i = 0; i < d->text_size; i++)
    {
      if (d->text[i] >= 'A' && d->text[i] <= 'Z')
        d->text[i] += 'a' - 'A';
      if (d->byte_count[(guchar)d->text[i]] < G_MAXUINT32)
        d->byte_count[(guchar)d->text[i]]++;
    }
  for (e = 0; e < d->n_ents; e++)
    {
      for (guint f = 0; f < 3; f++)
        index_text (d, e, ent_text (d, e, f));
      if (e % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
    }
  for (guint32 i = 0; i <= d->gram_mask; i++)
    if (d->grams[i].ents != NULL)
      {
        roaring_bitmap_run_optimize (d->grams[i].ents);
        roaring_bitmap_shrink_to_fit (d->grams[i].ents);
        d->memory += bitmap_memory (d->grams[i].ents);
      }
  roaring_bitmap_run_optimize (d->unindexed);
  roaring_bitmap_shrink_to_fit (d->unindexed);
  d->memory += (gsize)(d->gram_mask + 1) * sizeof (Gram) + bitmap_memory (d->unindexed);
  g_debug ("facets, text orders and %u grams: %" G_GSIZE_FORMAT " bytes; texts %" G_GSIZE_FORMAT,
           d->n_grams, d->memory, d->text_size);

  /* The rank order is what every list shows first: have it ready. */
  sorted_rows (d, K_RANK, FALSE);

  d->memory += sizeof (Data)
               + (gsize)d->n_rows * (sizeof (guint32) + 2 * sizeof (gint32)
                                     + (d->volume_code != NULL ? sizeof (guint16) : sizeof (double)))
               + (gsize)d->n_ents * (sizeof (gint32) + sizeof (guint32) + sizeof (guint8))
               + (gsize)(d->n_ents + 1) * sizeof (guint32)
               + d->text_size;
#ifdef __GLIBC__
  /* Give back what the build alone needed. */
  malloc_trim (0);
#endif
  return g_steal_pointer (&d);

too_big:
  g_set_error (error, DT_ERROR, DT_ERROR_FAILED,
               _("The Top-100 listings have more rows than the in-memory index can hold; counts are taken from the database instead"));
fail:
  sqlite3_finalize (stmt);
  if (store != NULL)
    {
      dt_store_exec (store, "ROLLBACK", NULL);
      if (error != NULL && *error == NULL)
        dt_store_set_sqlite_error (error, db, "facet index");
    }
  return NULL;
}

/* Queries */

static gboolean
parse_number (int         key,
              const char *text,
              double     *out)
{
  if (key == K_TRADE_VOLUME)
    {
      char *end = NULL;
      double v = g_ascii_strtod (text, &end);

      if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (v))
        return FALSE;
      *out = v;
      return TRUE;
    }
  else
    {
      gint64 v;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
        return FALSE;
      *out = (double)v;
      return TRUE;
    }
}

/* The value of numeric @key on @row; FALSE for NULL. */
static inline gboolean
row_number (Data    *d,
            int      key,
            guint32  row,
            guint32 *hint,
            double  *out)
{
  switch (key)
    {
    case K_YEAR:
      *out = row_year (d, row);
      return TRUE;
    case K_RANK:
      *out = d->rank[row];
      return TRUE;
    case K_TRADE_VOLUME:
      *out = row_volume (d, row);
      return !isnan (*out);
    case K_FOUNDED:
      {
        gint32 founded = d->founded[row_ent (d, row, hint)];

        *out = founded;
        return founded != NO_INT;
      }
    case K_RANK_CHANGE:
      *out = (double)d->prev_rank[row] - d->rank[row];
      return d->prev_rank[row] != NO_INT;
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  gboolean is_new;
  gboolean has_min, has_max;
  double   min, max;
} Test;

/* Rows where numeric @key matches any of @values; as append_filter() of
 * dt-enterprise-query.c does it. */
static roaring_bitmap_t *
numeric_rows (Data      *d,
              int        key,
              GPtrArray *values)
{
  g_autoptr(GArray) tests = g_array_new (FALSE, TRUE, sizeof (Test));
  roaring_bitmap_t *rows;
  gboolean plain_years = key == K_YEAR;
  guint32 hint = 0;

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      const char *dots = strstr (value, "..");
      Test t = { 0 };

      if (key == K_RANK_CHANGE && g_str_equal (value, "new"))
        t.is_new = TRUE;
      else if (dots != NULL)
        {
          g_autofree char *min = g_strstrip (g_strndup (value, dots - value));
          g_autofree char *max = g_strstrip (g_strdup (dots + 2));

          t.has_min = min[0] != '\0' && parse_number (key, min, &t.min);
          t.has_max = max[0] != '\0' && parse_number (key, max, &t.max);
          plain_years = FALSE;
        }
      else if (parse_number (key, value, &t.min))
        {
          t.max = t.min;
          t.has_min = t.has_max = TRUE;
        }
      else
        continue;   /* cannot happen: the query checks its values */
      g_array_append_val (tests, t);
    }

  /* The year filter is on every list: from its bitmaps, not a scan. */
  if (plain_years)
    {
      rows = roaring_bitmap_create ();
      for (guint i = 0; i < tests->len; i++)
        {
          Test *t = &g_array_index (tests, Test, i);
          char text[32];
          Value *v;

          if (t->min != floor (t->min) || fabs (t->min) > G_MAXINT32)
            continue;
          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, (gint64)t->min);
          if ((v = g_hash_table_lookup (d->facets[F_YEAR].by_text, text)) != NULL)
            roaring_bitmap_or_inplace (rows, v->rows);
        }
      return rows;
    }

  rows = roaring_bitmap_create ();
  for (guint32 r = 0; r < d->n_rows; r++)
    {
      double x;
      gboolean known = row_number (d, key, r, &hint, &x);

      for (guint i = 0; i < tests->len; i++)
        {
          Test *t = &g_array_index (tests, Test, i);

          if (t->is_new ? !known
              : known && (!t->has_min || x >= t->min) && (!t->has_max || x <= t->max))
            {
              roaring_bitmap_add (rows, r);
              break;
            }
        }
    }
  return rows;
}

/* The rows whose value of @f is one that @want marks (by code). */
static roaring_bitmap_t *
facet_rows (const Data   *d,
            const Facet  *f,
            const guint8 *want)
{
  roaring_bitmap_t *rows = roaring_bitmap_create ();
  guint32 buf[4096], n = 0;

  for (guint32 r = 0; r < d->n_rows; r++)
    if (want[facet_code (f, r)])
      {
        buf[n++] = r;
        if (n == G_N_ELEMENTS (buf))
          {
            roaring_bitmap_add_many (rows, n, buf);
            n = 0;
          }
      }
  roaring_bitmap_add_many (rows, n, buf);
  roaring_bitmap_run_optimize (rows);
  return rows;
}

/* NULL when the index cannot say which rows match. */
static roaring_bitmap_t *
key_rows (Data      *d,
          int        key,
          GPtrArray *values)
{
  Facet *f = NULL;
  g_autofree guint8 *want = NULL;

  switch (key)
    {
    case K_YEAR: case K_RANK: case K_TRADE_VOLUME: case K_FOUNDED: case K_RANK_CHANGE:
      return numeric_rows (d, key, values);
    case K_CITY: f = &d->facets[F_CITY]; break;
    case K_DISTRICT: f = &d->facets[F_DISTRICT]; break;
    case K_CATEGORY: f = &d->facets[F_CATEGORY]; break;
    case K_SECTOR: f = &d->facets[F_SECTOR]; break;
    case K_IN_FTZ: f = &d->facets[F_IN_FTZ]; break;
    default:
      return NULL;
    }

  want = g_new0 (guint8, MAX (f->values->len, 1));
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      Value *v;

      if (key == K_IN_FTZ)
        {
          gint64 n;
          char text[32];

          /* SQLite turns the bound text into a number for the INTEGER
           * column; what it would turn otherwise, leave to SQL. */
          if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &n, NULL) ||
              value[0] == '+' || (value[0] == '0' && value[1] != '\0') ||
              (value[0] == '-' && value[1] == '0'))
            return NULL;
          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, n);
          v = g_hash_table_lookup (f->by_text, text);
        }
      else
        v = g_hash_table_lookup (f->by_text, value);
      if (v != NULL)
        want[v->code] = 1;
    }
  return facet_rows (d, f, want);
}

static gboolean
ent_matches (Data       *d,
             guint32     e,
             const char *needle)
{
  const char *p = d->text + d->text_at[e];

  for (guint f = 0; f < 3; f++, p += strlen (p) + 1)
    if (!(d->text_null[e] & (1 << f)) && strstr (p, needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Every enterprise whose texts hold @needle (not ""), in one pass over
 * them all, from each match on to the next enterprise: a needle has no
 * NUL, so no match spans two texts, and a NULL text ("") holds none. */
static roaring_bitmap_t *
scan_texts (Data       *d,
            const char *needle)
{
  roaring_bitmap_t *ents = roaring_bitmap_create ();
  const char *p = d->text;
  gsize len = strlen (needle), k = 0;
  guint32 e = 0, buf[1024], n = 0;

  if (len > d->text_size)
    return ents;
  /* Look for the needle's rarest byte (memchr() is quick), then see
   * whether the needle is around it. */
  for (gsize i = 1; i < len; i++)
    if (d->byte_count[(guchar)needle[i]] < d->byte_count[(guchar)needle[k]])
      k = i;
  for (;;)
    {
      /* The needle starts at most at last. */
      const char *last = d->text + d->text_size - len;
      const char *hit = NULL;
      gsize at;

      while (p <= last)
        {
          const char *c = memchr (p + k, needle[k], last - p + 1);

          if (c == NULL)
            break;
          if (memcmp (c - k, needle, len) == 0)
            {
              hit = c - k;
              break;
            }
          p = c - k + 1;
        }
      if (hit == NULL)
        break;
      at = hit - d->text;

      while (e + 1 < d->n_ents && d->text_at[e + 1] <= at)
        e++;
      buf[n++] = e;
      if (n == G_N_ELEMENTS (buf))
        {
          roaring_bitmap_add_many (ents, n, buf);
          n = 0;
        }
      /* On to the next enterprise's texts. */
      if (++e >= d->n_ents)
        break;
      p = d->text + d->text_at[e];
    }
  roaring_bitmap_add_many (ents, n, buf);
  return ents;
}

/* Rows whose enterprise's name_zh, name_en or credit_code holds the search
 * text, ASCII case folded, taken literally (as instr(lower(…)) does).
 * The result is the cached search_rows; do not free it. */
static roaring_bitmap_t *
search_rows (Data       *d,
             const char *search)
{
  g_autofree char *needle = g_ascii_strdown (search, -1);
  roaring_bitmap_t *candidates = NULL;
  roaring_bitmap_t *ents, *rows;
  gboolean narrowing, exact = FALSE;
  guint used = 0;

  if (d->search_needle != NULL && g_str_equal (d->search_needle, needle))
    return d->search_rows;
  /* Typing on: whatever holds the longer text held the shorter one. */
  narrowing = d->search_needle != NULL && strstr (needle, d->search_needle) != NULL;

  /* The enterprises that have every uncommon pair of the needle's
   * characters; a pair nobody has: none. */
  if (g_utf8_validate (needle, -1, NULL) && needle[0] != '\0')
    {
      glong n_chars = g_utf8_strlen (needle, -1);

      for (const char *p = needle, *next; *(next = g_utf8_next_char (p)) != '\0'; p = next)
        {
          guint64 key = (guint64)g_utf8_get_char (p) << 32 | g_utf8_get_char (next);
          Gram *g = find_gram (d, key);

          if (g == NULL)
            {
              g_clear_pointer (&candidates, roaring_bitmap_free);
              candidates = roaring_bitmap_create ();
              break;
            }
          if (g->ents == NULL || used == MAX_QUERY_GRAMS)
            continue;
          if (candidates == NULL)
            candidates = roaring_bitmap_copy (g->ents);
          else
            roaring_bitmap_and_inplace (candidates, g->ents);
          used++;
        }
      /* Pairs are per text: two characters are found exactly. */
      exact = n_chars == 2 && used == 1;
    }

  if (candidates == NULL && narrowing &&
      roaring_bitmap_get_cardinality (d->search_ents) < d->n_ents / 4)
    candidates = roaring_bitmap_copy (d->search_ents);

  if (candidates != NULL)
    {
      roaring_uint32_iterator_t it;
      guint32 buf[1024], got;

      roaring_bitmap_or_inplace (candidates, d->unindexed);
      if (narrowing)
        roaring_bitmap_and_inplace (candidates, d->search_ents);
      ents = roaring_bitmap_create ();
      roaring_init_iterator (candidates, &it);
      while ((got = roaring_read_uint32_iterator (&it, buf, G_N_ELEMENTS (buf))) > 0)
        {
          guint32 n = 0;

          /* Those that hold it, in place of those read. */
          for (guint32 i = 0; i < got; i++)
            if ((exact && !roaring_bitmap_contains (d->unindexed, buf[i])) || ent_matches (d, buf[i], needle))
              buf[n++] = buf[i];
          roaring_bitmap_add_many (ents, n, buf);
        }
      roaring_bitmap_free (candidates);
    }
  else if (needle[0] == '\0')
    {
      ents = roaring_bitmap_create ();
      for (guint32 e = 0; e < d->n_ents; e++)
        if (ent_matches (d, e, needle))
          roaring_bitmap_add (ents, e);
    }
  else
    ents = scan_texts (d, needle);

  /* Their rows: a range per enterprise, neighbours' ranges joined. */
  rows = roaring_bitmap_create ();
  {
    roaring_uint32_iterator_t it;
    guint32 start = 0, stop = 0, buf[1024], got;

    roaring_init_iterator (ents, &it);
    while ((got = roaring_read_uint32_iterator (&it, buf, G_N_ELEMENTS (buf))) > 0)
      for (guint32 i = 0; i < got; i++)
        {
          guint32 e = buf[i];

          if (d->ent_first[e] != stop)
            {
              if (stop > start)
                roaring_bitmap_add_range (rows, start, stop);
              start = d->ent_first[e];
            }
          stop = d->ent_first[e + 1];
        }
    if (stop > start)
      roaring_bitmap_add_range (rows, start, stop);
  }

  g_free (d->search_needle);
  g_clear_pointer (&d->search_ents, roaring_bitmap_free);
  g_clear_pointer (&d->search_rows, roaring_bitmap_free);
  d->search_needle = g_steal_pointer (&needle);
  d->search_ents = ents;
  d->search_rows = rows;
  return rows;
}

static gboolean
same_values (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Fills d->cached for @query; FALSE when a filter is of a kind the index
 * does not know. Called with d->lock held. */
static gboolean
prepare (Data              *d,
         DtEnterpriseQuery *query)
{
  const char * const *keys = dt_enterprise_query_keys ();
  const char *search;

  if (d->cached_query != NULL && dt_enterprise_query_equal (d->cached_query, query))
    return TRUE;

  clear_cache (d);
  for (guint k = 0; k < N_KEYS; k++)
    {
      GPtrArray *values = dt_enterprise_query_get_filter (query, keys[k]);

      if (values == NULL)
        continue;
      if (!same_values (d->filter_values[k], values))
        {
          roaring_bitmap_t *rows = key_rows (d, k, values);

          if (rows == NULL)
            {
              clear_cache (d);
              return FALSE;
            }
          g_clear_pointer (&d->filter_values[k], g_ptr_array_unref);
          g_clear_pointer (&d->filter_rows[k], roaring_bitmap_free);
          d->filter_values[k] = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < values->len; i++)
            g_ptr_array_add (d->filter_values[k], g_strdup (g_ptr_array_index (values, i)));
          d->filter_rows[k] = rows;
        }
      d->cached[k] = roaring_bitmap_copy (d->filter_rows[k]);
    }
  search = dt_enterprise_query_get_search (query);
  if (search != NULL)
    d->cached[N_KEYS] = roaring_bitmap_copy (search_rows (d, search));
  d->cached_query = dt_enterprise_query_copy (query);
  return TRUE;
}

/* The rows of the cached query, leaving out the filter on @except (-1:
 * none); NULL for every row. */
static roaring_bitmap_t *
matching_rows (Data *d,
               int   except)
{
  roaring_bitmap_t *rows = NULL;

  for (int k = 0; k <= N_KEYS; k++)
    {
      if (k == except || d->cached[k] == NULL)
        continue;
      if (rows == NULL)
        rows = roaring_bitmap_copy (d->cached[k]);
      else
        roaring_bitmap_and_inplace (rows, d->cached[k]);
    }
  return rows;
}

/* The content, with its lock held, or NULL when not ready. */
static Data *
lock_data (DtFacetIndex *self)
{
  Data *d;

  g_mutex_lock (&self->lock);
  d = self->data != NULL ? data_ref (self->data) : NULL;
  g_mutex_unlock (&self->lock);
  if (d != NULL)
    g_mutex_lock (&d->lock);
  return d;
}

static void
unlock_data (Data *d)
{
  g_mutex_unlock (&d->lock);
  data_unref (d);
}

gboolean
dt_facet_index_can_answer (DtFacetIndex      *self,
                           DtEnterpriseQuery *query)
{
  Data *d;
  gboolean ok;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), FALSE);

  if ((d = lock_data (self)) == NULL)
    return FALSE;
  ok = prepare (d, query);
  unlock_data (d);
  return ok;
}

gboolean
dt_facet_index_count (DtFacetIndex      *self,
                      DtEnterpriseQuery *query,
                      gint64            *count)
{
  Data *d;
  roaring_bitmap_t *rows;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), FALSE);

  if ((d = lock_data (self)) == NULL)
    return FALSE;
  if (!prepare (d, query))
    {
      unlock_data (d);
      return FALSE;
    }
  {
    roaring_bitmap_t *sets[N_KEYS + 1];
    guint n = 0;

    for (guint k = 0; k <= N_KEYS; k++)
      if (d->cached[k] != NULL)
        sets[n++] = d->cached[k];
    /* One or two sets (the year and the search, typically): no copy. */
    if (n == 0)
      *count = d->n_rows;
    else if (n == 1)
      *count = roaring_bitmap_get_cardinality (sets[0]);
    else if (n == 2)
      *count = roaring_bitmap_and_cardinality (sets[0], sets[1]);
    else
      {
        rows = matching_rows (d, -1);
        *count = roaring_bitmap_get_cardinality (rows);
        roaring_bitmap_free (rows);
      }
  }
  unlock_data (d);
  return TRUE;
}

typedef struct
{
  const Facet  *facet;
  const gint64 *counts;
} GroupSort;

/* Counts and volume sums per value of every facet, over the cached query's
 * rows without the filter on key @except (N_KEYS: with all), in one pass. */
static void
count_groups (Data *d,
              int   except)
{
  roaring_bitmap_t *rows = matching_rows (d, except == N_KEYS ? -1 : except);
  gint64 *counts[N_FACETS];
  double *volumes[N_FACETS];
  const guint8 *code8[N_FACETS];
  const guint16 *code16[N_FACETS];

  for (guint f = 0; f < N_FACETS; f++)
    {
      counts[f] = d->group_counts[except][f] = g_new0 (gint64, d->facets[f].values->len);
      volumes[f] = d->group_volumes[except][f] = g_new0 (double, d->facets[f].values->len);
      code8[f] = d->facets[f].code8;
      code16[f] = d->facets[f].code16;
    }

#define COUNT_ROW(r) \
  G_STMT_START { \
    double vol = row_volume (d, r); \
    gboolean known = !isnan (vol); \
    for (guint f = 0; f < N_FACETS; f++) \
      { \
        guint v = code8[f] != NULL ? code8[f][r] : code16[f][r]; \
        counts[f][v]++; \
        if (known) \
          volumes[f][v] += vol; \
      } \
  } G_STMT_END

  if (rows == NULL)
    {
      for (guint32 r = 0; r < d->n_rows; r++)
        COUNT_ROW (r);
    }
  else
    {
      roaring_uint32_iterator_t it;
      guint32 buf[4096], n;

      roaring_init_iterator (rows, &it);
      while ((n = roaring_read_uint32_iterator (&it, buf, G_N_ELEMENTS (buf))) > 0)
        for (guint32 i = 0; i < n; i++)
          COUNT_ROW (buf[i]);
      roaring_bitmap_free (rows);
    }
#undef COUNT_ROW
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const GroupSort *s = user_data;
  guint x = *(const guint *)a, y = *(const guint *)b;
  const Value *vx = g_ptr_array_index (s->facet->values, x);
  const Value *vy = g_ptr_array_index (s->facet->values, y);

  /* ORDER BY count DESC, value */
  if (s->counts[x] != s->counts[y])
    return s->counts[x] > s->counts[y] ? -1 : 1;
  return (vx->order > vy->order) - (vx->order < vy->order);
}

static void
group_clear (gpointer data)
{
  g_clear_pointer (&((DtEnterpriseGroup *)data)->value, g_free);
}

GArray *
dt_facet_index_groups (DtFacetIndex      *self,
                       DtEnterpriseQuery *query,
                       const char        *key,
                       gboolean           facet)
{
  const char * const *keys = dt_enterprise_query_keys ();
  Data *d;
  int k = -1, fi = -1;
  int except;
  Facet *f;
  const gint64 *counts;
  const double *volumes;
  g_autoptr(GArray) order = NULL;
  GArray *groups;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), NULL);

  for (int i = 0; i < N_KEYS; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      k = i;
  for (int i = 0; i < N_FACETS; i++)
    if (facet_key[i] == k)
      fi = i;
  if (fi < 0 || (d = lock_data (self)) == NULL)
    return NULL;
  if (!prepare (d, query))
    {
      unlock_data (d);
      return NULL;
    }

  f = &d->facets[fi];
  /* Leaving out the key's own filter only matters when it has one. */
  except = facet && d->cached[k] != NULL ? k : N_KEYS;
  if (d->group_counts[except][fi] == NULL)
    count_groups (d, except);
  counts = d->group_counts[except][fi];
  volumes = d->group_volumes[except][fi];

  order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < f->values->len; i++)
    if (counts[i] > 0)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_groups, &(GroupSort) { f, counts });

  groups = g_array_sized_new (FALSE, TRUE, sizeof (DtEnterpriseGroup), order->len);
  g_array_set_clear_func (groups, group_clear);
  for (guint i = 0; i < order->len; i++)
    {
      guint v = g_array_index (order, guint, i);
      DtEnterpriseGroup g = {
        .value = g_strdup (((Value *)g_ptr_array_index (f->values, v))->value),
        .count = counts[v],
        .volume = volumes[v],
      };
      g_array_append_val (groups, g);
    }
  unlock_data (d);
  return groups;
}

/* Sorting: the order of append_order() in dt-enterprise-query.c. */

typedef struct
{
  Data           *d;
  int             key;
  gboolean        descending;
  const double   *keys;
  const guint8   *null;
  const guint32  *rows;   /* sorted positions → rows; NULL: the same */
} RowSort;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const RowSort *s = user_data;
  guint32 i = *(const guint32 *)a, j = *(const guint32 *)b;
  guint32 x = s->rows != NULL ? s->rows[i] : i, y = s->rows != NULL ? s->rows[j] : j;
  const Data *d = s->d;
  int c;

  /* NULL first ascending, last descending, as SQLite does. */
  if (s->null[i] || s->null[j])
    c = (int)!s->null[i] - (int)!s->null[j];
  else
    c = (s->keys[i] > s->keys[j]) - (s->keys[i] < s->keys[j]);
  if (s->descending)
    c = -c;
  if (c != 0)
    return c;

  /* year and rank are unique together: a total order. */
  if (s->key == K_YEAR)
    return (d->rank[x] > d->rank[y]) - (d->rank[x] < d->rank[y]);
  if (row_year (d, x) != row_year (d, y))
    return row_year (d, x) > row_year (d, y) ? -1 : 1;
  if (s->key == K_RANK)
    return 0;
  return (d->rank[x] > d->rank[y]) - (d->rank[x] < d->rank[y]);
}

static double
sort_value (Data     *d,
            int       key,
            guint32   r,
            guint32  *hint,
            gboolean *null)
{
  double x = 0;

  *null = FALSE;
  switch (key)
    {
    case K_NAME_ZH: case K_NAME_EN: case K_CREDIT_CODE:
      {
        guint32 place = d->text_order[key - K_NAME_ZH][row_ent (d, r, hint)];

        *null = place == 0;
        return place;
      }
    case K_CITY: case K_DISTRICT: case K_CATEGORY: case K_SECTOR: case K_IN_FTZ:
      {
        int fi = key == K_CITY ? F_CITY : key == K_DISTRICT ? F_DISTRICT : key == K_CATEGORY ? F_CATEGORY
                 : key == K_SECTOR ? F_SECTOR : F_IN_FTZ;
        const Value *v = g_ptr_array_index (d->facets[fi].values, facet_code (&d->facets[fi], r));

        *null = v->value == NULL;
        return v->order;
      }
    default:
      *null = !row_number (d, key, r, hint, &x);
      return x;
    }
}

static int
compare_packed (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const guint64 *packed = user_data;
  guint32 i = *(const guint32 *)a, j = *(const guint32 *)b;

  if (packed[i] != packed[j])
    return packed[i] < packed[j] ? -1 : 1;
  return (i > j) - (i < j);
}

/* An int32 as a uint32 of the same order; the reverse one when @down. */
static inline guint64
ordered (gint32   x,
         gboolean down)
{
  guint32 u = (guint32)x ^ 0x80000000u;

  return down ? ~u : u;
}

/* The rows in the order of (@key, @descending); built on first use. */
static const guint32 *
sorted_rows (Data     *d,
             int       key,
             gboolean  descending)
{
  SortCache *c = &d->sorts[key][descending];

  if (c->perm == NULL && (key == K_RANK || key == K_YEAR))
    {
      /* Two integers and no NULL: compare_rows()'s order as one number,
       * the key first, then year (latest first) or rank. */
      guint64 *packed = g_new (guint64, MAX (d->n_rows, 1));

      for (guint32 r = 0; r < d->n_rows; r++)
        packed[r] = key == K_RANK
                    ? ordered (d->rank[r], descending) << 32 | ordered (row_year (d, r), TRUE)
                    : ordered (row_year (d, r), descending) << 32 | ordered (d->rank[r], FALSE);
      c->perm = g_new (guint32, MAX (d->n_rows, 1));
      for (guint32 r = 0; r < d->n_rows; r++)
        c->perm[r] = r;
      g_qsort_with_data (c->perm, d->n_rows, sizeof (guint32), compare_packed, packed);
      g_free (packed);
    }
  if (c->perm == NULL)
    {
      RowSort s = { d, key, descending, NULL, NULL, NULL };
      guint32 hint = 0;
      double *keys = g_new (double, MAX (d->n_rows, 1));
      guint8 *null = g_new (guint8, MAX (d->n_rows, 1));

      for (guint32 r = 0; r < d->n_rows; r++)
        {
          gboolean n;

          keys[r] = sort_value (d, key, r, &hint, &n);
          null[r] = n;
        }
      s.keys = keys;
      s.null = null;
      c->perm = g_new (guint32, MAX (d->n_rows, 1));
      for (guint32 r = 0; r < d->n_rows; r++)
        c->perm[r] = r;
      g_qsort_with_data (c->perm, d->n_rows, sizeof (guint32), compare_rows, &s);
      g_free (keys);
      g_free (null);
    }
  return c->perm;
}

GArray *
dt_facet_index_query_ids (DtFacetIndex      *self,
                          DtEnterpriseQuery *query)
{
  const char * const *keys = dt_enterprise_query_keys ();
  const char *sort_key = dt_enterprise_query_get_sort_key (query);
  Data *d;
  int k = -1;
  const guint32 *perm;
  roaring_bitmap_t *rows;
  GArray *ids;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), NULL);

  for (int i = 0; i < N_KEYS; i++)
    if (g_strcmp0 (keys[i], sort_key) == 0)
      k = i;
  if (k < 0 || (d = lock_data (self)) == NULL)
    return NULL;
  if (!prepare (d, query))
    {
      unlock_data (d);
      return NULL;
    }

  rows = matching_rows (d, -1);
  if (rows != NULL && roaring_bitmap_get_cardinality (rows) < d->n_rows / 16 + 1)
    {
      /* A few rows: sort them alone rather than sort every row once. */
      guint32 m = (guint32)roaring_bitmap_get_cardinality (rows);
      g_autofree guint32 *sub = g_new (guint32, MAX (m, 1));
      g_autofree guint32 *pos = g_new (guint32, MAX (m, 1));
      g_autofree double *values = g_new (double, MAX (m, 1));
      g_autofree guint8 *null = g_new (guint8, MAX (m, 1));
      RowSort s = { d, k, dt_enterprise_query_get_sort_descending (query), values, null, sub };
      guint32 hint = 0;

      roaring_bitmap_to_uint32_array (rows, sub);
      for (guint32 i = 0; i < m; i++)
        {
          gboolean n;

          values[i] = sort_value (d, k, sub[i], &hint, &n);
          null[i] = n;
          pos[i] = i;
        }
      g_qsort_with_data (pos, m, sizeof (guint32), compare_rows, &s);
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), m);
      for (guint32 i = 0; i < m; i++)
        {
          gint64 id = d->id_base + d->listing_id[sub[pos[i]]];

          g_array_append_val (ids, id);
        }
      roaring_bitmap_free (rows);
      unlock_data (d);
      return ids;
    }

  perm = sorted_rows (d, k, dt_enterprise_query_get_sort_descending (query));
  if (rows == NULL)
    {
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), d->n_rows);
      for (guint32 i = 0; i < d->n_rows; i++)
        {
          gint64 id = d->id_base + d->listing_id[perm[i]];

          g_array_append_val (ids, id);
        }
    }
  else
    {
      guint64 n = roaring_bitmap_get_cardinality (rows);
      g_autofree guint8 *in = g_new0 (guint8, MAX (d->n_rows, 1));
      roaring_uint32_iterator_t it;
      guint32 buf[4096], got;

      roaring_init_iterator (rows, &it);
      while ((got = roaring_read_uint32_iterator (&it, buf, G_N_ELEMENTS (buf))) > 0)
        for (guint32 i = 0; i < got; i++)
          in[buf[i]] = 1;
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint)n);
      for (guint32 i = 0; i < d->n_rows && ids->len < n; i++)
        if (in[perm[i]])
          {
            gint64 id = d->id_base + d->listing_id[perm[i]];

            g_array_append_val (ids, id);
          }
      roaring_bitmap_free (rows);
    }
  unlock_data (d);
  return ids;
}

/* The object */

static void
dt_facet_index_finalize (GObject *object)
{
  DtFacetIndex *self = (DtFacetIndex *)object;
  GWeakRef *ref;

  G_LOCK (live);
  if (live != NULL && (ref = g_hash_table_lookup (live, self->path)) != NULL)
    {
      g_autoptr(GObject) other = g_weak_ref_get (ref);

      if (other == NULL)
        g_hash_table_remove (live, self->path);
    }
  G_UNLOCK (live);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, data_unref);
  g_mutex_clear (&self->lock);
  g_free (self->path);

  G_OBJECT_CLASS (dt_facet_index_parent_class)->finalize (object);
}

static void
dt_facet_index_class_init (DtFacetIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dt_facet_index_finalize;

  /* The content of the latest rebuild is in place. */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dt_facet_index_init (DtFacetIndex *self)
{
  g_mutex_init (&self->lock);
}

DtFacetIndex *
dt_facet_index_new (const char *path)
{
  DtFacetIndex *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DT_TYPE_FACET_INDEX, NULL);
  self->path = g_strdup (path);
  G_LOCK (live);
  if (live == NULL)
    live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)weak_ref_free);
  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    g_hash_table_replace (live, g_strdup (path), ref);
  }
  G_UNLOCK (live);
  return self;
}

DtFacetIndex *
dt_facet_index_find (const char *path)
{
  DtFacetIndex *found = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  G_LOCK (live);
  if (live != NULL && g_hash_table_contains (live, path))
    found = g_weak_ref_get (g_hash_table_lookup (live, path));
  G_UNLOCK (live);
  return found;
}

const char *
dt_facet_index_get_path (DtFacetIndex *self)
{
  g_return_val_if_fail (DT_IS_FACET_INDEX (self), NULL);
  return self->path;
}

static void
set_data (DtFacetIndex *self,
          Data         *d)
{
  Data *old;

  g_mutex_lock (&self->lock);
  old = self->data;
  self->data = d;
  g_mutex_unlock (&self->lock);
  data_unref (old);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  Data *d = build (task_data, cancellable, &error);

  if (d == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, d, (GDestroyNotify)data_unref);
}

static void
build_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DtFacetIndex *self = DT_FACET_INDEX (object);
  g_autoptr(GError) error = NULL;
  Data *d = g_task_propagate_pointer (G_TASK (result), &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot build the facet index: %s", error->message);
      return;
    }
  /* A later rebuild supersedes this one. */
  if (GPOINTER_TO_UINT (user_data) != self->serial)
    {
      data_unref (d);
      return;
    }
  set_data (self, d);
  g_signal_emit (self, signals[READY], 0);
}

void
dt_facet_index_rebuild (DtFacetIndex *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DT_IS_FACET_INDEX (self));

  set_data (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, build_done, GUINT_TO_POINTER (++self->serial));
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, build_thread);
}

gboolean
dt_facet_index_build_sync (DtFacetIndex  *self,
                           GError       **error)
{
  Data *d;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), FALSE);

  d = build (self->path, NULL, error);
  if (d == NULL)
    return FALSE;
  set_data (self, d);
  return TRUE;
}

gboolean
dt_facet_index_is_ready (DtFacetIndex *self)
{
  gboolean ready;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), FALSE);

  g_mutex_lock (&self->lock);
  ready = self->data != NULL;
  g_mutex_unlock (&self->lock);
  return ready;
}

gint64
dt_facet_index_get_data_version (DtFacetIndex *self)
{
  gint64 version = -1;

  g_mutex_lock (&self->lock);
  if (self->data != NULL)
    version = self->data->data_version;
  g_mutex_unlock (&self->lock);
  return version;
}

gsize
dt_facet_index_get_memory (DtFacetIndex *self)
{
  gsize memory;
  Data *d;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), 0);

  if ((d = lock_data (self)) == NULL)
    return 0;
  /* As built, and what queries added since: sort orders and caches. */
  memory = d->memory + bitmap_memory (d->search_ents) + bitmap_memory (d->search_rows);
  for (guint i = 0; i < N_KEYS; i++)
    for (guint j = 0; j < 2; j++)
      if (d->sorts[i][j].perm != NULL)
        memory += (gsize)d->n_rows * sizeof (guint32);
  for (guint i = 0; i < N_KEYS; i++)
    memory += bitmap_memory (d->filter_rows[i]);
  for (guint i = 0; i <= N_KEYS; i++)
    {
      memory += bitmap_memory (d->cached[i]);
      for (guint f = 0; f < N_FACETS; f++)
        if (d->group_counts[i][f] != NULL)
          memory += d->facets[f].values->len * (sizeof (gint64) + sizeof (double));
    }
  unlock_data (d);
  return memory;
}

/* Judging measures' criteria */

static roaring_bitmap_t *
year_rows (Data *d,
           int   year)
{
  char text[16];
  Value *v;

  g_snprintf (text, sizeof text, "%d", year);
  v = g_hash_table_lookup (d->facets[F_YEAR].by_text, text);
  return v != NULL ? v->rows : NULL;
}

typedef struct
{
  Data              *d;
  const DtFacetTest *test;
  const roaring_bitmap_t *listed;   /* LISTED_IN: the rows of that year */
  roaring_bitmap_t  *met;
  roaring_bitmap_t  *unknown;
  guint32            hint;   /* for row_ent() */
} RowJudge;

/* Tests that read a number per row, one row at a time. */
static bool
judge_row (uint32_t  r,
           void     *data)
{
  RowJudge *j = data;
  Data *d = j->d;
  int outcome = 0;   /* 1 met, 0 not met, -1 unknown */

  switch (j->test->kind)
    {
    case DT_FACET_TEST_AT_LEAST:
      {
        double volume = row_volume (d, r);

        outcome = isnan (volume) ? -1 : volume >= j->test->number;
      }
      break;
    case DT_FACET_TEST_FOUNDED_AFTER:
      {
        gint32 founded = d->founded[row_ent (d, r, &j->hint)];

        outcome = founded == NO_INT ? -1 : founded > j->test->number;
      }
      break;
    case DT_FACET_TEST_LISTED_IN:
      outcome = 0;
      {
        guint32 e = row_ent (d, r, &j->hint);

        for (guint32 o = d->ent_first[e]; o < d->ent_first[e + 1] && outcome == 0; o++)
          outcome = roaring_bitmap_contains (j->listed, o);
      }
      break;
    default:
      outcome = -1;
      break;
    }
  if (outcome > 0)
    roaring_bitmap_add (j->met, r);
  else if (outcome < 0)
    roaring_bitmap_add (j->unknown, r);
  return true;
}

/* The rows of @base that meet @test into @met, those it cannot tell into
 * @unknown. */
static void
judge_test (Data                   *d,
            const roaring_bitmap_t *base,
            const DtFacetTest      *test,
            roaring_bitmap_t       *met,
            roaring_bitmap_t       *unknown)
{
  RowJudge j = { d, test, NULL, met, unknown, 0 };
  Facet *f = NULL;

  if (test->kind == DT_FACET_TEST_IN_FTZ)
    f = &d->facets[F_IN_FTZ];
  else if (test->kind == DT_FACET_TEST_EQUALS && g_strcmp0 (test->key, "district") == 0)
    f = &d->facets[F_DISTRICT];
  else if (test->kind == DT_FACET_TEST_EQUALS && g_strcmp0 (test->key, "category") == 0)
    f = &d->facets[F_CATEGORY];
  else if (test->kind == DT_FACET_TEST_EQUALS && g_strcmp0 (test->key, "sector") == 0)
    f = &d->facets[F_SECTOR];

  if (f != NULL)
    {
      /* The verdict per value, then per row by its value's code. */
      g_autofree gint8 *verdict = g_new0 (gint8, MAX (f->values->len, 1));
      roaring_uint32_iterator_t it;
      guint32 buf[4096], got;

      for (guint i = 0; i < f->values->len; i++)
        {
          Value *v = g_ptr_array_index (f->values, i);
          gboolean is_met = FALSE;

          if (v->value == NULL || (test->kind == DT_FACET_TEST_EQUALS && v->value[0] == '\0'))
            {
              verdict[i] = -1;
              continue;
            }
          if (test->kind == DT_FACET_TEST_IN_FTZ)
            is_met = (g_ascii_strtod (v->value, NULL) != 0) == (test->number != 0);
          else
            for (guint k = 0; k < G_N_ELEMENTS (test->values) && test->values[k] != NULL; k++)
              is_met |= g_str_equal (v->value, test->values[k]);
          verdict[i] = is_met;
        }
      roaring_init_iterator (base, &it);
      while ((got = roaring_read_uint32_iterator (&it, buf, G_N_ELEMENTS (buf))) > 0)
        for (guint32 i = 0; i < got; i++)
          {
            gint8 v = verdict[facet_code (f, buf[i])];

            if (v > 0)
              roaring_bitmap_add (met, buf[i]);
            else if (v < 0)
              roaring_bitmap_add (unknown, buf[i]);
          }
      return;
    }

  if (test->kind == DT_FACET_TEST_LISTED_IN)
    {
      j.listed = year_rows (d, (int)test->number);
      if (j.listed == NULL)
        {
          /* That year's list is not in the database. */
          roaring_bitmap_or_inplace (unknown, base);
          return;
        }
    }
  roaring_iterate (base, judge_row, &j);
}

gboolean
dt_facet_index_judge (DtFacetIndex      *self,
                      int                year,
                      const DtFacetTest *tests,
                      guint              n_tests,
                      guint              counts[3],
                      guint              offset,
                      guint              limit,
                      GArray            *qualifying)
{
  Data *d;
  roaring_bitmap_t *base, *fails, *unknown, *met_all;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), FALSE);

  if ((d = lock_data (self)) == NULL)
    return FALSE;

  base = year_rows (d, year) != NULL ? roaring_bitmap_copy (year_rows (d, year)) : roaring_bitmap_create ();
  fails = roaring_bitmap_create ();
  unknown = roaring_bitmap_create ();
  for (guint i = 0; i < n_tests; i++)
    {
      roaring_bitmap_t *met = roaring_bitmap_create ();
      roaring_bitmap_t *not_told = roaring_bitmap_create ();
      roaring_bitmap_t *failed;

      judge_test (d, base, &tests[i], met, not_told);
      /* Neither met nor unknown: not met. */
      failed = roaring_bitmap_andnot (base, met);
      roaring_bitmap_andnot_inplace (failed, not_told);
      roaring_bitmap_or_inplace (fails, failed);
      roaring_bitmap_or_inplace (unknown, not_told);
      roaring_bitmap_free (failed);
      roaring_bitmap_free (met);
      roaring_bitmap_free (not_told);
    }
  /* One failed test decides; else one unknown. */
  roaring_bitmap_andnot_inplace (unknown, fails);
  met_all = roaring_bitmap_andnot (base, fails);
  roaring_bitmap_andnot_inplace (met_all, unknown);

  counts[0] = (guint)roaring_bitmap_get_cardinality (met_all);
  counts[1] = (guint)roaring_bitmap_get_cardinality (unknown);
  counts[2] = (guint)roaring_bitmap_get_cardinality (fails);

  if (qualifying != NULL && limit > 0 && counts[0] > offset)
    {
      /* By rank, as the SQL orders them: walk the rank order until enough. */
      const guint32 *by_rank = sorted_rows (d, K_RANK, FALSE);
      guint seen = 0;

      for (guint32 i = 0; i < d->n_rows && qualifying->len < limit; i++)
        if (roaring_bitmap_contains (met_all, by_rank[i]) && seen++ >= offset)
          {
            gint64 id = d->id_base + d->listing_id[by_rank[i]];

            g_array_append_val (qualifying, id);
          }
    }

  roaring_bitmap_free (met_all);
  roaring_bitmap_free (unknown);
  roaring_bitmap_free (fails);
  roaring_bitmap_free (base);
  unlock_data (d);
  return TRUE;
}

gboolean
dt_facet_index_has_year (DtFacetIndex *self,
                         int           year)
{
  Data *d;
  gboolean has;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), FALSE);

  if ((d = lock_data (self)) == NULL)
    return FALSE;
  has = year_rows (d, year) != NULL;
  unlock_data (d);
  return has;
}

GArray *
dt_facet_index_ids_or_sql (DtEnterpriseQuery  *query,
                           sqlite3            *db,
                           GCancellable       *cancellable,
                           gpointer            user_data,
                           GError            **error)
{
  DtFacetIndex *self = user_data;
  GArray *ids = NULL;

  g_return_val_if_fail (DT_IS_FACET_INDEX (self), NULL);

  if (dt_facet_index_can_answer (self, query))
    ids = dt_facet_index_query_ids (self, query);
  return ids != NULL ? ids : dt_enterprise_query_ids (query, db, error);
}
