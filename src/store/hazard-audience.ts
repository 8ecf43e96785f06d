// Who a hazard concerns: the sector's bound 责任干部, the unit's bound 干部, the enterprise's bound head, and the
// names of the people in its history.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { members, sectorMembers } from "../../db/schema";

/** open_ids bound to the sector as 责任干部. */
export async function sectorCadres(db: Db, sectorId: number): Promise<string[]> {
  const rows = await db
    .select({ openId: sectorMembers.openId })
    .from(sectorMembers)
    .where(and(eq(sectorMembers.sectorId, sectorId), eq(sectorMembers.duty, "责任干部")))
    .orderBy(asc(sectorMembers.openId));
  return rows.map((r) => r.openId);
}

/** open_ids bound to the sector as 责任领导: with the admins, they check (销号, 退回) its hazards. */
export async function sectorLeaders(db: Db, sectorId: number): Promise<string[]> {
  const rows = await db
    .select({ openId: sectorMembers.openId })
    .from(sectorMembers)
    .where(and(eq(sectorMembers.sectorId, sectorId), eq(sectorMembers.duty, "责任领导")))
    .orderBy(asc(sectorMembers.openId));
  return rows.map((r) => r.openId);
}

/**
 * Who a new hazard's group announcement @mentions: the sector's bound 责任干部, and for a 重大 hazard its bound
 * 责任领导 with them (the plan puts a leader on every sector's major hazards from the day they are found).
 */
export async function newHazardAudience(
  db: Db,
  hazard: { sectorId: number; level: string },
): Promise<{ leaders: string[]; cadres: string[] }> {
  const cadres = await sectorCadres(db, hazard.sectorId);
  const leaders = hazard.level === "重大" ? await sectorLeaders(db, hazard.sectorId) : [];
  return { leaders: leaders.filter((id) => !cadres.includes(id)), cadres };
}

/** open_ids of the members bound as 干部 of this unit: they answer for its hazards' rectification. */
export async function unitCadres(db: Db, unitId: number): Promise<string[]> {
  const rows = await db
    .select({ openId: members.openId })
    .from(members)
    .where(and(eq(members.unitId, unitId), eq(members.role, "干部")))
    .orderBy(asc(members.openId));
  return rows.map((r) => r.openId);
}

/** open_ids of the members bound as this enterprise's 企业负责人. */
export async function enterpriseHeads(db: Db, enterpriseId: number): Promise<string[]> {
  const rows = await db
    .select({ openId: members.openId })
    .from(members)
    .where(and(eq(members.enterpriseId, enterpriseId), eq(members.role, "企业负责人")))
    .orderBy(asc(members.openId));
  return rows.map((r) => r.openId);
}

/** Bound members' names by open_id; people not bound are left out (the card shows their open_id). */
export async function memberNames(db: Db, openIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(openIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ openId: members.openId, name: members.name })
    .from(members)
    .where(inArray(members.openId, unique));
  return new Map(rows.map((r) => [r.openId, r.name]));
}
