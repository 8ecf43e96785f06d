// `npm run job -- <job> [--at <ISO-8601 time>]`: runs one scheduled job now, as if the clock read --at.
import "dotenv/config";
import { bootBot } from "../src/bot/boot";
import { ConfigError, parseConfig } from "../src/config";
import { findJob, unknownJobMessage } from "../src/jobs";
import { consoleLogger } from "../src/logger";

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
const job = findJob(name) ?? fail(unknownJobMessage(name));

try {
  const config = parseConfig(process.env);
  const bot = await bootBot(config, { logger: consoleLogger(), now: () => at.getTime() });
  await job.run(bot.deps, at);
  await bot.close();
  console.log(`任务 ${job.name} 已运行（时钟：${at.toISOString()}）`);
} catch (error) {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
}
