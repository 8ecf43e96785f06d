// Node's side of the database: the native driver (a file, or a LibSQL/Turso URL), the file's folder and
// pragmas, and the migrations read from disk. The Worker never loads this: it only checks the schema version.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { type Database, databaseOver } from "../../db/client";
import type { Logger } from "../logger";
import { seedReferenceData } from "../store/reference";
import { pendingMigrations } from "../store/schema-version";
import { type Checkpointer, SERVICE_CHECKPOINT_PAGES, startCheckpointer } from "./checkpointer";
import { serialClient } from "./serial-client";

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

/** The file path behind a `file:` URL, or null for a remote database. */
function filePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}

/** The WAL file's size kept after it starts over (bytes): above the service's checkpoint length. */
const WAL_SIZE_LIMIT = 128 * 1024 * 1024;

export interface OpenOptions {
  /**
   * The long-running service: WAL checkpoints run on a thread of their own (./checkpointer.ts), and the service's
   * own, inside a commit on the event loop, only every 20,000 pages; failures are told here. Scripts and the
   * chat keep SQLite's usual auto-checkpoint.
   */
  checkpointThread?: Logger;
}

export async function openDatabase(
  url: string,
  authToken?: string,
  options: OpenOptions = {},
): Promise<Database> {
  const path = filePath(url);
  if (path === null) return databaseOver(createClient({ url, authToken }));
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  // One connection, used in turn (./serial-client.ts): every statement has the pragmas below. `timeout` is the
  // busy timeout toward other processes on the file (the service and `npm run chat` share it).
  const client = serialClient(createClient({ url, authToken, timeout: 5000, concurrency: 1 }));
  // WAL lets a reader and a writer (two processes) work at once; it is stored in the file, so once is enough.
  // synchronous=NORMAL: a commit is not fsynced (a process killed loses nothing; a power cut may lose the last
  // commits), so the event loop never waits on the disk for one.
  await client.execute("PRAGMA journal_mode=WAL");
  await client.execute("PRAGMA synchronous=NORMAL");
  let checkpointer: Checkpointer | null = null;
  if (options.checkpointThread && path !== ":memory:") {
    const logger = options.checkpointThread;
    // The thread gone, SQLite's usual checkpoint length comes back (a closed database refuses it: nothing to do).
    const usual = () => void client.execute("PRAGMA wal_autocheckpoint=1000").catch(() => {});
    try {
      checkpointer = await startCheckpointer(url, logger, usual);
      await client.execute(`PRAGMA wal_autocheckpoint=${SERVICE_CHECKPOINT_PAGES}`);
      // Once the WAL starts over, a file grown past this by a burst is cut back to it.
      await client.execute(`PRAGMA journal_size_limit=${WAL_SIZE_LIMIT}`);
    } catch (error) {
      logger.warn("WAL checkpoint thread did not start; SQLite checkpoints inside commits", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return databaseOver(client, () => void checkpointer?.stop());
}

/**
 * Applies the committed migrations. Two instances starting together on one database may both try: the
 * loser's batch fails as a whole, and that is no failure once the winner left nothing pending.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  try {
    await migrate(database.db, { migrationsFolder });
  } catch (error) {
    if ((await pendingMigrations(database.db)) > 0) throw error;
  }
}

/** Migrations, then the reference data (idempotent): what `npm run db:migrate` and a Node start do. */
export async function prepareDatabase(database: Database): Promise<void> {
  await migrateDatabase(database);
  await seedReferenceData(database.db);
}
