/* dt-vocabulary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dt-vocabulary"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-util.h"
#include "dt-vocabulary.h"

static const DtTerm enterprise_categories[] = {
  { "digital-technology", N_("Digital technology trade"), "数字技术贸易" },
  { "digital-services", N_("Digital services trade"), "数字服务贸易" },
  { "digital-products", N_("Digital product trade"), "数字产品贸易" },
  { "data", N_("Data trade"), "数据贸易" },
  { "cross-border-ecommerce", N_("Cross-border e-commerce"), "跨境电商" },
};

static const DtTerm sectors[] = {
  { "software", N_("Software"), "软件" },
  { "cloud-computing", N_("Cloud computing"), "云计算" },
  { "e-commerce-platform", N_("E-commerce platform"), "电商平台" },
  { "digital-content", N_("Digital content"), "数字内容" },
  { "fintech", N_("Fintech"), "金融科技" },
  { "logistics-tech", N_("Logistics technology"), "物流科技" },
  { "smart-manufacturing", N_("Smart manufacturing"), "智能制造" },
  { "data-services", N_("Data services"), "数据服务" },
  { "gaming", N_("Gaming"), "游戏" },
  { "telecom", N_("Telecommunications"), "通信" },
};

static const DtTerm measure_categories[] = {
  { "talent", N_("Talent"), "人才" },
  { "finance", N_("Finance and payments"), "金融与支付" },
  { "platforms", N_("Platforms and carriers"), "平台与载体" },
  { "data", N_("Cross-border data"), "跨境数据" },
  { "ip", N_("Intellectual property"), "知识产权" },
  { "market-access", N_("Market access"), "市场准入" },
  { "logistics", N_("Logistics"), "物流" },
};

static const DtTerm measure_statuses[] = {
  { "not-started", N_("Not started"), "未启动" },
  { "in-progress", N_("In progress"), "推进中" },
  { "in-effect", N_("In effect"), "已生效" },
  { "suspended", N_("Suspended"), "已暂停" },
  { "expired", N_("Expired"), "已失效" },
};

static const DtTerm value_statuses[] = {
  { "published", N_("Published"), "已发布" },
  { "computed", N_("Computed"), "计算值" },
  { "imputed", N_("Imputed"), "插补值" },
};

static const DtTerm provenances[] = {
  { "sample", N_("Sample"), "示例" },
  { "official", N_("Official"), "官方" },
  { "user", N_("User"), "用户" },
};

const DtTerm *
dt_vocabulary_terms (DtVocabulary  vocabulary,
                     guint        *n_terms)
{
#define RETURN_TERMS(array) G_STMT_START { *n_terms = G_N_ELEMENTS (array); return array; } G_STMT_END
  switch (vocabulary)
    {
    case DT_VOCABULARY_ENTERPRISE_CATEGORY: RETURN_TERMS (enterprise_categories);
    case DT_VOCABULARY_SECTOR: RETURN_TERMS (sectors);
    case DT_VOCABULARY_MEASURE_CATEGORY: RETURN_TERMS (measure_categories);
    case DT_VOCABULARY_MEASURE_STATUS: RETURN_TERMS (measure_statuses);
    case DT_VOCABULARY_VALUE_STATUS: RETURN_TERMS (value_statuses);
    case DT_VOCABULARY_PROVENANCE: RETURN_TERMS (provenances);
    default:
      g_return_val_if_reached (NULL);
    }
#undef RETURN_TERMS
}

const char *
dt_vocabulary_find (DtVocabulary  vocabulary,
                    const char   *text)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (vocabulary, &n);

  if (text == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (text, terms[i].key) == 0 ||
          g_ascii_strcasecmp (text, terms[i].label) == 0 ||
          g_strcmp0 (text, terms[i].label_zh) == 0)
        return terms[i].key;
    }

  return NULL;
}

/* A source as shown: the data's Chinese form in a Chinese window; a value
 * that only names a provenance ("sample") as that word, translated. */
const char *
dt_source_label (const char *source_zh,
                 const char *source)
{
  if (dt_vocabulary_find (DT_VOCABULARY_PROVENANCE, source) != NULL)
    return dt_vocabulary_label (DT_VOCABULARY_PROVENANCE, dt_vocabulary_find (DT_VOCABULARY_PROVENANCE, source));
  return dt_pick_name (source_zh, source);
}

const char *
dt_vocabulary_label (DtVocabulary  vocabulary,
                     const char   *key)
{
  guint n = 0;
  const DtTerm *terms = dt_vocabulary_terms (vocabulary, &n);

  /* The vocabulary's own Chinese form in a Chinese window (the data
   * contract's labels), the translated English one otherwise. */
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (key, terms[i].key) == 0)
      return dt_data_language_is_chinese () ? terms[i].label_zh : _(terms[i].label);

  return key != NULL ? key : "";
}
