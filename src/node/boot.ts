// Assembles the bot on Node from a parsed config: the database opened with the native driver, migrated and
// seeded from disk, the work after an answer tracked on Node's event loop. Shared by the Node entry, the chat
// and job scripts, and the tests, so all run the same parts.
import type { Database } from "../../db/client";
import { createDeps, type DepsParts } from "../bot/create-deps";
import type { Deps } from "../bot/deps";
import type { Config } from "../config";
import { createLarkClient, type LarkClient } from "../feishu/client";
import type { Logger } from "../logger";
import { BackgroundWork } from "./background";
import { openDatabase, prepareDatabase } from "./database";
import { exportsFolder, localExports } from "./local-exports";

/**
 * How many claimed events start their work in one turn of the event loop. A command's start costs a few
 * milliseconds of synchronous database work, so a turn stays within tens of milliseconds however many wait.
 */
const EVENTS_PER_TURN = 2;

export interface Bot {
  deps: Deps;
  database: Database;
  lark: LarkClient | null;
  work: BackgroundWork;
  /** waits for work behind acknowledgements, then closes the database */
  close(): Promise<void>;
}

export type BootOptions = Omit<DepsParts, "config" | "db" | "lark" | "defer" | "eventWork" | "nextTurn"> & {
  logger: Logger;
  /** how long one Open API call may take before it counts as failed (and is retried) */
  feishuTimeoutMs?: number;
  /** the long-running service: WAL checkpoints on a thread of their own (see ./checkpointer.ts) */
  checkpointThread?: boolean;
};

export async function bootBot(config: Config, options: BootOptions): Promise<Bot> {
  const { checkpointThread, ...parts } = options;
  const { logger } = parts;
  const database = await openDatabase(
    config.databaseUrl,
    config.databaseAuthToken,
    checkpointThread ? { checkpointThread: logger } : {},
  );
  await prepareDatabase(database);
  const lark = config.feishu
    ? createLarkClient(config.feishu, config.domain, logger, parts.feishuTimeoutMs)
    : null;
  const work = new BackgroundWork(logger);
  const deps = createDeps({
    ...parts,
    config,
    db: database.db,
    lark,
    defer: work.run,
    eventWork: work.lane(EVENTS_PER_TURN),
    localExports: localExports(exportsFolder(config.databaseUrl)),
    // The claims of every request parsed in one turn of the event loop share one commit.
    nextTurn: (write) => setImmediate(write),
  });
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
