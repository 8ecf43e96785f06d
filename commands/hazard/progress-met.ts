// `/隐患 实质进展 <编号> [说明]`: a 管理员 or 领导 marks the standing 督办 posting's clock met today (the first
// 整改完成 after a posting meets it too, in moves.ts). The day is kept on the hazard; a 退回 does not erase it.
import { BotError } from "../../src/bot/errors";
import { noteProblem } from "../../src/domain/hazard-input";
import { nextStatus } from "../../src/domain/hazard-lifecycle";
import { metFor, standingPosting } from "../../src/domain/supervision-clock";
import { progressMetGuard } from "../../src/store/hazard-supervisions";
import { applyHazardChange } from "../../src/store/hazards";
import type { Subcommand } from "../types";
import { findHazard, freshCard, postHazardCard, readNumber, todayOf } from "./show";

export const PROGRESS_MET_USAGE = "/隐患 实质进展 <编号> [说明]";

export const progressMetSub: Subcommand = {
  name: "实质进展",
  aliases: ["实质性进展"],
  action: "hazard.progress_met",
  summary: "确认挂牌督办的隐患已取得实质性进展（督办时限即告达成；首次报整改完成也算）",
  usage: PROGRESS_MET_USAGE,
  example: "/隐患 实质进展 YH-2023-0007 储罐已停用清空，防雷设施已进场",
  freeText: true,
  async run(ctx) {
    const token = ctx.line.tokens[1];
    const number = readNumber(token?.key === undefined ? token?.text : undefined, PROGRESS_MET_USAGE);
    const note = ctx.rest(2).trim();
    const problem = noteProblem("说明", note, false);
    if (problem) throw new BotError("bad_input", problem);
    const { deps, actor } = ctx;
    const detail = await findHazard(deps, actor, number);
    const { hazard } = detail;
    const open = nextStatus(hazard.status, "progress");
    if (!open.ok) throw new BotError("conflict", `隐患 ${number} ${open.reason}`);
    const standing = standingPosting(detail.postings);
    if (!standing) {
      throw new BotError(
        "conflict",
        `隐患 ${number} 没有挂牌督办，无须确认实质性进展。督办请用 /隐患 督办 ${number} 层级=… 文号=…`,
      );
    }
    const met = metFor(standing, hazard.progressMetOn);
    if (met !== null) {
      throw new BotError(
        "conflict",
        `隐患 ${number} 已于 ${met} 取得实质性进展（${standing.level}督办 ${standing.doc}），不必再确认。`,
      );
    }
    const today = todayOf(deps);
    const changed = await applyHazardChange(deps.db, {
      hazard,
      to: hazard.status,
      action: "hazard.progress_met",
      actor: actor.openId,
      at: deps.now(),
      events: [{ kind: "progress_met", note: note === "" ? null : note }],
      set: { progressMetOn: today },
      guard: progressMetGuard(standing.postedOn),
    });
    if (!changed)
      throw new BotError("conflict", `隐患 ${number} 刚被别人办理过，请发送 /隐患 查看 ${number} 后再试。`);
    const card = await freshCard(deps, actor, number, {
      notices: [`已确认 ${today} 取得实质性进展（${standing.level}督办 ${standing.doc}）。`],
    });
    await postHazardCard(deps, ctx.reply, hazard, ctx.event.chatId, card);
  },
};
