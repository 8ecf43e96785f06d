// A scheduled job is data: which period it reports on as of a day, when that period's post is due, and
// what it posts or sends. The one tick (src/jobs/tick.ts) decides from these alone; no job knows the runtime.
import type { Deps } from "../bot/deps";
import type { Period } from "../domain/periods";
import type { WorkCalendar } from "../domain/workdays";
import type { Outgoing } from "../feishu/outgoing";

export interface JobRun {
  deps: Deps;
  calendar: WorkCalendar;
  /** the moment the run stands for (the tick's clock, or `--at`) */
  at: number;
  /** that moment's date in APP_TIMEZONE */
  today: string;
}

interface JobSchedule {
  name: string;
  /** the card's name, e.g. 周调度 */
  title: string;
  /** the schedule in words, for `npm run job` and the README */
  schedule: string;
  /** the period a run on `today` reports on: the Monday of week N reports week N−1 */
  period(today: string): Period;
  /** the local date and time (HH:mm) the period's post is due, moved to a workday */
  due(period: Period, calendar: WorkCalendar): { date: string; time: string };
}

/** A job that posts to the dispatch group: its messages and its claim on the period are one write. */
export interface GroupJob extends JobSchedule {
  /** what to post to the dispatch group for the period */
  run(run: JobRun, period: Period): Promise<Outgoing[]>;
}

/**
 * A job that sends its own messages (the reminders: one card per person), each exactly once by claims of its
 * own; the period's claim is written once a run has finished, so a stopped run is picked up by the next tick
 * and a finished one is not run again. It needs no dispatch group.
 */
export interface SendingJob extends JobSchedule {
  /** sends what is due for the period; returns what it sent, in words for `npm run job` */
  send(run: JobRun, period: Period): Promise<string>;
}

export type Job = GroupJob | SendingJob;
