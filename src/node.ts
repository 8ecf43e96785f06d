// The Node entry: reads settings (environment and .env), opens the database, serves HTTP, keeps the outbox
// flushing, and (FEISHU_EVENT_MODE=ws) opens the long connection. The only file that touches Node's process.
import "dotenv/config";
import { hostname } from "node:os";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { bootBot } from "./bot/boot";
import { resumeDeliveries } from "./bot/durable-events";
import { KEEP_DELIVERIES_MS, receive } from "./bot/receive";
import { type Config, ConfigError, parseConfig } from "./config";
import { warnAboutSetup } from "./doctor/run";
import { startLongConnection } from "./feishu/long-connection";
import { consoleLogger } from "./logger";
import { pruneDeliveries } from "./store/deliveries";

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
  const bot = await bootBot(config, { logger, instance: `${hostname()}:${config.port}` });
  const { deps } = bot;

  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port });
  logger.info("安督 started", {
    port: config.port,
    mode: config.feishu ? "feishu" : "local",
    events: config.eventMode,
    webhook: config.encryptKey || config.verificationToken ? "verifying" : "refusing all (no keys set)",
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
  const tick = async (atStart: boolean) => {
    if (busy) return; // a long drain after an outage is still going: this tick has nothing to add
    busy = true;
    try {
      await resumeDeliveries(deps, { atStart });
      await deps.messenger.flush();
      if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneDeliveries(deps.db, prunedAt - KEEP_DELIVERIES_MS);
      }
    } finally {
      busy = false;
    }
  };
  // Events and messages left unfinished when the service last stopped are taken up now.
  bot.work.run(() => tick(true));
  const timer = setInterval(() => bot.work.run(() => tick(false)), TICK_EVERY_MS);

  const stop = async () => {
    clearInterval(timer);
    server.close();
    await bot.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
