// `npm run job -- <job> [--at <ISO-8601 time>]`: runs one scheduled job as its scheduled run at that time
// would, whatever the calendar says; `npm run job -- tick [--at …]` runs the scheduler as it would run then.
import "dotenv/config";
import { ConfigError, parseConfig } from "../src/config";
import { dateIn } from "../src/domain/time";
import { officialCalendar } from "../src/domain/workdays";
import { findJob, jobs, unknownJobMessage } from "../src/jobs";
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
if (!name) fail(`用法：npm run job -- <任务名> [--at 2023-07-03T09:00:00+08:00]\n${unknownJobMessage("")}`);
let at = new Date();
if (atIndex >= 0) {
  const text = args[atIndex + 1] ?? "";
  at = new Date(text);
  if (Number.isNaN(at.getTime()))
    fail(`--at 的时间「${text}」看不懂：请写 ISO-8601 时间，如 2023-07-03T09:00:00+08:00`);
}
const job = name === "tick" ? null : (findJob(name) ?? fail(unknownJobMessage(name)));

try {
  const config = parseConfig(process.env);
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
  console.log(`${job ? `任务 ${job.name}` : "调度 tick"} 已运行（时钟：${at.toISOString()}）`);
} catch (error) {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
}
