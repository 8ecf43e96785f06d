// Who has filed for a month: each reporting unit's 附件3 confirmation (已确认, 已变更 when the month's rows changed
// after it, or 未确认) and each sector's 附件4 (已填报 or 未填报), with the people bound to answer for them.
// What the reminders, the roll-call and `/台账 确认` share.
import { createHash } from "node:crypto";
import type { Deps } from "../bot/deps";
import { type Form3Hazard, form3Row } from "../domain/form3";
import type { Period } from "../domain/periods";
import { addDays, zonedMoment } from "../domain/time";
import { ledgerHazards } from "../store/ledger-form";
import { confirmationsOf, type Filing, filingPeople, filingsOf } from "../store/monthly-filings";
import { listSectors, listUnits, type SectorRow, type UnitRow } from "../store/units";

export type UnitState = "已确认" | "已变更" | "未确认";

export interface UnitFiling {
  unit: UnitRow;
  state: UnitState;
  /** its bound 干部, to @mention */
  people: string[];
}

export interface SectorFiling {
  sector: SectorRow;
  filing: Filing | null;
  /** its bound 责任干部, to @mention */
  people: string[];
}

/**
 * A unit's month as it stood at the month's end, as one digest: every row of the form (重大 and 一般) with
 * its text. A confirmation keeps it; a later change to that month's hazards changes it.
 */
export function ledgerFingerprint(hazards: readonly Form3Hazard[], month: Period, timeZone: string): string {
  const asOf = { day: month.end, endMs: zonedMoment(addDays(month.end, 1), "00:00", timeZone) - 1, timeZone };
  const rows = hazards.map((h) => ({ level: h.level, ...form3Row(h, asOf, month.end, timeZone) }));
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/** The units that report 附件3: the villages and the township's departments (not the township itself). */
export async function reportingUnits(deps: Pick<Deps, "db">): Promise<UnitRow[]> {
  return (await listUnits(deps.db)).filter((u) => u.kind !== "政府");
}

export async function monthlyFilings(deps: Pick<Deps, "db" | "config">, month: Period) {
  const [units, sectors, hazards, confirmations, filings, people] = await Promise.all([
    reportingUnits(deps),
    listSectors(deps.db),
    ledgerHazards(deps.db, { foundBy: month.end }),
    confirmationsOf(deps.db, month.key),
    filingsOf(deps.db, month.key),
    filingPeople(deps.db),
  ]);
  const unitFilings = units.map((unit): UnitFiling => {
    const confirmed = confirmations.find((c) => c.unitId === unit.id);
    const own = hazards.filter((h) => h.unitId === unit.id);
    const state: UnitState = !confirmed
      ? "未确认"
      : confirmed.fingerprint === ledgerFingerprint(own, month, deps.config.timezone)
        ? "已确认"
        : "已变更";
    return { unit, state, people: people.cadres.filter((c) => c.unitId === unit.id).map((c) => c.openId) };
  });
  const sectorFilings = sectors.map(
    (sector): SectorFiling => ({
      sector,
      filing: filings.find((f) => f.sectorId === sector.id) ?? null,
      people: people.sectorCadres.filter((c) => c.sectorId === sector.id).map((c) => c.openId),
    }),
  );
  return { units: unitFilings, sectors: sectorFilings };
}
