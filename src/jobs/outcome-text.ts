// What `npm run job` prints for each job a run looked at, in the words an operator reads.
import { dateTimeIn } from "../domain/time";
import type { JobOutcome } from "./tick";
import type { Job } from "./types";

export function outcomeText(outcome: JobOutcome, jobs: readonly Job[], timeZone: string): string {
  const title = jobs.find((j) => j.name === outcome.job)?.title ?? outcome.job;
  const head = `${outcome.job}（${title}）${outcome.period}：`;
  switch (outcome.status) {
    case "posted":
      return `${head}已发到调度群`;
    case "sent":
      return `${head}${outcome.summary}`;
    case "already-claimed":
      return `${head}这一期已经发过，这次不再发`;
    case "no-dispatch-group":
      // the admins are told privately once when there are any (admin-notice.ts); the operator reads what to do
      return `${head}还没有设置调度群，没有发，也没有记为已发：请在镇里的群中说 @安督 /设置 本群为调度群`;
    case "not-due":
      return `${head}还没到时间（${dateTimeIn(outcome.due, timeZone)}）`;
  }
}
