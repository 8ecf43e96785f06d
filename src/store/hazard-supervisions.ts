// The conditions on a hazard's 督办 columns that its guarded changes use (src/store/hazards.ts applies them).
import { sql } from "drizzle-orm";
import { hazards } from "../../db/schema";

/** Substantive progress not yet met for a posting of this date: two leaders confirming at once write it once. */
export function progressMetGuard(postedOn: string) {
  return sql`(${hazards.progressMetOn} IS NULL OR ${hazards.progressMetOn} < ${postedOn})`;
}
