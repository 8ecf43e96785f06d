// Assembles the bot from a parsed config: database (migrated), Feishu client or local mode, messenger, deps.
// Shared by the Node entry, the chat and job scripts, and the tests, so all run the same parts.
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { type Database, migrateDatabase, openDatabase } from "../../db/client";
import type { Config } from "../config";
import { createLarkClient, type LarkClient } from "../feishu/client";
import { Messenger, type MessengerOptions } from "../feishu/messenger";
import { type LocalResources, OpenApi } from "../feishu/open-api";
import { type RetryPolicy, retryPolicy } from "../feishu/retry";
import { reminderRefused } from "../jobs/reminder-fallback";
import type { Logger } from "../logger";
import { DeliveryLedger } from "../store/deliveries";
import { seedReferenceData } from "../store/reference";
import { BackgroundWork } from "./background";
import type { Deps } from "./deps";

export interface Bot {
  deps: Deps;
  database: Database;
  lark: LarkClient | null;
  work: BackgroundWork;
  /** waits for work behind acknowledgements, then closes the database */
  close(): Promise<void>;
}

export interface BootOptions {
  logger: Logger;
  now?: () => number;
  /** retry timing of Open API calls (tests shorten it) */
  retry?: Partial<RetryPolicy>;
  /** told of every message once it is stored (the chat CLI prints them) */
  onPosted?: MessengerOptions["onPosted"];
  /** how long one Open API call may take before it counts as failed (and is retried) */
  feishuTimeoutMs?: number;
  /**
   * This instance's name on the leases of the events it works on; a restart under the same name takes its
   * unfinished events back at once (Node: host and port). Default: a fresh name, i.e. no such claim.
   */
  instance?: string;
  /** local mode only: the files and images the chat CLI hands over, read from the machine */
  localResources?: LocalResources;
  /** the clock the outbox's retries and rate limit read (tests fast-forward it with `retry.sleep`) */
  sendClock?: () => number;
}

/** How long an event's work is its claimer's before another instance may resume it. */
export const EVENT_LEASE_MS = 5 * 60_000;

/**
 * Where local mode writes the files the bot sends: `exports/` beside an embedded database file (the default
 * `data/andu.db` gives `data/exports/`), else `data/exports/`.
 */
export function exportsFolder(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) return join("data", "exports");
  return join(dirname(databaseUrl.slice("file:".length).replace(/^\/\/(?=\/)/, "")), "exports");
}

export async function bootBot(config: Config, options: BootOptions): Promise<Bot> {
  const { logger } = options;
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  const lark = config.feishu
    ? createLarkClient(config.feishu, config.domain, logger, options.feishuTimeoutMs)
    : null;
  const policy = retryPolicy(options.retry ?? {});
  const work = new BackgroundWork(logger);
  const messenger = new Messenger({
    db: database.db,
    lark,
    logger,
    policy,
    onPosted: options.onPosted,
    background: work.run,
    now: options.sendClock,
    localExports: exportsFolder(config.databaseUrl),
  });
  const openApi = new OpenApi(lark, policy, logger, options.localResources);

  let botOpenId: string | null = null;
  if (lark) {
    work.run(async () => {
      botOpenId = await openApi.botOpenId();
    });
  }
  const deps: Deps = {
    config,
    db: database.db,
    messenger,
    openApi,
    deliveries: new DeliveryLedger(database.db, {
      owner: options.instance ?? randomUUID(),
      leaseMs: EVENT_LEASE_MS,
      now: options.now ?? Date.now,
    }),
    logger,
    now: options.now ?? Date.now,
    background: work.run,
    botOpenId: () => botOpenId,
  };
  // A private reminder refused with 230013 falls back to the hazard's group, the person @mentioned.
  messenger.onRefused((row, code) => reminderRefused(deps, row, code));
  return {
    deps,
    database,
    lark,
    work,
    async close() {
      await work.idle();
      database.close();
    },
  };
}
