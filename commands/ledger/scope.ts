// What a `/台账` line asks for: whose ledger (单位=, 领域=, within the asker's own scope) and as of which month
// (月份=2023-06: the hazards found by its end, as they stood then). Shared by the card, the export and 确认.
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import type { AsOf } from "../../src/domain/form3";
import { type Period, parsePeriod } from "../../src/domain/periods";
import { addDays, dateIn, zonedMoment } from "../../src/domain/time";
import type { LedgerScope } from "../../src/store/ledger-form";
import { getUnit, type SectorRow, type UnitRow } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveSector, resolveUnit } from "../lookups";

export interface LedgerRequest {
  unit: UnitRow | null;
  sector: SectorRow | null;
  /** an enterprise head sees their enterprise's rows only */
  enterpriseId: number | null;
  month: Period | null;
  page: number;
  today: string;
}

/** A month as people write it (2023-06, 2023年6月, 本月), or a refusal; never one that has not begun. */
export function readMonth(text: string, today: string, usage: string): Period {
  const parsed = parsePeriod(text, today);
  if (!parsed.ok || parsed.period.kind !== "month")
    throw new BotError("bad_input", `月份「${text}」应写成 2023-06 这样的年-月`, [usage]);
  if (parsed.period.start > today)
    throw new BotError("bad_input", `${parsed.period.key} 还没到，不能看它的台账`, [usage]);
  return parsed.period;
}

/** The last moment of a day in APP_TIMEZONE: a month's ledger shows each hazard as it stood then. */
export function asOfDay(day: string, timeZone: string): AsOf {
  return { day, endMs: zonedMoment(addDays(day, 1), "00:00", timeZone) - 1, timeZone };
}

export async function readLedgerRequest(
  deps: Deps,
  actor: Actor,
  named: Record<string, string>,
  usage: string,
): Promise<LedgerRequest> {
  const args = readArgs(named, { 单位: "unit", 领域: "sector", 月份: "month", 页: "page" });
  const today = dateIn(deps.now(), deps.config.timezone);
  const unit = args.unit === undefined ? null : await resolveUnit(deps, args.unit);
  const sector = args.sector === undefined ? null : await resolveSector(deps, args.sector);
  const month = args.month === undefined ? null : readMonth(args.month, today, usage);
  let page = 0;
  if (args.page !== undefined) {
    const n = Number(args.page.normalize("NFKC").trim());
    if (!Number.isInteger(n) || n < 1)
      throw new BotError("bad_input", `页「${args.page}」应是从 1 开始的整数`, [usage]);
    page = n - 1;
  }
  return withinScope(deps, actor, { unit, sector, month, page, today });
}

/**
 * The asker's own scope over what was asked (typed or carried by a button): a 干部 or an enterprise head sees
 * their own unit only (an enterprise head their enterprise's rows), whatever the line or the card says.
 */
export async function withinScope(
  deps: Deps,
  actor: Actor,
  asked: Omit<LedgerRequest, "enterpriseId">,
): Promise<LedgerRequest> {
  let unit = asked.unit;
  if (actor.role === "干部" || actor.role === "企业负责人") {
    if (actor.unitId === null)
      throw new BotError("forbidden", "你的绑定没有单位，看不到台账。请镇安委办重新绑定。");
    if (unit !== null && unit.id !== actor.unitId)
      throw new BotError("forbidden", `你只能看本单位的台账，看不到「${unit.name}」的。`);
    unit ??= (await getUnit(deps.db, actor.unitId)) ?? null;
  }
  const enterpriseId = actor.role === "企业负责人" ? actor.enterpriseId : null;
  return { ...asked, unit, enterpriseId };
}

export function storeScope(r: LedgerRequest): LedgerScope {
  return {
    unitId: r.unit?.id,
    sectorId: r.sector?.id,
    enterpriseId: r.enterpriseId ?? undefined,
    foundBy: r.month?.end,
  };
}

/** The request as the words that ask for it again (for the card's hints), without the page. */
export function requestWords(r: LedgerRequest): string[] {
  return [
    ...(r.unit ? [`单位=${r.unit.name}`] : []),
    ...(r.sector ? [`领域=${r.sector.name}`] : []),
    ...(r.month ? [`月份=${r.month.key}`] : []),
  ];
}

/** "2023年6月", for a month's key. */
export function monthLabel(month: Period): string {
  return `${month.key.slice(0, 4)}年${Number(month.key.slice(5, 7))}月`;
}
