// The one scheduler tick, runtime-free: Node calls it every minute, Workers from a cron, `npm run job -- tick`
// by hand. Each job posts the period it reports on once that period is due, unless it is claimed already;
// after an outage only that latest period is posted, and only while it is still the one the job reports on.
import { effectiveSetting } from "../bot/settings";
import { type Period, periodLabel } from "../domain/periods";
import { dateIn, zonedMoment } from "../domain/time";
import { officialCalendar, type WorkCalendar } from "../domain/workdays";
import { claimStatement, isClaimed } from "../store/claims";
import { isUniqueViolation } from "../store/constraint";
import { tellAdminsOnce } from "./admin-notice";
import type { GroupJob, Job, JobRun, SendingJob } from "./types";

export type JobOutcome =
  | { job: string; period: string; status: "posted" }
  | { job: string; period: string; status: "sent"; summary: string }
  | { job: string; period: string; status: "already-claimed" }
  | { job: string; period: string; status: "no-dispatch-group" }
  | { job: string; period: string; status: "not-due"; due: number };

/** Whether the job's current period is due at `at`, and which period that is. */
export function duePeriod(job: Job, at: number, timeZone: string, calendar: WorkCalendar) {
  const period = job.period(dateIn(at, timeZone));
  const due = job.due(period, calendar);
  const dueAt = zonedMoment(due.date, due.time, timeZone);
  return { period, dueAt, isDue: at >= dueAt };
}

/** Runs one job for one period, unless the period is claimed already. */
export async function runJob(run: JobRun, job: Job, period: Period): Promise<JobOutcome> {
  if (await isClaimed(run.deps.db, job.name, period.key))
    return { job: job.name, period: period.key, status: "already-claimed" };
  return "send" in job ? runSendingJob(run, job, period) : runGroupJob(run, job, period);
}

/**
 * A job that sends its own messages: each goes out once by its own claim (two runs at once share the work and
 * send nothing twice); the period is claimed when the run has finished, so later ticks that day leave it be.
 */
async function runSendingJob(run: JobRun, job: SendingJob, period: Period): Promise<JobOutcome> {
  const summary = await job.send(run, period);
  try {
    await claimStatement(run.deps.db, job.name, period.key, run.at);
  } catch (error) {
    // A run beside ours finished first and claimed it; what each sent, it sent once.
    if (!isUniqueViolation(error)) throw error;
  }
  run.deps.logger.info("job sent", { job: job.name, period: period.key });
  return { job: job.name, period: period.key, status: "sent", summary };
}

/**
 * A job that posts to the dispatch group: claims the period and posts its messages in one write. With no
 * dispatch group nothing is claimed (the period goes out once a group is set), and the admins hear of it once.
 */
async function runGroupJob(run: JobRun, job: GroupJob, period: Period): Promise<JobOutcome> {
  const { deps } = run;
  const base = { job: job.name, period: period.key };
  const group = await effectiveSetting(deps, "调度群");
  if (group === null) {
    await tellAdminsOnce(
      deps,
      { topic: "no-dispatch-group", about: `${job.name} ${period.key}` },
      `「${job.title}」（${periodLabel(period)}）到时间了，但还没有设置调度群，所以没有发出。请在镇安全生产调度群里 @安督 发送 /设置 本群为调度群，设置后会补发（若仍在当期）。`,
    );
    return { ...base, status: "no-dispatch-group" };
  }
  const messages = await job.run(run, period);
  try {
    await deps.messenger.postAll(
      messages.map((message) => ({
        target: { kind: "chat", chatId: group },
        message,
        ref: `job:${job.name}:${period.key}`,
      })),
      [claimStatement(deps.db, job.name, period.key, run.at)],
    );
  } catch (error) {
    // Another tick or instance claimed it between our check and our write: it posts, we do not.
    if (isUniqueViolation(error)) return { ...base, status: "already-claimed" };
    throw error;
  }
  deps.logger.info("job posted", { job: job.name, period: period.key });
  return { ...base, status: "posted" };
}

/** One tick at `at`: every job whose period is due and not yet claimed is run. */
export async function tick(
  deps: JobRun["deps"],
  jobs: readonly Job[],
  at: number,
  calendar: WorkCalendar = officialCalendar(),
): Promise<JobOutcome[]> {
  const timeZone = deps.config.timezone;
  const run: JobRun = { deps, calendar, at, today: dateIn(at, timeZone) };
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const { period, dueAt, isDue } = duePeriod(job, at, timeZone, calendar);
    if (!isDue) {
      outcomes.push({ job: job.name, period: period.key, status: "not-due", due: dueAt });
      continue;
    }
    try {
      outcomes.push(await runJob(run, job, period));
    } catch (error) {
      // One job's failure must not stop the others; the next tick tries it again (nothing was claimed).
      deps.logger.error("job failed", {
        job: job.name,
        period: period.key,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}
