// 附件4 (……领域重大事故隐患专项排查整治进展情况调度表) as pure rules: its items with the seed's labels word for
// word, which come from the ledger and which a sector's department enters, their checks, and the ledger's
// figures as on a day (重大 only, cumulative from 专项开始 by 发现日期; 已撤销 and withdrawn postings never count).
import type { AsOf, Form3Hazard } from "./form3";
import { statusOn } from "./form3";
import { form4RowOfSource } from "./hazard-lifecycle";

/** A figure the department enters: 次/家/人 are whole numbers, 万元 has at most two decimals. */
export interface EnteredField {
  key: string;
  /** the words on the form card (and what `字段=值` may name) */
  label: string;
  unit: "家" | "个" | "个次" | "家次" | "次" | "人" | "人次" | "万元";
}

export const ENTERED_FIELDS = [
  { key: "enterprises", label: "行业领域企业/建设项目数量", unit: "家" },
  { key: "spotChecked", label: "抽查企业/建设项目数量", unit: "家" },
  { key: "checkedTotal", label: "抽查检查的企业总数", unit: "家" },
  { key: "noStudy", label: "企业主要负责人未按要求亲自研究排查整治工作", unit: "家" },
  { key: "noLead", label: "企业主要负责人未带队检查", unit: "家" },
  { key: "noDutyList", label: "企业未制定分管负责人职责清单", unit: "家" },
  { key: "noSafetyStaff", label: "企业未依法建立安全管理机构和配足安全管理人员", unit: "家" },
  { key: "unlicensed", label: "电焊等人员无证上岗作业", unit: "家" },
  { key: "outsourcing", label: "外包外租安全管理混乱", unit: "家" },
  { key: "noDrill", label: "未按规定开展应急演练、企业员工不熟悉逃生出口", unit: "家" },
  { key: "townGuidance", label: "重点帮扶乡镇区指导", unit: "个次" },
  { key: "enterpriseGuidance", label: "重点企业帮扶指导", unit: "家次" },
  { key: "penalties", label: "行政处罚", unit: "次" },
  { key: "penaltyAmount", label: "行政处罚", unit: "万元" },
  { key: "doublePenalty", label: "“一案双罚”", unit: "次" },
  { key: "referred", label: "移送司法机关", unit: "人" },
  { key: "suspended", label: "责令停产整顿", unit: "家" },
  { key: "exposed", label: "曝光、约谈、联合惩戒企业", unit: "家" },
  { key: "accountability", label: "责任倒查追责问责", unit: "人" },
  { key: "townsTalked", label: "约谈通报有关乡镇区", unit: "次" },
  { key: "study15", label: "组织专题学习安全生产十五条硬措施", unit: "次" },
  { key: "leaderStudy", label: "主要负责同志专题研究", unit: "次" },
  { key: "onSite", label: "负责同志现场督导检查", unit: "次" },
  { key: "lectures", label: "县安委会成员单位负责同志到企业宣讲", unit: "次" },
  { key: "reportReward", label: "举报奖励", unit: "万元" },
  { key: "anonymousReward", label: "其中匿名举报查实奖励", unit: "万元" },
  { key: "training", label: "执法人员专题培训", unit: "人次" },
  { key: "inspectors", label: "配备专兼职技术检查员数量", unit: "人" },
  { key: "reviews", label: "组织开展考核巡查督导检查", unit: "次" },
] as const satisfies readonly EnteredField[];

export type EnteredKey = (typeof ENTERED_FIELDS)[number]["key"];
export type EnteredFigures = Record<EnteredKey, number>;

/** The seven problems found on spot checks: none above 抽查检查的企业总数. */
const SPOT_PROBLEMS: EnteredKey[] = [
  "noStudy",
  "noLead",
  "noDutyList",
  "noSafetyStaff",
  "unlicensed",
  "outsourcing",
  "noDrill",
];

export function fieldOf(key: EnteredKey): EnteredField {
  return ENTERED_FIELDS.find((f) => f.key === key)!;
}

/**
 * The required figures left blank, in the form's order: a blank is never read as 0, so a report is never
 * filed without being typed (行业领域企业数量 alone may stay blank: it takes the registry's count).
 */
export function blankFields(values: Record<string, string | undefined>): EnteredField[] {
  return ENTERED_FIELDS.filter(
    (f) => f.key !== "enterprises" && (values[f.key] ?? "").normalize("NFKC").trim() === "",
  );
}

export type Checked = { ok: true; figures: EnteredFigures } | { ok: false; field: string; error: string };

/**
 * Reads the entered values (text as typed): whole non-negative numbers, 万元 with at most two decimals, each
 * 其中 not above its total, the seven spot-check problems not above 抽查检查的企业总数. 行业领域企业数量 left empty
 * takes the registry's count; any other blank is refused, every blank one named. Refusals name the field.
 */
export function checkFigures(values: Record<string, string | undefined>, registryCount: number): Checked {
  const figures = {} as EnteredFigures;
  const blank = blankFields(values);
  if (blank.length > 0) {
    const names = blank.map((f) => `「${f.label}（${f.unit}）」`).join("、");
    return {
      ok: false,
      field: blank[0]!.key,
      error:
        blank.length === 1
          ? `${names}没有填：没有就填 0`
          : `有 ${blank.length} 项没有填：${names}。每项都要填，没有就填 0`,
    };
  }
  for (const field of ENTERED_FIELDS) {
    const raw = (values[field.key] ?? "").normalize("NFKC").trim();
    if (raw === "" && field.key === "enterprises") {
      figures.enterprises = registryCount;
      continue;
    }
    const label = `${field.label}（${field.unit}）`;
    if (field.unit === "万元") {
      if (!/^\d+(\.\d{1,2})?$/.test(raw))
        return {
          ok: false,
          field: field.key,
          error: `「${label}」应是不小于 0 的数，最多两位小数：「${raw}」不对`,
        };
    } else if (!/^\d+$/.test(raw)) {
      return { ok: false, field: field.key, error: `「${label}」应是不小于 0 的整数：「${raw}」不对` };
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value > 1_000_000)
      return { ok: false, field: field.key, error: `「${label}」的数「${raw}」太大了` };
    figures[field.key] = value;
  }
  for (const key of SPOT_PROBLEMS) {
    if (figures[key] > figures.checkedTotal) {
      const f = fieldOf(key);
      return {
        ok: false,
        field: key,
        error: `「${f.label}」${figures[key]} 家，不能多于「抽查检查的企业总数」${figures.checkedTotal} 家`,
      };
    }
  }
  if (figures.anonymousReward > figures.reportReward)
    return {
      ok: false,
      field: "anonymousReward",
      error: `「其中匿名举报查实奖励」${figures.anonymousReward} 万元，不能多于「举报奖励」${figures.reportReward} 万元`,
    };
  return { ok: true, figures };
}

/** The cumulative figures that fell since last month's filing: accepted only with 确认=是. */
export function lowered(
  now: EnteredFigures,
  before: EnteredFigures | null,
): (typeof ENTERED_FIELDS)[number][] {
  if (before === null) return [];
  return ENTERED_FIELDS.filter((f) => f.key !== "enterprises" && now[f.key] < (before[f.key] ?? 0));
}

/** The ledger's part of 总体情况, as on a day. */
export interface LedgerFigures {
  selfFound: number;
  selfClosed: number;
  inspectionFound: number;
  inspectionClosed: number;
  supervised: number;
  supervisedClosed: number;
}

/**
 * 重大 hazards found from 专项开始 to the day, by 来源 (企业自查; 部门检查 with 上级检查 and 举报), and those with
 * any posting dated by the day (a subset overlapping the other two); closed: 已销号 on that day.
 */
export function ledgerFigures(hazards: readonly Form3Hazard[], since: string, asOf: AsOf): LedgerFigures {
  const f: LedgerFigures = {
    selfFound: 0,
    selfClosed: 0,
    inspectionFound: 0,
    inspectionClosed: 0,
    supervised: 0,
    supervisedClosed: 0,
  };
  for (const h of hazards) {
    if (h.level !== "重大" || h.status === "已撤销" || h.foundOn < since || h.foundOn > asOf.day) continue;
    const closed = statusOn(h, asOf) === "已销号" ? 1 : 0;
    if (form4RowOfSource(h.source) === "企业自查发现") {
      f.selfFound++;
      f.selfClosed += closed;
    } else {
      f.inspectionFound++;
      f.inspectionClosed += closed;
    }
    if (h.postings.some((p) => p.postedOn <= asOf.day)) {
      f.supervised++;
      f.supervisedClosed += closed;
    }
  }
  return f;
}

/** 公布典型执法案例 and 其中危险作业罪案例, from the cases. */
export interface CaseFigures {
  cases: number;
  crimeCases: number;
}

/** A whole 附件4 table: the ledger's figures, the cases', and the entered ones (null: not filed). */
export interface Form4Table {
  ledger: LedgerFigures;
  cases: CaseFigures;
  entered: EnteredFigures | null;
  /** the registry's count of the sector's enterprises, shown when nothing is filed */
  registryCount: number;
}

/** Sums tables (the 全镇 table): a figure not filed in one table counts 0 there. */
export function sumTables(tables: readonly Form4Table[]): Form4Table {
  const ledger: LedgerFigures = {
    selfFound: 0,
    selfClosed: 0,
    inspectionFound: 0,
    inspectionClosed: 0,
    supervised: 0,
    supervisedClosed: 0,
  };
  const entered = Object.fromEntries(ENTERED_FIELDS.map((f) => [f.key, 0])) as EnteredFigures;
  let registryCount = 0;
  for (const t of tables) {
    for (const k of Object.keys(ledger) as (keyof LedgerFigures)[]) ledger[k] += t.ledger[k];
    for (const f of ENTERED_FIELDS)
      entered[f.key] =
        Math.round(
          (entered[f.key] + (t.entered?.[f.key] ?? (f.key === "enterprises" ? t.registryCount : 0))) * 100,
        ) / 100;
    registryCount += t.registryCount;
  }
  const cases = {
    cases: tables.reduce((n, t) => n + t.cases.cases, 0),
    crimeCases: tables.reduce((n, t) => n + t.cases.crimeCases, 0),
  };
  return { ledger, cases, entered, registryCount };
}

const amount = (n: number) => n.toFixed(2);

/** The form's rows: 类别, then two (项目, 数) pairs, in the seed's order and words. */
export function form4Rows(t: Form4Table): { category: string; pairs: [string, string][] }[] {
  const e = (k: EnteredKey) => (t.entered === null ? "" : String(t.entered[k]));
  const money = (k: EnteredKey) => (t.entered === null ? "" : amount(t.entered[k]));
  const enterprises = t.entered === null ? String(t.registryCount) : String(t.entered.enterprises);
  const l = t.ledger;
  return [
    {
      category: "总体情况",
      pairs: [
        ["行业领域企业/建设项目数量（家）", enterprises],
        ["抽查企业/建设项目数量（家）", e("spotChecked")],
        ["企业自查发现的重大事故隐患（个）", String(l.selfFound)],
        ["企业自查发现重大事故隐患中已完成整治的（个）", String(l.selfClosed)],
        ["部门检查发现的重大事故隐患（个）", String(l.inspectionFound)],
        ["部门检查发现重大事故隐患中已完成整治的（个）", String(l.inspectionClosed)],
        ["挂牌督办的重大事故隐患（个）", String(l.supervised)],
        ["挂牌督办的重大事故隐患中已完成整治的（个）", String(l.supervisedClosed)],
      ],
    },
    {
      category: "对企业自查自改进行抽查检查情况",
      pairs: [
        ["抽查检查的企业总数（家）", e("checkedTotal")],
        ["企业主要负责人未按要求亲自研究排查整治工作（家）", e("noStudy")],
        ["企业主要负责人未带队检查（家）", e("noLead")],
        ["企业未制定分管负责人职责清单（家）", e("noDutyList")],
        ["企业未依法建立安全管理机构和配足安全管理人员（家）", e("noSafetyStaff")],
        ["电焊等人员无证上岗作业（家）", e("unlicensed")],
        ["外包外租安全管理混乱（家）", e("outsourcing")],
        ["未按规定开展应急演练、企业员工不熟悉逃生出口（家）", e("noDrill")],
      ],
    },
    {
      category: "帮扶和精准执法情况",
      pairs: [
        ["重点帮扶乡镇区指导（个次）", e("townGuidance")],
        ["重点企业帮扶指导（家次）", e("enterpriseGuidance")],
        ["行政处罚（次，万元）", t.entered === null ? "" : `${e("penalties")}，${money("penaltyAmount")}`],
        ["“一案双罚”（次）", e("doublePenalty")],
        ["移送司法机关（人）", e("referred")],
        ["责令停产整顿（家）", e("suspended")],
        ["曝光、约谈、联合惩戒企业（家）", e("exposed")],
        ["公布典型执法案例（个），其中危险作业罪案例（个）", `${t.cases.cases}，${t.cases.crimeCases}`],
        ["责任倒查追责问责（人）", e("accountability")],
        ["约谈通报有关乡镇区（次）", e("townsTalked")],
      ],
    },
    {
      category: "组织推动情况",
      pairs: [
        ["组织专题学习安全生产十五条硬措施（次）", e("study15")],
        ["主要负责同志专题研究（次）", e("leaderStudy")],
        ["负责同志现场督导检查（次）", e("onSite")],
        ["县安委会成员单位负责同志到企业宣讲（次）", e("lectures")],
        [
          "举报奖励（万元），其中匿名举报查实奖励（万元）",
          t.entered === null ? "" : `${money("reportReward")}，${money("anonymousReward")}`,
        ],
        ["执法人员专题培训（人次）", e("training")],
        ["配备专兼职技术检查员数量（人）", e("inspectors")],
        ["组织开展考核巡查督导检查（次）", e("reviews")],
      ],
    },
  ];
}

/** The form's 注, word for word (seed 附件4). */
export const FORM4_NOTES = [
  "注：1. 此表为各部门单位填报，除行业领域企业/建设项目数量外，其余均填报县本级相关工作数据，从5月份开始上报，每月20日上报前一个月的情况信息，相关数据为累计数。",
  "2. 调度表内容应围绕专项排查整治工作并对照方案具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出真问题。如，电气焊等人员无证上岗作业，既要通过现场检查发现问题，也要通过对企业动火等特种作业存单进行检查核实来发现问题；外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件、未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。",
  "3. 重点企业帮扶指导：指非执法检查性质的对重点企业安全生产技术或管理层面进行提升改进。",
];

/** The title with the sector filled in: 高兴镇消防领域重大事故隐患专项排查整治进展情况调度表. */
export function form4Title(sectorName: string | null): string {
  return sectorName === null
    ? "高兴镇各领域重大事故隐患专项排查整治进展情况调度表（全镇汇总）"
    : `高兴镇${sectorName}领域重大事故隐患专项排查整治进展情况调度表`;
}
