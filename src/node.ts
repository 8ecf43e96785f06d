// The Node entry: reads settings (environment and .env), opens the database, serves HTTP, keeps the outbox
// flushing, and (FEISHU_EVENT_MODE=ws) opens the long connection. The only file that touches Node's process.
import "dotenv/config";
import { hostname } from "node:os";
import { serve } from "@hono/node-server";
import cron from "node-cron";
import { createApp } from "./app";
import { housekeeping } from "./bot/housekeeping";
import { receive } from "./bot/receive";
import { type Config, ConfigError, parseConfig } from "./config";
import { warnAboutSetup } from "./doctor/run";
import { officialCalendar } from "./domain/workdays";
import { startLongConnection } from "./feishu/long-connection";
import { jobs } from "./jobs";
import { warnUncoveredYears } from "./jobs/calendar-warning";
import { tick } from "./jobs/tick";
import { consoleLogger } from "./logger";
import { bootBot } from "./node/boot";
import { watchEventLoop } from "./node/loop-watch";

/** The tick: unfinished events resumed, waiting messages tried (their backoff is at most ~48 s). */
const TICK_EVERY_MS = 5_000;
const PRUNE_EVERY_MS = 3_600_000;

function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  const config = loadConfig();
  const logger = consoleLogger();
  // Named by host and port: a restart here takes back at once the events its previous life left unfinished.
  const bot = await bootBot(config, {
    logger,
    instance: `${hostname()}:${config.port}`,
    checkpointThread: true,
  });
  const { deps } = bot;

  const unwatch = watchEventLoop(logger);
  const app = createApp(deps);
  // "started" once the port is ours: a port that cannot be had says so instead (below).
  const server = serve({ fetch: app.fetch, port: config.port }, () =>
    logger.info("安督 started", {
      port: config.port,
      mode: config.feishu ? "feishu" : "local",
      events: config.eventMode,
      webhook: config.encryptKey || config.verificationToken ? "verifying" : "refusing all (no keys set)",
    }),
  );
  // A port another program holds is a bad setting like any other: one sentence, what to set.
  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `端口 ${config.port} 已被占用：请停掉占用它的程序，或设置 PORT= 换一个端口后重新启动。`
        : `无法在端口 ${config.port} 上服务（${error.code ?? error.message}）：请检查 PORT 后重新启动。`,
    );
    process.exit(1);
  });

  if (config.feishu) {
    // The doctor's checks, once: one warning per problem in the log, never holding the start.
    bot.work.run(() => warnAboutSetup({ config, lark: bot.lark, database: bot.database }, logger));
  }

  if (config.feishu && config.eventMode === "ws") {
    startLongConnection(config.feishu, config.domain, logger, (payload) =>
      receive(deps, payload, deps.background),
    );
  }

  let busy = false;
  let prunedAt = 0;
  const housekeep = async (atStart: boolean) => {
    if (busy) return; // a long drain after an outage is still going: this tick has nothing to add
    busy = true;
    try {
      const prune = Date.now() - prunedAt >= PRUNE_EVERY_MS;
      if (prune) prunedAt = Date.now();
      await housekeeping(deps, { atStart, prune });
    } finally {
      busy = false;
    }
  };
  // Events and messages left unfinished when the service last stopped are taken up now.
  bot.work.run(() => housekeep(true));
  const timer = setInterval(() => bot.work.run(() => housekeep(false)), TICK_EVERY_MS);

  // The scheduler: one tick a minute in APP_TIMEZONE; each tick posts what is due and not yet claimed, so a
  // tick after a stop is also the catch-up. A tick still running when the next is due makes that one wait.
  const calendar = officialCalendar();
  bot.work.run(() => warnUncoveredYears(deps, calendar));
  const scheduler = cron.schedule("* * * * *", () => tick(deps, jobs, Date.now(), calendar), {
    timezone: config.timezone,
    noOverlap: true,
    name: "andu-tick",
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    // A second Ctrl-C while the work in hand finishes is not a second stop.
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    clearInterval(timer);
    unwatch();
    server.close();
    await bot.close();
    logger.info("安督 stopped", { signal });
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
