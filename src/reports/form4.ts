// A sector's 附件4 table for a month, or the 全镇 table summing every sector's: the ledger's figures as at the
// month's end (cumulative from 专项开始), the cases', and what the department filed. Used by /调度表, the
// roll-call's workbook and the form card.
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { type Form4Table, ledgerFigures, sumTables } from "../domain/form4";
import type { Period } from "../domain/periods";
import { addDays, zonedMoment } from "../domain/time";
import type { Form4Sheet } from "../exports/form4-workbook";
import { casesBetween } from "../store/cases";
import { listEnterprises } from "../store/enterprises";
import { ledgerHazards } from "../store/ledger-form";
import { type Filing, filingsOf } from "../store/monthly-filings";
import { listSectors, type SectorRow } from "../store/units";

export interface SectorTable {
  sector: SectorRow;
  filing: Filing | null;
  table: Form4Table;
}

export interface Form4Report {
  month: Period;
  since: string;
  sectors: SectorTable[];
  town: Form4Table;
}

export async function form4Report(deps: Pick<Deps, "db" | "config">, month: Period): Promise<Form4Report> {
  const { db } = deps;
  const since = await effectiveSetting(deps, "专项开始");
  const timeZone = deps.config.timezone;
  const asOf = { day: month.end, endMs: zonedMoment(addDays(month.end, 1), "00:00", timeZone) - 1, timeZone };
  const [sectors, hazards, filings, enterprises, cases] = await Promise.all([
    listSectors(db),
    ledgerHazards(db, { foundBy: month.end }),
    filingsOf(db, month.key),
    listEnterprises(db),
    casesBetween(db, { from: since, to: month.end }),
  ]);
  const tables = sectors.map((sector): SectorTable => {
    const filing = filings.find((f) => f.sectorId === sector.id) ?? null;
    const own = cases.filter((c) => c.sectorId === sector.id);
    return {
      sector,
      filing,
      table: {
        ledger: ledgerFigures(
          hazards.filter((h) => h.sectorId === sector.id),
          since,
          asOf,
        ),
        cases: { cases: own.length, crimeCases: own.filter((c) => c.dangerousWorkCrime).length },
        entered: filing?.figures ?? null,
        registryCount: enterprises.filter((e) => e.sectorId === sector.id).length,
      },
    };
  });
  return { month, since, sectors: tables, town: sumTables(tables.map((t) => t.table)) };
}

/** The township's own office: 填报单位 of the 全镇 table, and of an admin with no unit. */
export const TOWNSHIP_OFFICE = "高兴镇安委办";

const dayText = (day: string) =>
  `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The sheets of a workbook: one sector's table, or (null) the 全镇 table then every sector's. */
export function form4Sheets(report: Form4Report, sectorId: number | null): Form4Sheet[] {
  const date = dayText(report.month.end);
  const sheetOf = (t: SectorTable): Form4Sheet => ({
    name: t.sector.name,
    sectorName: t.sector.name,
    filer: t.filing?.filerUnit ?? "（未填报）",
    date,
    table: t.table,
  });
  if (sectorId !== null) return report.sectors.filter((t) => t.sector.id === sectorId).map(sheetOf);
  return [
    { name: "全镇", sectorName: null, filer: TOWNSHIP_OFFICE, date, table: report.town },
    ...report.sectors.map(sheetOf),
  ];
}

export function form4FileName(month: Period, sectorName: string | null): string {
  return `附件4-进展情况调度表-${sectorName ?? "全镇"}-${month.key}.xlsx`;
}
