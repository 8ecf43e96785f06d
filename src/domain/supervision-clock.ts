// 挂牌督办 as a history and its clock, as pure rules: which posting stands (the highest level, withdrawn ones
// aside), when substantive progress is due, and whether it was met in time, late, missed or is still running.
// The hazard card, the list, the reminders and the rhythm's rankings all read the clock from here.

import type { SupervisionLevel } from "./hazard-lifecycle";
import { daysBetween } from "./time";

/** One 督办 posting, as hazard_supervisions keeps it. */
export interface Posting {
  id: number;
  level: SupervisionLevel;
  /** 文件名称及文号 */
  doc: string;
  /** the posting's date, YYYY-MM-DD: the clock runs from it */
  postedOn: string;
  /** substantive progress due by, YYYY-MM-DD */
  dueOn: string;
  postedBy: string;
  /** ms */
  postedAt: number;
  /** ms; set when withdrawn (made by mistake): kept in the history, no longer standing */
  withdrawnAt: number | null;
}

export type ClockState =
  /** substantive progress on or before the due date */
  | { kind: "met-in-time"; metOn: string }
  /** substantive progress, `days` after the due date */
  | { kind: "met-late"; metOn: string; days: number }
  /** past the due date without substantive progress: `days` overdue (as of today, or as of closing) */
  | { kind: "missed"; days: number }
  /** not yet due: `daysLeft` to the due date (0: due today) */
  | { kind: "running"; daysLeft: number };

/** What the standing rule and the clock read of a posting (the counts select no more). */
export type PostingClockFields = Pick<Posting, "level" | "postedOn" | "dueOn" | "postedAt" | "withdrawnAt">;

export interface StandingSupervision<P extends PostingClockFields = Posting> {
  posting: P;
  level: SupervisionLevel;
  dueOn: string;
  clock: ClockState;
}

const RANK: Record<SupervisionLevel, number> = { 镇级: 1, 县级: 2, 市级: 3 };

export function levelRank(level: SupervisionLevel): number {
  return RANK[level];
}

export function isActive(p: Pick<Posting, "withdrawnAt">): boolean {
  return p.withdrawnAt === null;
}

/**
 * The posting that stands: the highest level among those not withdrawn; among several of that level, the
 * first posted (its clock started first). Null when nothing stands.
 */
export function standingPosting<P extends PostingClockFields>(postings: readonly P[]): P | null {
  let best: P | null = null;
  for (const p of postings) {
    if (!isActive(p)) continue;
    if (
      best === null ||
      RANK[p.level] > RANK[best.level] ||
      (RANK[p.level] === RANK[best.level] &&
        (p.postedOn < best.postedOn || (p.postedOn === best.postedOn && p.postedAt < best.postedAt)))
    )
      best = p;
  }
  return best;
}

/**
 * Whether substantive progress counts for a posting: it must come on or after the posting's date (the first
 * 整改完成 after a posting, or a leader's 实质进展). A 退回 does not undo it, so `progressMetOn` is kept as it is.
 */
export function metFor(posting: Pick<Posting, "postedOn">, progressMetOn: string | null): string | null {
  return progressMetOn !== null && progressMetOn >= posting.postedOn ? progressMetOn : null;
}

/**
 * The standing posting and its clock on `today` (YYYY-MM-DD). A closed hazard's clock stops on `stoppedOn`
 * (its closing day): it keeps whether it was met in time, and a miss stops counting.
 */
export function supervisionStanding<P extends PostingClockFields>(
  postings: readonly P[],
  progressMetOn: string | null,
  today: string,
  stoppedOn: string | null = null,
): StandingSupervision<P> | null {
  const posting = standingPosting(postings);
  if (posting === null) return null;
  const due = posting.dueOn;
  const met = metFor(posting, progressMetOn);
  let clock: ClockState;
  if (met !== null) {
    const late = daysBetween(due, met);
    clock = late > 0 ? { kind: "met-late", metOn: met, days: late } : { kind: "met-in-time", metOn: met };
  } else {
    const on = stoppedOn !== null && stoppedOn < today ? stoppedOn : today;
    const left = daysBetween(on, due);
    clock = left >= 0 ? { kind: "running", daysLeft: left } : { kind: "missed", days: -left };
  }
  return { posting, level: posting.level, dueOn: due, clock };
}

/** The clock in the card's words: `已于 2023-07-20 取得实质性进展（按期）`, `逾期 12 天未取得实质性进展` … */
export function clockText(clock: ClockState): string {
  switch (clock.kind) {
    case "met-in-time":
      return `已于 ${clock.metOn} 取得实质性进展（按期）`;
    case "met-late":
      return `已于 ${clock.metOn} 取得实质性进展（逾期 ${clock.days} 天）`;
    case "missed":
      return `逾期 ${clock.days} 天未取得实质性进展`;
    case "running":
      return clock.daysLeft === 0 ? "今天到期，尚未取得实质性进展" : `剩 ${clock.daysLeft} 天取得实质性进展`;
  }
}

/** Days after 发现日期 within which a 重大 hazard found by a department's inspection must be posted. */
export const MUST_POST_WITHIN_DAYS = 3;

/**
 * "执法检查中发现的重大事故隐患…一律要挂牌督办": a 重大 hazard from 部门检查 with no standing posting more than
 * 3 days after it was found (a withdrawn entry, 已撤销, is no hazard at all).
 */
export function awaitsPosting(
  h: { level: string; source: string; foundOn: string; status: string },
  hasStanding: boolean,
  today: string,
): boolean {
  return (
    h.status !== "已撤销" &&
    h.level === "重大" &&
    h.source === "部门检查" &&
    !hasStanding &&
    daysBetween(h.foundOn, today) > MUST_POST_WITHIN_DAYS
  );
}
