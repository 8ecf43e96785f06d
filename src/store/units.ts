// Queries over reporting units and sectors (the reference lists every command checks names against).
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, sectors, units } from "../../db/schema";
import { TOWNSHIP_GOVERNMENT_KEY } from "../../db/seed/reference";
import { auditRow } from "./audit";

export interface UnitRow {
  id: number;
  name: string;
  kind: "村居" | "镇直" | "政府";
  aliases: string[];
  /** retired (/单位 停用): listed only when asked for `withRetired` */
  retired: boolean;
}

export interface SectorRow {
  id: number;
  name: string;
  aliases: string[];
  leadersText: string;
  cadresText: string;
}

const parseAliases = (text: string): string[] => JSON.parse(text) as string[];

/** The active units (what commands accept and forms offer); `withRetired` adds the retired ones, for naming. */
export async function listUnits(db: Db, o: { withRetired?: boolean } = {}): Promise<UnitRow[]> {
  const rows = await db
    .select()
    .from(units)
    .where(o.withRetired ? undefined : isNull(units.retiredAt))
    .orderBy(asc(units.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    aliases: parseAliases(r.aliases),
    retired: r.retiredAt !== null,
  }));
}

export async function getUnit(db: Db, id: number): Promise<UnitRow | undefined> {
  const r = await db.select().from(units).where(eq(units.id, id)).get();
  return (
    r && {
      id: r.id,
      name: r.name,
      kind: r.kind,
      aliases: parseAliases(r.aliases),
      retired: r.retiredAt !== null,
    }
  );
}

/**
 * The township government's unit (retired or not): the seeded 高兴镇人民政府 under whatever name admins gave it,
 * or any unit of kind 政府. It owns no hazards (src/domain/hazard-owner.ts).
 */
export async function townshipGovernmentIds(db: Db): Promise<Set<number>> {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(or(eq(units.seedKey, TOWNSHIP_GOVERNMENT_KEY), eq(units.kind, "政府")));
  return new Set(rows.map((r) => r.id));
}

export async function listSectors(db: Db): Promise<SectorRow[]> {
  const rows = await db.select().from(sectors).orderBy(asc(sectors.id));
  return rows.map((r) => ({ ...r, aliases: parseAliases(r.aliases) }));
}

/** Adds a reporting unit (a village or a township department) with its audit row, in one batch. */
export async function createUnit(
  db: Db,
  unit: { name: string; kind: UnitRow["kind"]; aliases: string[] },
  actor: string,
): Promise<UnitRow> {
  const [inserted] = await db.batch([
    db
      .insert(units)
      .values({ name: unit.name, kind: unit.kind, aliases: JSON.stringify(unit.aliases) })
      .returning(),
    db.insert(auditLog).values({
      ...auditRow({ actor, action: "unit.create", subjectType: "unit", subjectId: "", after: unit }),
      // the id the insert above gave, found by the name, unique among active units
      subjectId: sql`(SELECT CAST(id AS TEXT) FROM ${units} WHERE ${and(eq(units.name, unit.name), isNull(units.retiredAt))})`,
    }),
  ]);
  const r = inserted[0]!;
  return { id: r.id, name: r.name, kind: r.kind, aliases: parseAliases(r.aliases), retired: false };
}
