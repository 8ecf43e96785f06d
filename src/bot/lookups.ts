// Resolves the unit and sector names people type; an unknown name is refused with the closest valid ones.
import { excerpt } from "../domain/excerpt";
import { closestNames, findByName } from "../domain/names";
import { listSectors, listUnits, type SectorRow, type UnitRow } from "../store/units";
import type { Deps } from "./deps";
import { BotError } from "./errors";

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
