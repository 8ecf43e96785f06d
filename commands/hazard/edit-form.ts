// 修改 on a hazard card: the button opens the entry form in edit mode in the card's place, pre-filled with the
// hazard as it is and carrying its revision; the submit is the typed `/隐患 修改` (./edit.ts: the same checks, the
// same write), answered with the updated card; a form older than the hazard writes nothing.
import { readHazardForm } from "../../cards/hazard-form";
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { governmentOwnsNoHazards } from "../../src/domain/hazard-owner";
import type { HazardView } from "../../src/store/hazards";
import { townshipGovernmentIds } from "../../src/store/units";
import type { CardAction, CardContext } from "../types";
import { formCard, offeredUnits } from "./create";
import {
  checkedReason,
  checkedValues,
  correct,
  doneNotices,
  EDIT_USAGE,
  editableHazard,
  tellOfHandover,
} from "./edit";
import { type OutdatedWords, onCurrentCard } from "./revision";
import { cardFor, findHazard, freshCard, readNumber } from "./show";

/** A 修改 pressed on a card older than the hazard: the current card instead of a form of old values. */
const STALE_CARD: OutdatedWords = {
  toast: { type: "info", content: "卡片已更新为最新状态，请看清后再点「修改」" },
  notice: "这张卡片不是最新的：隐患已有新的办理，已换成最新状态。请看清现在的内容，要改再点「修改」。",
};

/** A form submitted after the hazard changed: refused whole, so nothing typed over the newer values is kept. */
const STALE_FORM: OutdatedWords = {
  toast: { type: "warning", content: "隐患在表单发出后又有了办理，这次修改没有保存" },
  notice:
    "这张修改表单发出后，隐患又有了新的办理（见记录），表单里的内容已过时，这次修改什么也没有写入。请看清现在的内容，要改再点「修改」。",
};

function numberOf(ctx: CardContext): string {
  return readNumber(typeof ctx.value.number === "string" ? ctx.value.number : undefined, EDIT_USAGE);
}

/** What the form says above its fields: how it works, and why the hazard's 单位 cannot be chosen as it is. */
async function formNotices(deps: Deps, hazard: HazardView, offered: boolean): Promise<string[]> {
  const lines = [
    `修改隐患 ${hazard.number}：改好后点「保存修改」，只记下改动的项（谁、何时、原值 → 新值）。期限往后推是延期，须写原因。`,
  ];
  if (offered) return lines;
  const government = await townshipGovernmentIds(deps.db);
  lines.push(
    government.has(hazard.unitId)
      ? `${governmentOwnsNoHazards(hazard.unitName)}请在「部门/村居」里选择。`
      : `单位「${hazard.unitName}」已停用，不在可选之列；不选则单位不变。`,
  );
  return lines;
}

async function editForm(deps: Deps, actor: Actor, hazard: HazardView) {
  const values = {
    unit: hazard.unitName,
    enterprise: hazard.enterpriseName,
    sector: hazard.sectorName,
    description: hazard.description,
    measures: hazard.measures,
    deadline: hazard.deadline,
    source: hazard.source,
    level: hazard.level,
    found: hazard.foundOn,
  };
  const offered = (await offeredUnits(deps, actor, true)).includes(hazard.unitName);
  const notices = await formNotices(deps, hazard, offered);
  return formCard(deps, actor, values, notices, {
    edit: { number: hazard.number, revision: hazard.revision },
  });
}

export const editFormAction: CardAction = {
  name: "hazard.edit_form",
  permission: "hazard.edit",
  async run(ctx) {
    const number = numberOf(ctx);
    return onCurrentCard(
      ctx,
      number,
      async () => ({
        card: await editForm(ctx.deps, ctx.actor, await editableHazard(ctx.deps, ctx.actor, number)),
      }),
      STALE_CARD,
    );
  },
};

/**
 * The form's fields as a typed correction: every field it sent, but a 单位, 领域 or 发现日期 left empty (a select
 * left unchosen, a cleared date) stays as it is, and an unchanged 企业 is not looked up again (an unregistered
 * 项目 would be named a change of nothing).
 */
function formEdit(form: Record<string, unknown>, hazard: HazardView) {
  const raw = readHazardForm(form);
  for (const field of ["unit", "sector", "found"] as const) if (raw[field]?.trim() === "") delete raw[field];
  if (raw.enterprise?.trim() === hazard.enterpriseName) delete raw.enterprise;
  return raw;
}

export const editAction: CardAction = {
  name: "hazard.edit",
  permission: "hazard.edit",
  async run(ctx) {
    const { deps, actor } = ctx;
    const number = numberOf(ctx);
    const reason = checkedReason(typeof ctx.form.reason === "string" ? ctx.form.reason : "");
    return onCurrentCard(
      ctx,
      number,
      async (revision) => {
        const hazard = await editableHazard(deps, actor, number);
        const values = checkedValues(deps, formEdit(ctx.form, hazard));
        const done = await correct(deps, actor, hazard, { values, reason, revision });
        const card = await freshCard(deps, actor, number, { notices: doneNotices(number, done) });
        tellOfHandover(deps, actor, hazard, done);
        return { toast: { type: "success", content: `已修改 ${number}` }, card };
      },
      STALE_FORM,
    );
  },
};

/** 不改了: the hazard's card back in the form's place, as it is now; nothing written. */
export const editCancelAction: CardAction = {
  name: "hazard.edit_cancel",
  permission: "hazard.view",
  async run(ctx) {
    const detail = await findHazard(ctx.deps, ctx.actor, numberOf(ctx));
    return { toast: { type: "info", content: "没有修改" }, card: await cardFor(ctx.deps, ctx.actor, detail) };
  },
};
