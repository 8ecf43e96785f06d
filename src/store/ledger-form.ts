// What the 附件3 ledger is made of: every hazard not 已撤销 in a scope (a unit, a sector, an enterprise), found by
// a day, with its 督办 postings (withdrawn ones left out), its history and the names of who acted. The rows'
// text is the domain's (src/domain/form3.ts).
import { and, asc, eq, inArray, isNull, lte, ne, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hazardEvents, hazardSupervisions, hazards, members, sectors, units } from "../../db/schema";
import type { Form3Hazard } from "../domain/form3";

export interface LedgerScope {
  unitId?: number | undefined;
  sectorId?: number | undefined;
  enterpriseId?: number | undefined;
  /** YYYY-MM-DD: only hazards found on or before it (a month's ledger) */
  foundBy?: string | undefined;
}

/** The hazards of the ledger, by unit (in the registry's order) then 发现日期, each with its postings and history. */
export async function ledgerHazards(db: Db, scope: LedgerScope): Promise<Form3Hazard[]> {
  const where: SQL[] = [ne(hazards.status, "已撤销")];
  if (scope.unitId !== undefined) where.push(eq(hazards.unitId, scope.unitId));
  if (scope.sectorId !== undefined) where.push(eq(hazards.sectorId, scope.sectorId));
  if (scope.enterpriseId !== undefined) where.push(eq(hazards.enterpriseId, scope.enterpriseId));
  if (scope.foundBy !== undefined) where.push(lte(hazards.foundOn, scope.foundBy));
  const rows = await db
    .select({
      id: hazards.id,
      number: hazards.number,
      unitId: hazards.unitId,
      unitName: units.name,
      enterpriseName: hazards.enterpriseName,
      sectorId: hazards.sectorId,
      sectorName: sectors.name,
      description: hazards.description,
      measures: hazards.measures,
      deadline: hazards.deadline,
      originalDeadline: hazards.originalDeadline,
      source: hazards.source,
      level: hazards.level,
      foundOn: hazards.foundOn,
      status: hazards.status,
    })
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .innerJoin(sectors, eq(sectors.id, hazards.sectorId))
    .where(and(...where))
    .orderBy(asc(hazards.unitId), asc(hazards.foundOn), asc(hazards.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const postings = await db
    .select({
      hazardId: hazardSupervisions.hazardId,
      level: hazardSupervisions.level,
      doc: hazardSupervisions.doc,
      postedOn: hazardSupervisions.postedOn,
    })
    .from(hazardSupervisions)
    .where(and(inArray(hazardSupervisions.hazardId, ids), isNull(hazardSupervisions.withdrawnAt)))
    .orderBy(asc(hazardSupervisions.id));
  const events = await db
    .select({
      hazardId: hazardEvents.hazardId,
      at: hazardEvents.at,
      actor: hazardEvents.actor,
      kind: hazardEvents.kind,
      note: hazardEvents.note,
      toStatus: hazardEvents.toStatus,
      memberName: members.name,
    })
    .from(hazardEvents)
    .leftJoin(members, eq(members.openId, hazardEvents.actor))
    .where(
      and(
        inArray(hazardEvents.hazardId, ids),
        inArray(hazardEvents.kind, ["created", "progress", "rectified", "closed", "returned", "restored"]),
      ),
    )
    .orderBy(asc(hazardEvents.at), asc(hazardEvents.id));
  return rows.map((r) => ({
    ...r,
    postings: postings.filter((p) => p.hazardId === r.id),
    events: events
      .filter((e) => e.hazardId === r.id)
      .map((e) => ({
        at: e.at,
        kind: e.kind,
        note: e.note,
        toStatus: e.toStatus,
        actor: e.actor,
        actorName: e.memberName,
      })),
  }));
}
