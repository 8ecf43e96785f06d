// `npm run job -- <job> [--at <ISO-8601 time>]`: runs one scheduled job as its scheduled run at that time
// would, whatever the calendar says; `npm run job -- tick [--at …]` runs the scheduler as it would run then.
import "dotenv/config";
import { ConfigError, parseConfig } from "../src/config";
import { dateIn, dateTimeIn, zonedMoment } from "../src/domain/time";
import { officialCalendar } from "../src/domain/workdays";
import { findJob, jobs, knownJobsLine, unknownJobMessage } from "../src/jobs";
import { outcomeText } from "../src/jobs/outcome-text";
import { runJob, tick } from "../src/jobs/tick";
import { consoleLogger } from "../src/logger";
import { bootBot } from "../src/node/boot";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
const name = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--at");
const atIndex = args.indexOf("--at");
if (!name) fail(`用法：npm run job -- <任务名> [--at 2023-07-03T09:00]\n${knownJobsLine()}`);
const config = (() => {
  try {
    return parseConfig(process.env);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
const at = atIndex >= 0 ? readAt(args[atIndex + 1] ?? "", config.timezone) : new Date();
const job = name === "tick" ? null : (findJob(name) ?? fail(unknownJobMessage(name)));

try {
  const bot = await bootBot(config, { logger: consoleLogger(), now: () => at.getTime() });
  const { deps } = bot;
  // Messages a stopped run had stored but not sent (a crash between claim and post) go out first.
  await deps.messenger.flush();
  const calendar = officialCalendar();
  const outcomes = job
    ? [
        await runJob(
          { deps, calendar, at: at.getTime(), today: dateIn(at.getTime(), config.timezone) },
          job,
          job.period(dateIn(at.getTime(), config.timezone)),
        ),
      ]
    : await tick(deps, jobs, at.getTime(), calendar);
  await bot.close();
  for (const outcome of outcomes) console.log(outcomeText(outcome, jobs, config.timezone));
  console.log(
    `${job ? `任务 ${job.name}` : "调度 tick"} 已运行（时钟：${dateTimeIn(at.getTime(), config.timezone)}，${config.timezone}）`,
  );
} catch (error) {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
}

/** `--at`: a local time in APP_TIMEZONE (2023-07-03T09:00, or a bare date for 00:00), or an ISO time with its offset. */
function readAt(text: string, timeZone: string): Date {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::00)?)?$/.exec(text);
  const at = local ? new Date(zonedMoment(local[1]!, local[2] ?? "00:00", timeZone)) : new Date(text);
  if (Number.isNaN(at.getTime()))
    fail(
      `--at 的时间「${text}」看不懂：请写当地时间如 2023-07-03T09:00（按 ${timeZone}），或带时区的 2023-07-03T09:00:00+08:00`,
    );
  return at;
}
