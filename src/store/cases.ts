// 典型执法案例: recorded, corrected and deleted (kept, out of counts) each with its audit row in the same write;
// counted by quarter per unit (each owes one) and into 附件4.
import { and, asc, eq, gte, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, enforcementCases } from "../../db/schema";
import { auditRow } from "./audit";
import { insertIfChanged } from "./hazards";

export type CaseRow = typeof enforcementCases.$inferSelect;
export type NewCase = Pick<
  CaseRow,
  | "unitId"
  | "enterpriseName"
  | "sectorId"
  | "description"
  | "caseOn"
  | "dangerousWorkCrime"
  | "reportedOn"
  | "createdBy"
  | "createdAt"
>;
/** The fields a correction may set. */
export type CaseEditSet = Partial<
  Pick<
    CaseRow,
    "unitId" | "enterpriseName" | "sectorId" | "description" | "caseOn" | "dangerousWorkCrime" | "reportedOn"
  >
>;

export async function addCase(db: Db, c: NewCase): Promise<CaseRow> {
  const [row] = await db.batch([
    db.insert(enforcementCases).values(c).returning(),
    db.insert(auditLog).values({
      ...auditRow({
        actor: c.createdBy,
        action: "case.create",
        subjectType: "case",
        subjectId: "",
        after: c,
        at: c.createdAt,
      }),
      // the case's number, known only once inserted: the row just written in this same batch
      subjectId: sql`(SELECT CAST(max(${enforcementCases.id}) AS TEXT) FROM ${enforcementCases})`,
    }),
  ]);
  return row[0]!;
}

export async function getCase(db: Db, id: number): Promise<CaseRow | undefined> {
  return db.select().from(enforcementCases).where(eq(enforcementCases.id, id)).get();
}

/** Only over the case as it was read (same revision, not deleted): a write that lost a race writes nothing. */
const asRead = (c: Pick<CaseRow, "id" | "revision">) =>
  and(
    eq(enforcementCases.id, c.id),
    eq(enforcementCases.revision, c.revision),
    isNull(enforcementCases.deletedAt),
  );

/** One change to a case and its audit row in one batch, only over the case as it was read. */
async function rewriteCase(
  db: Db,
  c: CaseRow,
  set: CaseEditSet & Partial<Pick<CaseRow, "deletedAt" | "deletedBy" | "deleteReason">>,
  audit: { action: string; actor: string; at: number; before: unknown; after: unknown },
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(enforcementCases)
      .set({ ...set, revision: c.revision + 1 })
      .where(asRead(c)),
    insertIfChanged(db, auditLog, auditRow({ ...audit, subjectType: "case", subjectId: c.id })),
  ]);
  return updated.rowsAffected === 1;
}

/**
 * Corrects a case, with its audit row (the old values, the new, and the reason). False when someone changed or
 * deleted it since it was read (then nothing is written).
 */
export async function editCase(
  db: Db,
  c: CaseRow,
  set: CaseEditSet,
  o: {
    actor: string;
    at: number;
    reason: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  },
): Promise<boolean> {
  return rewriteCase(db, c, set, {
    action: "case.edit",
    actor: o.actor,
    at: o.at,
    before: o.before,
    after: { ...o.after, ...(o.reason ? { reason: o.reason } : {}) },
  });
}

/** Deletes a case (the row kept, marked, out of every list and count), with its audit row. False as above. */
export async function deleteCase(
  db: Db,
  c: CaseRow,
  o: { actor: string; at: number; reason: string },
): Promise<boolean> {
  return rewriteCase(
    db,
    c,
    { deletedAt: o.at, deletedBy: o.actor, deleteReason: o.reason },
    {
      action: "case.delete",
      actor: o.actor,
      at: o.at,
      before: c,
      after: { deletedAt: o.at, reason: o.reason },
    },
  );
}

/** The cases dated in the span (both ends included, deleted ones never), of one unit or sector when given, oldest first. */
export async function casesBetween(
  db: Db,
  span: { from: string; to: string },
  o: { unitId?: number | undefined; sectorId?: number | undefined; deleted?: boolean } = {},
): Promise<CaseRow[]> {
  const where: SQL[] = [
    gte(enforcementCases.caseOn, span.from),
    lte(enforcementCases.caseOn, span.to),
    // Deleted cases count nowhere; `deleted` lists only them (/案例 列表 已删除), to see what was removed and why.
    o.deleted ? isNotNull(enforcementCases.deletedAt) : isNull(enforcementCases.deletedAt),
  ];
  if (o.unitId !== undefined) where.push(eq(enforcementCases.unitId, o.unitId));
  if (o.sectorId !== undefined) where.push(eq(enforcementCases.sectorId, o.sectorId));
  return db
    .select()
    .from(enforcementCases)
    .where(and(...where))
    .orderBy(asc(enforcementCases.caseOn), asc(enforcementCases.id));
}
