// Logging a hazard, shared by the typed `/隐患 新增` and the entry form: names resolved against the registry,
// the 干部's own-unit rule, and the creation (./notices tells the people it concerns).
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import type { CheckedHazard, HazardFields } from "../../src/domain/hazard-input";
import { governmentNotPrefilled, governmentOwnsNoHazards } from "../../src/domain/hazard-owner";
import { closestNames, findByName } from "../../src/domain/names";
import { dateIn } from "../../src/domain/time";
import { getEnterprise, listEnterprises } from "../../src/store/enterprises";
import type { HazardDraft } from "../../src/store/hazard-duplicates";
import { createHazard, type HazardRow } from "../../src/store/hazards";
import {
  getUnit,
  listSectors,
  type SectorRow,
  townshipGovernmentIds,
  type UnitRow,
} from "../../src/store/units";
import { resolveSector, resolveUnit } from "../lookups";
import type { CardAnswer } from "../types";
import { freshCard } from "./show";

export interface ResolvedNames {
  unit?: UnitRow;
  sector?: SectorRow;
  enterprise?: { id: number | null; name: string };
  /** said when 企业= is not a registered enterprise, or when 单位/领域 were taken from it */
  hints: string[];
  /** a 单位/领域 that matches nothing: the field, and what to write instead (closest names) */
  refused: { field: "unit" | "sector"; problem: string }[];
  /** why 单位 was not taken from the enterprise (its 责任单位 is the township government), also among hints */
  unitNotTaken?: string;
}

/**
 * Resolves whichever names were given; an unknown 单位/领域 is set aside with the closest valid names, so the
 * rest of the line is kept. 单位 and 领域 not given at all are taken from a registered enterprise.
 */
export async function resolveNames(deps: Deps, actor: Actor, v: CheckedHazard): Promise<ResolvedNames> {
  const out: ResolvedNames = { hints: [], refused: [] };
  const lookUp = async <T>(field: "unit" | "sector", find: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await find();
    } catch (error) {
      if (!(error instanceof BotError) || error.code !== "bad_input") throw error;
      out.refused.push({ field, problem: error.message });
      return undefined;
    }
  };
  if (v.enterprise !== undefined) {
    const named = await enterpriseByName(deps, v.enterprise);
    out.enterprise = named.enterprise;
    if (named.hint) out.hints.push(named.hint);
  }
  const government = await townshipGovernmentIds(deps.db);
  if (v.unit !== undefined) out.unit = await lookUp("unit", () => resolveUnit(deps, v.unit!));
  if (out.unit && government.has(out.unit.id)) {
    out.refused.push({ field: "unit", problem: governmentOwnsNoHazards(out.unit.name) });
    out.unit = undefined;
  }
  if (v.sector !== undefined) out.sector = await lookUp("sector", () => resolveSector(deps, v.sector!));
  await fillFromEnterprise(deps, v, out, government);
  if (out.unit) requireOwnUnit(actor, out.unit);
  return out;
}

/**
 * 单位 and 领域 left out are the registered enterprise's own (a form cannot infer them as the person fills it), but
 * never the township government (附件2's shops all name it): the form asks for the unit instead.
 */
async function fillFromEnterprise(
  deps: Deps,
  v: CheckedHazard,
  out: ResolvedNames,
  government: Set<number>,
): Promise<void> {
  const id = out.enterprise?.id;
  if (id === undefined || id === null || (v.unit !== undefined && v.sector !== undefined)) return;
  const row = await getEnterprise(deps.db, id);
  if (!row) return;
  const taken: string[] = [];
  if (v.unit === undefined) {
    const unit = await getUnit(deps.db, row.unitId);
    if (unit && government.has(unit.id)) {
      out.unitNotTaken = governmentNotPrefilled(row.name, unit.name);
      out.hints.push(out.unitNotTaken);
    } else out.unit = unit;
    if (out.unit) taken.push(`单位「${out.unit.name}」`);
  }
  if (v.sector === undefined) {
    out.sector = (await listSectors(deps.db)).find((s) => s.id === row.sectorId);
    if (out.sector) taken.push(`领域「${out.sector.name}」`);
  }
  if (taken.length > 0) out.hints.push(`${taken.join("、")}按已登记的企业「${row.name}」填写。`);
}

/**
 * 企业= as a registered enterprise when one matches (id and full name), else the text as an unregistered
 * 项目/场所, with a hint naming the closest registered ones.
 */
export async function enterpriseByName(
  deps: Deps,
  input: string,
): Promise<{ enterprise: { id: number | null; name: string }; hint?: string }> {
  const all = (await listEnterprises(deps.db)).map((e) => ({ id: e.id, name: e.name, aliases: [] }));
  const found = findByName(input, all);
  if (found) return { enterprise: { id: found.id, name: found.name } };
  const near = closestNames(input, all);
  return {
    enterprise: { id: null, name: input },
    hint: `「${input}」不是已登记的企业，已按项目/场所记录。${near.length > 0 ? `最接近的已登记企业：${near.join("、")}；若是其中之一，请写全称。` : ""}`,
  };
}

/** A 干部 logs only their own unit's hazards. */
function requireOwnUnit(actor: Actor, unit: UnitRow): void {
  if (actor.role !== "干部") return;
  if (actor.unitId === unit.id) return;
  throw new BotError(
    "forbidden",
    actor.unitId === null
      ? "你的绑定没有单位，不能登记隐患。请镇安委办重新绑定：/绑定 @你 角色=干部 单位=…"
      : `你是本单位的干部，只能登记本单位的隐患；「${unit.name}」的隐患请由该单位干部或镇安委办登记。`,
  );
}

/** The form's and the command's values as names, for pre-filling the form. */
export function prefill(v: CheckedHazard, names: ResolvedNames): HazardFields {
  return {
    unit: names.unit?.name,
    enterprise: names.enterprise?.name,
    sector: names.sector?.name,
    description: v.description,
    measures: v.measures,
    deadline: v.deadline,
    source: v.source,
    level: v.level,
    found: v.found,
  };
}

export interface Complete {
  unit: UnitRow;
  sector: SectorRow;
  enterprise: { id: number | null; name: string };
  description: string;
  measures: string;
  deadline: string;
}

export function complete(v: CheckedHazard, names: ResolvedNames): Complete | null {
  const { unit, sector, enterprise } = names;
  if (!unit || !sector || !enterprise || !v.description || !v.measures || !v.deadline) return null;
  return { unit, sector, enterprise, description: v.description, measures: v.measures, deadline: v.deadline };
}

/** The new hazard's fields as stored: what the duplicate check compares, and what a held entry keeps. */
export function draftOf(deps: Deps, c: Complete, v: CheckedHazard): HazardDraft {
  return {
    unitId: c.unit.id,
    enterpriseId: c.enterprise.id,
    enterpriseName: c.enterprise.name,
    sectorId: c.sector.id,
    description: c.description,
    measures: c.measures,
    deadline: c.deadline,
    source: v.source,
    level: v.level,
    foundOn: v.found ?? dateIn(deps.now(), deps.config.timezone),
  };
}

export async function logHazard(
  deps: Deps,
  actor: Actor,
  draft: HazardDraft,
  o: {
    year: number;
    chatId: string | null;
    cardMessageId: string | null;
    submissionKey?: string | undefined;
  },
): Promise<HazardRow> {
  return createHazard(deps.db, {
    ...draft,
    year: o.year,
    reportedBy: actor.openId,
    chatId: o.chatId,
    cardMessageId: o.cardMessageId,
    at: deps.now(),
    submissionKey: o.submissionKey,
  });
}

/** A submit or press that logged a hazard (now or before): its card replaces the one pressed. */
export async function answerDone(
  deps: Deps,
  actor: Actor,
  number: string,
  toast: string,
): Promise<CardAnswer> {
  return { toast: { type: "success", content: toast }, card: await freshCard(deps, actor, number) };
}
