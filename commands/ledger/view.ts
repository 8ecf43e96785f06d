// `/台账 [单位=…] [领域=…] [月份=…] [页=N]`: the 附件3 ledger as a card, the most recently found first.
import { LEDGER_PAGE, ledgerCard } from "../../cards/ledger";
import { BotError } from "../../src/bot/errors";
import type { Subcommand } from "../types";
import { ledgerRows } from "./rows";
import { monthLabel, readLedgerRequest, requestWords } from "./scope";

export const LEDGER_USAGE = "/台账 [单位=…] [领域=…] [月份=2023-06] [页=2]";

export const viewSub: Subcommand = {
  name: "",
  action: "ledger.view",
  summary: "附件3 台账卡片：各状态条数和最近发现的重大隐患，10 条一页；月份= 看那个月底的样子",
  usage: LEDGER_USAGE,
  example: "/台账 单位=应急办",
  keys: ["单位", "领域", "月份", "页"],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new BotError("unreadable", `「${ctx.args[0]}」要写成 名称=值，例如 单位=应急办`, [LEDGER_USAGE]);
    const r = await readLedgerRequest(ctx.deps, ctx.actor, ctx.named, LEDGER_USAGE);
    const rows = await ledgerRows(ctx.deps, r);
    // The form's order is by unit; the card shows the newest first.
    const newest = [...rows.major]
      .reverse()
      .sort((a, b) => (a.foundOn < b.foundOn ? 1 : a.foundOn > b.foundOn ? -1 : 0));
    const pages = Math.max(1, Math.ceil(newest.length / LEDGER_PAGE));
    if (r.page >= pages)
      throw new BotError("bad_input", `只有 ${pages} 页，没有第 ${r.page + 1} 页`, [LEDGER_USAGE]);
    const words = requestWords(r);
    const scope = [
      ...words.filter((w) => !w.startsWith("月份=")),
      ...(r.month ? [`${monthLabel(r.month)}底`] : []),
    ];
    const card = ledgerCard({
      scope,
      major: newest,
      minorCount: rows.minor.length,
      page: r.page,
      exportLine: ["/台账 导出", ...words].join(" "),
      nextLine: r.page + 1 < pages ? ["/台账", ...words, `页=${r.page + 2}`].join(" ") : null,
    });
    await ctx.reply({ msgType: "interactive", card });
  },
};
