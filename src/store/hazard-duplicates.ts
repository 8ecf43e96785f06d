// The reads and writes of the duplicate check: the open hazards logged lately (to compare a new one with), and
// the draft of a new hazard held by the bot while its author decides on 仍要登记 (never in the button's value).
import { and, asc, eq, gte, inArray, isNull, notInArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazards, pendingHazards, sectors, units } from "../../db/schema";
import { foldDescription } from "../domain/hazard-duplicates";
import type { NewHazard } from "./hazards";

/** A new hazard's fields before it has a number: what `createHazard` needs besides who, when and where. */
export type HazardDraft = Omit<
  NewHazard,
  "year" | "reportedBy" | "chatId" | "cardMessageId" | "at" | "submissionKey"
>;

export interface PendingHazard {
  id: number;
  openId: string;
  chatId: string;
  draft: HazardDraft;
  createdAt: number;
}

/**
 * The open hazards (neither 已销号 nor 已撤销) logged at or after `since` that could repeat a new one of this
 * enterprise: those of the same registered enterprise, and those of unregistered places (their names are
 * compared folded by the caller), or of the very name typed. Only what the comparison needs: `describeHazards`
 * then names the few that do repeat it.
 */
export async function duplicateCandidates(
  db: Db,
  o: { since: number; enterpriseId: number | null; enterpriseName: string; description: string },
) {
  // Only the same folded description can repeat it; a hazard logged before the key was kept is compared anyway.
  const sameDescription = or(
    eq(hazards.descriptionKey, foldDescription(o.description)),
    isNull(hazards.descriptionKey),
  );
  const sameEnterprise = or(
    isNull(hazards.enterpriseId),
    eq(hazards.enterpriseName, o.enterpriseName),
    ...(o.enterpriseId === null ? [] : [eq(hazards.enterpriseId, o.enterpriseId)]),
  );
  return db
    .select({
      id: hazards.id,
      enterpriseId: hazards.enterpriseId,
      enterpriseName: hazards.enterpriseName,
      description: hazards.description,
      status: hazards.status,
      createdAt: hazards.createdAt,
    })
    .from(hazards)
    .where(
      and(
        gte(hazards.createdAt, o.since),
        notInArray(hazards.status, ["已销号", "已撤销"]),
        sameDescription,
        sameEnterprise,
      ),
    );
}

/** The hazards with these ids as the duplicate card shows them. */
export async function describeHazards(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      number: hazards.number,
      enterpriseName: hazards.enterpriseName,
      description: hazards.description,
      status: hazards.status,
      deadline: hazards.deadline,
      createdAt: hazards.createdAt,
      unitName: units.name,
      sectorName: sectors.name,
    })
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .innerJoin(sectors, eq(sectors.id, hazards.sectorId))
    .where(inArray(hazards.id, ids))
    .orderBy(asc(hazards.id));
}

export type RecentHazard = Awaited<ReturnType<typeof describeHazards>>[number];

export async function holdPendingHazard(
  db: Db,
  p: { openId: string; chatId: string; draft: HazardDraft; at: number },
): Promise<number> {
  const [row] = await db
    .insert(pendingHazards)
    .values({ openId: p.openId, chatId: p.chatId, draft: JSON.stringify(p.draft), createdAt: p.at })
    .returning({ id: pendingHazards.id });
  return row!.id;
}

export async function getPendingHazard(db: Db, id: number): Promise<PendingHazard | undefined> {
  const row = await db.select().from(pendingHazards).where(eq(pendingHazards.id, id)).get();
  return row && { ...row, draft: JSON.parse(row.draft) as HazardDraft };
}
