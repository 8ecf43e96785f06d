// `/调度表 [2023-06] [领域=…]`: a sector's 附件4 for a month, or with no 领域 the 全镇 table summing every
// sector's, as a card and as the form's workbook.
import { form4Card } from "../../cards/form4";
import { BotError } from "../../src/bot/errors";
import { periodLabel } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { form4Workbook } from "../../src/exports/form4-workbook";
import { form4FileName, form4Report, form4Sheets, TOWNSHIP_OFFICE } from "../../src/reports/form4";
import { readArgs } from "../args";
import { resolveSector } from "../lookups";
import type { Subcommand } from "../types";
import { dayLabel, monthOf } from "./month";

export const TABLE_USAGE = "/调度表 [2023-06] [领域=…]";

export const viewSub: Subcommand = {
  name: "",
  action: "form4.view",
  summary: "附件4 调度表：一个领域的，或不写领域为全镇汇总；卡片加 Excel，累计数从专项开始到该月底",
  usage: TABLE_USAGE,
  example: "/调度表 2023-06 领域=消防",
  keys: ["领域", "月份"],
  async run(ctx) {
    const args = readArgs(ctx.named, { 领域: "sector", 月份: "month" });
    const today = dateIn(ctx.deps.now(), ctx.deps.config.timezone);
    const month = monthOf(ctx.args, ctx.named, today, TABLE_USAGE);
    const sector = args.sector === undefined ? null : await resolveSector(ctx.deps, args.sector);
    const report = await form4Report(ctx.deps, month);
    const filed = report.sectors.filter((t) => t.filing !== null);
    const own = sector ? report.sectors.find((t) => t.sector.id === sector.id) : undefined;
    if (sector && !own) throw new BotError("not_found", `没有「${sector.name}」领域的调度表`);
    const state = own
      ? own.filing
        ? `已填报（${own.filing.filerUnit}）`
        : "未填报：除台账和案例的数字外为空"
      : `已填报 ${filed.length}/${report.sectors.length} 个领域`;
    const card = form4Card({
      sectorName: sector?.name ?? null,
      filer: own ? (own.filing?.filerUnit ?? "（未填报）") : TOWNSHIP_OFFICE,
      date: dayLabel(month.end),
      table: own ? own.table : report.town,
      state,
      hints: [
        `${periodLabel(month)}，数字为专项开始（${report.since}）到月底的累计数。`,
        `填报：/调度表 填报 ${month.key} 领域=${sector?.name ?? "…"}`,
      ],
    });
    await ctx.reply({ msgType: "interactive", card });
    const bytes = await form4Workbook(form4Sheets(report, sector?.id ?? null));
    await ctx.reply({ msgType: "file", fileName: form4FileName(month, sector?.name ?? null), bytes });
  },
};
