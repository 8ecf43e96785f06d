// The monthly filings: units' 附件3 confirmations and sectors' 附件4 figures, each write with its audit row in
// one batch; and who is bound to answer for them (a unit's 干部, a sector's 责任干部), for the reminders.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, form4Filings, ledgerConfirmations, members, sectorMembers } from "../../db/schema";
import type { EnteredFigures } from "../domain/form4";
import { auditRow } from "./audit";

export type Confirmation = typeof ledgerConfirmations.$inferSelect;
export type Filing = Omit<typeof form4Filings.$inferSelect, "figures"> & { figures: EnteredFigures };

export async function confirmationsOf(db: Db, month: string): Promise<Confirmation[]> {
  return db.select().from(ledgerConfirmations).where(eq(ledgerConfirmations.month, month));
}

export async function getConfirmation(db: Db, unitId: number, month: string) {
  return db
    .select()
    .from(ledgerConfirmations)
    .where(and(eq(ledgerConfirmations.unitId, unitId), eq(ledgerConfirmations.month, month)))
    .get();
}

/** Confirms (or confirms again) a unit's month, with its audit row. */
export async function confirmLedger(
  db: Db,
  c: Confirmation,
  before: Confirmation | undefined,
): Promise<void> {
  await db.batch([
    db
      .insert(ledgerConfirmations)
      .values(c)
      .onConflictDoUpdate({
        target: [ledgerConfirmations.unitId, ledgerConfirmations.month],
        set: {
          fingerprint: c.fingerprint,
          rows: c.rows,
          confirmedBy: c.confirmedBy,
          confirmedAt: c.confirmedAt,
        },
      }),
    db.insert(auditLog).values(
      auditRow({
        actor: c.confirmedBy,
        action: "ledger.confirm",
        subjectType: "ledger",
        subjectId: `${c.unitId}:${c.month}`,
        before,
        after: c,
        at: c.confirmedAt,
      }),
    ),
  ]);
}

function filingOf(row: typeof form4Filings.$inferSelect): Filing {
  return { ...row, figures: JSON.parse(row.figures) as EnteredFigures };
}

export async function getFiling(db: Db, sectorId: number, month: string): Promise<Filing | undefined> {
  const row = await db
    .select()
    .from(form4Filings)
    .where(and(eq(form4Filings.sectorId, sectorId), eq(form4Filings.month, month)))
    .get();
  return row ? filingOf(row) : undefined;
}

export async function filingsOf(db: Db, month: string): Promise<Filing[]> {
  const rows = await db
    .select()
    .from(form4Filings)
    .where(eq(form4Filings.month, month))
    .orderBy(asc(form4Filings.sectorId));
  return rows.map(filingOf);
}

/** Files (or corrects) a sector's figures for a month, with its audit row (before and after). */
export async function fileForm4(
  db: Db,
  f: Filing,
  before: Filing | undefined,
  o: { late: boolean },
): Promise<void> {
  const row = { ...f, figures: JSON.stringify(f.figures) };
  await db.batch([
    db
      .insert(form4Filings)
      .values(row)
      .onConflictDoUpdate({
        target: [form4Filings.sectorId, form4Filings.month],
        set: {
          figures: row.figures,
          filerUnit: row.filerUnit,
          filedBy: row.filedBy,
          updatedAt: row.updatedAt,
        },
      }),
    db.insert(auditLog).values(
      auditRow({
        actor: f.filedBy,
        action: o.late ? "form4.file_after_deadline" : "form4.file",
        subjectType: "form4",
        subjectId: `${f.sectorId}:${f.month}`,
        before,
        after: f,
        at: f.updatedAt,
      }),
    ),
  ]);
}

/** The 干部 bound to each unit, and the 责任干部 bound to each sector: who the reminders @mention. */
export async function filingPeople(db: Db) {
  const cadres = await db
    .select({ openId: members.openId, unitId: members.unitId })
    .from(members)
    .where(eq(members.role, "干部"));
  const sectorCadres = await db
    .select({ openId: sectorMembers.openId, sectorId: sectorMembers.sectorId })
    .from(sectorMembers)
    .where(eq(sectorMembers.duty, "责任干部"));
  return { cadres, sectorCadres };
}
