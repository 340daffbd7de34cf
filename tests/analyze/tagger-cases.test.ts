import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/ingest/load-analyzer.js';
import { findPowerFigures } from '../../src/analyze/power-figures.js';
import type { Tag } from '../../src/analyze/tags.js';

// The shipped model (config/tagger/model.json) on sentences written for these tests, one row
// per case: what each tag means (config/tagger/DEFINITIONS.md) and the hard negatives of
// DESIGN.md ("power" meaning influence is no power tag; the "launch" of a stock is ipo, not
// product). Accuracy on real text is measured by tests/analyze/tagger.eval.ts.
const tagger = loadTagger(join(import.meta.dirname, '..', '..', 'config', 'tagger', 'training.tsv'));

const cases: { name: string; text: string; tags: Tag[] }[] = [
  // one clear sentence per tag
  { name: 'ipo: trading debut', text: 'Shares of Moore Threads jumped 400% on their trading debut on Shanghai\'s STAR Market.', tags: ['ipo'] },
  { name: 'ipo: listing application accepted (zh)', text: '燧原科技科创板IPO申请获上交所受理,拟募资60亿元。', tags: ['ipo'] },
  { name: 'funding: financing round', text: 'Biren Technology raised 1.5 billion yuan in a new financing round led by state-backed funds.', tags: ['funding'] },
  { name: 'funding: round (zh)', text: '沐曦完成新一轮融资,投资方包括多家国资基金。', tags: ['funding'] },
  { name: 'earnings: quarterly revenue', text: 'Cambricon reported third-quarter revenue of 1.73 billion yuan and a net profit of 567 million yuan.', tags: ['earnings'] },
  { name: 'earnings: results (zh)', text: '寒武纪发布半年报,上半年营收28.81亿元,净利润10.38亿元,同比扭亏为盈。', tags: ['earnings'] },
  { name: 'product: chip unveiled', text: 'Huawei unveiled the Ascend 950 chip and a new SuperPoD at its annual conference.', tags: ['product'] },
  { name: 'export-control: licence requirement', text: 'The US Commerce Department told Nvidia it needs an export licence to sell H20 chips to China.', tags: ['export-control'] },
  { name: 'export-control: entity list (zh)', text: '美国商务部将摩尔线程列入实体清单,限制其获取美国技术。', tags: ['export-control'] },
  { name: 'partnership: supply agreement', text: 'Nvidia signed an agreement to supply 18,000 Blackwell chips to Humain for its new data centres.', tags: ['partnership'] },
  { name: 'partnership: procurement (zh)', text: '中国移动与华为签署合作协议,采购昇腾服务器建设智算中心。', tags: ['partnership'] },
  // A known miss of round two (orders between companies that also appear in export stories),
  // right since round three's real sentences.
  { name: 'partnership: a customer order between two companies that also appear in export stories', text: 'ByteDance placed a large order for Huawei Ascend chips, deepening its cooperation with Huawei.', tags: ['partnership'] },
  { name: 'power-capacity: plant capacity', text: 'The new nuclear plant will add 1.2 GW of generation capacity to the grid.', tags: ['power-capacity'] },
  { name: 'benchmark-comparison: fraction of a rival', text: 'DeepSeek researchers found the Ascend 910C delivers 60% of the inference performance of Nvidia\'s H100.', tags: ['benchmark-comparison'] },
  { name: 'power-demand: data-centre consumption', text: 'Data centres worldwide consumed about 415 TWh of electricity in 2024.', tags: ['power-demand'] },
  { name: 'power-demand: consumption (zh)', text: '全社会用电量达到10226亿千瓦时,同比增长8.6%。', tags: ['power-demand'] },
  { name: 'chip-power: TDP', text: 'The Nvidia B200 has a TDP of 1,000 W, up from 700 W for the H100.', tags: ['chip-power'] },
  // hard negatives from DESIGN.md
  { name: 'hard negative: "power" as influence', text: 'Nvidia\'s market power worries regulators in Washington and Beijing.', tags: [] },
  { name: 'hard negative: "power" as influence (computing power)', text: 'Huawei wants to be the backbone of China\'s computing power.', tags: [] },
  { name: 'hard negative: launch of a stock is ipo, not product', text: 'MetaX launched its shares on the STAR Market, where they soared 700% on the first day.', tags: ['ipo'] },
  // other hard negatives: a watched company named, nothing the tags describe
  { name: 'hard negative: market value', text: 'Nvidia became the first company to be valued at $5 trillion.', tags: [] },
  { name: 'hard negative: no comment', text: 'Moore Threads did not respond to a request for comment.', tags: [] },
  { name: 'hard negative: founder biography (zh)', text: '寒武纪的创始人陈天石毕业于中国科学技术大学少年班。', tags: [] },
];

describe('event tagger on written cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(tagger.tag(c.text, findPowerFigures(c.text))).toEqual(c.tags);
  });
});
