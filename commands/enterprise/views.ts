// Turns enterprise rows into what cards show: unit and sector by name.
import type { EnterpriseView } from "../../cards/enterprise-view";
import type { Deps } from "../../src/bot/deps";
import type { EnterpriseRow } from "../../src/store/enterprises";
import { listSectors, listUnits } from "../../src/store/units";

export async function enterpriseViews(deps: Deps, rows: EnterpriseRow[]): Promise<EnterpriseView[]> {
  const [units, sectors] = await Promise.all([
    listUnits(deps.db, { withRetired: true }),
    listSectors(deps.db),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  return rows.map((e) => ({
    name: e.name,
    unitName: unitName.get(e.unitId) ?? `单位 #${e.unitId}`,
    sectorName: sectorName.get(e.sectorId) ?? `领域 #${e.sectorId}`,
    headName: e.headName,
    headPhone: e.headPhone,
    liaisonLeader: e.liaisonLeader,
    liaisonLeaderPhone: e.liaisonLeaderPhone,
    cadreName: e.cadreName,
    cadrePhone: e.cadrePhone,
    highRisk: e.highRisk,
  }));
}
