// Resolves the unit, sector and enterprise names people type (spaces and width folded); an unknown name is
// refused with the closest valid ones.

import type { Deps } from "../src/bot/deps";
import { BotError, type BotErrorCode } from "../src/bot/errors";
import { excerpt } from "../src/domain/excerpt";
import { closestNames, findByName } from "../src/domain/names";
import { type EnterpriseRow, listEnterprises } from "../src/store/enterprises";
import { listSectors, listUnits, type SectorRow, type UnitRow } from "../src/store/units";

function unknown(kind: string, input: string, suggestions: string[], all: string[]): BotError {
  const hint =
    suggestions.length > 0
      ? `你是不是要找：${suggestions.join("、")}？`
      : `可选的${kind}：${all.slice(0, 20).join("、")}`;
  return new BotError("bad_input", `没有名为「${excerpt(input)}」的${kind}。${hint}`);
}

export async function resolveUnit(deps: Deps, input: string): Promise<UnitRow> {
  const all = await listUnits(deps.db);
  const found = findByName(input, all);
  if (found) return found;
  throw unknown(
    "单位",
    input,
    closestNames(input, all),
    all.map((u) => u.name),
  );
}

export async function resolveSector(deps: Deps, input: string): Promise<SectorRow> {
  const all = await listSectors(deps.db);
  const found = findByName(input, all);
  if (found) return found;
  throw unknown(
    "行业领域",
    input,
    closestNames(input, all),
    all.map((s) => s.name),
  );
}

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
