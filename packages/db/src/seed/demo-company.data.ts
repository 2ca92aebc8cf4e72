// The demo company as plain data: 金樽酒业 (Jinzun Liquor), a regional baijiu
// maker selling in Guangdong, Jiangsu and Henan. Everything the seed writes is
// derived from these constants and seeded PRNG streams, so the data never
// depends on today's date or on the order of anything else.
//
// Place names are real; company, shop and distributor names are invented.

/** The year the open plan cycle plans for; the history covers the two years before it. */
export const DEMO_PLAN_YEAR = 2027;
export const DEMO_HISTORY_YEARS: readonly number[] = [DEMO_PLAN_YEAR - 2, DEMO_PLAN_YEAR - 1];

/**
 * The demo is "as of" 2026-11-15, while the plans for 2027 are drafted: the current year's
 * actuals (sales and expenses) are loaded through October 2026, and November and December
 * are still to come (the workbench estimates them, 预估). The year before is complete.
 */
export const DEMO_ACTUALS_THROUGH = { year: DEMO_PLAN_YEAR - 1, month: 10 } as const;

/** Whether the demo has actuals for this month (every month up to DEMO_ACTUALS_THROUGH). */
export function isDemoActualMonth(year: number, month: number): boolean {
  return year < DEMO_ACTUALS_THROUGH.year || (year === DEMO_ACTUALS_THROUGH.year && month <= DEMO_ACTUALS_THROUGH.month);
}

/** The one password of every demo login (documented in docs/demo-company.md). */
export const DEMO_PASSWORD = "demo1234";

export const DEMO_COMPANY = { nameZh: "金樽酒业集团", nameEn: "Jinzun Liquor Group" } as const;

/**
 * County size: sets the revenue range, the number of terminals and of sub-distributors.
 * L = a big county-level city, S = a small rural county.
 */
export type CountyTier = "L" | "M" | "S";

export interface CountyDef {
  /** Login prefix and the code's stem: "conghua" → unit code "CONGHUA", login "conghua.planner". */
  readonly slug: string;
  readonly nameZh: string;
  /** Short name used in shop names: 从化. */
  readonly shortZh: string;
  readonly nameEn: string;
  readonly tier: CountyTier;
  /** 乡镇 planned below the county (three each). */
  readonly townships: readonly (readonly [zh: string, en: string])[];
}

export interface CityDef {
  readonly slug: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly counties: readonly CountyDef[];
}

export interface ProvinceDef {
  readonly slug: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly cities: readonly CityDef[];
}

const county = (
  slug: string,
  nameZh: string,
  shortZh: string,
  nameEn: string,
  tier: CountyTier,
  townships: readonly (readonly [string, string])[],
): CountyDef => ({ slug, nameZh, shortZh, nameEn, tier, townships });

export const DEMO_HQ = { slug: "hq", code: "HQ", nameZh: "营销总部", nameEn: "Marketing HQ" } as const;

export const DEMO_PROVINCES: readonly ProvinceDef[] = [
  {
    slug: "gd",
    nameZh: "广东省分公司",
    nameEn: "Guangdong branch",
    cities: [
      {
        slug: "gz",
        nameZh: "广州办事处",
        nameEn: "Guangzhou office",
        counties: [
          county("conghua", "从化区", "从化", "Conghua", "M", [
            ["温泉镇", "Wenquan"],
            ["良口镇", "Liangkou"],
            ["鳌头镇", "Aotou"],
          ]),
          county("zengcheng", "增城区", "增城", "Zengcheng", "L", [
            ["新塘镇", "Xintang"],
            ["石滩镇", "Shitan"],
            ["派潭镇", "Paitan"],
          ]),
          county("huadu", "花都区", "花都", "Huadu", "M", [
            ["狮岭镇", "Shiling"],
            ["花东镇", "Huadong"],
            ["炭步镇", "Tanbu"],
          ]),
        ],
      },
      {
        slug: "fs",
        nameZh: "佛山办事处",
        nameEn: "Foshan office",
        counties: [
          county("shunde", "顺德区", "顺德", "Shunde", "L", [
            ["北滘镇", "Beijiao"],
            ["乐从镇", "Lecong"],
            ["龙江镇", "Longjiang"],
          ]),
          county("nanhai", "南海区", "南海", "Nanhai", "L", [
            ["狮山镇", "Shishan"],
            ["大沥镇", "Dali"],
            ["西樵镇", "Xiqiao"],
          ]),
          county("gaoming", "高明区", "高明", "Gaoming", "S", [
            ["杨和镇", "Yanghe"],
            ["明城镇", "Mingcheng"],
            ["更合镇", "Genghe"],
          ]),
        ],
      },
      {
        slug: "zj",
        nameZh: "湛江办事处",
        nameEn: "Zhanjiang office",
        counties: [
          county("leizhou", "雷州市", "雷州", "Leizhou", "M", [
            ["客路镇", "Kelu"],
            ["杨家镇", "Yangjia"],
            ["调风镇", "Tiaofeng"],
          ]),
          county("lianjiang", "廉江市", "廉江", "Lianjiang", "M", [
            ["安铺镇", "Anpu"],
            ["石城镇", "Shicheng"],
            ["良垌镇", "Liangdong"],
          ]),
          county("wuchuan", "吴川市", "吴川", "Wuchuan", "S", [
            ["黄坡镇", "Huangpo"],
            ["塘缀镇", "Tangzhui"],
            ["长岐镇", "Changqi"],
          ]),
          county("suixi", "遂溪县", "遂溪", "Suixi", "S", [
            ["黄略镇", "Huanglue"],
            ["城月镇", "Chengyue"],
            ["洋青镇", "Yangqing"],
          ]),
        ],
      },
    ],
  },
  {
    slug: "js",
    nameZh: "江苏省分公司",
    nameEn: "Jiangsu branch",
    cities: [
      {
        slug: "nj",
        nameZh: "南京办事处",
        nameEn: "Nanjing office",
        counties: [
          county("lishui", "溧水区", "溧水", "Lishui", "M", [
            ["白马镇", "Baima"],
            ["晶桥镇", "Jingqiao"],
            ["和凤镇", "Hefeng"],
          ]),
          county("gaochun", "高淳区", "高淳", "Gaochun", "S", [
            ["桠溪镇", "Yaxi"],
            ["东坝镇", "Dongba"],
            ["固城镇", "Gucheng"],
          ]),
        ],
      },
      {
        slug: "sz",
        nameZh: "苏州办事处",
        nameEn: "Suzhou office",
        counties: [
          county("kunshan", "昆山市", "昆山", "Kunshan", "L", [
            ["周庄镇", "Zhouzhuang"],
            ["千灯镇", "Qiandeng"],
            ["张浦镇", "Zhangpu"],
          ]),
          county("changshu", "常熟市", "常熟", "Changshu", "L", [
            ["梅李镇", "Meili"],
            ["海虞镇", "Haiyu"],
            ["支塘镇", "Zhitang"],
          ]),
          county("zhangjiagang", "张家港市", "张家港", "Zhangjiagang", "L", [
            ["塘桥镇", "Tangqiao"],
            ["锦丰镇", "Jinfeng"],
            ["乐余镇", "Leyu"],
          ]),
          county("taicang", "太仓市", "太仓", "Taicang", "M", [
            ["沙溪镇", "Shaxi"],
            ["浏河镇", "Liuhe"],
            ["璜泾镇", "Huangjing"],
          ]),
        ],
      },
      {
        slug: "xz",
        nameZh: "徐州办事处",
        nameEn: "Xuzhou office",
        counties: [
          county("pizhou", "邳州市", "邳州", "Pizhou", "M", [
            ["官湖镇", "Guanhu"],
            ["碾庄镇", "Nianzhuang"],
            ["土山镇", "Tushan"],
          ]),
          county("xinyi", "新沂市", "新沂", "Xinyi", "M", [
            ["窑湾镇", "Yaowan"],
            ["棋盘镇", "Qipan"],
            ["时集镇", "Shiji"],
          ]),
          county("peixian", "沛县", "沛县", "Peixian", "S", [
            ["龙固镇", "Longgu"],
            ["杨屯镇", "Yangtun"],
            ["敬安镇", "Jing'an"],
          ]),
        ],
      },
    ],
  },
  {
    slug: "ha",
    nameZh: "河南省分公司",
    nameEn: "Henan branch",
    cities: [
      {
        slug: "zz",
        nameZh: "郑州办事处",
        nameEn: "Zhengzhou office",
        counties: [
          county("xinzheng", "新郑市", "新郑", "Xinzheng", "L", [
            ["龙湖镇", "Longhu"],
            ["薛店镇", "Xuedian"],
            ["孟庄镇", "Mengzhuang"],
          ]),
          county("dengfeng", "登封市", "登封", "Dengfeng", "M", [
            ["告成镇", "Gaocheng"],
            ["大金店镇", "Dajindian"],
            ["颍阳镇", "Yingyang"],
          ]),
          county("zhongmou", "中牟县", "中牟", "Zhongmou", "M", [
            ["官渡镇", "Guandu"],
            ["狼城岗镇", "Langchenggang"],
            ["韩寺镇", "Hansi"],
          ]),
          county("gongyi", "巩义市", "巩义", "Gongyi", "M", [
            ["回郭镇", "Huiguo"],
            ["竹林镇", "Zhulin"],
            ["米河镇", "Mihe"],
          ]),
        ],
      },
      {
        slug: "ly",
        nameZh: "洛阳办事处",
        nameEn: "Luoyang office",
        counties: [
          county("yanshi", "偃师区", "偃师", "Yanshi", "M", [
            ["顾县镇", "Guxian"],
            ["缑氏镇", "Goushi"],
            ["府店镇", "Fudian"],
          ]),
          county("mengjin", "孟津区", "孟津", "Mengjin", "S", [
            ["会盟镇", "Huimeng"],
            ["平乐镇", "Pingle"],
            ["白鹤镇", "Baihe"],
          ]),
          county("yichuan", "伊川县", "伊川", "Yichuan", "S", [
            ["鸣皋镇", "Minggao"],
            ["白沙镇", "Baisha"],
            ["彭婆镇", "Pengpo"],
          ]),
        ],
      },
    ],
  },
];

// ───────────────────────────── products ─────────────────────────────

export interface ProductLineDef {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export type DemoChannelCode = "RETAIL" | "CATERING" | "GROUP_BUY" | "DISTRIBUTION";

export interface ProductSpecDef {
  readonly code: string;
  readonly lineCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Price and cost per case (箱), in 元 as exact decimal strings. */
  readonly unitPrice: string;
  readonly unitCost: string;
  readonly launchedOn: string;
  /** Share of a county's revenue, in per-mille (the specs sum to 1000). */
  readonly revenueShare: number;
  /** The channels this spec sells through, with their per-mille shares of its revenue (sum 1000). */
  readonly channels: Readonly<Partial<Record<DemoChannelCode, number>>>;
}

export const DEMO_PRODUCT_LINES: readonly ProductLineDef[] = [
  { code: "JZ", nameZh: "金樽系列（高端）", nameEn: "Jinzun (premium)" },
  { code: "ZP", nameZh: "樽品系列（中端）", nameEn: "Zunpin (mid-range)" },
  { code: "DZ", nameZh: "大众光瓶系列", nameEn: "Everyday (plain bottle)" },
];

export const DEMO_PRODUCT_SPECS: readonly ProductSpecDef[] = [
  {
    code: "JZ-30Y-500",
    lineCode: "JZ",
    nameZh: "金樽·三十年 52度 500ml×6",
    nameEn: "Jinzun 30-year 52% 500ml×6",
    unitPrice: "7680.00",
    unitCost: "2304.00",
    launchedOn: "2019-09-01",
    revenueShare: 80,
    channels: { GROUP_BUY: 650, RETAIL: 350 },
  },
  {
    code: "JZ-15Y-500",
    lineCode: "JZ",
    nameZh: "金樽·十五年 52度 500ml×6",
    nameEn: "Jinzun 15-year 52% 500ml×6",
    unitPrice: "3480.00",
    unitCost: "1218.00",
    launchedOn: "2018-03-01",
    revenueShare: 120,
    channels: { GROUP_BUY: 500, RETAIL: 500 },
  },
  {
    code: "JZ-CANG-500",
    lineCode: "JZ",
    nameZh: "金樽·典藏 46度 500ml×6",
    nameEn: "Jinzun Reserve 46% 500ml×6",
    unitPrice: "2160.00",
    unitCost: "864.00",
    launchedOn: "2020-08-15",
    revenueShare: 140,
    channels: { GROUP_BUY: 350, RETAIL: 650 },
  },
  {
    code: "ZP-BLUE-500",
    lineCode: "ZP",
    nameZh: "樽品·蓝 42度 500ml×6",
    nameEn: "Zunpin Blue 42% 500ml×6",
    unitPrice: "1188.00",
    unitCost: "534.60",
    launchedOn: "2017-05-01",
    revenueShare: 140,
    channels: { RETAIL: 550, CATERING: 450 },
  },
  {
    code: "ZP-RED-500",
    lineCode: "ZP",
    nameZh: "樽品·红 42度 500ml×6",
    nameEn: "Zunpin Red 42% 500ml×6",
    unitPrice: "828.00",
    unitCost: "397.44",
    launchedOn: "2016-05-01",
    revenueShare: 120,
    channels: { RETAIL: 400, CATERING: 600 },
  },
  {
    code: "ZP-GIFT-2X500",
    lineCode: "ZP",
    nameZh: "樽品·礼盒 42度 500ml×2×4",
    nameEn: "Zunpin gift box 42% 2×500ml×4",
    unitPrice: "1056.00",
    unitCost: "475.20",
    launchedOn: "2021-09-01",
    revenueShare: 80,
    channels: { RETAIL: 600, GROUP_BUY: 400 },
  },
  {
    code: "ZP-MINI-125",
    lineCode: "ZP",
    nameZh: "樽品·小酒 42度 125ml×24",
    nameEn: "Zunpin mini 42% 125ml×24",
    unitPrice: "576.00",
    unitCost: "288.00",
    launchedOn: "2022-04-01",
    revenueShare: 60,
    channels: { RETAIL: 700, CATERING: 300 },
  },
  {
    code: "DZ-LAO-480",
    lineCode: "DZ",
    nameZh: "金樽老酒 光瓶 45度 480ml×12",
    nameEn: "Jinzun Classic plain 45% 480ml×12",
    unitPrice: "360.00",
    unitCost: "216.00",
    launchedOn: "2015-01-01",
    revenueShare: 120,
    channels: { DISTRIBUTION: 700, CATERING: 300 },
  },
  {
    code: "DZ-EGT-500",
    lineCode: "DZ",
    nameZh: "金樽二锅头 50度 500ml×12",
    nameEn: "Jinzun Erguotou 50% 500ml×12",
    unitPrice: "264.00",
    unitCost: "171.60",
    launchedOn: "2015-01-01",
    revenueShare: 90,
    channels: { DISTRIBUTION: 1000 },
  },
  {
    code: "DZ-XZ-100",
    lineCode: "DZ",
    nameZh: "金樽小樽 42度 100ml×48",
    nameEn: "Jinzun Pocket 42% 100ml×48",
    unitPrice: "432.00",
    unitCost: "259.20",
    launchedOn: "2023-03-01",
    revenueShare: 50,
    channels: { DISTRIBUTION: 600, RETAIL: 400 },
  },
];

// ───────────────────────────── channels and terminals ─────────────────────────────

export interface ChannelDef {
  readonly code: DemoChannelCode;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: "TERMINAL" | "SPECIAL" | "DISTRIBUTION";
  /** Realised price vs list price, per-mille (discounts to group buyers and distributors). */
  readonly priceRealisation: number;
}

export const DEMO_CHANNELS: readonly ChannelDef[] = [
  { code: "RETAIL", nameZh: "商超及烟酒店终端", nameEn: "Retail terminals", kind: "TERMINAL", priceRealisation: 1000 },
  { code: "CATERING", nameZh: "餐饮酒店终端", nameEn: "Restaurant and hotel terminals", kind: "TERMINAL", priceRealisation: 980 },
  { code: "GROUP_BUY", nameZh: "团购", nameEn: "Group buying", kind: "SPECIAL", priceRealisation: 950 },
  { code: "DISTRIBUTION", nameZh: "经销分销", nameEn: "Distributors", kind: "DISTRIBUTION", priceRealisation: 900 },
];

export const DEMO_TERMINAL_CLASSES = [
  { code: "A", nameZh: "A类终端", nameEn: "Class A", rank: 1 },
  { code: "B", nameZh: "B类终端", nameEn: "Class B", rank: 2 },
  { code: "C", nameZh: "C类终端", nameEn: "Class C", rank: 3 },
] as const;

export type TerminalClassCode = (typeof DEMO_TERMINAL_CLASSES)[number]["code"];

/** Terminals per county by class, and sub-distributors under the county's one level-1 distributor. */
export const TIER_SHAPE: Readonly<
  Record<CountyTier, { readonly A: number; readonly B: number; readonly C: number; readonly subDistributors: number }>
> = {
  L: { A: 2, B: 4, C: 3, subDistributors: 3 },
  M: { A: 2, B: 3, C: 2, subDistributors: 2 },
  S: { A: 1, B: 2, C: 2, subDistributors: 1 },
};

/** Annual revenue of a county in the first history year, whole 元 (a PRNG picks within the range). */
export const TIER_REVENUE_YUAN: Readonly<Record<CountyTier, readonly [min: number, max: number]>> = {
  L: [32_000_000, 46_000_000],
  M: [16_000_000, 25_000_000],
  S: [7_000_000, 12_000_000],
};

// Shop names: "{county}" and "{town}" are replaced. Class A shops sit in the county town.
export const TERMINAL_NAME_PATTERNS: Readonly<
  Record<TerminalClassCode, readonly (readonly [channel: DemoChannelCode, pattern: string])[]>
> = {
  A: [
    ["RETAIL", "大润发（{county}店）"],
    ["CATERING", "{county}国际大酒店"],
    ["RETAIL", "华润万家（{county}中心店）"],
  ],
  B: [
    ["RETAIL", "{town}名烟名酒商行"],
    ["CATERING", "{town}海鲜酒家"],
    ["RETAIL", "{town}好又多超市"],
    ["CATERING", "{town}农家菜馆"],
  ],
  C: [
    ["RETAIL", "{town}便利店"],
    ["RETAIL", "{town}副食店"],
    ["RETAIL", "{town}士多店"],
  ],
};

/** Trade names picked (deterministically) for distributors. */
export const DISTRIBUTOR_TRADE_NAMES: readonly string[] = [
  "金盛",
  "鸿达",
  "恒通",
  "裕丰",
  "永泰",
  "华兴",
  "德润",
  "瑞祥",
  "顺发",
  "宏远",
  "嘉禾",
  "兴隆",
];

// ───────────────────────────── seasonality and expenses ─────────────────────────────

/**
 * Share of the year's revenue per month, in tenths of a per cent (sum 1000). Baijiu sells for the
 * Spring Festival (春节: 29 Jan 2025, 17 Feb 2026 — so the peak moves from January to February),
 * again for 中秋/国庆 in September–October, and dips in the summer heat.
 */
export const MONTHLY_REVENUE_PROFILE: Readonly<Record<number, readonly number[]>> = {
  [DEMO_PLAN_YEAR - 2]: [160, 110, 60, 60, 65, 50, 45, 50, 95, 100, 80, 125],
  [DEMO_PLAN_YEAR - 1]: [120, 160, 55, 60, 65, 50, 45, 50, 100, 95, 80, 120],
};

/**
 * How an expense item's annual amount falls over the months:
 * FLAT (1/12 each), SALES (follows the county's revenue by month), or only in the listed months.
 */
export type ExpensePattern = "FLAT" | "SALES" | readonly number[];

/** Which terminals carry a per-terminal channel cost (class weights: an A shop costs three B shops). */
export type TerminalScope = "AB" | "A";

export interface ExpenseItemPlan {
  /** Share of the county's annual expense, in basis points (all items sum to 10000). */
  readonly basisPoints: number;
  readonly pattern: ExpensePattern;
  /** Set for the channel items budgeted per terminal (domain: detailDimension TERMINAL). */
  readonly terminals?: TerminalScope;
  /** Set for the item booked per distributor (domain: detailDimension DISTRIBUTOR): a level-1 distributor earns three times a level-2 one. */
  readonly perDistributor?: true;
}

const FESTIVALS = [1, 2, 9, 10] as const;

/**
 * How a county spends, by expense item code (domain EXPENSE_ITEMS). Items missing here are not
 * spent at county level (TV and magazines are bought by HQ). Category totals: personnel 31 %,
 * office 21 %, media 9 %, channel 27 %, promotion 12 % (seed: channel and promotion are the
 * weakly controllable ones, built up per terminal).
 */
export const COUNTY_EXPENSE_PLAN: Readonly<Record<string, ExpenseItemPlan>> = {
  PERSONNEL_SALARY: { basisPoints: 1950, pattern: "FLAT" },
  PERSONNEL_WELFARE: { basisPoints: 350, pattern: [1, 2, 9] },
  PERSONNEL_INSURANCE: { basisPoints: 550, pattern: "FLAT" },
  PERSONNEL_TRAINING: { basisPoints: 150, pattern: [3, 7] },
  PERSONNEL_RECRUITMENT: { basisPoints: 100, pattern: [3, 9] },
  OFFICE_RENT: { basisPoints: 400, pattern: "FLAT" },
  OFFICE_UTILITIES: { basisPoints: 80, pattern: "FLAT" },
  OFFICE_SUPPLIES: { basisPoints: 80, pattern: "FLAT" },
  OFFICE_TELECOM: { basisPoints: 60, pattern: "FLAT" },
  OFFICE_MEETINGS: { basisPoints: 100, pattern: [1, 7, 12] },
  OFFICE_HOSPITALITY: { basisPoints: 300, pattern: "SALES" },
  OFFICE_DEPRECIATION: { basisPoints: 120, pattern: "FLAT" },
  OFFICE_BAD_DEBT: { basisPoints: 60, pattern: [12] },
  OFFICE_CONSUMABLES: { basisPoints: 50, pattern: "FLAT" },
  OFFICE_TRAVEL: { basisPoints: 300, pattern: "FLAT" },
  OFFICE_VEHICLES: { basisPoints: 250, pattern: "FLAT" },
  OFFICE_FREIGHT: { basisPoints: 200, pattern: "SALES" },
  OFFICE_TAXES: { basisPoints: 100, pattern: "SALES" },
  MEDIA_RADIO: { basisPoints: 150, pattern: FESTIVALS },
  MEDIA_NEWSPAPER: { basisPoints: 100, pattern: [1, 2, 9] },
  MEDIA_DM: { basisPoints: 150, pattern: "SALES" },
  MEDIA_VEHICLE_BODY: { basisPoints: 200, pattern: "FLAT" },
  MEDIA_OUTDOOR: { basisPoints: 300, pattern: "FLAT" },
  CHANNEL_LISTING: { basisPoints: 400, pattern: [3], terminals: "AB" },
  CHANNEL_DISPLAY: { basisPoints: 800, pattern: "FLAT", terminals: "AB" },
  CHANNEL_PROMOTER_WAGES: { basisPoints: 700, pattern: "FLAT", terminals: "A" },
  CHANNEL_CONSUMER_GIFTS: { basisPoints: 300, pattern: FESTIVALS, terminals: "AB" },
  CHANNEL_DISTRIBUTOR_REBATE: { basisPoints: 500, pattern: [12], perDistributor: true },
  PROMOTION_MATERIALS: { basisPoints: 400, pattern: "SALES" },
  PROMOTION_TEMP_PROMOTER_WAGES: { basisPoints: 400, pattern: FESTIVALS },
  PROMOTION_PREMIUMS: { basisPoints: 400, pattern: "SALES" },
};

/** A county's expense-to-revenue ratio 费用率, per-mille, drawn per county and year in this range. */
export const EXPENSE_RATIO_PERMILLE: readonly [min: number, max: number] = [165, 225];

/** Year-on-year revenue growth of a county, per-mille, drawn per county. */
export const GROWTH_PERMILLE: readonly [min: number, max: number] = [-40, 180];
