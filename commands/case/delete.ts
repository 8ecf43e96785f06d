// `/案例 删除 <编号> 原因=…`: removes a case entered by mistake (its unit's 干部 or an admin), as `/隐患 撤销` does
// a hazard: the row is kept with who, when and why, out of every list and count (附件4, the quarter's roll).
import { card, escapeMd, md } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { periodLabel, periodOf } from "../../src/domain/periods";
import { casesBetween, deleteCase } from "../../src/store/cases";
import type { Subcommand } from "../types";
import { checkedReason, readCaseNumber } from "./fields";
import { caseToChange, raced } from "./find";

export const CASE_DELETE_USAGE = "/案例 删除 <编号> 原因=…";

export const deleteSub: Subcommand = {
  name: "删除",
  aliases: ["撤销"],
  action: "case.delete",
  summary: "删除一起登记错的案例（须写原因；该单位的干部或管理员）；记录保留，不再计入季度和附件4",
  usage: CASE_DELETE_USAGE,
  example: "/案例 删除 12 原因=「重复登记（同第 11 号）」",
  keys: ["原因", "理由"],
  async run(ctx) {
    const { deps, actor } = ctx;
    const id = readCaseNumber(ctx.args[0], CASE_DELETE_USAGE);
    if (ctx.args.length > 1)
      throw new BotError("unreadable", `「${ctx.args[1]}」要写成 原因=…`, [CASE_DELETE_USAGE]);
    const { 原因: why, 理由: because, ...other } = ctx.named;
    const stray = Object.keys(other)[0];
    if (stray !== undefined)
      throw new BotError("unreadable", `不认识参数「${stray}」。删除只写 原因=…`, [CASE_DELETE_USAGE]);
    if (why !== undefined && because !== undefined)
      throw new BotError("unreadable", "原因 和 理由 只能写一个", [CASE_DELETE_USAGE]);
    const reason = checkedReason(why ?? because ?? "", CASE_DELETE_USAGE);
    if (reason === "")
      throw new BotError("bad_input", "删除要写明原因，例如 原因=重复登记（同第 11 号）", [
        CASE_DELETE_USAGE,
      ]);
    const found = await caseToChange(deps, actor, id, "删除");
    const c = found.row;
    if (!(await deleteCase(deps.db, c, { actor: actor.openId, at: deps.now(), reason }))) throw raced(id);
    const quarter = periodOf("quarter", c.caseOn);
    const left = await casesBetween(deps.db, { from: quarter.start, to: quarter.end }, { unitId: c.unitId });
    const unit = found.unitName(c.unitId);
    const lines = [
      `第 ${id} 号案例已删除（${escapeMd(unit)}，${c.caseOn}，${escapeMd(c.enterpriseName)}）。原因：${escapeMd(reason)}`,
      "记录保留，不再计入季度案例和附件4。",
      left.length === 0
        ? `**${escapeMd(unit)} ${periodLabel(quarter)}已没有案例**：每个单位每季度至少 1 起。`
        : `${escapeMd(unit)} ${periodLabel(quarter)}还有 ${left.length} 起案例。`,
    ];
    await ctx.reply({ msgType: "interactive", card: card("典型执法案例", "orange", [md(lines.join("\n"))]) });
  },
};
