// Corrections to a reporting unit: renamed or re-typed (/单位 修改), retired (/单位 停用) and deleted (/单位 删除),
// each with its audit row in the same batch; and what still points at a unit, which decides whether it may go.
import { and, count, eq, isNull, notInArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, bindRequests, enterprises, hazards, members, units } from "../../db/schema";
import { auditRow } from "./audit";
import { insertIfChanged } from "./hazards";
import type { UnitRow } from "./units";

export interface UnitDependents {
  /** bound 干部 (their names) */
  cadres: string[];
  /** hazards neither 已销号 nor 已撤销 (their numbers) */
  openHazards: string[];
  /** registered enterprises not 注销 (their names) */
  enterprises: string[];
}

/** What stops a unit from being retired: bound 干部, open hazards, active enterprises. */
export async function unitDependents(db: Db, unitId: number): Promise<UnitDependents> {
  const [cadres, open, firms] = await db.batch([
    db
      .select({ name: members.name })
      .from(members)
      .where(and(eq(members.unitId, unitId), eq(members.role, "干部"))),
    db
      .select({ number: hazards.number })
      .from(hazards)
      .where(and(eq(hazards.unitId, unitId), notInArray(hazards.status, ["已销号", "已撤销"]))),
    db
      .select({ name: enterprises.name })
      .from(enterprises)
      .where(and(eq(enterprises.unitId, unitId), isNull(enterprises.retiredAt))),
  ]);
  return {
    cadres: cadres.map((r) => r.name),
    openHazards: open.map((r) => r.number),
    enterprises: firms.map((r) => r.name),
  };
}

/** Every record that names the unit, of any state: a unit with any may be retired, never deleted. */
export async function unitRecordCounts(db: Db, unitId: number) {
  const [h, e, m, b] = await db.batch([
    db.select({ n: count() }).from(hazards).where(eq(hazards.unitId, unitId)),
    db.select({ n: count() }).from(enterprises).where(eq(enterprises.unitId, unitId)),
    db.select({ n: count() }).from(members).where(eq(members.unitId, unitId)),
    db.select({ n: count() }).from(bindRequests).where(eq(bindRequests.unitId, unitId)),
  ]);
  return {
    hazards: h[0]?.n ?? 0,
    enterprises: e[0]?.n ?? 0,
    members: m[0]?.n ?? 0,
    bindRequests: b[0]?.n ?? 0,
  };
}

export async function updateUnit(
  db: Db,
  before: UnitRow,
  after: { name: string; kind: UnitRow["kind"]; aliases: string[] },
  actor: string,
  at: number,
): Promise<void> {
  await db.batch([
    db
      .update(units)
      .set({ name: after.name, kind: after.kind, aliases: JSON.stringify(after.aliases) })
      .where(eq(units.id, before.id)),
    db.insert(auditLog).values(
      auditRow({
        actor,
        action: "unit.edit",
        subjectType: "unit",
        subjectId: before.id,
        before,
        after,
        at,
      }),
    ),
  ]);
}

/** Retires the unit if it is still active; false when it was not (someone retired it first). */
export async function retireUnit(db: Db, unit: UnitRow, actor: string, at: number): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(units)
      .set({ retiredAt: at })
      .where(and(eq(units.id, unit.id), isNull(units.retiredAt))),
    insertIfChanged(
      db,
      auditLog,
      auditRow({
        actor,
        action: "unit.retire",
        subjectType: "unit",
        subjectId: unit.id,
        before: unit,
        after: { retiredAt: at },
        at,
      }),
    ),
  ]);
  return updated.rowsAffected === 1;
}

export async function deleteUnit(db: Db, unit: UnitRow, actor: string, at: number): Promise<void> {
  await db.batch([
    db.delete(units).where(eq(units.id, unit.id)),
    db
      .insert(auditLog)
      .values(
        auditRow({ actor, action: "unit.delete", subjectType: "unit", subjectId: unit.id, before: unit, at }),
      ),
  ]);
}
