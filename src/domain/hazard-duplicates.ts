// When a new hazard is probably one already logged: the same enterprise (the same registered one, or the same
// name once folded) and the same description once folded, still open, logged within the last 7 days. Pure.

import { CLOSED, type HazardStatus, WITHDRAWN } from "./hazard-lifecycle";
import { foldName } from "./names";

export const DUPLICATE_WINDOW_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The earliest logging time (ms) a hazard may have to count as a duplicate of one logged at `now`. */
export function duplicateSince(now: number): number {
  return now - DUPLICATE_WINDOW_DAYS * DAY_MS;
}

/** A description as compared: width, spaces, case and the punctuation people add or leave out do not matter. */
export function foldDescription(text: string): string {
  return foldName(text).replace(/[，,。.、；;：:！!？?“”"「」‘’'（）()\-—…·]/g, "");
}

export interface DuplicateCandidate {
  enterpriseId: number | null;
  enterpriseName: string;
  description: string;
  status: HazardStatus;
  createdAt: number;
}

export function isDuplicate(
  fresh: { enterpriseId: number | null; enterpriseName: string; description: string },
  old: DuplicateCandidate,
  now: number,
): boolean {
  if (old.status === CLOSED || old.status === WITHDRAWN) return false;
  if (old.createdAt < duplicateSince(now)) return false;
  const sameEnterprise =
    (fresh.enterpriseId !== null && fresh.enterpriseId === old.enterpriseId) ||
    foldName(fresh.enterpriseName) === foldName(old.enterpriseName);
  return sameEnterprise && foldDescription(fresh.description) === foldDescription(old.description);
}
