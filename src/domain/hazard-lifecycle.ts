// A hazard's life as pure rules: its states, which moves each state allows (and why not), overdue, days left,
// and the 督办 clock. No I/O, so every rule is tested directly and the commands and cards share one truth.
import { addDays, daysBetween } from "./time";

export const HAZARD_STATUSES = ["待整改", "整改中", "待验收", "已销号", "已撤销"] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** 上级检查: found by the county or above. */
export const HAZARD_SOURCES = ["企业自查", "部门检查", "上级检查", "举报"] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** The 附件4 总体情况 row a hazard's 来源 counts in: the plan's form has only these two (plus 挂牌督办). */
export type Form4FoundRow = "企业自查发现" | "部门检查发现";
export function form4RowOfSource(source: HazardSource): Form4FoundRow {
  return source === "企业自查" ? "企业自查发现" : "部门检查发现";
}
export const DEFAULT_SOURCE: HazardSource = "部门检查";

export const HAZARD_LEVELS = ["重大", "一般"] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];
/** The campaign is about major hazards: a hazard is 重大 unless said otherwise. */
export const DEFAULT_LEVEL: HazardLevel = "重大";

export const SUPERVISION_LEVELS = ["镇级", "县级", "市级"] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

/** What people do to a hazard after logging it. */
export type HazardMove = "progress" | "rectified" | "close" | "return" | "supervise";

export type MoveResult = { ok: true; to: HazardStatus } | { ok: false; reason: string };

export const CLOSED: HazardStatus = "已销号";
/** A mistaken or duplicate entry: kept and readable, but out of lists, counts and forms; its number stays used. */
export const WITHDRAWN: HazardStatus = "已撤销";

/** The statuses a hazard may be withdrawn from, and so restored to. */
export const LIVE_STATUSES: readonly HazardStatus[] = ["待整改", "整改中", "待验收", "已销号"];

export function isHazardStatus(value: string): value is HazardStatus {
  return (HAZARD_STATUSES as readonly string[]).includes(value);
}

/**
 * The status a move leads to, or why it is not allowed now. 进展 on a hazard awaiting its check is kept as a
 * note (the status stays 待验收): a photo of the finished work is still worth recording.
 */
export function nextStatus(status: HazardStatus, move: HazardMove): MoveResult {
  if (status === CLOSED) return { ok: false, reason: "这条隐患已销号，闭环了，不能再办理。" };
  if (status === WITHDRAWN) return { ok: false, reason: "这条隐患已撤销，不能再办理。" };
  switch (move) {
    case "progress":
      return { ok: true, to: status === "待整改" ? "整改中" : status };
    case "rectified":
      return status === "待验收"
        ? { ok: false, reason: "这条隐患已报整改完成，正在等待验收（销号或退回）。" }
        : { ok: true, to: "待验收" };
    case "close":
      return status === "待验收"
        ? { ok: true, to: CLOSED }
        : { ok: false, reason: `这条隐患还是「${status}」，要先报整改完成、等待验收，才能销号。` };
    case "return":
      return status === "待验收"
        ? { ok: true, to: "整改中" }
        : { ok: false, reason: `只有待验收的隐患才能退回；这条隐患现在是「${status}」。` };
    case "supervise":
      return { ok: true, to: status };
  }
}

/** Past its deadline and not closed (nor withdrawn). `today` is YYYY-MM-DD in APP_TIMEZONE. */
export function isOverdue(deadline: string, status: HazardStatus, today: string): boolean {
  return status !== CLOSED && status !== WITHDRAWN && deadline < today;
}

/** Days from today to the deadline: negative once it has passed. */
export function daysLeft(deadline: string, today: string): number {
  return daysBetween(today, deadline);
}

/** "剩 5 天" / "今天到期" / "已超期 3 天", for a date something is due by. */
export function dueText(due: string, today: string): string {
  const left = daysLeft(due, today);
  if (left > 0) return `剩 ${left} 天`;
  if (left === 0) return "今天到期";
  return `已超期 ${-left} 天`;
}

/** Days to substantive progress after 挂牌督办: county 30, city 60 (the plan); the township's is a setting. */
export function supervisionDays(level: SupervisionLevel, townshipDays: number): number {
  if (level === "县级") return 30;
  if (level === "市级") return 60;
  return townshipDays;
}

export function progressDueDate(level: SupervisionLevel, date: string, townshipDays: number): string {
  return addDays(date, supervisionDays(level, townshipDays));
}
