/* dt-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of column labels serves import (header mapping) and export
 * (header rows), so that an exported file always imports again.
 */

#define G_LOG_DOMAIN "dt-columns"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-columns.h"
#include "dt-util.h"
#include "dt-vocabulary.h"

#define I DT_COLUMN_IMPORTED
#define R (DT_COLUMN_IMPORTED | DT_COLUMN_REQUIRED)
#define T DT_COLUMN_TRACKING
#define D DT_COLUMN_DERIVED
#define TEXT DT_COLUMN_TEXT, DT_COLUMN_NO_VOCABULARY
#define INT DT_COLUMN_INT, DT_COLUMN_NO_VOCABULARY
#define DOUBLE DT_COLUMN_DOUBLE, DT_COLUMN_NO_VOCABULARY
#define BOOL DT_COLUMN_BOOL, DT_COLUMN_NO_VOCABULARY
#define JSON DT_COLUMN_JSON, DT_COLUMN_NO_VOCABULARY
#define REGION DT_COLUMN_REGION, DT_COLUMN_NO_VOCABULARY
#define TERM(vocabulary) DT_COLUMN_TEXT, DT_VOCABULARY_##vocabulary

/* Aliases also hold the headers older versions of the app exported, so
 * that their files import too. */

static const DtColumn region_columns[] = {
  { "code", N_("Code"), "代码", "区划代码|region code", R, TEXT },
  { "name_zh", N_("Chinese name"), "中文名称", "名称", R, TEXT },
  { "name_en", N_("English name"), "英文名称", NULL, R, TEXT },
  { "level", N_("Level"), "级别", "层级", R, TEXT },
  { "parent", N_("Parent"), "上级", "上级代码", I, TEXT },
  { "gb_code", N_("Administrative code"), "行政区划代码", "gb/t 2260|adcode|行政代码", I, TEXT },
};

static const DtColumn framework_columns[] = {
  { "code", N_("Indicator code"), "指标代码", "代码|编码|code", R, TEXT },
  { "name_zh", N_("Chinese name"), "指标名称", "名称|中文名称", R, TEXT },
  { "name_en", N_("English name"), "英文名称", NULL, I, TEXT },
  { "level", N_("Level"), "层级", "级别", R, INT },
  { "parent", N_("Parent code"), "上级代码", "上级指标|parent", I, TEXT },
  { "direction", N_("Direction"), "方向", "指标方向", I, INT },
  { "weight", N_("Weight"), "权重", NULL, I, DOUBLE },
};

static const DtColumn index_columns[] = {
  { "region", N_("Region"), "地区", "区域|ucode|地区代码", R, REGION },
  { "year", N_("Year"), "年份", "time|年度", R, INT },
  { "code", N_("Indicator code"), "指标代码", "指标|code", R, TEXT },
  { "value", N_("Value"), "数值", "值|指数|得分", R, DOUBLE },
  { "status", N_("Status"), "状态", NULL, I, TERM (VALUE_STATUS) },
  { "source", N_("Source"), "来源", "数据来源", I, TEXT },
  { "source_zh", N_("Source (Chinese)"), "中文来源", "来源（中文）", I, TEXT },
};

static const DtColumn enterprise_columns[] = {
  { "year", N_("Year"), "年份", "年度|入选年份", R, INT },
  { "rank", N_("Rank"), "排名", "名次|序号", R, INT },
  { "name_zh", N_("Enterprise name"), "企业名称", "企业中文名称|中文名称|名称|Name (Chinese)", R, TEXT },
  { "name_en", N_("English name"), "英文名称", "企业英文名称|Name (English)", I, TEXT },
  { "credit_code", N_("Unified social credit code"), "统一社会信用代码", "信用代码|credit code", I, TEXT },
  { "city", N_("City"), "所在地市", "地市|城市|所在城市|设区市", R, REGION },
  { "district", N_("District"), "所在区县", "区县|县(市、区)|县（市、区）", I, REGION },
  { "category", N_("Category"), "类别", "类型|企业类别", I, TERM (ENTERPRISE_CATEGORY) },
  { "sector", N_("Sector"), "行业", "所属行业|细分领域", I, TERM (SECTOR) },
  { "trade_volume", N_("Digital trade volume (10k CNY)"), "数字贸易额（万元）",
    "数字贸易额|trade volume|Digital trade volume (10,000 yuan)", I, DOUBLE },
  { "in_ftz", N_("In the free trade zone"), "是否自贸区", "自贸区|in ftz|In the Binjiang FTZ", I, BOOL },
  { "founded", N_("Founded"), "成立年份", "成立时间|成立年度", I, INT },
  /* Places gained on the year before; import works it out again. */
  { "rank_change", N_("Rank change"), "排名变化", NULL, D, INT },
};

static const DtColumn measure_columns[] = {
  { "no", N_("No."), "序号", "编号|条款|no|number", R, INT },
  { "title_zh", N_("Title"), "标题", "中文标题|措施名称|名称|Title (Chinese)", R, TEXT },
  { "title_en", N_("English title"), "英文标题", "Title (English)", I, TEXT },
  { "category", N_("Category"), "类别", "类型|分类", I, TERM (MEASURE_CATEGORY) },
  { "support", N_("Support"), "支持内容", "支持方式|扶持内容", I, TEXT },
  { "department", N_("Department"), "责任部门", "牵头部门|主管部门", I, TEXT },
  { "contact", N_("Contact"), "联系方式", "联系电话|联系人", I, TEXT },
  { "body_zh", N_("Text"), "正文", "内容|条款内容|中文正文|Text (Chinese)", I, TEXT },
  { "body_en", N_("English text"), "英文正文", "Text (English)", I, TEXT },
  { "source", N_("Source"), "来源", "出处", I, TEXT },
  { "criteria", N_("Criteria"), "适用条件", NULL, I, JSON },
  { "status", N_("Status"), "状态", "落实状态", T, TERM (MEASURE_STATUS) },
  { "progress", N_("Progress (%)"), "进度（%）", "进度", T, INT },
  { "notes", N_("Notes"), "备注", NULL, T, TEXT },
  { "follow_up", N_("Follow-up date"), "跟进日期", "跟进", T, TEXT },
};

/* The index ranking (--export=index): worked out from the index values,
 * exported only. */
static const DtColumn ranking_columns[] = {
  { "rank", N_("Rank"), "排名", NULL, D, INT },
  { "region", N_("Region code"), "地区代码", NULL, D, TEXT },
  { "name", N_("Region"), "地区", NULL, D, TEXT },
  { "score", N_("Score"), "得分", NULL, D, DOUBLE },
  { "status", N_("Status"), "状态", NULL, D, TERM (VALUE_STATUS) },
  { "source", N_("Source"), "来源", NULL, D, TEXT },
  { "previous_rank", N_("Previous year's rank"), "上年排名", NULL, D, INT },
  { "rank_change", N_("Rank change"), "排名变化", NULL, D, INT },
  { "average", N_("Average of the level"), "同级平均", NULL, D, DOUBLE },
  { "whatif_score", N_("What-if score"), "模拟得分", NULL, D, DOUBLE },
  { "whatif_rank", N_("What-if rank"), "模拟排名", NULL, D, INT },
};

#undef I
#undef R
#undef T
#undef D
#undef TEXT
#undef INT
#undef DOUBLE
#undef BOOL
#undef JSON
#undef REGION
#undef TERM

const DtColumn *
dt_columns_for_kind (const char *kind,
                     guint      *n_columns)
{
  static const struct { const char *kind; const DtColumn *columns; guint n; } tables[] = {
    { "regions", region_columns, G_N_ELEMENTS (region_columns) },
    { "framework", framework_columns, G_N_ELEMENTS (framework_columns) },
    { "index", index_columns, G_N_ELEMENTS (index_columns) },
    { "enterprises", enterprise_columns, G_N_ELEMENTS (enterprise_columns) },
    { "measures", measure_columns, G_N_ELEMENTS (measure_columns) },
    { "ranking", ranking_columns, G_N_ELEMENTS (ranking_columns) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (kind, tables[i].kind) == 0)
      {
        if (n_columns != NULL)
          *n_columns = tables[i].n;
        return tables[i].columns;
      }

  if (n_columns != NULL)
    *n_columns = 0;
  return NULL;
}

/* Headers typed by hand vary in case, spacing, underscores and the width
 * of brackets (（万元） or (万元)); compare them without those. */
static char *
normalise (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-' || c == 0xFEFF || c == 0x3000)
        continue;
      if (c == 0xFF08)
        c = '(';
      else if (c == 0xFF09)
        c = ')';
      else if (c == 0xFF05)
        c = '%';
      else if (c == 0xFF0C || c == 0x3001)
        c = ',';
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

static gboolean
matches (const char *normalised_header,
         const char *candidate)
{
  g_autofree char *n = normalise (candidate);

  return n[0] != '\0' && g_str_equal (n, normalised_header);
}

const DtColumn *
dt_columns_find (const char *kind,
                 const char *header)
{
  return dt_columns_find_full (kind, header, NULL);
}

const DtColumn *
dt_columns_find_full (const char *kind,
                      const char *header,
                      gboolean   *by_alias)
{
  g_autofree char *h = NULL;
  const DtColumn *columns;
  guint n;

  columns = dt_columns_for_kind (kind, &n);
  if (columns == NULL || header == NULL)
    return NULL;

  h = normalise (header);
  if (h[0] == '\0')
    return NULL;

  if (by_alias != NULL)
    *by_alias = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (matches (h, columns[i].key) ||
          matches (h, columns[i].label) ||
          matches (h, g_dgettext (GETTEXT_PACKAGE, columns[i].label)) ||
          matches (h, columns[i].label_zh))
        return &columns[i];
    }

  /* Aliases only after every exact name, so that an alias of one column
   * never hides another column's own label. */
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) aliases = NULL;

      if (columns[i].aliases == NULL)
        continue;
      aliases = g_strsplit (columns[i].aliases, "|", -1);
      for (guint a = 0; aliases[a] != NULL; a++)
        if (matches (h, aliases[a]))
          {
            if (by_alias != NULL)
              *by_alias = TRUE;
            return &columns[i];
          }
    }

  return NULL;
}

const DtColumn *
dt_columns_lookup (const char *kind,
                   const char *key)
{
  const DtColumn *columns;
  guint n;

  columns = dt_columns_for_kind (kind, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (columns[i].key, key) == 0)
      return &columns[i];
  return NULL;
}

const char *
dt_columns_label (const char *kind,
                  const char *key)
{
  const DtColumn *column = dt_columns_lookup (kind, key);

  if (column == NULL)
    return key;
  return dt_columns_header (column, FALSE);
}

const char *
dt_columns_header (const DtColumn *column,
                   gboolean        keys)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (keys)
    return column->key;
  /* The Chinese labels are part of the data contract (import accepts
   * them): a Chinese window shows exactly those. */
  return dt_data_language_is_chinese () ? column->label_zh : g_dgettext (GETTEXT_PACKAGE, column->label);
}

const char *
dt_columns_value_text (const DtColumn *column,
                       const char     *value,
                       gboolean        keys)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (keys || value == NULL || column->vocabulary == DT_COLUMN_NO_VOCABULARY)
    return value;
  return dt_vocabulary_label ((DtVocabulary)column->vocabulary, value);
}

const char *
dt_columns_dataset_key (const char *kind)
{
  if (g_strcmp0 (kind, "framework") == 0)
    return "index-framework";
  if (g_strcmp0 (kind, "index") == 0)
    return "index-values";
  if (g_strcmp0 (kind, "regions") == 0 ||
      g_strcmp0 (kind, "enterprises") == 0 ||
      g_strcmp0 (kind, "measures") == 0)
    return kind;
  return NULL;
}
