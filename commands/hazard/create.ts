// `/隐患 新增` typed in one line, or the entry form when fields are missing, and the form's submit button.

import { HAZARD_FORM_NAME, hazardFormCard, readHazardForm } from "../../cards/hazard-form";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { effectiveSetting } from "../../src/bot/settings";
import { excerpt } from "../../src/domain/excerpt";
import {
  checkHazardFields,
  FIELD_LABELS,
  fieldForKey,
  HAZARD_FIELDS,
  HAZARD_KEYS,
  type HazardCheck,
  type HazardField,
  type HazardFields,
  REQUIRED_FIELDS,
} from "../../src/domain/hazard-input";
import { zonedParts } from "../../src/domain/time";
import { newHazardAudience } from "../../src/store/hazard-audience";
import { getHazardDetail, submissionResult } from "../../src/store/hazards";
import { getUnit, listSectors, listUnits, townshipGovernmentIds } from "../../src/store/units";
import type { CardAction, Subcommand } from "../types";
import { duplicatesOf, holdDuplicate } from "./duplicate";
import {
  answerDone,
  complete,
  draftOf,
  logHazard,
  prefill,
  type ResolvedNames,
  resolveNames,
} from "./new-hazard";
import { tellCadresOfFormHazard, tellHeadsOfNewHazard } from "./notices";
import { cardFor, freshCard, postHazardCard, todayOf } from "./show";

export const CREATE_USAGE =
  "/隐患 新增 单位=… 企业=… 领域=… 描述=… 措施=… 期限=… [来源=企业自查/部门检查/上级检查/举报] [等级=重大/一般] [发现日期=…]";

/**
 * The units the entry form offers this person: never the township government (it owns no hazards); for a new
 * hazard a 干部 only their own, for a correction any (a new 单位 hands the hazard over, as typed `/隐患 修改 单位=`).
 */
export async function offeredUnits(deps: Deps, actor: Actor, edit: boolean): Promise<string[]> {
  const government = await townshipGovernmentIds(deps.db);
  const units = (await listUnits(deps.db)).filter((u) => !government.has(u.id));
  const mine = actor.role === "干部" && !edit ? units.filter((u) => u.id === actor.unitId) : units;
  return mine.map((u) => u.name);
}

/** The entry form for this person: for a new hazard, or in edit mode for the correction of one. */
export async function formCard(
  deps: Deps,
  actor: Actor,
  values: HazardFields,
  notices: string[],
  o: { privateChat?: boolean; edit?: { number: string; revision: number } },
) {
  const sectors = await listSectors(deps.db);
  return hazardFormCard({
    units: await offeredUnits(deps, actor, o.edit !== undefined),
    sectors: sectors.map((s) => s.name),
    values,
    notices,
    ...o,
  });
}

function typedFields(named: Record<string, string>, args: string[]): HazardFields {
  if (args.length > 0) {
    throw new BotError(
      "unreadable",
      `「${excerpt(args[0] ?? "")}」要写成 名称=值，例如 描述=「仓库未设置防雷设施」。`,
    );
  }
  const raw: HazardFields = {};
  for (const [key, value] of Object.entries(named)) {
    const field = fieldForKey(key);
    if (!field) {
      throw new BotError(
        "unreadable",
        `不认识参数「${excerpt(key)}」。可写：${HAZARD_FIELDS.map((f) => FIELD_LABELS[f]).join("、")}。`,
      );
    }
    raw[field] = value;
  }
  return raw;
}

/** What a line or a form still lacks once names are resolved (单位/领域 may come from the enterprise). */
function stillMissing(check: HazardCheck, names: ResolvedNames): HazardField[] {
  const have: Partial<Record<HazardField, unknown>> = { ...check.values, ...names };
  const refused = new Set<HazardField>([...check.refused, ...names.refused.map((r) => r.field)]);
  return REQUIRED_FIELDS.filter((f) => have[f] === undefined && !refused.has(f));
}

/** Every value refused, each named with its field: what was kept is on the form, these are left blank. */
function refusals(check: HazardCheck, names: ResolvedNames): string[] {
  return [...check.problems, ...names.refused.map((r) => `${FIELD_LABELS[r.field]}：${r.problem}`)];
}

/** The lines atop the form a typed line gets back: what was wrong, what is missing, then hints. */
function formNotices(check: HazardCheck, names: ResolvedNames): string[] {
  const wrong = refusals(check, names);
  const missing = stillMissing(check, names);
  const lacking = missing.length > 0 ? `还缺：${missing.map((f) => FIELD_LABELS[f]).join("、")}。` : "";
  const steps =
    wrong.length > 0
      ? [
          "这几项没有填对，已空出，其余照你写的填好了：",
          ...wrong,
          `${lacking}请在下面的表单改好、补全后点「登记隐患」。`,
        ]
      : [`${lacking}请在下面的表单补全后点「登记隐患」。`];
  return [...steps, ...names.hints, ...check.warnings];
}

export const createSub: Subcommand = {
  name: "新增",
  aliases: ["登记", "添加"],
  action: "hazard.create",
  summary:
    "登记一条隐患；不带参数或缺少必填项时发来登记表单。单位写发现或负责整改的村居、镇直单位（高兴镇人民政府不作为隐患单位）",
  usage: CREATE_USAGE,
  keys: HAZARD_KEYS,
  example:
    "/隐患 新增 单位=应急办 企业=某某加油站 领域=危险化学品 描述=「储罐区未设防雷设施」 措施=「加装防雷接地」 期限=7月31日",
  async run(ctx) {
    const { deps, actor } = ctx;
    const raw = typedFields(ctx.named, ctx.args);
    const given = Object.keys(raw).length > 0;
    if (actor.role === "干部" && raw.unit === undefined && actor.unitId !== null) {
      raw.unit = (await getUnit(deps.db, actor.unitId))?.name;
    }
    const check = checkHazardFields(raw, {
      today: todayOf(deps),
      emptyIs: "problem",
      campaignStart: await effectiveSetting(deps, "专项开始"),
    });
    const names = await resolveNames(deps, actor, check.values);
    // The hazard's home is the group it is logged in; one logged privately has none (the dispatch group stands in).
    const home = ctx.event.chatType === "group" ? ctx.event.chatId : null;
    const full = refusals(check, names).length === 0 ? complete(check.values, names) : null;
    if (!full) {
      // A line with a wrong or missing field is not thrown away: the form comes back with the rest filled in.
      const notices = given ? formNotices(check, names) : ["请填写下面的表单登记隐患（附件3 台账的各栏）。"];
      await ctx.reply({
        msgType: "interactive",
        card: await formCard(deps, actor, prefill(check.values, names), notices, {
          privateChat: home === null,
        }),
      });
      return;
    }
    const draft = draftOf(deps, full, check.values);
    const repeats = await duplicatesOf(deps, draft);
    if (repeats.length > 0) {
      const card = await holdDuplicate(deps, actor, { draft, full, chatId: home ?? "", existing: repeats });
      await ctx.reply({ msgType: "interactive", card });
      return;
    }
    const hazard = await logHazard(deps, actor, draft, {
      year: ctx.year,
      chatId: home,
      cardMessageId: null,
    });
    const detail = (await getHazardDetail(deps.db, hazard.number))!;
    const audience = await newHazardAudience(deps.db, hazard);
    const card = await cardFor(deps, actor, detail, {
      notices: [`已登记隐患 ${hazard.number}。`, ...check.warnings, ...names.hints],
      mentions: audience.cadres,
      mentionLeaders: audience.leaders,
    });
    await postHazardCard(deps, ctx.reply, hazard, ctx.event.chatId, card);
    deps.background(() => tellHeadsOfNewHazard(deps, hazard));
  },
};

export const createFormAction: CardAction = {
  name: "hazard.create",
  permission: "hazard.create",
  async run({ deps, actor, event, form, value }) {
    const key = `hazard.create:${event.messageId}:${HAZARD_FORM_NAME}`;
    // A form sent in a private chat logs a hazard with no group of its own, and its card there is not the home's.
    const home = value.private === true ? null : event.chatId || null;
    const done = await submissionResult(deps.db, key);
    if (done) return answerDone(deps, actor, done, `这张表单已登记为 ${done}，没有重复登记。`);
    const check = checkHazardFields(readHazardForm(form), {
      today: todayOf(deps),
      emptyIs: "missing",
      campaignStart: await effectiveSetting(deps, "专项开始"),
    });
    const names = await resolveNames(deps, actor, check.values);
    const missing = stillMissing(check, names);
    const fix = [
      ...(missing.length > 0 ? [`请填写：${missing.map((f) => FIELD_LABELS[f]).join("、")}。`] : []),
      ...(missing.includes("unit") && names.unitNotTaken ? [names.unitNotTaken] : []),
      ...refusals(check, names),
    ];
    const full = complete(check.values, names);
    if (fix.length > 0 || !full) {
      return { toast: { type: "warning", content: fix.join(" ").slice(0, 200) || "请把表单填写完整。" } };
    }
    const draft = draftOf(deps, full, check.values);
    const repeats = await duplicatesOf(deps, draft);
    if (repeats.length > 0) {
      const card = await holdDuplicate(deps, actor, { draft, full, chatId: home ?? "", existing: repeats });
      return { toast: { type: "warning", content: "可能重复登记，请核对" }, card };
    }
    let hazard: Awaited<ReturnType<typeof logHazard>>;
    try {
      hazard = await logHazard(deps, actor, draft, {
        year: zonedParts(deps.now(), deps.config.timezone).year,
        chatId: home,
        cardMessageId: home === null ? null : event.messageId || null,
        submissionKey: key,
      });
    } catch (error) {
      // Two presses at once: the other one created it; answer as the second press.
      const raced = await submissionResult(deps.db, key);
      if (raced) return answerDone(deps, actor, raced, `这张表单已登记为 ${raced}，没有重复登记。`);
      throw error;
    }
    deps.background(() => tellCadresOfFormHazard(deps, home ?? "", hazard));
    deps.background(() => tellHeadsOfNewHazard(deps, hazard));
    const card = await freshCard(deps, actor, hazard.number, {
      notices: [`已登记隐患 ${hazard.number}。`, ...check.warnings, ...names.hints],
    });
    return { toast: { type: "success", content: `已登记 ${hazard.number}` }, card };
  },
};
