// The demo company's market-information archive (市场信息档案, seed S1:37-49): a handful of
// records per county, city and province, each reported by the unit's planner through a
// standard form (制式表单) or an instant report (即时上报), some audited (稽核) by the
// reviewer above. Deterministic: derived from the dataset's order, no random stream; ids
// are uuid v5 of the unit's code and the record's number. Competitor names are invented.
//
// Per county (26): 我方销售 of a spec at its first core terminal (October 2026, VERIFIED by
// the city's reviewer), a 竞品促销 over 国庆 2026 at that terminal (PENDING), and 竞品销售 for
// Q3 2026 (PENDING; REJECTED with a reason at every fifth county). Per city (8): 经销商销售 of
// its first county's level-1 distributor (October 2026, VERIFIED by the province's reviewer)
// and 媒体投放监测 of a competitor's outdoor boards (PENDING). Per province (3): 地方政策
// (PENDING) and 经济消费 (VERIFIED by HQ's reviewer). 100 records: 37 verified, 5 rejected,
// 58 pending.
import type { Prisma } from "../../generated/client/index.js";
import type { DemoDataset } from "./dataset.js";
import { demoId } from "./ids.js";

export const DEMO_COMPETITORS = ["古岭春酒业", "泸峰大曲", "汾源老窖", "湘醇酒业"] as const;
const PROMOTIONS = [
  ["买赠", "国庆期间买一箱赠两瓶同款，终端另返现金50元/箱"],
  ["特价", "国庆期间整箱特价，较平日零售价下调12%"],
  ["陈列奖励", "端架陈列满一个月奖励终端300元，附带堆头物料"],
  ["品鉴会", "在县城酒店举办三场品鉴会，每场约40位团购客户"],
] as const;
const POLICY = [
  ["省市场监管局", "节日期间加强酒类商品标价和促销检查，禁止虚假折扣", "NEUTRAL"],
  ["省商务厅", "发放家电及餐饮消费券，带动宴席消费", "POSITIVE"],
  ["省纪委", "重申公务接待禁酒规定，团购渠道需求下降", "NEGATIVE"],
] as const;
const ECONOMY = [
  ["SPENDING_POWER", "社会消费品零售总额同比增速", "4.2"],
  ["MACRO_ECONOMY", "地区生产总值同比增速", "5.1"],
  ["CONSUMPTION_HABITS", "宴席市场次高端价位(300-500元)占比", "36.5"],
] as const;
/** Every fifth county's competitor-sales figure did not match the distributor's shipments. */
export const DEMO_REJECTION_REASON = "与经销商出货数据不符，请核实后重报";

const at = new Date("2026-11-15T00:00:00.000Z");

/** volume × price, both exact (price at two places), as decimal text at two places. */
function times(price: string, volume: number): string {
  const fen = BigInt(price.replace(".", "")) * BigInt(volume);
  const text = fen.toString().padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

const shortName = (nameZh: string) => nameZh.replace(/(市场部|办事处|分公司)$/, "");

export function buildDemoMarketInfo(dataset: DemoDataset): Prisma.MarketInfoRecordCreateManyInput[] {
  const userId = (login: string): string => {
    const user = dataset.users.find((candidate) => candidate.login === login);
    if (!user) throw new Error(`the demo has no login ${login}`);
    return user.id;
  };
  const unitById = new Map(dataset.orgUnits.map((unit) => [unit.id!, unit]));
  const parentCode = (unit: { parentId?: string | null }) => unitById.get(unit.parentId ?? "")?.code.toLowerCase() ?? "hq";
  const rows: Prisma.MarketInfoRecordCreateManyInput[] = [];
  const add = (
    unit: { code: string },
    n: number,
    row: Omit<Prisma.MarketInfoRecordCreateManyInput, "id" | "orgUnitId" | "createdAt" | "updatedAt">,
  ) =>
    rows.push({
      id: demoId("MarketInfoRecord", `${unit.code}:${n}`),
      orgUnitId: dataset.orgUnits.find((candidate) => candidate.code === unit.code)!.id!,
      createdAt: at,
      updatedAt: at,
      ...row,
    });
  const verified = (login: string, reason: string | null = null) => ({
    auditStatus: "VERIFIED" as const,
    auditedById: userId(login),
    auditedAt: at,
    auditReason: reason,
  });
  const specs = dataset.productSpecs;

  dataset.orgUnits
    .filter((unit) => unit.level === "COUNTY")
    .forEach((county, index) => {
      const name = shortName(county.nameZh);
      const planner = userId(`${county.code.toLowerCase()}.planner`);
      const core = dataset.terminals.find((terminal) => terminal.countyId === county.id && terminal.isCore)!;
      const spec = specs[index % specs.length]!;
      const competitor = DEMO_COMPETITORS[index % DEMO_COMPETITORS.length]!;
      const volume = 20 + ((index * 7) % 30);
      add(county, 1, {
        type: "OWN_SALES",
        periodType: "MONTH",
        year: 2026,
        periodIndex: 10,
        source: "STANDARD_FORM",
        reporterId: planner,
        title: `${name}10月核心终端${spec.nameZh.split(" ")[0]}销量`,
        productSpecId: spec.id!,
        terminalId: core.id!,
        payload: { amount: times(String(spec.unitPrice), volume), volume: `${volume}.00`, volumeUnit: "箱" },
        ...verified(`${parentCode(county)}.reviewer`),
      });
      const [promotionType, details] = PROMOTIONS[index % PROMOTIONS.length]!;
      add(county, 2, {
        type: "COMPETITOR_PROMOTION",
        periodType: "HOLIDAY",
        year: 2026,
        holidayName: "国庆",
        source: "INSTANT_REPORT",
        reporterId: planner,
        title: `${competitor}国庆${promotionType}（${core.name}）`,
        competitorName: competitor,
        productSpecId: spec.id!,
        terminalId: core.id!,
        payload: {
          competitorProduct: `${competitor.slice(0, 3)}·${["窖藏", "珍品", "十年", "红标"][index % 4]}`,
          promotionType,
          details,
          startsOn: "2026-09-28",
          endsOn: "2026-10-07",
          estimatedSpend: `${(6 + (index % 5) * 2) * 1000}.00`,
        },
      });
      const competitorVolume = 300 + ((index * 53) % 400);
      add(county, 3, {
        type: "COMPETITOR_SALES",
        periodType: "QUARTER",
        year: 2026,
        periodIndex: 3,
        source: "STANDARD_FORM",
        reporterId: planner,
        title: `${competitor}三季度在${name}销量`,
        competitorName: competitor,
        payload: { volume: `${competitorVolume}.00`, volumeUnit: "箱", retailPrice: `${168 + (index % 4) * 30}.00` },
        ...(index % 5 === 4
          ? {
              auditStatus: "REJECTED" as const,
              auditedById: userId(`${parentCode(county)}.reviewer`),
              auditedAt: at,
              auditReason: DEMO_REJECTION_REASON,
            }
          : {}),
      });
    });

  dataset.orgUnits
    .filter((unit) => unit.level === "CITY")
    .forEach((city, index) => {
      const name = shortName(city.nameZh);
      const planner = userId(`${city.code.toLowerCase()}.planner`);
      const firstCounty = dataset.orgUnits.find((unit) => unit.parentId === city.id)!;
      const distributor = dataset.distributors.find(
        (candidate) => candidate.countyId === firstCounty.id && candidate.level === 1,
      )!;
      const ownVolume = 120 + ((index * 37) % 200);
      add(city, 1, {
        type: "DISTRIBUTOR_SALES",
        periodType: "MONTH",
        year: 2026,
        periodIndex: 10,
        source: "STANDARD_FORM",
        reporterId: planner,
        title: `${distributor.name}10月进销`,
        competitorName: DEMO_COMPETITORS[index % DEMO_COMPETITORS.length]!,
        payload: {
          distributorName: distributor.name,
          ownVolume: `${ownVolume}.00`,
          ownAmount: times("360.00", ownVolume),
          competitorVolume: `${80 + ((index * 29) % 150)}.00`,
          developments: "经销商新增两辆配送车，乡镇网点覆盖扩大",
        },
        ...verified(`${parentCode(city)}.reviewer`),
      });
      const competitor = DEMO_COMPETITORS[(index + 1) % DEMO_COMPETITORS.length]!;
      add(city, 2, {
        type: "MEDIA_MONITORING",
        periodType: "MONTH",
        year: 2026,
        periodIndex: 10,
        source: "INSTANT_REPORT",
        reporterId: planner,
        title: `${competitor}${name}户外广告投放`,
        competitorName: competitor,
        payload: {
          brand: competitor,
          medium: "OUTDOOR",
          outlet: `${name}主干道候车亭`,
          placements: 12 + index * 2,
          spend: `${(18 + index * 3) * 1000}.00`,
          note: "报样及近景远景照片已存档",
        },
      });
    });

  dataset.orgUnits
    .filter((unit) => unit.level === "PROVINCE")
    .forEach((province, index) => {
      const name = shortName(province.nameZh);
      const planner = userId(`${province.code.toLowerCase()}.planner`);
      const [issuer, summary, impact] = POLICY[index % POLICY.length]!;
      add(province, 1, {
        type: "LOCAL_POLICY",
        periodType: "YEAR",
        year: 2026,
        source: "INSTANT_REPORT",
        reporterId: planner,
        title: `${name}：${summary.slice(0, 12)}`,
        payload: { issuer: `${name}${issuer.slice(1)}`, summary, impact, effectiveOn: "2026-09-01" },
      });
      const [topic, indicator, value] = ECONOMY[index % ECONOMY.length]!;
      add(province, 2, {
        type: "ECONOMY",
        periodType: "YEAR",
        year: 2026,
        source: "STANDARD_FORM",
        reporterId: planner,
        title: `${name}${indicator}`,
        payload: { topic, indicator, value: `${value}000`, valueUnit: "%", summary: `${name}${indicator}为${value}%` },
        ...verified("hq.reviewer"),
      });
    });

  return rows;
}
