// The reads and writes of the duplicate check: the open hazards logged lately (to compare a new one with), and
// the draft of a new hazard held by the bot while its author decides on 仍要登记 (never in the button's value).
import { and, eq, gte, notInArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazards, pendingHazards, sectors, units } from "../../db/schema";
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

/** Open hazards (neither 已销号 nor 已撤销) logged at or after `since`, with their unit's and sector's names. */
export async function recentOpenHazards(db: Db, since: number) {
  return db
    .select({
      number: hazards.number,
      enterpriseId: hazards.enterpriseId,
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
    .where(and(gte(hazards.createdAt, since), notInArray(hazards.status, ["已销号", "已撤销"])));
}

export type RecentHazard = Awaited<ReturnType<typeof recentOpenHazards>>[number];

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
