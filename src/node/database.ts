// Node's side of the database: the native driver (a file, or a LibSQL/Turso URL), the file's folder and
// pragmas, and the migrations read from disk. The Worker never loads this: it only checks the schema version.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { type Database, databaseOver } from "../../db/client";
import { seedReferenceData } from "../store/reference";
import { pendingMigrations } from "../store/schema-version";

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

/** The file path behind a `file:` URL, or null for a remote database. */
function filePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}

export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const path = filePath(url);
  if (path !== null && path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  // `timeout` is the busy timeout of every pooled connection: the service and `npm run chat` share a file.
  const client = createClient({ url, authToken, timeout: 5000 });
  if (path !== null) {
    // WAL lets a reader and a writer (two processes) work at once; it is stored in the file, so once is enough.
    // synchronous=NORMAL is per connection: this sets it on the one connection that serves all plain queries.
    await client.execute("PRAGMA journal_mode=WAL");
    await client.execute("PRAGMA synchronous=NORMAL");
  }
  return databaseOver(client);
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
