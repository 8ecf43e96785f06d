// Opens the LibSQL database (an embedded file or a remote Turso URL) and applies the committed migrations.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";

/**
 * drizzle over LibSQL; `$client` is the client underneath (an event's journaled run wraps it). Without the
 * schema's relations (no `db.query`): every query names its tables, and drizzle would otherwise work the
 * relations out again for each event's journaled run.
 */
export type Db = LibSQLDatabase & { $client: Client };
/** A transaction's handle: the same queries as the database's, inside one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  client: Client;
  db: Db;
  close(): void;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

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
  const db = drizzle(client);
  return { client, db, close: () => client.close() };
}

export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder });
}

/**
 * How many committed migrations the database has not had yet. Drizzle applies the migrations newer than the
 * last one it recorded in `__drizzle_migrations`; no such table means none was applied.
 */
export async function pendingMigrations(database: Database): Promise<number> {
  const files = readMigrationFiles({ migrationsFolder });
  const table = await database.client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'",
  );
  if (table.rows.length === 0) return files.length;
  const last = await database.client.execute("SELECT max(created_at) AS last FROM __drizzle_migrations");
  const applied = Number(last.rows[0]?.last ?? 0);
  return files.filter((f) => f.folderMillis > applied).length;
}
