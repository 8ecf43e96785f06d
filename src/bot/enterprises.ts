// Finds a registered enterprise by the name people type (spaces and width folded), with the closest
// registered names when none matches; and turns rows into what cards show (unit and sector named).

import type { EnterpriseView } from "../../cards/enterprise-view";
import { excerpt } from "../domain/excerpt";
import { closestNames, findByName } from "../domain/names";
import { type EnterpriseRow, listEnterprises } from "../store/enterprises";
import { listSectors, listUnits } from "../store/units";
import type { Deps } from "./deps";
import { BotError, type BotErrorCode } from "./errors";

export async function resolveEnterprise(
  deps: Deps,
  input: string,
  code: BotErrorCode = "bad_input",
): Promise<EnterpriseRow> {
  const all = await listEnterprises(deps.db);
  const entries = all.map((e) => ({ name: e.name, aliases: [] as string[], row: e }));
  const found = findByName(input, entries);
  if (found) return found.row;
  const close = closestNames(input, entries);
  const hint =
    close.length > 0
      ? `你是不是要找：${close.join("、")}？`
      : all.length === 0
        ? "还没有登记任何企业。"
        : "发送 /企业 列表 查看已登记的企业。";
  throw new BotError(code, `没有登记名为「${excerpt(input)}」的企业。${hint}`);
}

export async function enterpriseViews(deps: Deps, rows: EnterpriseRow[]): Promise<EnterpriseView[]> {
  const [units, sectors] = await Promise.all([listUnits(deps.db), listSectors(deps.db)]);
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
