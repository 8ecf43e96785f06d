// `/案例 新增 单位=… 企业=… 领域=… 描述=… [日期=…] [危险作业罪=是] [报送日期=…]`: a typical enforcement case
// (典型执法案例). Each unit owes at least one a quarter (seed §三(二)3); 附件4 counts them.
import { card, escapeMd, md } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { periodLabel, periodOf } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { addCase } from "../../src/store/cases";
import { readArgs } from "../args";
import { resolveSector, resolveUnit } from "../lookups";
import type { Subcommand } from "../types";
import { CASE_KEYS, checkedText, pastDate, readCrime } from "./fields";

export const CASE_USAGE =
  "/案例 新增 单位=… 企业=… 领域=… 描述=… [日期=2023-06-20] [危险作业罪=是] [报送日期=2023-06-25]";

export const createSub: Subcommand = {
  name: "新增",
  aliases: ["登记"],
  action: "case.create",
  summary: "登记一起典型执法案例（每个单位每季度至少 1 起，报县安委办），附件4 计入",
  usage: CASE_USAGE,
  example:
    "/案例 新增 单位=应急办 企业=东风加油站 领域=危化品 描述=无证动火作业被查处 日期=6月20日 危险作业罪=是",
  keys: Object.keys(CASE_KEYS),
  async run(ctx) {
    const { deps, actor } = ctx;
    if (ctx.args.length > 0)
      throw new BotError("unreadable", `「${ctx.args[0]}」要写成 名称=值，例如 描述=…`, [CASE_USAGE]);
    const a = readArgs(ctx.named, CASE_KEYS);
    const missing = (["unit", "enterprise", "sector", "description"] as const).filter((k) => !a[k]?.trim());
    if (missing.length > 0) {
      const names = { unit: "单位", enterprise: "企业", sector: "领域", description: "描述" };
      throw new BotError("bad_input", `缺少 ${missing.map((k) => `${names[k]}=`).join("、")}`, [CASE_USAGE]);
    }
    const unit = await resolveUnit(deps, a.unit!);
    if (actor.role !== "管理员" && actor.unitId !== unit.id)
      throw new BotError("forbidden", `你只能登记本单位的案例，不能登记「${unit.name}」的。`);
    const sector = await resolveSector(deps, a.sector!);
    const enterprise = checkedText("企业", a.enterprise!, CASE_USAGE);
    const description = checkedText("描述", a.description!, CASE_USAGE);
    const today = dateIn(deps.now(), deps.config.timezone);
    const caseOn = a.date === undefined ? today : pastDate("日期", a.date, today, CASE_USAGE);
    const reportedOn = a.reported === undefined ? null : pastDate("报送日期", a.reported, today, CASE_USAGE);
    const crime = a.crime === undefined ? false : readCrime(a.crime, CASE_USAGE);
    const row = await addCase(deps.db, {
      unitId: unit.id,
      enterpriseName: enterprise,
      sectorId: sector.id,
      description,
      caseOn,
      dangerousWorkCrime: crime,
      reportedOn,
      createdBy: actor.openId,
      createdAt: deps.now(),
    });
    const quarter = periodLabel(periodOf("quarter", caseOn));
    const lines = [
      `**${escapeMd(unit.name)}** ${quarter}的典型执法案例已登记（第 ${row.id} 号）。`,
      `企业：${escapeMd(enterprise)}　领域：${escapeMd(sector.name)}　日期：${caseOn}${crime ? "　危险作业罪" : ""}`,
      `描述：${escapeMd(description)}`,
      reportedOn
        ? `报送县安委办：${reportedOn}`
        : `尚未写报送日期：报送后用 /案例 修改 ${row.id} 报送日期=… 补上`,
    ];
    await ctx.reply({ msgType: "interactive", card: card("典型执法案例", "green", [md(lines.join("\n"))]) });
  },
};
