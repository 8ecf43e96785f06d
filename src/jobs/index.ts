// The registry of scheduled jobs: the Node scheduler, Workers' scheduled() and `npm run job` all read it.
import { annualSummary } from "./annual-summary";
import { monthlyReportReminder, monthlyRollCall } from "./monthly-filing";
import { monthlySummary } from "./monthly-summary";
import { quarterlyCaseReminder } from "./quarterly-case-reminder";
import { quarterlyRanking } from "./quarterly-ranking";
import { reminders } from "./reminders";
import type { Job } from "./types";
import { weeklyDispatch } from "./weekly-dispatch";

export const jobs: Job[] = [
  reminders,
  weeklyDispatch,
  monthlySummary,
  monthlyReportReminder,
  monthlyRollCall,
  quarterlyRanking,
  quarterlyCaseReminder,
  annualSummary,
];

export function findJob(name: string): Job | undefined {
  return jobs.find((j) => j.name === name);
}

/** The names `npm run job` takes, as one line. */
export function knownJobsLine(): string {
  return `可运行的任务：${["tick", ...jobs.map((j) => j.name)].join("、")}`;
}

export function unknownJobMessage(name: string): string {
  return `没有名为「${name}」的任务。${knownJobsLine()}`;
}
