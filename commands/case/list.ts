// `/案例 列表 [本季] [单位=…]`: the cases (this quarter's with 本季) with their numbers for 修改/删除, and with 本季
// the units that still owe one.
import { card, escapeMd, md, textTable } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { periodLabel, periodOf } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { reportingUnits } from "../../src/reports/monthly-filing";
import { casesBetween } from "../../src/store/cases";
import { listSectors, listUnits } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveUnit } from "../lookups";
import type { Subcommand } from "../types";

export const CASE_LIST_USAGE = "/案例 列表 [本季] [单位=…]";

export const listSub: Subcommand = {
  name: "列表",
  action: "case.list",
  summary: "典型执法案例列表；写 本季 只看本季度的，并列出还没有案例的单位",
  usage: CASE_LIST_USAGE,
  example: "/案例 列表 本季",
  keys: ["单位"],
  flags: ["本季"],
  async run(ctx) {
    const { deps } = ctx;
    const a = readArgs(ctx.named, { 单位: "unit" });
    const stray = ctx.args.find((w) => w !== "本季");
    if (stray !== undefined)
      throw new BotError("unreadable", `「${stray}」看不懂：只能写 本季`, [CASE_LIST_USAGE]);
    const today = dateIn(deps.now(), deps.config.timezone);
    const quarter = ctx.args.includes("本季") ? periodOf("quarter", today) : null;
    const unit = a.unit === undefined ? null : await resolveUnit(deps, a.unit);
    const cases = await casesBetween(
      deps.db,
      quarter ? { from: quarter.start, to: quarter.end } : { from: "0000-01-01", to: "9999-12-31" },
      { unitId: unit?.id },
    );
    const [units, sectors] = await Promise.all([
      listUnits(deps.db, { withRetired: true }),
      listSectors(deps.db),
    ]);
    const nameOf = (id: number, list: { id: number; name: string }[]) =>
      list.find((x) => x.id === id)?.name ?? "";
    const shown = cases.slice(-10).reverse();
    const elements = [
      md(
        `${quarter ? `${periodLabel(quarter)}　` : ""}${unit ? `${escapeMd(unit.name)}　` : ""}**共 ${cases.length} 起**${cases.length > 10 ? "，显示最近 10 起" : ""}`,
      ),
    ];
    if (shown.length > 0)
      elements.push(
        textTable(
          [
            { name: "n", display_name: "编号" },
            { name: "date", display_name: "日期" },
            { name: "unit", display_name: "单位" },
            { name: "enterprise", display_name: "企业" },
            { name: "sector", display_name: "领域" },
            { name: "crime", display_name: "危险作业罪" },
            { name: "reported", display_name: "报送" },
          ],
          shown.map((c) => ({
            n: String(c.id),
            date: c.caseOn,
            unit: nameOf(c.unitId, units),
            enterprise: c.enterpriseName,
            sector: nameOf(c.sectorId, sectors),
            crime: c.dangerousWorkCrime ? "是" : "",
            reported: c.reportedOn ?? "未报送",
          })),
        ),
      );
    if (quarter && !unit) {
      const owing = (await reportingUnits(deps)).filter((u) => !cases.some((c) => c.unitId === u.id));
      elements.push(
        md(
          owing.length === 0
            ? "每个单位本季度都已有案例。"
            : `**本季度还没有案例的单位（${owing.length}）**：${owing.map((u) => escapeMd(u.name)).join("、")}`,
        ),
      );
    }
    await ctx.reply({ msgType: "interactive", card: card("典型执法案例", "blue", elements) });
  },
};
