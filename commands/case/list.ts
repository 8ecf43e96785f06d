// `/案例 列表 [本季] [已删除] [单位=…]`: the cases (this quarter's with 本季) with their numbers for 修改/删除, and
// with 本季 the units that still owe one; with 已删除 the deleted ones instead, with who deleted each, when and why.
import { card, escapeMd, md, textTable } from "../../cards/fragments";
import type { Deps } from "../../src/bot/deps";
import { BotError } from "../../src/bot/errors";
import { periodLabel, periodOf } from "../../src/domain/periods";
import { dateIn, dateTimeIn } from "../../src/domain/time";
import { reportingUnits } from "../../src/reports/monthly-filing";
import { type CaseRow, casesBetween } from "../../src/store/cases";
import { memberNames } from "../../src/store/hazard-audience";
import { listSectors, listUnits } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveUnit } from "../lookups";
import type { Subcommand } from "../types";

export const CASE_LIST_USAGE = "/案例 列表 [本季] [已删除] [单位=…]";

export const listSub: Subcommand = {
  name: "列表",
  action: "case.list",
  summary: "典型执法案例列表；写 本季 只看本季度的，并列出还没有案例的单位；写 已删除 看删掉的案例和原因",
  usage: CASE_LIST_USAGE,
  example: "/案例 列表 本季",
  keys: ["单位"],
  flags: ["本季", "已删除"],
  async run(ctx) {
    const { deps } = ctx;
    const a = readArgs(ctx.named, { 单位: "unit" });
    const stray = ctx.args.find((w) => w !== "本季" && w !== "已删除");
    if (stray !== undefined)
      throw new BotError("unreadable", `「${stray}」看不懂：只能写 本季 或 已删除`, [CASE_LIST_USAGE]);
    const deleted = ctx.args.includes("已删除");
    const today = dateIn(deps.now(), deps.config.timezone);
    const quarter = ctx.args.includes("本季") ? periodOf("quarter", today) : null;
    const unit = a.unit === undefined ? null : await resolveUnit(deps, a.unit);
    const cases = await casesBetween(
      deps.db,
      quarter ? { from: quarter.start, to: quarter.end } : { from: "0000-01-01", to: "9999-12-31" },
      { unitId: unit?.id, deleted },
    );
    const [units, sectors] = await Promise.all([
      listUnits(deps.db, { withRetired: true }),
      listSectors(deps.db),
    ]);
    const nameOf = (id: number, list: { id: number; name: string }[]) =>
      list.find((x) => x.id === id)?.name ?? "";
    const heading = `${quarter ? `${periodLabel(quarter)}　` : ""}${unit ? `${escapeMd(unit.name)}　` : ""}`;
    if (deleted) {
      const elements = [
        md(
          `${heading}**已删除 ${cases.length} 起**${cases.length > 10 ? "，显示最近删除的 10 起" : ""}；不计入季度案例和附件4`,
        ),
      ];
      if (cases.length > 0) elements.push(await deletedTable(deps, cases, (id) => nameOf(id, units)));
      await ctx.reply({ msgType: "interactive", card: card("已删除的典型执法案例", "grey", elements) });
      return;
    }
    const shown = cases.slice(-10).reverse();
    const elements = [
      md(`${heading}**共 ${cases.length} 起**${cases.length > 10 ? "，显示最近 10 起" : ""}`),
    ];
    if (shown.length > 0)
      elements.push(
        textTable(
          [
            ...CASE_COLUMNS,
            { name: "sector", display_name: "领域" },
            { name: "crime", display_name: "危险作业罪" },
            { name: "reported", display_name: "报送" },
          ],
          shown.map((c) => ({
            ...caseCells(c, (id) => nameOf(id, units)),
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

/** The columns every case table starts with, and a case's cells in them. */
const CASE_COLUMNS = [
  { name: "n", display_name: "编号" },
  { name: "date", display_name: "日期" },
  { name: "unit", display_name: "单位" },
  { name: "enterprise", display_name: "企业" },
];

function caseCells(c: CaseRow, unitName: (id: number) => string) {
  return { n: String(c.id), date: c.caseOn, unit: unitName(c.unitId), enterprise: c.enterpriseName };
}

/** The ten most recently deleted cases: who deleted each (their name when bound), when and why. */
async function deletedTable(deps: Deps, cases: CaseRow[], unitName: (id: number) => string) {
  const shown = [...cases].sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)).slice(0, 10);
  const names = await memberNames(
    deps.db,
    shown.map((c) => c.deletedBy ?? ""),
  );
  return textTable(
    [
      ...CASE_COLUMNS,
      { name: "at", display_name: "删除时间" },
      { name: "by", display_name: "删除人" },
      { name: "reason", display_name: "原因" },
    ],
    shown.map((c) => ({
      ...caseCells(c, unitName),
      at: c.deletedAt === null ? "" : dateTimeIn(c.deletedAt, deps.config.timezone),
      by: names.get(c.deletedBy ?? "") ?? c.deletedBy ?? "",
      reason: c.deleteReason ?? "",
    })),
  );
}
