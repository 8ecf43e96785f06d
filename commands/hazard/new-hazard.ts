// Logging a hazard, shared by the typed `/隐患 新增` and the entry form: names resolved against the registry,
// the 干部's own-unit rule, the creation, and telling the people it concerns.
import type { Actor } from "../../src/bot/actor";
import { resolveActor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { resolveSector, resolveUnit } from "../../src/bot/lookups";
import type { CheckedHazard, HazardFields } from "../../src/domain/hazard-input";
import { closestNames, findByName } from "../../src/domain/names";
import { dateIn } from "../../src/domain/time";
import { listEnterprises } from "../../src/store/enterprises";
import { enterpriseHeads } from "../../src/store/hazard-audience";
import { createHazard, type HazardRow } from "../../src/store/hazards";
import type { SectorRow, UnitRow } from "../../src/store/units";
import { freshCard } from "./show";

export interface ResolvedNames {
  unit?: UnitRow;
  sector?: SectorRow;
  enterprise?: { id: number | null; name: string };
  /** said when 企业= is not a registered enterprise */
  hints: string[];
}

/** Resolves whichever names were given; an unknown 单位/领域 is refused with the closest valid names. */
export async function resolveNames(deps: Deps, actor: Actor, v: CheckedHazard): Promise<ResolvedNames> {
  const out: ResolvedNames = { hints: [] };
  if (v.unit !== undefined) {
    out.unit = await resolveUnit(deps, v.unit);
    requireOwnUnit(actor, out.unit);
  }
  if (v.sector !== undefined) out.sector = await resolveSector(deps, v.sector);
  if (v.enterprise !== undefined) {
    const all = (await listEnterprises(deps.db)).map((e) => ({ id: e.id, name: e.name, aliases: [] }));
    const found = findByName(v.enterprise, all);
    if (found) out.enterprise = { id: found.id, name: found.name };
    else {
      out.enterprise = { id: null, name: v.enterprise };
      const near = closestNames(v.enterprise, all);
      out.hints.push(
        `「${v.enterprise}」不是已登记的企业，已按项目/场所记录。${near.length > 0 ? `最接近的已登记企业：${near.join("、")}；若是其中之一，请写全称。` : ""}`,
      );
    }
  }
  return out;
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

export async function logHazard(
  deps: Deps,
  actor: Actor,
  c: Complete,
  v: CheckedHazard,
  o: { year: number; chatId: string | null; cardMessageId: string | null; submissionKey?: string },
): Promise<HazardRow> {
  return createHazard(deps.db, {
    year: o.year,
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
    reportedBy: actor.openId,
    chatId: o.chatId,
    cardMessageId: o.cardMessageId,
    at: deps.now(),
    submissionKey: o.submissionKey,
  });
}

/**
 * A registered enterprise's bound heads hear of the hazard in private chat, with its card (their buttons).
 * The private card is not remembered as the hazard's card: replies in the group keep reaching the group's.
 */
export async function tellEnterpriseHeads(deps: Deps, hazard: HazardRow): Promise<void> {
  if (hazard.enterpriseId === null) return;
  for (const openId of await enterpriseHeads(deps.db, hazard.enterpriseId)) {
    const head = await resolveActor(deps, openId);
    const card = await freshCard(deps, head, hazard.number, {
      notices: [
        `你的企业「${hazard.enterpriseName}」有一条新登记的隐患，请按期整改，并用「报进展」「整改完成」反馈。`,
      ],
    });
    await deps.messenger.post(
      { kind: "user", openId },
      { msgType: "interactive", card },
      `hazard:${hazard.id}`,
    );
  }
}
