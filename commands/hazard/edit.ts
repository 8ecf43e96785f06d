// `/隐患 修改 YH-… 字段=值 … [原因=…]`: corrects a logged hazard's 附件3 fields or its 发现日期. A later 期限 is an
// extension and needs a 原因; a new 单位 hands the hazard over and that unit's 干部 are told. Every change is kept
// in the history and the audit log with who, when, old → new. The card's 修改 form (./edit-form.ts) goes through
// the same checks and the same write.
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { mayEdit } from "../../src/domain/hazard-access";
import {
  type CheckedEdit,
  changeText,
  checkEdit,
  deadlineExtension,
  EDIT_LABELS,
  type EditField,
  editFieldForKey,
  editRefusal,
  type FieldChange,
} from "../../src/domain/hazard-edit";
import { HAZARD_KEYS, TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { governmentOwnsNoHazards } from "../../src/domain/hazard-owner";
import type { HazardEditSet } from "../../src/store/hazard-edits";
import { rewriteHazard } from "../../src/store/hazard-edits";
import type { HazardView } from "../../src/store/hazards";
import { townshipGovernmentIds } from "../../src/store/units";
import { resolveSector, resolveUnit } from "../lookups";
import type { Subcommand } from "../types";
import { enterpriseByName } from "./new-hazard";
import { tellOfMove } from "./notices";
import { findHazard, freshCard, postHazardCard, readNumber, todayOf } from "./show";

export const EDIT_USAGE =
  "/隐患 修改 <编号> 字段=值 … [原因=…]（字段：单位、企业、领域、描述、措施、期限、来源、等级、发现日期；期限推迟须写原因）";

const FIELD_LIST = "单位、企业、领域、描述、措施、期限、来源、等级、发现日期";

/** The 原因 of a correction, typed or written on the form: optional (a later 期限 needs one), never cut. */
export function checkedReason(text: string): string {
  const reason = text.trim();
  const long = tooLong("原因", reason, TEXT_MAX);
  if (long) throw new BotError("bad_input", long, [EDIT_USAGE]);
  return reason;
}

function readEdit(named: Record<string, string>): {
  raw: Partial<Record<EditField, string>>;
  reason: string;
} {
  const raw: Partial<Record<EditField, string>> = {};
  let reason = "";
  for (const [key, value] of Object.entries(named)) {
    if (key === "原因" || key === "理由") {
      reason = value;
      continue;
    }
    const field = editFieldForKey(key);
    if (!field)
      throw new BotError("unreadable", `不认识参数「${key}」。可改：${FIELD_LIST}；另可写 原因=…。`);
    if (raw[field] !== undefined) throw new BotError("bad_input", `「${EDIT_LABELS[field]}」只能写一次。`);
    raw[field] = value;
  }
  if (Object.keys(raw).length === 0) {
    throw new BotError("unreadable", `没有写要改什么。可改：${FIELD_LIST}。`, [
      EDIT_USAGE,
      "例如 /隐患 修改 YH-2023-0007 期限=8月31日 原因=设备到货推迟",
    ]);
  }
  return { raw, reason: checkedReason(reason) };
}

/** Each value checked on its own (dates, choices, lengths, never blank), or bad_input naming every problem. */
export function checkedValues(deps: Deps, raw: Partial<Record<EditField, string>>): CheckedEdit {
  const checked = checkEdit(raw, { today: todayOf(deps) });
  if (checked.problems.length > 0) throw new BotError("bad_input", checked.problems.join("\n"), [EDIT_USAGE]);
  return checked.values;
}

/** Resolves the names and compares every value with the hazard's: the changes, the columns to set, the unit's. */
async function diff(deps: Deps, h: HazardView, v: CheckedEdit) {
  const changes: FieldChange[] = [];
  const set: HazardEditSet = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const note = (field: EditField, was: string, now: string, columns: HazardEditSet) => {
    if (was === now) return;
    changes.push({ field, before: was, after: now });
    Object.assign(set, columns);
    for (const key of Object.keys(columns) as (keyof HazardEditSet)[]) {
      before[key] = h[key];
      after[key] = columns[key];
    }
  };
  let newUnit: string | null = null;
  if (v.unit !== undefined) {
    const unit = await resolveUnit(deps, v.unit);
    if ((await townshipGovernmentIds(deps.db)).has(unit.id)) {
      throw new BotError("bad_input", governmentOwnsNoHazards(unit.name), [EDIT_USAGE]);
    }
    if (unit.id !== h.unitId) newUnit = unit.name;
    note("unit", h.unitName, unit.name, { unitId: unit.id });
  }
  const hints: string[] = [];
  if (v.enterprise !== undefined) {
    const named = await enterpriseByName(deps, v.enterprise);
    if (named.hint) hints.push(named.hint);
    const e = named.enterprise;
    if (e.name !== h.enterpriseName || e.id !== h.enterpriseId) {
      note("enterprise", h.enterpriseName, e.name, { enterpriseId: e.id, enterpriseName: e.name });
    }
  }
  if (v.sector !== undefined) {
    const sector = await resolveSector(deps, v.sector);
    note("sector", h.sectorName, sector.name, { sectorId: sector.id });
  }
  for (const field of ["description", "measures", "deadline", "source", "level"] as const) {
    const value = v[field];
    if (value !== undefined) note(field, h[field], value, { [field]: value });
  }
  if (v.found !== undefined) note("found", h.foundOn, v.found, { foundOn: v.found });
  return { changes, set, before, after, newUnit, hints };
}

/** The hazard, if this person may correct it and it is still open; else not_found, forbidden or conflict. */
export async function editableHazard(deps: Deps, actor: Actor, number: string): Promise<HazardView> {
  const { hazard } = await findHazard(deps, actor, number);
  if (!mayEdit(actor, hazard)) {
    throw new BotError(
      "forbidden",
      `你的角色（${actor.role}）不能修改隐患；企业负责人请用 /隐患 进展 反馈。`,
    );
  }
  const refusal = editRefusal(hazard.status);
  if (refusal) throw new BotError("conflict", `隐患 ${number} ${refusal}`);
  return hazard;
}

export interface Corrected {
  /** the history line: each change old → new, the extension, the 原因 */
  note: string;
  /** the unit it was handed over to, or null */
  newUnit: string | null;
  hints: string[];
}

/**
 * Every correction, typed or on the card's form, ends here: only the fields that differ from the hazard are
 * changed and recorded; nothing different is refused; a later 期限 is an extension that needs a 原因. With a
 * `revision` (the form's) the write happens only if the hazard is still at it.
 */
export async function correct(
  deps: Deps,
  actor: Actor,
  hazard: HazardView,
  edit: { values: CheckedEdit; reason: string; revision?: number },
): Promise<Corrected> {
  const { number } = hazard;
  const { reason } = edit;
  const d = await diff(deps, hazard, edit.values);
  if (d.changes.length === 0) {
    throw new BotError("bad_input", `隐患 ${number} 的这些内容和现在一样，没有改动。`, [EDIT_USAGE]);
  }
  const extended = deadlineExtension(hazard.deadline, d.set.deadline, {
    extensions: hazard.deadlineExtensions,
    originalDeadline: hazard.originalDeadline,
    reason,
  });
  if (!extended.ok) throw new BotError("bad_input", extended.problem, [EDIT_USAGE]);
  const extension = extended.extension;
  if (extension) {
    Object.assign(d.set, { deadlineExtensions: extension.count, originalDeadline: extension.original });
    Object.assign(d.after, { deadlineExtensions: extension.count, originalDeadline: extension.original });
  }
  const lines = d.changes.map(changeText);
  const extensionLine = extension ? `第 ${extension.count} 次延期，原期限 ${extension.original}` : null;
  const note = [
    lines.join("；"),
    ...(extensionLine ? [`（${extensionLine}）`] : []),
    ...(reason ? [`。原因：${reason}`] : []),
  ].join("");
  const written = await rewriteHazard(deps.db, {
    hazard,
    revision: edit.revision,
    kind: "edited",
    action: "hazard.edit",
    actor: actor.openId,
    at: deps.now(),
    to: hazard.status,
    set: d.set,
    note,
    before: d.before,
    after: { ...d.after, ...(reason ? { reason } : {}) },
  });
  if (!written) {
    throw new BotError("conflict", `隐患 ${number} 刚被别人改过，请发送 /隐患 查看 ${number} 后再试。`);
  }
  return { note, newUnit: d.newUnit, hints: d.hints };
}

/** A new 单位 hands the hazard over: that unit's 干部 are told, after the answer. */
export function tellOfHandover(deps: Deps, actor: Actor, hazard: HazardView, done: Corrected): void {
  if (done.newUnit === null) return;
  tellOfMove(deps, {
    number: hazard.number,
    actor,
    hazardChat: hazard.chatId,
    typedIn: null,
    news: { move: "handover", fromUnit: hazard.unitName },
  });
}

export function doneNotices(number: string, done: Corrected): string[] {
  return [`已修改隐患 ${number}：${done.note}`, ...done.hints];
}

export const editSub: Subcommand = {
  name: "修改",
  aliases: ["更正", "改"],
  action: "hazard.edit",
  summary:
    "更正隐患的登记内容（期限推迟算延期，须写原因；改单位即移交该单位）；已销号、已撤销的不能改。也可在隐患卡片上点「修改」，在预填好的表单里改",
  usage: EDIT_USAGE,
  keys: [...HAZARD_KEYS, "原因", "理由"],
  example: "/隐患 修改 YH-2023-0007 期限=8月31日 原因=「防雷设备到货推迟」",
  async run(ctx) {
    const { deps, actor } = ctx;
    const number = readNumber(ctx.args[0], EDIT_USAGE);
    if (ctx.args.length > 1) {
      throw new BotError("unreadable", `「${ctx.args[1]}」要写成 字段=值，例如 期限=8月31日。`, [EDIT_USAGE]);
    }
    const { raw, reason } = readEdit(ctx.named);
    const values = checkedValues(deps, raw);
    const hazard = await editableHazard(deps, actor, number);
    const done = await correct(deps, actor, hazard, { values, reason });
    const card = await freshCard(deps, actor, number, { notices: doneNotices(number, done) });
    await postHazardCard(deps, ctx.reply, hazard, ctx.event.chatId, card);
    tellOfHandover(deps, actor, hazard, done);
  },
};
