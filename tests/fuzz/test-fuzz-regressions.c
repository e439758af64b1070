/* test-fuzz-regressions.c — every input that once crashed a fuzz target,
 * and every seed, through the same entry points as the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fuzz/regressions/<target>/ keeps the inputs the fuzzers found
 * crashes with (after the fix); tests/fuzz/corpus/<target>/ the seeds.
 */

#include "config.h"

#include "dt-fuzz-entry.h"

typedef void (*FuzzEntry) (const guint8 *data, gsize size);

static const struct {
  const char *name;
  FuzzEntry   entry;
} targets[] = {
  { "csv-reader", dt_fuzz_csv_reader },
  { "data-pack", dt_fuzz_data_pack },
  { "import", dt_fuzz_import },
  { "index-framework", dt_fuzz_index_framework },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

typedef struct
{
  FuzzEntry  entry;
  char      *path;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->path);
  g_free (c);
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (c->path, &contents, &length, &error));
  g_assert_no_error (error);
  c->entry ((const guint8 *)contents, length);
}

static guint
add_cases (GPtrArray  *cases,
           const char *kind,
           guint       t)
{
  g_autofree char *dir_path = g_build_filename (DT_FUZZ_DIR, kind, targets[t].name, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      Case *c = g_new0 (Case, 1);
      g_autofree char *test_path = NULL;

      c->entry = targets[t].entry;
      c->path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      test_path = g_strdup_printf ("/fuzz/%s/%s/%s", kind, targets[t].name,
                                   (const char *)g_ptr_array_index (names, i));
      g_ptr_array_add (cases, c);
      g_test_add_data_func (test_path, c, run_case);
    }

  return names->len;
}

/* Too large to keep as a file: a million '[' once overflowed the stack in
 * json-glib's recursive parser, inside and outside a data pack. */
static void
test_deep_nesting (void)
{
  const gsize depth = 1000000;
  g_autoptr(GString) bare = g_string_sized_new (depth);
  g_autoptr(GString) pack = g_string_new ("{\"format\":\"digital-trade-pack\",\"version\":1,\"kind\":\"measures\","
                                          "\"rows\":[{\"no\":1,\"title_zh\":\"a\",\"criteria\":");

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (bare, '[');
  g_string_append_len (pack, bare->str, bare->len);
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (pack, ']');
  g_string_append (pack, "}]}");

  dt_fuzz_data_pack ((const guint8 *)bare->str, bare->len);
  dt_fuzz_data_pack ((const guint8 *)pack->str, pack->len);
  dt_fuzz_import ((const guint8 *)pack->str, pack->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      /* A target without seeds would fuzz from nothing: treat as a bug. */
      if (add_cases (cases, "corpus", t) == 0)
        g_error ("no seed corpus for %s in %s", targets[t].name, DT_FUZZ_DIR);
      add_cases (cases, "regressions", t);
    }

  g_test_add_func ("/fuzz/regressions/generated/deep-nesting", test_deep_nesting);

  status = g_test_run ();
  dt_fuzz_cleanup ();
  return status;
}
