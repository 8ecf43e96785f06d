// What the benches that seed a ledger at scale (hazards.ts, campaign-cards.ts) share: a small deterministic
// generator, so every run seeds the same ledger, and the hazards written in batches with their events and
// 督办 postings. Each bench still decides what its hazards look like.
import type { Db } from "../../db/client";
import { hazardEvents, hazardSupervisions, hazards } from "../../db/schema";

/** A linear congruential generator: the same numbers for the same seed on every machine. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** One batch's rows: `add` pushes a hazard's row, its events and its postings here. */
export interface HazardBatch {
  hazards: (typeof hazards.$inferInsert)[];
  events: (typeof hazardEvents.$inferInsert)[];
  postings: (typeof hazardSupervisions.$inferInsert)[];
}

/** Rows a batch, kept under SQLite's 32,766 bound variables (one per column per row). */
const BATCH = 1_000;

/** Writes hazards 0 … count−1, in order (`add` may draw from a generator), a thousand to a batch. */
export async function insertHazards(
  db: Db,
  count: number,
  add: (i: number, batch: HazardBatch) => void,
): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const batch: HazardBatch = { hazards: [], events: [], postings: [] };
    for (let i = start; i < Math.min(count, start + BATCH); i++) add(i, batch);
    await db.batch([
      db.insert(hazards).values(batch.hazards),
      db.insert(hazardEvents).values(batch.events),
      ...(batch.postings.length > 0 ? [db.insert(hazardSupervisions).values(batch.postings)] : []),
    ]);
  }
}
