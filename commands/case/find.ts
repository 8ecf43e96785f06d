// The case a 修改 or 删除 is about, refused plainly when there is no such number, when it was deleted, or when
// the person may not change it (src/domain/case-access.ts); with its unit's and sector's names for replies.
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { caseChangeRefusal } from "../../src/domain/case-access";
import { type CaseRow, getCase } from "../../src/store/cases";
import { listSectors, listUnits } from "../../src/store/units";

export interface FoundCase {
  row: CaseRow;
  unitName: (id: number) => string;
  sectorName: (id: number) => string;
}

export async function caseToChange(
  deps: Deps,
  actor: Actor,
  id: number,
  verb: "修改" | "删除",
): Promise<FoundCase> {
  const row = await getCase(deps.db, id);
  if (!row) throw new BotError("not_found", `没有第 ${id} 号案例。发送 /案例 列表 查看编号。`);
  const [units, sectors] = await Promise.all([
    listUnits(deps.db, { withRetired: true }),
    listSectors(deps.db),
  ]);
  const unitName = (u: number) => units.find((x) => x.id === u)?.name ?? `单位${u}`;
  const sectorName = (s: number) => sectors.find((x) => x.id === s)?.name ?? `领域${s}`;
  const refusal = caseChangeRefusal(actor, row, unitName(row.unitId), verb);
  if (refusal) throw new BotError("forbidden", refusal);
  if (row.deletedAt !== null)
    throw new BotError(
      "conflict",
      `第 ${id} 号案例已经删除了（原因：${row.deleteReason ?? ""}），不能再${verb}。要补录请用 /案例 新增。`,
    );
  return { row, unitName, sectorName };
}

export function raced(id: number): BotError {
  return new BotError("conflict", `第 ${id} 号案例刚被别人改过，请发送 /案例 列表 看过后再试。`);
}
