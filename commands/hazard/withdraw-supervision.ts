// `/隐患 撤销督办 <编号> 文号=… 原因=…` (admins): withdraws a 督办 posting made by mistake. It stays in the
// history with who withdrew it and why; the highest posting left stands, with its own clock.
import { BotError } from "../../src/bot/errors";
import { NAME_MAX, TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { isActive, standingPosting } from "../../src/domain/supervision-clock";
import { applyHazardChange } from "../../src/store/hazards";
import type { Subcommand } from "../types";
import { findHazard, freshCard, postHazardCard, readNumber } from "./show";

export const WITHDRAW_USAGE = "/隐患 撤销督办 <编号> 文号=… 原因=…";

const KEYS = new Set(["文号", "原因"]);

export const withdrawSupervisionSub: Subcommand = {
  name: "撤销督办",
  aliases: ["取消督办"],
  action: "hazard.supervise.withdraw",
  summary: "撤销误登记的一次挂牌督办（管理员）：按文号找到它，写明原因，保留在督办记录里",
  usage: WITHDRAW_USAGE,
  example: "/隐患 撤销督办 YH-2023-0007 文号=「高安委〔2023〕1号」 原因=「登记错了隐患」",
  async run(ctx) {
    const number = readNumber(ctx.args[0], WITHDRAW_USAGE);
    if (ctx.args.length > 1)
      throw new BotError("bad_input", `「${ctx.args[1]}」要写成 名称=值，例如 原因=「…」。`, [
        WITHDRAW_USAGE,
      ]);
    for (const key of Object.keys(ctx.named)) {
      if (!KEYS.has(key))
        throw new BotError("bad_input", `不认识参数「${key}」。可写：文号、原因。`, [WITHDRAW_USAGE]);
    }
    const doc = ctx.named.文号?.trim() ?? "";
    const reason = ctx.named.原因?.trim() ?? "";
    const problems = [
      doc === "" ? "缺少文号：写 文号=要撤销的那次督办的文号。" : tooLong("文号", doc, NAME_MAX),
      reason === "" ? "缺少原因：写 原因=为什么撤销。" : tooLong("原因", reason, TEXT_MAX),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) throw new BotError("bad_input", problems.join("\n"), [WITHDRAW_USAGE]);
    const { deps, actor } = ctx;
    const detail = await findHazard(deps, actor, number);
    const { hazard } = detail;
    const active = detail.postings.filter(isActive);
    const posting = active.find((p) => p.doc === doc);
    if (!posting) {
      const docs = active.map((p) => `「${p.doc}」（${p.level}）`).join("、");
      throw new BotError(
        "not_found",
        `隐患 ${number} 没有文号为「${doc}」的现行督办。${docs === "" ? "它没有现行的督办。" : `现行的督办：${docs}。`}`,
      );
    }
    const changed = await applyHazardChange(deps.db, {
      hazard,
      to: hazard.status,
      action: "hazard.supervise.withdraw",
      actor: actor.openId,
      at: deps.now(),
      events: [{ kind: "supervision_withdrawn", note: `${posting.level}督办（${posting.doc}）：${reason}` }],
      withdraw: { postingId: posting.id, reason },
    });
    if (!changed)
      throw new BotError("conflict", `隐患 ${number} 刚被别人办理过，请发送 /隐患 查看 ${number} 后再试。`);
    const left = standingPosting(active.filter((p) => p.id !== posting.id));
    const now = left ? `现行的是${left.level}督办（${left.doc}）。` : "这条隐患现在没有现行的督办。";
    const card = await freshCard(deps, actor, number, {
      notices: [`已撤销${posting.level}督办（${posting.doc}），原因：${reason}。${now}`],
    });
    await postHazardCard(deps, ctx.reply, hazard, ctx.event.chatId, card);
  },
};
