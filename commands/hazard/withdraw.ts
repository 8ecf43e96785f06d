// `/隐患 撤销 YH-… 原因=…` and `/隐患 恢复 YH-…`: a mistaken or duplicate entry is withdrawn (已撤销: out of lists,
// counts and forms, still readable by 查看, its number never given out again), and an admin can put it back in
// the status it had. Both are kept in the history and the audit log.
import type { Actor } from "../../src/bot/actor";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { isHazardStatus, LIVE_STATUSES, WITHDRAWN } from "../../src/domain/hazard-lifecycle";
import { rewriteHazard, statusBeforeWithdrawal } from "../../src/store/hazard-edits";
import type { HazardView } from "../../src/store/hazards";
import type { CommandContext, Subcommand } from "../types";
import { findHazard, freshCard, postHazardCard, readNumber } from "./show";

export const WITHDRAW_USAGE = "/隐患 撤销 <编号> 原因=…";
export const RESTORE_USAGE = "/隐患 恢复 <编号>";

/** Admins withdraw any hazard; a 干部 only one they logged themselves, while nothing has been done on it yet. */
function withdrawRefusal(actor: Actor, h: HazardView): string | null {
  if (actor.role === "管理员") return null;
  if (h.reportedBy !== actor.openId)
    return `隐患 ${h.number} 不是你登记的：只有登记人（待整改时）或管理员能撤销。`;
  if (h.status !== "待整改") {
    return `隐患 ${h.number} 已是「${h.status}」，已有人办理过：请镇安委办（管理员）撤销。`;
  }
  return null;
}

function readWithdraw(ctx: CommandContext): { number: string; reason: string } {
  const number = readNumber(ctx.args[0], WITHDRAW_USAGE);
  for (const key of Object.keys(ctx.named)) {
    if (key !== "原因" && key !== "理由") {
      throw new BotError("bad_input", `不认识参数「${key}」。撤销只写 原因=…。`, [WITHDRAW_USAGE]);
    }
  }
  if (ctx.args.length > 1) {
    throw new BotError("bad_input", `「${ctx.args[1]}」要写成 原因=…。`, [WITHDRAW_USAGE]);
  }
  const reason = (ctx.named.原因 ?? ctx.named.理由 ?? "").trim();
  if (reason === "") {
    throw new BotError("bad_input", "撤销要写明原因，例如 原因=重复登记（同 YH-2023-0006）。", [
      WITHDRAW_USAGE,
    ]);
  }
  const long = tooLong("原因", reason, TEXT_MAX);
  if (long) throw new BotError("bad_input", long, [WITHDRAW_USAGE]);
  return { number, reason };
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
  example: "/隐患 撤销 YH-2023-0008 原因=「与 YH-2023-0007 重复」",
  async run(ctx) {
    const { deps, actor } = ctx;
    const { number, reason } = readWithdraw(ctx);
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
    await answer(ctx, hazard, `已撤销隐患 ${number}（原为「${hazard.status}」）。原因：${reason}`);
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
