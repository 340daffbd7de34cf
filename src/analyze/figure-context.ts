// What stands right before or after a power figure and changes its meaning: a denominator
// ("per rack" makes a density; "/mK" makes thermal conductivity, not a figure at all), money
// before "a", a temperature in 度.

const S = '[\\t \\u00a0]';

/** Per length, area, mass or temperature: "0.5 W/mm²", "300 Wh/kg", "6 W/m·K", "0.8 watts per meter Kelvin". */
const PHYSICAL_DENOMINATOR = new RegExp(
  `^${S}*(?:\\/${S}*\\(?${S}*(?:m${S}*[·・.\\-*∙]?${S}*[kK](?![a-zA-Z])|(?:mm|cm|km|m|in|ft|kg|g|lb|sq|K|°C|℃)(?![a-zA-Z]))` +
    `|per${S}+(?:mm|cm|m|km|in|ft|kg|g|lb|sq|square|cubic|kilogram|gram|pound|meter|metre|kelvin|degree|°C)(?![a-zA-Z]))`,
  'u',
);

/**
 * A denominator after the unit: "/rack", " per rack", " — per rack", " / 机柜". Time
 * denominators ("/year", "per week") are read but give no `per`: energy a year is still the figure.
 */
const DENOMINATOR_AFTER = new RegExp(
  `^${S}*(?:[—–]${S}*)?(?:\\/${S}*|per${S}+|每${S}*)(?:个|台|张|块)?(?<den>[A-Za-z]+|机柜|机架|柜|卡|芯片|服务器|节点)`,
  'u',
);
/** 每机柜 20 千瓦: the denominator before the number (normalized text). 单机柜 (a single rack's) is the rack's own figure, like "a 60 kW rack". */
const DENOMINATOR_BEFORE = /每(?:个|台|张|块)?(?<den>机柜|机架|柜|卡|芯片|服务器|节点)[^\d\n。，,；;：:]{0,8}$/u;

/** Denominators a power figure is commonly given per, in singular; anything else is not reported as `per`. */
const PER: Record<string, string> = {
  rack: 'rack', cabinet: 'rack', 机柜: 'rack', 机架: 'rack', 柜: 'rack',
  server: 'server', 服务器: 'server', node: 'node', 节点: 'node', chip: 'chip', 芯片: 'chip', superchip: 'superchip',
  gpu: 'gpu', cpu: 'cpu', accelerator: 'accelerator', card: 'card', 卡: 'card', board: 'board', module: 'module',
  tray: 'tray', blade: 'blade', socket: 'socket', device: 'device', core: 'core', system: 'system', unit: 'unit', pod: 'pod',
  query: 'query', querie: 'query', prompt: 'prompt', token: 'token', request: 'request',
  household: 'household', home: 'home', capita: 'capita', person: 'person', vehicle: 'vehicle', car: 'car', turbine: 'turbine',
};
const TIME = /^(?:years?|yr|annum|months?|weeks?|days?|hours?|hr|h)$/iu;

export interface Denominator {
  per?: string;
  /** Characters the denominator phrase takes after the unit (0 when it is not part of the figure). */
  length: number;
}

/** True when what follows the unit makes the figure a physical density, not a power figure. */
export function physicalDensityAfter(after: string): boolean {
  return PHYSICAL_DENOMINATOR.test(after);
}

/** The denominator after a figure, from the normalized text that follows its unit. */
export function denominatorAfter(after: string): Denominator {
  const m = DENOMINATOR_AFTER.exec(after);
  if (!m) return { length: 0 };
  const raw = (m.groups as { den: string }).den;
  if (TIME.test(raw)) return { length: 0 };
  const word = raw.toLowerCase();
  const per = PER[word] ?? PER[word.replace(/s$/u, '')];
  return per === undefined ? { length: 0 } : { per, length: m[0].length };
}

/** The denominator written before the number (Chinese: 每机柜, 单机柜), from the normalized text before it. */
export function denominatorBefore(before: string): string | undefined {
  const m = DENOMINATOR_BEFORE.exec(before);
  return m ? PER[(m.groups as { den: string }).den] : undefined;
}

/** "cents a kWh", "$50 a MWh": "a" there means "per", not the number one. */
export function moneyBefore(before: string): boolean {
  return /(?:\d|[$€£¥¢]|\b(?:cents?|pence|dollars?|euros?|yuan|yen))[\t \u00a0]*$/iu.test(before);
}

/** 摄氏28度, 气温30度, 1度(K,C): 度 as a degree of temperature (normalized text around it). */
export function temperatureDegree(before: string, after: string): boolean {
  return /(?:摄氏|华氏|零下|温|温度|气温|温差为?)[\t \u00a0]*$/u.test(before) || /^[\t \u00a0]*[(（]?[\t \u00a0]*(?:[KC]\b|℃|°)/u.test(after);
}
