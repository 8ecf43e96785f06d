// /排名 [本周|本月|本季|本年|2023Q3|2023-06|2023] [按=单位|领域] [页=N]: the 季通报's ranking on demand, for any
// period, by unit or by sector; 20 lines a page, the rest a page away. Alone it is 本季 by unit.
import { rankingCard } from "../cards/ranking";
import { BotError } from "../src/bot/errors";
import { PERIOD_FORMS, parsePeriod } from "../src/domain/periods";
import { dateIn } from "../src/domain/time";
import { RANKING_PAGE, type RankBy, rankingCardView, rankingReport } from "../src/reports/ranking";
import { readArgs } from "./args";
import type { Command } from "./types";

export const RANKING_USAGE = "/排名 [本周/本月/本季/本年/2023Q3/2023-06/2023] [按=单位/领域] [页=2]";

const BY: Record<string, RankBy> = { 单位: "单位", 领域: "领域", 行业领域: "领域" };

function readPage(text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text.normalize("NFKC").trim());
  if (!Number.isInteger(n) || n < 1)
    throw new BotError("bad_input", `页「${text}」应是从 1 开始的整数`, [RANKING_USAGE]);
  return n - 1;
}

export const rankingCommand: Command = {
  name: "排名",
  aliases: ["ranking"],
  summary: "各单位（或领域）发现重大隐患的排名",
  subcommands: [
    {
      name: "",
      action: "ranking.view",
      summary: `按发现的重大隐患排名（再比督办按期比例、名称），可选时段（${PERIOD_FORMS}）和 按=单位/领域；不写为本季按单位；本期有隐患的已停用单位列在最后，不参加排名`,
      usage: RANKING_USAGE,
      example: "/排名 2023Q3 按=领域",
      async run(ctx) {
        const args = readArgs(ctx.named, { 按: "by", 页: "page" });
        if (ctx.args.length > 1)
          throw new BotError("bad_input", `时段只能写一个，「${ctx.args.join(" ")}」太多了`, [RANKING_USAGE]);
        const today = dateIn(ctx.deps.now(), ctx.deps.config.timezone);
        const period = parsePeriod(ctx.args[0] ?? "本季", today);
        if (!period.ok) throw new BotError("bad_input", period.error, [RANKING_USAGE]);
        const byText = args.by?.normalize("NFKC").trim();
        const by = byText === undefined ? "单位" : BY[byText];
        if (by === undefined)
          throw new BotError("bad_input", `按「${args.by}」不对：只能是 单位 或 领域`, [RANKING_USAGE]);
        const page = readPage(args.page);
        const report = await rankingReport(ctx.deps, period.period, by, today);
        const pages = Math.max(1, Math.ceil(report.ranked.length / RANKING_PAGE));
        if (page >= pages)
          throw new BotError("bad_input", `只有 ${pages} 页，没有第 ${page + 1} 页`, [RANKING_USAGE]);
        const view = rankingCardView(report, { title: "排名", praise: false, page });
        await ctx.reply({ msgType: "interactive", card: rankingCard(view) });
      },
    },
  ],
};
