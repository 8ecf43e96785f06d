// Checks what people type or fill in for a hazard (required fields, lengths, dates, choices) before anything
// is written, and says in Chinese what to fix. Names of units and sectors are resolved later, against the DB.
import { parseDate, parsePastDate } from "./dates";
import {
  DEFAULT_LEVEL,
  DEFAULT_SOURCE,
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  type HazardLevel,
  type HazardSource,
  SUPERVISION_LEVELS,
  type SupervisionLevel,
} from "./hazard-lifecycle";

/** Free text (描述, 措施, notes, 意见) may run to 1,000 characters; names and 文号 are short. */
export const TEXT_MAX = 1000;
export const NAME_MAX = 100;

export const HAZARD_FIELDS = [
  "unit",
  "enterprise",
  "sector",
  "description",
  "measures",
  "deadline",
  "source",
  "level",
  "found",
] as const;
export type HazardField = (typeof HAZARD_FIELDS)[number];
export type HazardFields = Partial<Record<HazardField, string>>;

export const FIELD_LABELS: Record<HazardField, string> = {
  unit: "单位",
  enterprise: "企业",
  sector: "领域",
  description: "描述",
  measures: "措施",
  deadline: "期限",
  source: "来源",
  level: "等级",
  found: "发现日期",
};

/** Every field but 来源, 等级 and 发现日期, which have defaults (部门检查, 重大, the logging day). */
export const REQUIRED_FIELDS: readonly HazardField[] = HAZARD_FIELDS.filter(
  (f) => f !== "source" && f !== "level" && f !== "found",
);

/** The keys of `/隐患 新增`, with the short forms people use. */
const KEY_TO_FIELD: Readonly<Record<string, HazardField>> = {
  单位: "unit",
  部门: "unit",
  村居: "unit",
  企业: "enterprise",
  项目: "enterprise",
  领域: "sector",
  行业: "sector",
  描述: "description",
  措施: "measures",
  期限: "deadline",
  来源: "source",
  等级: "level",
  发现日期: "found",
  发现: "found",
};

/** Every key `/隐患 新增` reads, for values with spaces. */
export const HAZARD_KEYS: readonly string[] = Object.keys(KEY_TO_FIELD);

export function fieldForKey(key: string): HazardField | undefined {
  return Object.hasOwn(KEY_TO_FIELD, key) ? KEY_TO_FIELD[key] : undefined;
}

export interface CheckedHazard {
  unit?: string;
  enterprise?: string;
  sector?: string;
  description?: string;
  measures?: string;
  /** YYYY-MM-DD */
  deadline?: string;
  source: HazardSource;
  level: HazardLevel;
  /** 发现日期, YYYY-MM-DD; absent: the day it is logged */
  found?: string;
}

export interface HazardCheck {
  values: CheckedHazard;
  /** required fields not given */
  missing: HazardField[];
  /** given but wrong: each a sentence saying what to fix */
  problems: string[];
  /** the fields those problems are about, left out of `values` */
  refused: HazardField[];
  /** accepted, but worth saying (a deadline already past) */
  warnings: string[];
}

export interface CheckOptions {
  /** YYYY-MM-DD in APP_TIMEZONE */
  today: string;
  /** typed `描述=` with nothing is a mistake; an empty form field is just not filled in */
  emptyIs: "problem" | "missing";
  /** 专项开始 (YYYY-MM-DD): a 发现日期 before it is accepted with a warning */
  campaignStart?: string | null;
}

function length(text: string): number {
  return [...text].length;
}

/** A problem sentence when the text is too long, else null. */
export function tooLong(label: string, text: string, max: number): string | null {
  const n = length(text);
  return n > max ? `${label}太长：${n} 个字，最多 ${max} 个字。` : null;
}

/** The allowed choice the text names, or a sentence saying which ones are allowed. */
export function pick<T extends string>(label: string, text: string, allowed: readonly T[]): T | string {
  const wanted = text.normalize("NFKC").trim();
  const found = allowed.find((a) => a === wanted);
  return found ?? `${label}「${text}」不对：只能是 ${allowed.join("、")}。`;
}

export function checkHazardFields(raw: HazardFields, o: CheckOptions): HazardCheck {
  const values: CheckedHazard = { source: DEFAULT_SOURCE, level: DEFAULT_LEVEL };
  const missing: HazardField[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const refused: HazardField[] = [];
  const refuse = (field: HazardField, problem: string) => {
    problems.push(problem);
    refused.push(field);
  };
  for (const field of HAZARD_FIELDS) {
    const given = raw[field];
    const text = given?.trim() ?? "";
    const label = FIELD_LABELS[field];
    if (text === "") {
      if (given !== undefined && o.emptyIs === "problem") refuse(field, `${label}不能为空。`);
      else if (REQUIRED_FIELDS.includes(field)) missing.push(field);
      continue;
    }
    const max = field === "description" || field === "measures" ? TEXT_MAX : NAME_MAX;
    const long = tooLong(label, text, max);
    if (long) {
      refuse(field, long);
      continue;
    }
    switch (field) {
      case "deadline": {
        const date = parseDate(text, { today: o.today, looking: "ahead" });
        if (!date.ok) refuse(field, `期限：${date.error}`);
        else {
          values.deadline = date.date;
          if (date.date < o.today) warnings.push(`期限 ${date.date} 已经过去，登记后即为超期。`);
        }
        break;
      }
      case "found": {
        const date = parsePastDate(text, o.today);
        if (!date.ok) refuse(field, `发现日期：${date.error}`);
        else {
          values.found = date.date;
          if (o.campaignStart && date.date < o.campaignStart)
            warnings.push(`发现日期 ${date.date} 在专项开始（${o.campaignStart}）之前，请核对。`);
        }
        break;
      }
      case "source": {
        const source = pick("来源", text, HAZARD_SOURCES);
        if ((HAZARD_SOURCES as readonly string[]).includes(source)) values.source = source as HazardSource;
        else refuse(field, source);
        break;
      }
      case "level": {
        const level = pick("等级", text, HAZARD_LEVELS);
        if ((HAZARD_LEVELS as readonly string[]).includes(level)) values.level = level as HazardLevel;
        else refuse(field, level);
        break;
      }
      default:
        values[field] = text;
    }
  }
  return { values, missing, problems, refused, warnings };
}

/** A note after a hazard's number (进展, 意见): verbatim, at most TEXT_MAX; null when fine. */
export function noteProblem(label: string, text: string, required: boolean): string | null {
  if (required && text.trim() === "") return `${label}不能为空。`;
  return tooLong(label, text, TEXT_MAX);
}

/** `YH-2023-0007`, also typed in lower case, full width or without the padding (yh-2023-7). */
export function parseHazardNumber(text: string): string | null {
  const match = /^YH-(\d{4})-(\d{1,6})$/.exec(text.normalize("NFKC").trim().toUpperCase());
  if (!match) return null;
  return `YH-${match[1]}-${match[2]!.padStart(4, "0")}`;
}

export interface SupervisionInput {
  level: SupervisionLevel;
  doc: string;
  /** YYYY-MM-DD */
  date: string;
}

/** 督办's arguments: 层级 and 文号 required, 日期 defaults to today. */
export function checkSupervision(
  raw: { level?: string | undefined; doc?: string | undefined; date?: string | undefined },
  o: { today: string },
): { ok: true; value: SupervisionInput } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const levelText = raw.level?.trim() ?? "";
  let level: SupervisionLevel | undefined;
  if (levelText === "") problems.push(`缺少层级：写 层级=${SUPERVISION_LEVELS.join("/")}。`);
  else {
    const picked = pick("层级", levelText, SUPERVISION_LEVELS);
    if ((SUPERVISION_LEVELS as readonly string[]).includes(picked)) level = picked as SupervisionLevel;
    else problems.push(picked);
  }
  const doc = raw.doc?.trim() ?? "";
  if (doc === "") problems.push("缺少文号：写 文号=督办文件的名称及文号。");
  else {
    const long = tooLong("文号", doc, NAME_MAX);
    if (long) problems.push(long);
  }
  let date = o.today;
  if (raw.date !== undefined) {
    const parsed = parseDate(raw.date, { today: o.today, looking: "back" });
    if (parsed.ok) date = parsed.date;
    else problems.push(`日期：${parsed.error}`);
  }
  if (problems.length > 0 || level === undefined) return { ok: false, problems };
  return { ok: true, value: { level, doc, date } };
}
