import type { Tag } from './tags.js';

/**
 * Words and phrases that signal each tag, grouped by what they say, written from
 * config/tagger/DEFINITIONS.md (not mined from the labelled data). A match is a feature for
 * the classifier, not a verdict: "listing" also appears in "a listing of products", "order"
 * in "in order to". Matched against the sentence with traditional characters simplified.
 * Two extra groups mark what usually carries no tag (share price and market value; no
 * comment), so the classifier can learn to discount the tag cues around them.
 */
const CUES: Record<Tag | 'none', Record<string, RegExp>> = {
  ipo: {
    offering: /\bIPOs?\b|initial public offering|go(?:es|ing|ne)? public|首次公开发行|\bIPO/i,
    listing: /\blist(?:ing|ed)\b|trading debut|\bdebut|first (?:day|trading)|上市|登陆|挂牌|首日/i,
    board: /STAR Market|Star Board|Sci-Tech (?:Innovation )?Board|科创板|港交所|Hong Kong (?:stock )?exchange|创业板|主板/i,
    process: /prospectus|oversubscri|allotment|offer price|subscription|cornerstone|sponsor|招股|发行价|申购|中签|辅导|上市委|过会|问询|受理|保荐|配售|募资|募集资金/i,
  },
  funding: {
    round: /\bfunding|financing|fundrais|series [A-D]\b|pre-series|\bround\b|融资|[A-D]\+?轮|天使轮|战略轮/i,
    investors: /investors?\b|\bled by\b|co-led|backed|领投|跟投|投资方|股东|注资|增资|追投|加注|注入/i,
    raise: /\brais(?:e|ed|es|ing)\b|secured .*(?:yuan|\$|dollars)|valuation|valued at|infusion|capital injection|invested (?:more )?(?:money )?in|估值|定增|向特定对象发行|募资|调达/i,
  },
  earnings: {
    revenue: /revenue|\bsales\b|营收|营业收入|收入|销售额/i,
    profit: /profit|net (?:income|loss)|\blosses?\b|margin|\bEPS\b|per share|净利|利润|亏损|扭亏|毛利率|盈利/i,
    report: /\bquarter|results|earnings|fiscal|guidance|forecast|outlook|annual report|财报|季报|年报|半年报|业绩|指引|财季|财年|季度/i,
  },
  product: {
    launch: /launch|unveil|introduc|announc|releas|roll(?:s|ed)? out|debuts? (?:its|a|the) |发布|推出|问世|亮相|首发|揭晓/i,
    volume: /\bships?\b|shipped|shipping|shipments?|\bsold\b|\bsells?\b|mass production|\bproduc(?:e|es|ed|tion)\b|\bmake\b|output|出货|发货|量产|生产|产量|交付|销量|卖出|售出/i,
    spec: /architecture|transistors?|\bHBM\d?|GDDR\d?|\d\s?nm\b|chiplet|memory|bandwidth|cores?\b|架构|晶体管|显存|工艺|制程|流片|带宽|内存|核心/i,
    roadmap: /roadmap|next[- ]gen|upcoming|successor|new (?:chip|GPU|processor|system)|路线图|下一代|新一代|新品|规划/i,
  },
  'export-control': {
    rules: /export|licen[cs]e|entity list|blacklist|trade black|\bBIS\b|Bureau of Industry|Commerce Department|Department of Commerce|出口|许可|实体清单|黑名单|管制/i,
    ban: /sanction|\bbann?(?:ed|s|ing)?\b|restrict|\bcurbs?\b|crackdown|halt purchases|compl(?:y|iant|iance)|制裁|禁令|禁止|禁售|禁用|限制|断供|封锁|解禁|合规/i,
    china: /Cyberspace Administration|\bCAC\b|customs|national security|网信办|海关|国安|安全风险/i,
  },
  partnership: {
    deal: /partner|agreement|\bdeal\b|collaborat|cooperat|joint venture|co-develop|合作|签署|签约|协议|携手|伙伴|框架/i,
    customer: /customers?\b|clients?\b|\border(?:s|ed|ing)?\b|procure|\bbuy(?:s|ing)?\b|\bbought\b|purchas|adopt|deploy|contract|stockpil|客户|订单|采购|部署|批量|中标|供应商名单|采用|订购|应用于/i,
    stake: /\binvest(?:s|ed|ing|ment)? (?:\$|up to|in)\b|equity (?:stake|investment)|\bstakes?\b|shareholder|入股|持股|投资.*公司/i,
    supply: /\bsuppl(?:y|ier|ies)\b|foundry|\bTSMC\b|\bSMIC\b|供应|代工|台积电|中芯/i,
  },
  'benchmark-comparison': {
    versus: /\bvs\.?\b|versus|compar|rival|against|relative to|相比|对比|对标|比肩|媲美/i,
    better: /outperform|faster|slower|surpass|\bbeats?\b|exceed|trail|\blag(?:s|ged)?\b|behind|on par|\bmatch|close to|approach|top-performing|first place|pace-setter|\bgap\b|超越|领先|落后|不及|不如|相当|接近|优于|超过|差距|追上|远超|更强/i,
    ratio: /\d(?:\.\d+)?\s?(?:x|×|times|-?fold)(?![A-Za-z])|\d+\s?% of\b|\b(?:twice|double|triple)\b|倍|翻番|\d+%的/i,
    measure: /benchmark|throughput|tokens?\/s|TFLOPS|petaflops|exaflops|\bTOPS\b|performance|基准|吞吐|算力|性能|跑分/i,
  },
  'power-capacity': {
    capacity: /capacity|installed|装机|容量|规模/i,
    plant: /power plant|power station|nuclear|reactor|gas turbine|\bgrid\b|\bPPA\b|power purchase|utility|generation|电站|电网|并网|发电|核电|机组|投产/i,
    scale: /gigawatts?|megawatts?|\bGW\b|\bMW\b|吉瓦|兆瓦|万千瓦|亿千瓦(?!时)/i,
  },
  'power-demand': {
    consume: /consum|electricity use|energy use|\buses?\b .* electricity|耗电|用电|能耗|电耗/i,
    demand: /demand|\bload\b|interconnection|needs? .* power|需求|负荷|缺口/i,
    energy: /\bTWh\b|terawatt|\bGWh\b|\bMWh\b|千瓦时|度电|kWh/i,
  },
  'chip-power': {
    draw: /\bTDP\b|\bTGP\b|power draw|\bdraws?\b|power consumption|\bconsumes?\b|功耗|耗电/i,
    watts: /\bwatts?\b|\d\s?W\b|\d\s?kW\b|kilowatts?|瓦|千瓦(?!时)/i,
    efficiency: /per watt|TOPS\/W|efficien|能效|每瓦/i,
    cooling: /liquid[- ]cool|air[- ]cool|cooling|thermal|液冷|风冷|散热/i,
  },
  none: {
    stock: /market (?:cap|value|valuation)|share price|shares (?:rose|fell|jumped|surged|climbed|dropped)|stock (?:rose|fell|price)|trillion|市值|股价|涨停|跌停|股王/i,
    comment: /declined to comment|did not (?:immediately )?respond|no comment|not responded|未回应|拒绝置评|置评/i,
  },
};

const GROUPS: [name: string, tag: string, re: RegExp][] = Object.entries(CUES).flatMap(([tag, groups]) =>
  Object.entries(groups).map(([name, re]) => [`#cue:${tag}:${name}`, `#cue:${tag}`, re] as [string, string, RegExp]),
);

/**
 * A feature per cue group whose words occur in `text` ("#cue:ipo:listing"), and one per tag
 * with any ("#cue:ipo"). (One alternation of all groups, scanned once, measured 5x slower
 * than these separate tests; lower-casing the text once to drop the i flag gained nothing.)
 */
export function cueFeatures(text: string): string[] {
  const out: string[] = [];
  let last = '';
  for (const [name, tag, re] of GROUPS) {
    if (!re.test(text)) continue;
    out.push(name);
    if (tag !== last) out.push((last = tag));
  }
  return out;
}

/**
 * Phrases that settle a tag by themselves, written from the definitions (an initial public
 * offering is ipo, a private placement or a financing is funding, the Entity List is export
 * control) and checked on the training sentences (every one that has them carries the tag).
 * Matched against the simplified text; a match adds the tag whatever the classifier scores.
 */
export const RULES: readonly [Tag, RegExp][] = [
  ['ipo', /initial public offering|首次公开发行/i],
  ['funding', /向特定对象发行|定增|融资/],
  ['export-control', /entity list|实体清单/i],
];

/** The tags whose RULES phrase occurs in `text` (already simplified). */
export function ruleTags(text: string): Tag[] {
  const out: Tag[] = [];
  for (const [tag, re] of RULES) if (re.test(text)) out.push(tag);
  return out;
}

