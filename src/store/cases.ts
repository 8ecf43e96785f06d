// 典型执法案例: recorded with their audit row; counted by quarter per unit (each owes one) and into 附件4.
import { and, asc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, enforcementCases } from "../../db/schema";
import { auditRow } from "./audit";

export type CaseRow = typeof enforcementCases.$inferSelect;
export type NewCase = Omit<CaseRow, "id">;

export async function addCase(db: Db, c: NewCase): Promise<CaseRow> {
  const [row] = await db.batch([
    db.insert(enforcementCases).values(c).returning(),
    db.insert(auditLog).values(
      auditRow({
        actor: c.createdBy,
        action: "case.create",
        subjectType: "case",
        subjectId: "",
        after: c,
        at: c.createdAt,
      }),
    ),
  ]);
  return row[0]!;
}

/** The cases dated in the span (both ends included), of one unit or sector when given, oldest first. */
export async function casesBetween(
  db: Db,
  span: { from: string; to: string },
  o: { unitId?: number | undefined; sectorId?: number | undefined } = {},
): Promise<CaseRow[]> {
  const where: SQL[] = [gte(enforcementCases.caseOn, span.from), lte(enforcementCases.caseOn, span.to)];
  if (o.unitId !== undefined) where.push(eq(enforcementCases.unitId, o.unitId));
  if (o.sectorId !== undefined) where.push(eq(enforcementCases.sectorId, o.sectorId));
  return db
    .select()
    .from(enforcementCases)
    .where(and(...where))
    .orderBy(asc(enforcementCases.caseOn), asc(enforcementCases.id));
}
