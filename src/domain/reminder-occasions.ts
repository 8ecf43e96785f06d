// What falls due for a hazard on a run's day, as pure rules: deadlines, overdue weeks, 督办 clocks, 验收 waits
// and 重大 部门检查 hazards still unposted. A run covers every day up to the next workday, so a Sunday deadline
// is reminded on Friday; of one family (a deadline, a posting, a 验收 wait) only its latest occasion goes out.
import { MUST_POST_WITHIN_DAYS } from "./supervision-clock";
import { addDays } from "./time";
import { type WorkCalendar, workdayOnOrAfter } from "./workdays";

/** What an item is about. Hazards today; the 十个一次 duties (`duty`) come later on the same machinery. */
export type SubjectKind = "hazard" | "duty";

export type ReminderKind =
  | "deadline-soon"
  | "deadline-day"
  | "overdue"
  | "supervision"
  | "supervision-missed"
  | "awaiting-check"
  | "awaits-posting";

/** Who an occasion is for, before routing turns it into people (./reminder-routing.ts). */
export type Audience = "unit-cadres" | "enterprise" | "sector-leaders" | "admins" | "closers";

/** The days a run covers: its own day through the day before the next workday. */
export interface RunWindow {
  today: string;
  /** the last day covered (Friday's run: Sunday) */
  horizon: string;
}

export function runWindow(calendar: WorkCalendar, today: string): RunWindow {
  return { today, horizon: addDays(workdayOnOrAfter(calendar, addDays(today, 1)), -1) };
}

/** A hazard as the reminder rules see it. */
export interface HazardFacts {
  id: number;
  number: string;
  status: string;
  level: string;
  source: string;
  deadline: string;
  foundOn: string;
  /** the standing 督办 posting and whether substantive progress was met for it */
  supervision: { key: string; dueOn: string; met: boolean } | null;
  /** the day it entered 待验收 (its latest 整改完成), when it awaits a check */
  rectifiedOn: string | null;
  /** `/提醒 暂停 … 至=` */
  pausedUntil: string | null;
}

export interface DueOccasion {
  /** `<family>|<step>`: the family (a deadline, a posting…) decides whether the item is still live */
  occasion: string;
  kind: ReminderKind;
  /** the date it is about */
  dueOn: string;
  /** the day it falls due */
  trigger: string;
  /**
   * true: a reminder ahead of a date, sent by the run whose window covers the trigger (the last workday before
   * it); false: a fact after the date (overdue, missed, waited too long), sent on the first run on or after it
   */
  ahead: boolean;
  audience: Audience[];
}

const OPEN_FOR_WORK = new Set(["待整改", "整改中"]);
const DONE = new Set(["已销号", "已撤销"]);
/** "剩余 3 天及以内" is reminded once, then on the day. */
export const SOON_DAYS = 3;
/** a 待验收 hazard waits this many workdays before those who may close it are reminded */
export const CHECK_WAIT_WORKDAYS = 3;

/** The n-th workday after `from` (not counting `from`). */
export function nthWorkdayAfter(calendar: WorkCalendar, from: string, n: number): string {
  let day = from;
  for (let i = 0; i < n; i++) day = workdayOnOrAfter(calendar, addDays(day, 1));
  return day;
}

/** The latest occasion of a family whose trigger falls within the window (earlier ones are superseded). */
function latest(steps: DueOccasion[], window: RunWindow): DueOccasion | null {
  let best: DueOccasion | null = null;
  for (const step of steps)
    if (step.trigger <= window.horizon && (!best || step.trigger >= best.trigger)) best = step;
  return best;
}

function deadlineFamily(h: HazardFacts, window: RunWindow): DueOccasion | null {
  if (!OPEN_FOR_WORK.has(h.status)) return null;
  const family = `deadline:${h.deadline}`;
  const toConcerned: Audience[] = ["unit-cadres", "enterprise"];
  const steps: DueOccasion[] = [
    {
      occasion: `${family}|soon`,
      kind: "deadline-soon",
      dueOn: h.deadline,
      trigger: addDays(h.deadline, -SOON_DAYS),
      ahead: true,
      audience: toConcerned,
    },
    {
      occasion: `${family}|day`,
      kind: "deadline-day",
      dueOn: h.deadline,
      trigger: h.deadline,
      ahead: true,
      audience: toConcerned,
    },
  ];
  // Overdue: the first day, then weekly; the week number is in the occasion so each week goes out once.
  const firstLate = addDays(h.deadline, 1);
  if (firstLate <= window.today) {
    const weeks = Math.floor((Date.parse(window.today) - Date.parse(firstLate)) / (7 * 86_400_000));
    steps.push({
      occasion: `${family}|overdue-${weeks}`,
      kind: "overdue",
      dueOn: h.deadline,
      trigger: addDays(firstLate, weeks * 7),
      ahead: false,
      audience: [...toConcerned, "sector-leaders"],
    });
  }
  return latest(steps, window);
}

function supervisionFamily(h: HazardFacts, window: RunWindow): DueOccasion | null {
  const s = h.supervision;
  if (s === null || s.met || DONE.has(h.status)) return null;
  const family = `sup:${s.key}`;
  const audience: Audience[] = ["unit-cadres", "sector-leaders", "admins"];
  const steps: DueOccasion[] = [7, 3, 0].map((before) => ({
    occasion: `${family}|${before}`,
    kind: "supervision",
    dueOn: s.dueOn,
    trigger: addDays(s.dueOn, -before),
    ahead: true,
    audience,
  }));
  steps.push({
    occasion: `${family}|missed`,
    kind: "supervision-missed",
    dueOn: s.dueOn,
    trigger: addDays(s.dueOn, 1),
    ahead: false,
    audience,
  });
  return latest(steps, window);
}

function checkFamily(h: HazardFacts, window: RunWindow, calendar: WorkCalendar): DueOccasion | null {
  if (h.status !== "待验收" || h.rectifiedOn === null) return null;
  // "more than 3 workdays": the fourth workday after it was reported rectified
  const trigger = nthWorkdayAfter(calendar, h.rectifiedOn, CHECK_WAIT_WORKDAYS + 1);
  return latest(
    [
      {
        occasion: `check:${h.rectifiedOn}|wait`,
        kind: "awaiting-check",
        dueOn: h.rectifiedOn,
        trigger,
        ahead: false,
        audience: ["closers"],
      },
    ],
    window,
  );
}

function postingFamily(h: HazardFacts, window: RunWindow): DueOccasion | null {
  if (h.level !== "重大" || h.source !== "部门检查" || h.supervision !== null || DONE.has(h.status))
    return null;
  if (h.foundOn === "") return null;
  return latest(
    [
      {
        occasion: `posting:${h.foundOn}|wait`,
        kind: "awaits-posting",
        dueOn: addDays(h.foundOn, MUST_POST_WITHIN_DAYS),
        trigger: addDays(h.foundOn, MUST_POST_WITHIN_DAYS + 1),
        ahead: false,
        audience: ["admins"],
      },
    ],
    window,
  );
}

function paused(h: HazardFacts, today: string): boolean {
  return h.pausedUntil !== null && h.pausedUntil >= today;
}

/** Everything due for a hazard in the run's window (withdrawn, closed and paused hazards: nothing). */
export function hazardOccasions(h: HazardFacts, window: RunWindow, calendar: WorkCalendar): DueOccasion[] {
  if (DONE.has(h.status) || paused(h, window.today)) return [];
  return [
    deadlineFamily(h, window),
    supervisionFamily(h, window),
    checkFamily(h, window, calendar),
    postingFamily(h, window),
  ].filter((o): o is DueOccasion => o !== null);
}

/**
 * Whether an occasion sent earlier still stands on `today`: its family is the hazard's current one (the
 * deadline was not moved, the posting still stands unmet, it still awaits the same check) and it is not
 * paused. Only such items escalate.
 */
export function occasionStillLive(h: HazardFacts, occasion: string, today: string): boolean {
  if (DONE.has(h.status) || paused(h, today)) return false;
  const family = occasion.split("|")[0] ?? "";
  if (family.startsWith("deadline:"))
    return OPEN_FOR_WORK.has(h.status) && family === `deadline:${h.deadline}`;
  if (family.startsWith("sup:"))
    return h.supervision !== null && !h.supervision.met && family === `sup:${h.supervision.key}`;
  if (family.startsWith("check:")) return h.status === "待验收" && family === `check:${h.rectifiedOn}`;
  if (family.startsWith("posting:")) return h.level === "重大" && h.supervision === null;
  return false;
}

/** The item's line on a card, in the reader's words. */
export function occasionText(kind: ReminderKind, dueOn: string, today: string): string {
  const days = Math.round((Date.parse(dueOn) - Date.parse(today)) / 86_400_000);
  switch (kind) {
    case "deadline-soon":
      return `整改期限 ${dueOn}，还剩 ${days} 天`;
    case "deadline-day":
      return days === 0 ? `整改期限 ${dueOn}，今天到期` : `整改期限 ${dueOn}（${days} 天后，非工作日）到期`;
    case "overdue":
      return `整改期限 ${dueOn}，已超期 ${-days} 天`;
    case "supervision":
      return days === 0
        ? `督办期限 ${dueOn}：今天须取得实质性进展`
        : `督办期限 ${dueOn}：还剩 ${days} 天取得实质性进展`;
    case "supervision-missed":
      return `督办期限 ${dueOn} 已过，尚未取得实质性进展`;
    case "awaiting-check":
      return `${dueOn} 报整改完成，已等待验收超过 ${CHECK_WAIT_WORKDAYS} 个工作日`;
    case "awaits-posting":
      return `部门检查发现的重大隐患，发现已超过 ${MUST_POST_WITHIN_DAYS} 天仍未挂牌督办`;
  }
}
