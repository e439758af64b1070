/* test-util.c — the small helpers of dt-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-util.h"

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

/* The renderer is chosen from the device nodes: a machine without a DRM
 * node or NVIDIA's device has no GPU to draw with. */
static void
test_gpu_device_present (void)
{
  g_autofree char *dev = g_dir_make_tmp ("dt-dev-XXXXXX", NULL);
  g_autofree char *dri = g_build_filename (dev, "dri", NULL);
  g_autofree char *render = g_build_filename (dri, "renderD128", NULL);
  g_autofree char *by_path = g_build_filename (dri, "by-path", NULL);
  g_autofree char *nvidia = g_build_filename (dev, "nvidia0", NULL);

  g_assert_false (dt_gpu_device_present (dev));

  /* An empty dri folder, or one with only its by-path links, is no GPU. */
  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (by_path, 0700), ==, 0);
  g_assert_false (dt_gpu_device_present (dev));

  touch (dri, "renderD128");
  g_assert_true (dt_gpu_device_present (dev));
  g_assert_cmpint (g_remove (render), ==, 0);

  touch (dev, "nvidia0");
  g_assert_true (dt_gpu_device_present (dev));

  g_remove (nvidia);
  g_rmdir (by_path);
  g_rmdir (dri);
  g_rmdir (dev);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/util/gpu-device/present", test_gpu_device_present);

  return g_test_run ();
}
