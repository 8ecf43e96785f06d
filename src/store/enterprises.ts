// Queries over enterprises (附件1 公示牌 fields): the registry, one-by-one registration and the all-or-nothing
// bulk import, each change with its audit row in the same batch.
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, enterprises } from "../../db/schema";
import { auditRow } from "./audit";

export type EnterpriseRow = typeof enterprises.$inferSelect;

/** The fields a person types or a roster row carries (everything but the id, timestamps and member links). */
export type EnterpriseFields = Omit<
  EnterpriseRow,
  "id" | "createdAt" | "updatedAt" | "retiredAt" | "retiredReason" | keyof EnterpriseLinkColumns
>;

/** The 挂点领导 and 责任干部 linked as bound members (open_ids); an import never touches them. */
export type EnterpriseLinkColumns = Pick<EnterpriseRow, "liaisonLeaderOpenId" | "cadreOpenId">;

export interface EnterpriseFilter {
  unitId?: number;
  sectorId?: number;
  id?: number;
  /** also the retired (注销) ones: only for naming what history points at */
  withRetired?: boolean;
}

export async function listEnterprises(db: Db, filter: EnterpriseFilter = {}): Promise<EnterpriseRow[]> {
  const conditions: SQL[] = [];
  if (filter.unitId !== undefined) conditions.push(eq(enterprises.unitId, filter.unitId));
  if (filter.sectorId !== undefined) conditions.push(eq(enterprises.sectorId, filter.sectorId));
  if (filter.id !== undefined) conditions.push(eq(enterprises.id, filter.id));
  if (!filter.withRetired) conditions.push(isNull(enterprises.retiredAt));
  return db
    .select()
    .from(enterprises)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(enterprises.id));
}

export async function getEnterprise(db: Db, id: number): Promise<EnterpriseRow | undefined> {
  return db.select().from(enterprises).where(eq(enterprises.id, id)).get();
}

// The audit row of an enterprise inserted in the same batch names it by id, looked up by its name (unique among
// active enterprises).
function idOf(name: string) {
  return sql`(SELECT CAST(id AS TEXT) FROM ${enterprises} WHERE ${and(eq(enterprises.name, name), isNull(enterprises.retiredAt))})`;
}

/** Registers one enterprise with its audit row, in one batch; throws on a duplicate name. */
export async function createEnterprise(
  db: Db,
  fields: EnterpriseFields & Partial<EnterpriseLinkColumns>,
  actor: string,
): Promise<EnterpriseRow> {
  const [inserted] = await db.batch([
    db.insert(enterprises).values(fields).returning(),
    db.insert(auditLog).values({
      ...auditRow({
        actor,
        action: "enterprise.create",
        subjectType: "enterprise",
        subjectId: "",
        after: fields,
      }),
      subjectId: idOf(fields.name),
    }),
  ]);
  return inserted[0]!;
}

export interface ImportWrite {
  inserts: EnterpriseFields[];
  updates: { before: EnterpriseRow; after: EnterpriseFields }[];
}

/** Writes a whole import in one batch: every insert and update with its audit row, or nothing. */
export async function writeEnterpriseImport(db: Db, write: ImportWrite, actor: string, at: number) {
  const statements = [
    ...write.inserts.flatMap((fields) => [
      db.insert(enterprises).values({ ...fields, createdAt: at, updatedAt: at }),
      db.insert(auditLog).values({
        ...auditRow({
          actor,
          action: "enterprise.import",
          subjectType: "enterprise",
          subjectId: "",
          after: fields,
          at,
        }),
        subjectId: idOf(fields.name),
      }),
    ]),
    ...write.updates.flatMap(({ before, after }) => [
      db
        .update(enterprises)
        .set({ ...after, updatedAt: at })
        .where(eq(enterprises.id, before.id)),
      db.insert(auditLog).values(
        auditRow({
          actor,
          action: "enterprise.update",
          subjectType: "enterprise",
          subjectId: before.id,
          before,
          after,
          at,
        }),
      ),
    ]),
  ];
  const [first, ...rest] = statements;
  if (first === undefined) return;
  await db.batch([first, ...rest]);
}
