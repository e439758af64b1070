/* dt-sample-data.c — the sample data packs built into the program
 *
 * Above the store: loading them needs the data-pack importer, which the
 * store (at the bottom of the core) must not know.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "dt-data-pack.h"
#include "dt-sample-data.h"

/* The packs in dependency order: listings and values name regions and nodes. */
static const char * const sample_packs[] = {
  "regions.json",
  "framework.json",
  "index.json",
  "enterprises.json",
  "measures.json",
};

gboolean
dt_sample_data_load (DtStore  *self,
                     GError  **error)
{
  /* Built into the program: the one place "sample" comes from. */
  static const DtImportOptions sample_options = { .provenance = "sample" };

  g_return_val_if_fail (DT_IS_STORE (self), FALSE);

  if (!dt_store_begin (self, error))
    return FALSE;

  /* Another program opening the same new database may have filled it
   * since we looked. */
  if (!dt_store_is_empty (self))
    {
      dt_store_rollback (self);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sample_packs); i++)
    {
      g_autofree char *resource = g_strconcat ("/com/example/DigitalTrade/sample/", sample_packs[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, error);

      if (bytes == NULL ||
          !dt_data_pack_import_bytes_full (self, bytes, sample_packs[i], &sample_options,
                                           NULL, NULL, NULL, NULL, NULL, NULL, error))
        {
          dt_store_rollback (self);
          g_prefix_error (error, _("Loading the sample data failed: "));
          return FALSE;
        }
    }

  if (!dt_store_commit (self, error))
    return FALSE;
#ifdef __GLIBC__
  /* The index pack's JSON tree takes about 100 MB while it loads; malloc
   * keeps what was freed unless told to give it back, and an import that
   * follows would add its own on top. (Under GLib 2.74 most of the tree
   * sits in the slice allocator's caches instead, which this cannot reach;
   * from GLib 2.76, or with G_SLICE=always-malloc, all of it goes back.) */
  malloc_trim (0);
#endif
  return TRUE;
}

DtStore *
dt_sample_data_open (const char  *path,
                     GError     **error)
{
  g_autoptr(DtStore) self = dt_store_open (path, error);

  if (self == NULL)
    return NULL;

  if (dt_store_is_empty (self) && !dt_sample_data_load (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
