// When an unacknowledged reminder escalates, as a pure rule: after `提醒宽限工作日` workdays with nobody's
// 已知悉, to the enterprise's linked 挂点领导 and 责任干部 (stage 1), and after as many again to the admins in
// the dispatch group (stage 2). Without anyone linked, it goes straight to the group.
import { type WorkCalendar, workdaysBetween } from "./workdays";

export const DEFAULT_GRACE_WORKDAYS = 2;

/** Every item sent for one (subject, occasion), all stages together. */
export interface SentOccasion {
  /** the day the first reminders went out */
  firstSentOn: string;
  /** the day stage 1 went out, if it did */
  stage1SentOn: string | null;
  stage2Sent: boolean;
  /** anyone acknowledged it, at any stage */
  acked: boolean;
}

export type EscalationStage = 1 | 2;

export function escalationDue(
  sent: SentOccasion,
  today: string,
  graceWorkdays: number,
  calendar: WorkCalendar,
): EscalationStage | null {
  if (sent.acked || sent.stage2Sent) return null;
  if (sent.stage1SentOn !== null)
    return workdaysBetween(calendar, sent.stage1SentOn, today) >= graceWorkdays ? 2 : null;
  return workdaysBetween(calendar, sent.firstSentOn, today) >= graceWorkdays ? 1 : null;
}

/** The occasion an escalation's items carry: the original one marked with its stage. */
export function escalatedOccasion(occasion: string, stage: EscalationStage): string {
  return `${occasion}#${stage}`;
}

/** The original occasion of an item, whatever its stage. */
export function baseOccasion(occasion: string): string {
  const hash = occasion.indexOf("#");
  return hash < 0 ? occasion : occasion.slice(0, hash);
}
