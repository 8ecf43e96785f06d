// `/隐患 列表` and its 上一页/下一页 buttons: the ledger filtered by 单位, 领域, 状态, 企业, 发现 (a month, quarter
// or year of 发现日期), 等级, 来源, 督办 (the standing level, 有 or 无) and 超期, within what the asker may see (a 干部 their unit, an 企业负责人 their
// enterprise), 10 a page with the total: every count by period can be reproduced with these words.

import { hazardListCard } from "../../cards/hazard-list";
import type { Card } from "../../cards/types";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { excerpt } from "../../src/domain/excerpt";
import { parseFoundPeriod } from "../../src/domain/found-period";
import { ledgerScope } from "../../src/domain/hazard-access";
import {
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  type HazardLevel,
  type HazardSource,
  isHazardStatus,
  SUPERVISION_LEVELS,
} from "../../src/domain/hazard-lifecycle";
import { governmentListForAdmins } from "../../src/domain/hazard-owner";
import { findByName } from "../../src/domain/names";
import { listEnterprises } from "../../src/store/enterprises";
import { type HazardFilter, type HazardScope, listHazards, PAGE_SIZE } from "../../src/store/hazard-list";
import { getUnit, townshipGovernmentIds } from "../../src/store/units";
import { resolveSector, resolveUnit } from "../lookups";
import type { CardAction, Subcommand } from "../types";
import { todayOf } from "./show";

export const LIST_USAGE =
  "/隐患 列表 [单位=…] [领域=…] [状态=…] [企业=…] [发现=2023-06/2023Q3/2023] [等级=…] [来源=…] [督办=镇级/县级/市级/有/无] [超期]";

const KEYS = ["单位", "领域", "状态", "企业", "发现", "等级", "来源", "督办"];
/** 督办= takes the standing level, or whether any posting stands. */
const SUPERVISION_CHOICES = [...SUPERVISION_LEVELS, "有", "无"] as const;
const OPEN = "未销号";
const STATUS_CHOICES = [...HAZARD_STATUSES, OPEN];

/** The filters as the buttons carry them: plain ids and words, plus their labels for the card. */
interface FilterValue {
  unitId?: number;
  sectorId?: number;
  status?: string;
  enterpriseId?: number;
  enterpriseName?: string;
  overdue?: boolean;
  foundFrom?: string;
  foundTo?: string;
  level?: string;
  source?: string;
  supervision?: string;
  labels: string[];
}

/** A choice among fixed words (等级, 来源), or a refusal that lists them. */
function oneOf<T extends string>(key: string, text: string, allowed: readonly T[]): T {
  const wanted = text.normalize("NFKC").trim();
  const found = allowed.find((a) => a === wanted);
  if (!found)
    throw new BotError("bad_input", `${key}「${excerpt(text)}」不对：只能是 ${allowed.join("、")}。`);
  return found;
}

const isOneOf = <T extends string>(allowed: readonly T[], v: string | undefined): v is T =>
  v !== undefined && (allowed as readonly string[]).includes(v);

function scopeOf(actor: Actor): HazardScope {
  const scope = ledgerScope(actor);
  if ("all" in scope) return {};
  if ("unitId" in scope) return { unitId: scope.unitId };
  if ("enterpriseId" in scope) return { enterpriseId: scope.enterpriseId };
  throw new BotError("forbidden", "你的绑定没有单位或企业，看不到台账。请镇安委办重新绑定。");
}

async function readFilters(deps: Deps, actor: Actor, named: Record<string, string>, args: string[]) {
  const f: FilterValue = { labels: [] };
  for (const key of Object.keys(named)) {
    if (!KEYS.includes(key))
      throw new BotError("unreadable", `不认识参数「${excerpt(key)}」。可写：${KEYS.join("、")}，或 超期。`, [
        LIST_USAGE,
      ]);
  }
  for (const word of args) {
    if (word !== "超期")
      throw new BotError(
        "unreadable",
        `「${excerpt(word)}」不是筛选条件。可写：${KEYS.map((k) => `${k}=…`).join("、")}，或 超期。`,
        [LIST_USAGE],
      );
    f.overdue = true;
  }
  if (named.单位 !== undefined) {
    const unit = await resolveUnit(deps, named.单位);
    const government = (await townshipGovernmentIds(deps.db)).has(unit.id);
    if (government && actor.role !== "管理员") {
      throw new BotError("forbidden", governmentListForAdmins(unit.name));
    }
    if (actor.role === "干部" && actor.unitId !== unit.id) {
      throw new BotError("forbidden", `你只能查看本单位的隐患，看不到「${unit.name}」的。`);
    }
    f.unitId = unit.id;
    // the township government owns no hazards: what is listed under it is to be handed to the right unit
    f.labels.push(
      government
        ? `单位=${unit.name}（镇政府不作为隐患单位：用 /隐患 修改 编号 单位=… 移交）`
        : `单位=${unit.name}`,
    );
  }
  if (named.领域 !== undefined) {
    const sector = await resolveSector(deps, named.领域);
    f.sectorId = sector.id;
    f.labels.push(`领域=${sector.name}`);
  }
  if (named.状态 !== undefined) {
    const status = named.状态.normalize("NFKC").trim();
    if (!STATUS_CHOICES.includes(status)) {
      throw new BotError(
        "bad_input",
        `状态「${excerpt(named.状态 ?? "")}」不对：只能是 ${STATUS_CHOICES.join("、")}。`,
      );
    }
    f.status = status;
    f.labels.push(`状态=${status}`);
  }
  if (named.企业 !== undefined) {
    const name = named.企业.trim();
    const registered = (await listEnterprises(deps.db)).map((e) => ({ id: e.id, name: e.name, aliases: [] }));
    const found = findByName(name, registered);
    if (actor.role === "企业负责人" && found?.id !== actor.enterpriseId) {
      throw new BotError("forbidden", `你只能查看本企业的隐患，看不到「${name}」的。`);
    }
    if (found) f.enterpriseId = found.id;
    else f.enterpriseName = name;
    f.labels.push(`企业=${found?.name ?? name}`);
  }
  if (named.发现 !== undefined) {
    const found = parseFoundPeriod(named.发现);
    if (!found.ok) throw new BotError("bad_input", found.error, [LIST_USAGE]);
    f.foundFrom = found.period.from;
    f.foundTo = found.period.to;
    f.labels.push(`发现=${found.period.label}`);
  }
  if (named.等级 !== undefined) {
    f.level = oneOf("等级", named.等级, HAZARD_LEVELS);
    f.labels.push(`等级=${f.level}`);
  }
  if (named.来源 !== undefined) {
    f.source = oneOf("来源", named.来源, HAZARD_SOURCES);
    f.labels.push(`来源=${f.source}`);
  }
  if (named.督办 !== undefined) {
    f.supervision = oneOf("督办", named.督办, SUPERVISION_CHOICES);
    f.labels.push(`督办=${f.supervision}`);
  }
  if (f.overdue) f.labels.push("超期");
  return f;
}

function toFilter(f: FilterValue, today: string): HazardFilter {
  const status = f.status === OPEN ? OPEN : f.status && isHazardStatus(f.status) ? f.status : undefined;
  return {
    unitId: f.unitId,
    sectorId: f.sectorId,
    status,
    enterpriseId: f.enterpriseId,
    enterpriseName: f.enterpriseName,
    overdueOn: f.overdue ? today : undefined,
    foundFrom: f.foundFrom,
    foundTo: f.foundTo,
    level: isOneOf<HazardLevel>(HAZARD_LEVELS, f.level) ? f.level : undefined,
    source: isOneOf<HazardSource>(HAZARD_SOURCES, f.source) ? f.source : undefined,
    supervision: isOneOf(SUPERVISION_CHOICES, f.supervision) ? f.supervision : undefined,
  };
}

async function listCard(deps: Deps, actor: Actor, f: FilterValue, page: number): Promise<Card> {
  const today = todayOf(deps);
  const result = await listHazards(deps.db, toFilter(f, today), scopeOf(actor), page);
  const { labels, ...carried } = f;
  return hazardListCard({
    rows: result.rows,
    total: result.total,
    page,
    pageSize: PAGE_SIZE,
    filterText: labels,
    filterValue: { filter: { ...carried, labels } },
    today,
  });
}

export const listSub: Subcommand = {
  name: "列表",
  aliases: ["台账", "清单"],
  action: "hazard.view",
  summary:
    "隐患台账：未销号的在前，10 条一页，写明共 N 条；可按单位、领域、状态、企业、发现时期（月、季度、年）、等级、来源、督办（层级、有、无；应督办未督办的标出）、超期筛选；单位=高兴镇人民政府 只列给管理员（以前登记在镇政府名下、待用 /隐患 修改 移交的隐患）",
  usage: LIST_USAGE,
  keys: KEYS,
  flags: ["超期"],
  example: "/隐患 列表 领域=消防 状态=整改中",
  async run(ctx) {
    scopeOf(ctx.actor);
    const f = await readFilters(ctx.deps, ctx.actor, ctx.named, ctx.args);
    await ctx.reply({ msgType: "interactive", card: await listCard(ctx.deps, ctx.actor, f, 0) });
  },
};

const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined);
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The filters back from a button, taking only what has the right shape. */
function filterFromValue(value: unknown): FilterValue {
  const v = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const f: FilterValue = {
    labels: Array.isArray(v.labels) ? v.labels.filter((l): l is string => typeof l === "string") : [],
  };
  const unitId = int(v.unitId);
  if (unitId !== undefined) f.unitId = unitId;
  const sectorId = int(v.sectorId);
  if (sectorId !== undefined) f.sectorId = sectorId;
  const status = str(v.status);
  if (status !== undefined && STATUS_CHOICES.includes(status)) f.status = status;
  const enterpriseId = int(v.enterpriseId);
  if (enterpriseId !== undefined) f.enterpriseId = enterpriseId;
  const enterpriseName = str(v.enterpriseName);
  if (enterpriseName !== undefined) f.enterpriseName = enterpriseName;
  if (v.overdue === true) f.overdue = true;
  const ymd = (x: unknown) => (typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x) ? x : undefined);
  const foundFrom = ymd(v.foundFrom);
  const foundTo = ymd(v.foundTo);
  if (foundFrom !== undefined && foundTo !== undefined) {
    f.foundFrom = foundFrom;
    f.foundTo = foundTo;
  }
  const level = str(v.level);
  if (isOneOf(HAZARD_LEVELS, level)) f.level = level;
  const source = str(v.source);
  if (isOneOf(HAZARD_SOURCES, source)) f.source = source;
  const supervision = str(v.supervision);
  if (isOneOf(SUPERVISION_CHOICES, supervision)) f.supervision = supervision;
  return f;
}

export const listPageAction: CardAction = {
  name: "hazard.list.page",
  permission: "hazard.view",
  async run({ deps, actor, value }) {
    const f = filterFromValue(value.filter);
    // The asker's scope is the operator's own, whatever filters the card carries.
    if (actor.role === "干部" && f.unitId !== undefined && f.unitId !== actor.unitId) {
      throw new BotError("forbidden", "你只能查看本单位的隐患。");
    }
    if (
      f.unitId !== undefined &&
      actor.role !== "管理员" &&
      (await townshipGovernmentIds(deps.db)).has(f.unitId)
    ) {
      const unit = await getUnit(deps.db, f.unitId);
      throw new BotError("forbidden", governmentListForAdmins(unit?.name ?? "高兴镇人民政府"));
    }
    const page = Math.min(int(value.page) ?? 0, 100_000);
    return { card: await listCard(deps, actor, f, page) };
  },
};
