// Seeds the reference data (sectors, township units) on every start; idempotent, so a restart never duplicates.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sectors, units } from "../../db/schema";
import { SECTORS, UNITS } from "../../db/seed/reference";

export async function seedReferenceData(db: Db): Promise<void> {
  await db.batch([
    db
      .insert(sectors)
      .values(
        SECTORS.map((s) => ({
          id: s.id,
          name: s.name,
          aliases: JSON.stringify(s.aliases),
          leadersText: s.leaders,
          cadresText: s.cadres,
        })),
      )
      .onConflictDoUpdate({
        target: sectors.id,
        set: {
          name: sql`excluded.name`,
          aliases: sql`excluded.aliases`,
          leadersText: sql`excluded.leaders_text`,
          cadresText: sql`excluded.cadres_text`,
        },
      }),
    db
      .insert(units)
      .values(UNITS.map((u) => ({ name: u.name, kind: u.kind, aliases: JSON.stringify(u.aliases) })))
      .onConflictDoNothing({ target: units.name }),
  ]);
}
