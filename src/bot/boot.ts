// Assembles the bot from a parsed config: database (migrated), Feishu client or local mode, messenger, deps.
// Shared by the Node entry, the chat and job scripts, and the tests, so all run the same parts.
import { type Database, migrateDatabase, openDatabase } from "../../db/client";
import type { Config } from "../config";
import { createLarkClient, type LarkClient } from "../feishu/client";
import { Messenger, type MessengerOptions } from "../feishu/messenger";
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
  messenger?: Partial<Pick<MessengerOptions, "sleep" | "attempts" | "baseDelayMs" | "onPosted">>;
  /** how long one Open API call may take before it counts as failed (and is retried) */
  feishuTimeoutMs?: number;
}

export async function bootBot(config: Config, options: BootOptions): Promise<Bot> {
  const { logger } = options;
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  const lark = config.feishu
    ? createLarkClient(config.feishu, config.domain, logger, options.feishuTimeoutMs)
    : null;
  const messenger = new Messenger({ db: database.db, lark, logger, ...options.messenger });
  const work = new BackgroundWork(logger);

  let botOpenId: string | null = null;
  if (lark) {
    work.run(async () => {
      botOpenId = await messenger.botOpenId();
    });
  }
  const deps: Deps = {
    config,
    db: database.db,
    messenger,
    deliveries: new DeliveryLedger(database.db),
    logger,
    now: options.now ?? Date.now,
    background: work.run,
    botOpenId: () => botOpenId,
  };
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
