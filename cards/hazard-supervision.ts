// The 督办 part of a hazard's card: the standing posting with its clock in words, every posting made (withdrawn
// ones with why), and the flag on a 重大 hazard from 部门检查 that has waited too long for one. Pure.
import { SUPERVISION_LEVELS } from "../src/domain/hazard-lifecycle";
import {
  awaitsPosting,
  clockText,
  MUST_POST_WITHIN_DAYS,
  type Posting,
  supervisionStanding,
} from "../src/domain/supervision-clock";
import { daysBetween } from "../src/domain/time";

/** A posting as the card shows it: the clock's fields, and why it was withdrawn. */
export interface PostingView extends Posting {
  withdrawReason: string | null;
}

export interface SupervisionInput {
  hazard: {
    level: string;
    source: string;
    foundOn: string;
    status: string;
    progressMetOn: string | null;
    /** the day it was closed or withdrawn (YYYY-MM-DD): the clock stops there */
    stoppedOn: string | null;
  };
  postings: PostingView[];
  today: string;
  /** names by open_id */
  names: Map<string, string>;
}

/** Postings listed at most on a card (the latest): each is a line, and the card has a budget. */
export const MAX_POSTINGS_SHOWN = 8;

/** The 督办 field's value: the standing posting and its clock, or that none stands (and whether one should). */
export function supervisionSummary(s: SupervisionInput): string | null {
  const standing = supervisionStanding(s.postings, s.hazard.progressMetOn, s.today, s.hazard.stoppedOn);
  if (standing) {
    const p = standing.posting;
    return `${p.level}挂牌督办（${p.doc}，${p.postedOn}），实质进展期限 ${p.dueOn}：${clockText(standing.clock)}`;
  }
  if (awaitsPosting(s.hazard, false, s.today)) {
    const days = daysBetween(s.hazard.foundOn, s.today);
    return `未挂牌督办：部门检查发现的重大隐患，发现已 ${days} 天（超过 ${MUST_POST_WITHIN_DAYS} 天），应当挂牌督办`;
  }
  if (s.postings.length > 0) return "无（督办已全部撤销）";
  return null;
}

/** Every posting, oldest first (the latest MAX_POSTINGS_SHOWN when there are more), one line each. */
export function postingLines(s: SupervisionInput, clip: (text: string) => string): string[] {
  if (s.postings.length < 2 && s.postings.every((p) => p.withdrawnAt === null)) return [];
  const shown = s.postings.slice(-MAX_POSTINGS_SHOWN);
  const lines = shown.map((p) => {
    const who = s.names.get(p.postedBy) ?? p.postedBy;
    const base = `${p.postedOn}　${p.level}（${clip(p.doc)}），期限 ${p.dueOn}，${clip(who)} 登记`;
    return p.withdrawnAt === null ? base : `${base}；已撤销：${clip(p.withdrawReason ?? "")}`;
  });
  const more = s.postings.length > shown.length ? `，显示最近 ${shown.length} 次` : "";
  return [
    `督办记录（共 ${s.postings.length} 次${more}，现行的是最高层级：${SUPERVISION_LEVELS.join(" < ")}）`,
    ...lines,
  ];
}
