// `/隐患 撤销 YH-… 原因=…` and `/隐患 恢复 YH-…`: a mistaken or duplicate entry is withdrawn (已撤销: out of lists,
// counts and forms, still readable by 查看, its number never given out again), and an admin can put it back in
// the status it had. Both are kept in the history and the audit log.
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { withdrawRefusal } from "../../src/domain/hazard-access";
import { TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { isHazardStatus, LIVE_STATUSES, WITHDRAWN } from "../../src/domain/hazard-lifecycle";
import { rewriteHazard, statusBeforeWithdrawal } from "../../src/store/hazard-edits";
import type { HazardView } from "../../src/store/hazards";
import type { CardAction, CommandContext, Subcommand } from "../types";
import { onCurrentCard } from "./revision";
import { findHazard, freshCard, postHazardCard, readNumber } from "./show";

export const WITHDRAW_USAGE = "/隐患 撤销 <编号> 原因=…";
export const RESTORE_USAGE = "/隐患 恢复 <编号>";

function readWithdraw(ctx: CommandContext): { number: string; reason: string } {
  const number = readNumber(ctx.args[0], WITHDRAW_USAGE);
  for (const key of Object.keys(ctx.named)) {
    if (key !== "原因" && key !== "理由") {
      throw new BotError("unreadable", `不认识参数「${key}」。撤销只写 原因=…。`, [WITHDRAW_USAGE]);
    }
  }
  if (ctx.args.length > 1) {
    throw new BotError("bad_input", `「${ctx.args[1]}」要写成 原因=…。`, [WITHDRAW_USAGE]);
  }
  return { number, reason: checkedReason(ctx.named.原因 ?? ctx.named.理由 ?? "") };
}

/** The 原因 of a 撤销, typed or written in the card's form: required, and never cut. */
function checkedReason(text: string): string {
  const reason = text.trim();
  if (reason === "") {
    throw new BotError("bad_input", "撤销要写明原因，例如 原因=重复登记（同 YH-2023-0006）。", [
      WITHDRAW_USAGE,
    ]);
  }
  const long = tooLong("原因", reason, TEXT_MAX);
  if (long) throw new BotError("bad_input", long, [WITHDRAW_USAGE]);
  return reason;
}

/** Withdraws the hazard for this person (refused as the permission rules say): it as read, and its card's notice. */
async function withdraw(
  deps: Deps,
  actor: Actor,
  number: string,
  reason: string,
): Promise<{ hazard: HazardView; notice: string }> {
  const { hazard } = await findHazard(deps, actor, number);
  if (hazard.status === WITHDRAWN) throw new BotError("conflict", `隐患 ${number} 已经撤销了。`);
  const refusal = withdrawRefusal(actor, hazard);
  if (refusal) throw new BotError("forbidden", refusal);
  const written = await rewriteHazard(deps.db, {
    hazard,
    kind: "withdrawn",
    action: "hazard.withdraw",
    actor: actor.openId,
    at: deps.now(),
    to: WITHDRAWN,
    set: {},
    note: reason,
    before: {},
    after: {},
  });
  if (!written) throw raced(number);
  return { hazard, notice: `已撤销隐患 ${number}（原为「${hazard.status}」）。原因：${reason}` };
}

async function answer(ctx: CommandContext, hazard: HazardView, notice: string): Promise<void> {
  const card = await freshCard(ctx.deps, ctx.actor, hazard.number, { notices: [notice] });
  await postHazardCard(ctx.deps, ctx.reply, hazard, ctx.event.chatId, card);
}

function raced(number: string): BotError {
  return new BotError("conflict", `隐患 ${number} 刚被别人办理过，请发送 /隐患 查看 ${number} 后再试。`);
}

export const withdrawSub: Subcommand = {
  name: "撤销",
  aliases: ["作废"],
  action: "hazard.withdraw",
  summary: "撤销误登、重复的隐患（须写原因）：不再进列表和统计，仍可查看，编号不再使用",
  usage: WITHDRAW_USAGE,
  keys: ["原因", "理由"],
  example: "/隐患 撤销 YH-2023-0008 原因=「与 YH-2023-0007 重复」",
  async run(ctx) {
    const { number, reason } = readWithdraw(ctx);
    const { hazard, notice } = await withdraw(ctx.deps, ctx.actor, number, reason);
    await answer(ctx, hazard, notice);
  },
};

/**
 * 撤销 on a hazard card: the reason written in the card's small form, the hazard's revision carried in the
 * button, so a press on an outdated card writes nothing. Answers with the grey card in the callback.
 */
export const withdrawAction: CardAction = {
  name: "hazard.withdraw",
  permission: "hazard.withdraw",
  async run(ctx) {
    const number = readNumber(
      typeof ctx.value.number === "string" ? ctx.value.number : undefined,
      WITHDRAW_USAGE,
    );
    const reason = checkedReason(
      typeof ctx.form.withdraw_reason === "string" ? ctx.form.withdraw_reason : "",
    );
    return onCurrentCard(ctx, number, async () => {
      const { notice } = await withdraw(ctx.deps, ctx.actor, number, reason);
      const card = await freshCard(ctx.deps, ctx.actor, number, { notices: [notice] });
      return { toast: { type: "success", content: "已撤销" }, card };
    });
  },
};

export const restoreSub: Subcommand = {
  name: "恢复",
  action: "hazard.restore",
  summary: "把撤销的隐患恢复为撤销前的状态",
  usage: RESTORE_USAGE,
  example: "/隐患 恢复 YH-2023-0008",
  async run(ctx) {
    const { deps, actor } = ctx;
    const number = readNumber(ctx.args[0], RESTORE_USAGE);
    if (ctx.args.length > 1 || Object.keys(ctx.named).length > 0) {
      throw new BotError("bad_input", "恢复只写隐患编号。", [RESTORE_USAGE]);
    }
    const { hazard } = await findHazard(deps, actor, number);
    if (hazard.status !== WITHDRAWN) {
      throw new BotError("conflict", `隐患 ${number} 没有撤销（现在是「${hazard.status}」），不用恢复。`);
    }
    const was = await restoredStatus(deps, hazard.id);
    const written = await rewriteHazard(deps.db, {
      hazard,
      kind: "restored",
      action: "hazard.restore",
      actor: actor.openId,
      at: deps.now(),
      to: was,
      set: {},
      note: `恢复为「${was}」`,
      before: {},
      after: {},
    });
    if (!written) throw raced(number);
    await answer(ctx, hazard, `已恢复隐患 ${number}，状态回到「${was}」。`);
  },
};

/** The status before the latest 撤销 (待整改 if the history somehow lacks it). */
async function restoredStatus(deps: Deps, hazardId: number) {
  const was = await statusBeforeWithdrawal(deps.db, hazardId);
  return was !== undefined && isHazardStatus(was) && LIVE_STATUSES.includes(was) ? was : "待整改";
}
