// The 附件3 ledger's rows as the form writes them (序号 … 整改进展), from a hazard, its 督办 postings and its
// history, as on a given day: a month's ledger shows each hazard as it stood at the month's end. Pure.
import type { HazardLevel, HazardSource, HazardStatus, SupervisionLevel } from "./hazard-lifecycle";
import { levelRank } from "./supervision-clock";
import { dateIn } from "./time";

/** The form's nine columns, in order, word for word (seed 附件3). */
export const FORM3_COLUMNS = [
  "序号",
  "部门/村居",
  "企业（项目）",
  "所属行业领域",
  "重大隐患描述",
  "整改措施",
  "督办层级，文件名称及文号",
  "整改期限",
  "整改进展",
] as const;

export const FORM3_TITLE = "高兴镇安全生产重大事故隐患排查整治台账";

export interface Form3Event {
  at: number;
  kind: string;
  note: string | null;
  toStatus: string | null;
  actor: string;
  /** the member's name; null for someone not bound (an admin from ADMIN_OPEN_IDS): named by the caller */
  actorName: string | null;
}

export interface Form3Posting {
  level: SupervisionLevel;
  doc: string;
  postedOn: string;
}

export interface Form3Hazard {
  id: number;
  number: string;
  unitId: number;
  unitName: string;
  enterpriseName: string;
  sectorId: number;
  sectorName: string;
  description: string;
  measures: string;
  deadline: string;
  originalDeadline: string | null;
  source: HazardSource;
  level: HazardLevel;
  foundOn: string;
  status: HazardStatus;
  /** postings not withdrawn, in the order made */
  postings: Form3Posting[];
  /** created, progress, rectified, closed, returned, restored: oldest first */
  events: Form3Event[];
}

/** One row of the form, as text. */
export interface Form3Row {
  number: string;
  unit: string;
  enterprise: string;
  sector: string;
  description: string;
  measures: string;
  supervision: string;
  deadline: string;
  progress: string;
  /** the status on the day, for the card's counts */
  status: HazardStatus;
  /** 发现日期, for the card's order */
  foundOn: string;
}

/** The day the ledger is as of, and its last moment (ms) in APP_TIMEZONE. */
export interface AsOf {
  day: string;
  endMs: number;
  timeZone: string;
}

/** Every posting made by the day, highest level first (then the earlier first): "县级：…；镇级：…". */
export function supervisionCell(postings: readonly Form3Posting[], day: string): string {
  return postings
    .filter((p) => p.postedOn <= day)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => levelRank(b.p.level) - levelRank(a.p.level) || a.i - b.i)
    .map(({ p }) => `${p.level}：${p.doc}`)
    .join("；");
}

/** The 期限, with the original one beside it when it was extended. */
export function deadlineCell(deadline: string, originalDeadline: string | null): string {
  return originalDeadline !== null && originalDeadline !== deadline
    ? `${deadline}（原期限 ${originalDeadline}，已延期）`
    : deadline;
}

const NOTE_PREFIX: Record<string, string> = {
  progress: "",
  rectified: "报整改完成：",
  returned: "验收退回：",
};

/**
 * The status on the day, from the history's status changes (a hazard logged later than the day is 待整改). Its
 * SQL twin, for counting a whole ledger without reading it, is statusBy in src/store/ledger-form.ts.
 */
export function statusOn(h: Pick<Form3Hazard, "events" | "status">, asOf: AsOf | null): HazardStatus {
  if (asOf === null) return h.status;
  let status: HazardStatus = "待整改";
  for (const e of h.events) if (e.at <= asOf.endMs && e.toStatus) status = e.toStatus as HazardStatus;
  return status;
}

/**
 * 整改进展: "已销号（日期，验收人）", else the status with the latest progress note and its date
 * ("整改中：已拆除违规线路（2023-06-20）"), else the status alone.
 */
export function progressCell(h: Form3Hazard, asOf: AsOf | null, timeZone: string): string {
  const upTo = h.events.filter((e) => asOf === null || e.at <= asOf.endMs);
  const status = statusOn(h, asOf);
  if (status === "已销号") {
    const closed = upTo.filter((e) => e.kind === "closed").at(-1);
    return closed
      ? `已销号（${dateIn(closed.at, timeZone)}，${closed.actorName ?? closed.actor}）`
      : "已销号";
  }
  const latest = upTo.filter((e) => e.kind in NOTE_PREFIX && e.note !== null && e.note.trim() !== "").at(-1);
  if (!latest) return status;
  return `${status}：${NOTE_PREFIX[latest.kind]}${latest.note!.trim()}（${dateIn(latest.at, timeZone)}）`;
}

/** The form's row for a hazard, as on the day (null: as it stands now). */
export function form3Row(h: Form3Hazard, asOf: AsOf | null, today: string, timeZone: string): Form3Row {
  return {
    number: h.number,
    unit: h.unitName,
    enterprise: h.enterpriseName,
    sector: h.sectorName,
    description: h.description,
    measures: h.measures,
    supervision: supervisionCell(h.postings, asOf?.day ?? today),
    deadline: deadlineCell(h.deadline, h.originalDeadline),
    progress: progressCell(h, asOf, timeZone),
    status: statusOn(h, asOf),
    foundOn: h.foundOn,
  };
}
