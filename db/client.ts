// The database as the bot's code sees it: drizzle over a LibSQL client, whichever runtime opened the client
// (Node: the native driver on a file or a URL, src/node/database.ts; Workers: @libsql/client/web, src/worker.ts).
import type { Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";

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

/** The bot's database over an open client; `beforeClose` ends what runs beside it (Node's checkpoint thread). */
export function databaseOver(client: Client, beforeClose?: () => void): Database {
  const db = drizzle(client);
  return {
    client,
    db,
    close: () => {
      beforeClose?.();
      client.close();
    },
  };
}
