/* dt-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each migration runs in its own transaction and is never edited once
 * released: a change to the schema is a new migration appended at the end.
 */

#define G_LOG_DOMAIN "dt-schema"

#include "config.h"

#include "dt-schema.h"

/* 1: where every row comes from, and the regions the data is about. */
static const char migration_datasets_and_regions[] =
  "CREATE TABLE datasets ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('regions','framework','index','enterprises','measures')),"
  "  title TEXT NOT NULL,"
  "  title_zh TEXT,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  provenance TEXT NOT NULL CHECK (provenance IN ('sample','official','user')),"
  "  imported_at TEXT NOT NULL,"
  "  checksum TEXT NOT NULL"
  ");"
  "CREATE TABLE regions ("
  "  code TEXT PRIMARY KEY,"
  "  name_zh TEXT NOT NULL,"
  "  name_en TEXT NOT NULL,"
  "  level TEXT NOT NULL CHECK (level IN ('province','city','county')),"
  "  parent TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX regions_parent ON regions(parent);"
  /* What sync last imported from each pack address, so that an unchanged
   * pack is not downloaded again (If-None-Match). */
  "CREATE TABLE sync_state ("
  "  url TEXT PRIMARY KEY,"
  "  etag TEXT,"
  "  sha256 TEXT NOT NULL,"
  "  fetched_at TEXT NOT NULL"
  ");";

/* 2: the openness-index framework tree and its values per region, year and node. */
static const char migration_index[] =
  "CREATE TABLE index_nodes ("
  "  code TEXT PRIMARY KEY,"
  "  name_zh TEXT NOT NULL,"
  "  name_en TEXT,"
  "  level INTEGER NOT NULL CHECK (level >= 1),"
  "  parent TEXT,"
  "  direction INTEGER NOT NULL DEFAULT 1 CHECK (direction IN (1,-1)),"
  "  weight REAL NOT NULL DEFAULT 1,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE TABLE index_values ("
  "  region TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  value REAL NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('published','computed','imputed')),"
  "  source TEXT NOT NULL DEFAULT '',"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (region, year, code, status)"
  ");"
  "CREATE INDEX index_values_code_year ON index_values(code, year);"
  "CREATE INDEX index_values_dataset ON index_values(dataset_id);";

/* 3: enterprises, and their place on each year's Top-100 list. */
static const char migration_enterprises[] =
  "CREATE TABLE enterprises ("
  "  id INTEGER PRIMARY KEY,"
  "  credit_code TEXT,"
  "  name_zh TEXT NOT NULL,"
  "  name_en TEXT,"
  "  founded INTEGER,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX enterprises_dataset ON enterprises(dataset_id);"
  "CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(credit_code, dataset_id);"
  "CREATE TABLE listings ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,"
  "  city TEXT NOT NULL,"
  "  district TEXT,"
  "  category TEXT,"
  "  sector TEXT,"
  "  trade_volume REAL,"
  "  in_ftz INTEGER NOT NULL DEFAULT 0 CHECK (in_ftz IN (0,1)),"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,"
  "  prev_rank INTEGER,"  /* rank on the year before's list, kept by triggers */
  "  UNIQUE (year, rank)"
  ");"
  "CREATE INDEX listings_enterprise ON listings(enterprise_id, year);"
  "CREATE INDEX listings_dataset ON listings(dataset_id);"
  "CREATE INDEX listings_city ON listings(year, city);"
  "CREATE INDEX listings_category ON listings(year, category);"
  "CREATE INDEX listings_sector ON listings(year, sector);"
  "CREATE INDEX listings_volume ON listings(year, trade_volume);"
  "CREATE INDEX listings_district ON listings(year, district);"
  "CREATE INDEX listings_ftz ON listings(year, in_ftz);"
  "CREATE INDEX listings_change ON listings(year, (prev_rank - rank));"
  "CREATE INDEX enterprises_name_zh ON enterprises(name_zh);"
  "CREATE INDEX enterprises_name_en ON enterprises(name_en);"
  /* Rank change against the year before, denormalised so that sorting by
   * it uses an index instead of a join over every row. */
  /* Split, with WHEN, so that an import only updates rows that change:
   * that halves the time a million-row import takes. */
  "CREATE TRIGGER listings_prev_rank_insert AFTER INSERT ON listings"
  "  WHEN EXISTS (SELECT 1 FROM listings p"
  "    WHERE p.enterprise_id = NEW.enterprise_id AND p.year = NEW.year - 1) BEGIN"
  "  UPDATE listings SET prev_rank = (SELECT p.rank FROM listings p"
  "    WHERE p.enterprise_id = NEW.enterprise_id AND p.year = NEW.year - 1)"
  "    WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER listings_next_rank_insert AFTER INSERT ON listings"
  "  WHEN EXISTS (SELECT 1 FROM listings n"
  "    WHERE n.enterprise_id = NEW.enterprise_id AND n.year = NEW.year + 1) BEGIN"
  "  UPDATE listings SET prev_rank = NEW.rank"
  "    WHERE enterprise_id = NEW.enterprise_id AND year = NEW.year + 1;"
  "END;"
  "CREATE TRIGGER listings_prev_rank_delete AFTER DELETE ON listings BEGIN"
  "  UPDATE listings SET prev_rank = NULL"
  "    WHERE enterprise_id = OLD.enterprise_id AND year = OLD.year + 1;"
  "END;"
  /* Every character and pair of characters of the names and credit code
   * (see dt-enterprise-search.c): two-character Chinese queries use it. */
  "CREATE VIRTUAL TABLE enterprise_search USING fts5(grams, content='', detail='none');"
  "CREATE TRIGGER enterprises_search_insert AFTER INSERT ON enterprises BEGIN"
  "  INSERT INTO enterprise_search (rowid, grams)"
  "    VALUES (NEW.id, dt_search_grams(NEW.name_zh, NEW.name_en, NEW.credit_code));"
  "END;"
  "CREATE TRIGGER enterprises_search_delete AFTER DELETE ON enterprises BEGIN"
  "  INSERT INTO enterprise_search (enterprise_search, rowid, grams)"
  "    VALUES ('delete', OLD.id, dt_search_grams(OLD.name_zh, OLD.name_en, OLD.credit_code));"
  "END;"
  "CREATE TRIGGER enterprises_search_update AFTER UPDATE OF name_zh, name_en, credit_code ON enterprises BEGIN"
  "  INSERT INTO enterprise_search (enterprise_search, rowid, grams)"
  "    VALUES ('delete', OLD.id, dt_search_grams(OLD.name_zh, OLD.name_en, OLD.credit_code));"
  "  INSERT INTO enterprise_search (rowid, grams)"
  "    VALUES (NEW.id, dt_search_grams(NEW.name_zh, NEW.name_en, NEW.credit_code));"
  "END;";

/* 4: the measures, and officials' tracking of them. Tracking has no foreign
 * key on purpose: replacing the measures' text must never remove it. */
static const char migration_measures[] =
  "CREATE TABLE measures ("
  "  no INTEGER PRIMARY KEY,"
  "  title_zh TEXT NOT NULL,"
  "  title_en TEXT,"
  "  category TEXT,"
  "  support TEXT,"
  "  department TEXT,"
  "  contact TEXT,"
  "  body_zh TEXT,"
  "  body_en TEXT,"
  "  source TEXT,"
  "  criteria TEXT,"
  "  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE"
  ");"
  "CREATE TABLE measure_tracking ("
  "  no INTEGER PRIMARY KEY,"
  "  status TEXT NOT NULL DEFAULT 'not-started'"
  "    CHECK (status IN ('not-started','in-progress','in-effect','suspended','expired')),"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  follow_up TEXT,"
  "  updated_at TEXT"
  ");";

/* 5: the Chinese form of each dataset's and published value's source,
 * shown in a Chinese window.
 * The built-in samples already in a database get theirs, and their
 * department and support texts lose the English once written in brackets
 * inside the Chinese (data of other provenance is left as it was). */
static const char migration_source_zh[] =
  "ALTER TABLE datasets ADD COLUMN source_zh TEXT;"
  "ALTER TABLE index_values ADD COLUMN source_zh TEXT;"
  "UPDATE index_values SET source_zh = CASE source"
  "  WHEN 'Zhejiang Academy of Commerce, Zhejiang Openness Index 2021 report (released June 2021)' THEN '浙江省商务研究院《浙江开放指数2021年报告》（2021年6月发布）'"
  "  WHEN 'Zhejiang Academy of Commerce, Zhejiang Openness Index 2023 report (released June 2023)' THEN '浙江省商务研究院《浙江开放指数2023年报告》（2023年6月发布）'"
  "  WHEN 'Benchmark year of the index (2018 = 100)' THEN '指数基期（2018年 = 100）'"
  "  END"
  "  WHERE status = 'published';"
  "UPDATE datasets SET source_zh = CASE key"
  "  WHEN 'regions' THEN '浙江省行政区划，民政部'"
  "  WHEN 'index-framework' THEN '五个维度：浙江省商务研究院；子维度和指标：虚构的示例'"
  "  WHEN 'index-values' THEN '虚构的示例数值；已发布的数值另注来源'"
  "  WHEN 'enterprises' THEN '虚构的演示数据，并非官方百强榜单'"
  "  WHEN 'measures' THEN '虚构的示例文本；真实的36条措施请导入滨江区的正式文件'"
  "  END"
  "  WHERE provenance = 'sample' OR (key = 'regions' AND source = "
  "    'Administrative divisions of Zhejiang Province, Ministry of Civil Affairs');"
  "UPDATE measures SET source = 'sample' WHERE source = 'Sample text'"
  "    AND dataset_id IN (SELECT id FROM datasets WHERE provenance = 'sample');"
  "UPDATE measures SET department = substr(department, 1, instr(department, '（') - 1)"
  "  WHERE instr(department, '（') > 1 AND department GLOB '*（[A-Za-z]*）'"
  "    AND dataset_id IN (SELECT id FROM datasets WHERE provenance = 'sample');"
  "UPDATE measures SET support = substr(support, 1, instr(support, '（') - 1)"
  "  WHERE instr(support, '（') > 1 AND support GLOB '*（[A-Za-z]*）'"
  "    AND dataset_id IN (SELECT id FROM datasets WHERE provenance = 'sample');";
/* 6: the official code of each region (GB/T 2260, as the Ministry of Civil
 * Affairs publishes it; codes current as of 2023), so that files naming
 * regions by code import. Regions imported before get theirs here. */
static const char migration_region_gb_codes[] =
  "ALTER TABLE regions ADD COLUMN gb_code TEXT;"
  "CREATE INDEX regions_gb_code ON regions(gb_code);"
  "UPDATE regions SET gb_code = (SELECT column2 FROM (VALUES"
  "('ZJ','330000'),('hangzhou','330100'),('ningbo','330200'),('wenzhou','330300'),"
  "('jiaxing','330400'),('huzhou','330500'),('shaoxing','330600'),('jinhua','330700'),"
  "('quzhou','330800'),('zhoushan','330900'),('taizhou','331000'),('lishui','331100'),"
  "('hangzhou.shangcheng','330102'),('hangzhou.gongshu','330105'),('hangzhou.xihu','330106'),"
  "('hangzhou.binjiang','330108'),('hangzhou.xiaoshan','330109'),('hangzhou.yuhang','330110'),"
  "('hangzhou.fuyang','330111'),('hangzhou.linan','330112'),('hangzhou.linping','330113'),"
  "('hangzhou.qiantang','330114'),('hangzhou.tonglu','330122'),('hangzhou.chunan','330127'),"
  "('hangzhou.jiande','330182'),('ningbo.haishu','330203'),('ningbo.jiangbei','330205'),"
  "('ningbo.beilun','330206'),('ningbo.zhenhai','330211'),('ningbo.yinzhou','330212'),"
  "('ningbo.fenghua','330213'),('ningbo.xiangshan','330225'),('ningbo.ninghai','330226'),"
  "('ningbo.yuyao','330281'),('ningbo.cixi','330282'),('wenzhou.lucheng','330302'),"
  "('wenzhou.longwan','330303'),('wenzhou.ouhai','330304'),('wenzhou.dongtou','330305'),"
  "('wenzhou.yongjia','330324'),('wenzhou.pingyang','330326'),('wenzhou.cangnan','330327'),"
  "('wenzhou.wencheng','330328'),('wenzhou.taishun','330329'),('wenzhou.ruian','330381'),"
  "('wenzhou.yueqing','330382'),('wenzhou.longgang','330383'),('jiaxing.nanhu','330402'),"
  "('jiaxing.xiuzhou','330411'),('jiaxing.jiashan','330421'),('jiaxing.haiyan','330424'),"
  "('jiaxing.haining','330481'),('jiaxing.pinghu','330482'),('jiaxing.tongxiang','330483'),"
  "('huzhou.wuxing','330502'),('huzhou.nanxun','330503'),('huzhou.deqing','330521'),"
  "('huzhou.changxing','330522'),('huzhou.anji','330523'),('shaoxing.yuecheng','330602'),"
  "('shaoxing.keqiao','330603'),('shaoxing.shangyu','330604'),('shaoxing.xinchang','330624'),"
  "('shaoxing.zhuji','330681'),('shaoxing.shengzhou','330683'),('jinhua.wucheng','330702'),"
  "('jinhua.jindong','330703'),('jinhua.wuyi','330723'),('jinhua.pujiang','330726'),"
  "('jinhua.panan','330727'),('jinhua.lanxi','330781'),('jinhua.yiwu','330782'),"
  "('jinhua.dongyang','330783'),('jinhua.yongkang','330784'),('quzhou.kecheng','330802'),"
  "('quzhou.qujiang','330803'),('quzhou.changshan','330822'),('quzhou.kaihua','330824'),"
  "('quzhou.longyou','330825'),('quzhou.jiangshan','330881'),('zhoushan.dinghai','330902'),"
  "('zhoushan.putuo','330903'),('zhoushan.daishan','330921'),('zhoushan.shengsi','330922'),"
  "('taizhou.jiaojiang','331002'),('taizhou.huangyan','331003'),('taizhou.luqiao','331004'),"
  "('taizhou.sanmen','331022'),('taizhou.tiantai','331023'),('taizhou.xianju','331024'),"
  "('taizhou.wenling','331081'),('taizhou.linhai','331082'),('taizhou.yuhuan','331083'),"
  "('lishui.liandu','331102'),('lishui.qingtian','331121'),('lishui.jinyun','331122'),"
  "('lishui.suichang','331123'),('lishui.songyang','331124'),('lishui.yunhe','331125'),"
  "('lishui.qingyuan','331126'),('lishui.jingning','331127'),('lishui.longquan','331181')"
  ") WHERE column1 = regions.code);";

/* 7: the indexes for filtering and sorting listings by a column go. The
 * window filters, counts and sorts with its in-memory facet index once
 * built; the SQL path (the command line, and the window until then) scans
 * the year's rows instead, a few hundred milliseconds at a million rows.
 * Each index cost about a second of a million-row import and a tenth of
 * the file. Kept: what imports look up row by row (firms by name, a firm's
 * listings, a dataset's rows) and the unique indexes. */
static const char migration_drop_facet_indexes[] =
  "DROP INDEX IF EXISTS listings_city;"
  "DROP INDEX IF EXISTS listings_category;"
  "DROP INDEX IF EXISTS listings_sector;"
  "DROP INDEX IF EXISTS listings_volume;"
  "DROP INDEX IF EXISTS listings_district;"
  "DROP INDEX IF EXISTS listings_ftz;"
  "DROP INDEX IF EXISTS listings_change;"
  "DROP INDEX IF EXISTS enterprises_name_en;";

/* What the insert triggers of migration_enterprises compute, for a whole
 * dataset at once: keep these in step with those triggers. An enterprise
 * may be listed by several datasets (one per list year imported). */
static const char * const enterprise_bulk_triggers[] = {
  "listings_prev_rank_insert",
  "listings_next_rank_insert",
  "enterprises_search_insert",
  NULL,
};

static const char * const enterprise_bulk_fill[] = {
  /* Only when the import could not set it row by row (dt-dataset-import.c,
   * prev_rank_needs_fill ()). */
  "UPDATE listings SET prev_rank = p.rank FROM listings p"
  "  WHERE listings.dataset_id = ?1"
  "    AND p.enterprise_id = listings.enterprise_id AND p.year = listings.year - 1",
  /* The year after in other datasets (listings_next_rank_insert): a list
   * imported on its own links to the lists already there. */
  "UPDATE listings SET prev_rank = n.rank FROM listings n"
  /* Evaluated once: without listings of other datasets (a first import)
   * there is nothing to link, and no reason to look up every row. */
  "  WHERE EXISTS (SELECT 1 FROM datasets d WHERE d.id <> ?1"
  "                AND EXISTS (SELECT 1 FROM listings o WHERE o.dataset_id = d.id))"
  "    AND n.dataset_id = ?1 AND listings.dataset_id <> ?1"
  "    AND n.enterprise_id = listings.enterprise_id AND listings.year = n.year + 1",
  "INSERT INTO enterprise_search (rowid, grams)"
  "  SELECT id, dt_search_grams(name_zh, name_en, credit_code) FROM enterprises"
  "  WHERE dataset_id = ?1 AND id > ?2 ORDER BY id",
  NULL,
};

const char * const *
dt_schema_enterprise_bulk_triggers (void)
{
  return enterprise_bulk_triggers;
}

const char * const *
dt_schema_enterprise_bulk_fill_sql (void)
{
  return enterprise_bulk_fill;
}

static const char * const migrations[] = {
  migration_datasets_and_regions,
  migration_index,
  migration_enterprises,
  migration_measures,
  migration_source_zh,
  migration_region_gb_codes,
  migration_drop_facet_indexes,
};

guint
dt_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
dt_schema_migration_sql (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1];
}
