// Seeds the reference data (sectors, township units) on every start; idempotent, so a restart never duplicates.
// Units are seeded by their stable key, once: `reference_seeds` remembers every key ever seeded, so a unit the
// admins renamed, retired or deleted stays as they left it. A database from before the keys existed has its
// seeded units claimed by name, once.
import { and, eq, isNull, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { referenceSeeds, sectors, units } from "../../db/schema";
import { SECTORS, UNITS, type UnitSeed } from "../../db/seed/reference";

export async function seedReferenceData(db: Db): Promise<void> {
  await db.batch([
    db
      .insert(sectors)
      .values(
        SECTORS.map((s) => ({
          id: s.id,
          seedKey: `sector-${s.id}`,
          name: s.name,
          aliases: JSON.stringify(s.aliases),
          leadersText: s.leaders,
          cadresText: s.cadres,
        })),
      )
      .onConflictDoUpdate({
        target: sectors.id,
        set: {
          seedKey: sql`excluded.seed_key`,
          name: sql`excluded.name`,
          aliases: sql`excluded.aliases`,
          leadersText: sql`excluded.leaders_text`,
          cadresText: sql`excluded.cadres_text`,
        },
      }),
    ...UNITS.flatMap((u) => seedUnit(db, u)),
  ]);
}

/** Three statements, each doing nothing once the key is seeded: claim an unkeyed unit of that name, or add it. */
function seedUnit(db: Db, u: UnitSeed) {
  const seeded = db.select().from(referenceSeeds).where(eq(referenceSeeds.key, u.key));
  const keyed = db.select().from(units).where(eq(units.seedKey, u.key));
  return [
    db
      .update(units)
      .set({ seedKey: u.key })
      .where(
        and(
          eq(units.name, u.name),
          isNull(units.seedKey),
          isNull(units.retiredAt),
          notExists(seeded),
          notExists(keyed),
        ),
      ),
    db.run(
      sql`INSERT OR IGNORE INTO ${units} (name, kind, aliases, seed_key) SELECT ${u.name}, ${u.kind}, ${JSON.stringify(u.aliases)}, ${u.key} WHERE NOT EXISTS (SELECT 1 FROM ${referenceSeeds} WHERE key = ${u.key}) AND NOT EXISTS (SELECT 1 FROM ${units} WHERE seed_key = ${u.key})`,
    ),
    db.insert(referenceSeeds).values({ key: u.key }).onConflictDoNothing(),
  ] as const;
}
