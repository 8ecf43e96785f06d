// Turns enterprise rows into what cards show: unit and sector by name, and the members linked as 挂点领导 and
// 责任干部 (with what became of them: a link to someone unbound or re-bound is shown, not hidden).
import type { EnterpriseView } from "../../cards/enterprise-view";
import type { Deps } from "../../src/bot/deps";
import { enterpriseLinksOf, type StoredLink } from "../../src/store/enterprise-links";
import type { EnterpriseRow } from "../../src/store/enterprises";
import { listSectors, listUnits } from "../../src/store/units";

function linkLabel(link: StoredLink | null | undefined): string | null {
  if (!link) return null;
  if (link.member) return `${link.member.name}（${link.member.role}）`;
  if (link.boundAs) return `${link.boundAs.name}（现绑定为${link.boundAs.role}，不再算数）`;
  return `${link.openId}（已解绑，不再算数）`;
}

export async function enterpriseViews(deps: Deps, rows: EnterpriseRow[]): Promise<EnterpriseView[]> {
  const [units, sectors, links] = await Promise.all([
    listUnits(deps.db, { withRetired: true }),
    listSectors(deps.db),
    enterpriseLinksOf(
      deps.db,
      rows.map((e) => e.id),
    ),
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
    linkedLeader: linkLabel(links.get(e.id)?.liaisonLeader),
    linkedCadre: linkLabel(links.get(e.id)?.cadre),
  }));
}
