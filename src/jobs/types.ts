// A scheduled job is data: which period it reports on as of a day, when that period's post is due, and
// what it posts. The one tick (src/jobs/tick.ts) decides from these alone; no job knows the runtime.
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

export interface Job {
  name: string;
  /** the card's name, e.g. 周调度 */
  title: string;
  /** the schedule in words, for `npm run job` and the README */
  schedule: string;
  /** the period a run on `today` reports on: the Monday of week N reports week N−1 */
  period(today: string): Period;
  /** the local date and time (HH:mm) the period's post is due, moved to a workday */
  due(period: Period, calendar: WorkCalendar): { date: string; time: string };
  /** what to post to the dispatch group for the period */
  run(run: JobRun, period: Period): Promise<Outgoing[]>;
}
