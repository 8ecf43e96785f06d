// Remembers which Feishu deliveries were handled, so a redelivered event does its work once, across restarts.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries } from "../../db/schema";

/**
 * Claims every key at once (e.g. `event:<id>` and `message:<id>`); true when none was claimed before.
 * One INSERT … ON CONFLICT DO NOTHING is atomic: of two concurrent deliveries exactly one wins each key.
 */
export async function claimDelivery(db: Db, keys: string[]): Promise<boolean> {
  const unique = [...new Set(keys.filter((k) => k !== ""))];
  if (unique.length === 0) return true;
  const result = await db
    .insert(deliveries)
    .values(unique.map((key) => ({ key })))
    .onConflictDoNothing();
  return result.rowsAffected === unique.length;
}

/** Forgets deliveries older than `before` (ms): Feishu stops redelivering after about 7 hours. */
export async function pruneDeliveries(db: Db, before: number): Promise<number> {
  const result = await db.delete(deliveries).where(sql`${deliveries.receivedAt} < ${before}`);
  return result.rowsAffected;
}
