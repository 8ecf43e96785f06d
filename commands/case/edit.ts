// `/案例 修改 <编号> 字段=值 … [原因=…]`: corrects a typical enforcement case (its unit's 干部 or an admin), as
// `/隐患 修改` does a hazard: each field read as 新增 reads it, old → new shown and kept in the audit log with
// the reason; a case moved to another quarter or unit counts there from then on.
import { card, escapeMd, md } from "../../cards/fragments";
import { BotError } from "../../src/bot/errors";
import { periodLabel, periodOf } from "../../src/domain/periods";
import { dateIn } from "../../src/domain/time";
import { type CaseEditSet, type CaseRow, editCase } from "../../src/store/cases";
import { readArgs } from "../args";
import { resolveSector, resolveUnit } from "../lookups";
import type { Subcommand } from "../types";
import {
  CASE_FIELD_LIST,
  CASE_KEYS,
  type CaseField,
  checkedReason,
  checkedText,
  pastDate,
  readCaseNumber,
  readCrime,
} from "./fields";
import { caseToChange, raced } from "./find";

export const CASE_EDIT_USAGE = `/案例 修改 <编号> 字段=值 … [原因=…]（字段：${CASE_FIELD_LIST}；报送日期=无 清空）`;

const LABELS: Record<CaseField, string> = {
  unit: "单位",
  enterprise: "企业",
  sector: "领域",
  description: "描述",
  date: "日期",
  crime: "危险作业罪",
  reported: "报送日期",
};

export const editSub: Subcommand = {
  name: "修改",
  aliases: ["更正", "改"],
  action: "case.edit",
  summary: "更正一起案例的登记内容（该单位的干部或管理员）；改动和原因记录在案",
  usage: CASE_EDIT_USAGE,
  example: "/案例 修改 12 报送日期=6月25日 描述=「无证动火作业，已罚款 2 万元」",
  keys: [...Object.keys(CASE_KEYS), "原因", "理由"],
  async run(ctx) {
    const { deps, actor } = ctx;
    const id = readCaseNumber(ctx.args[0], CASE_EDIT_USAGE);
    if (ctx.args.length > 1)
      throw new BotError("unreadable", `「${ctx.args[1]}」要写成 字段=值，例如 描述=…`, [CASE_EDIT_USAGE]);
    const { 原因: why, 理由: because, ...fields } = ctx.named;
    if (why !== undefined && because !== undefined)
      throw new BotError("unreadable", "原因 和 理由 只能写一个", [CASE_EDIT_USAGE]);
    const reason = checkedReason(why ?? because ?? "", CASE_EDIT_USAGE);
    const a = readArgs(fields, CASE_KEYS);
    if (Object.keys(a).length === 0)
      throw new BotError("unreadable", `没有写要改什么。可改：${CASE_FIELD_LIST}。`, [
        CASE_EDIT_USAGE,
        `例如 /案例 修改 ${id} 报送日期=6月25日`,
      ]);
    const found = await caseToChange(deps, actor, id, "修改");
    const c = found.row;
    const today = dateIn(deps.now(), deps.config.timezone);

    const set: CaseEditSet = {};
    const lines: string[] = [];
    const note = <K extends keyof CaseEditSet>(
      field: CaseField,
      column: K,
      now: CaseRow[K],
      shown: [string, string],
    ) => {
      if (c[column] === now) return;
      set[column] = now;
      lines.push(`${LABELS[field]}：${escapeMd(shown[0])} → ${escapeMd(shown[1])}`);
    };
    if (a.unit !== undefined) {
      const unit = await resolveUnit(deps, a.unit);
      if (actor.role !== "管理员" && unit.id !== actor.unitId)
        throw new BotError("forbidden", `你只能登记本单位的案例，不能把它改到「${unit.name}」。`);
      note("unit", "unitId", unit.id, [found.unitName(c.unitId), unit.name]);
    }
    if (a.enterprise !== undefined) {
      const enterprise = checkedText("企业", a.enterprise, CASE_EDIT_USAGE);
      note("enterprise", "enterpriseName", enterprise, [c.enterpriseName, enterprise]);
    }
    if (a.sector !== undefined) {
      const sector = await resolveSector(deps, a.sector);
      note("sector", "sectorId", sector.id, [found.sectorName(c.sectorId), sector.name]);
    }
    if (a.description !== undefined) {
      const description = checkedText("描述", a.description, CASE_EDIT_USAGE);
      note("description", "description", description, [c.description, description]);
    }
    if (a.date !== undefined) {
      const caseOn = pastDate("日期", a.date, today, CASE_EDIT_USAGE);
      note("date", "caseOn", caseOn, [c.caseOn, caseOn]);
    }
    if (a.crime !== undefined) {
      const crime = readCrime(a.crime, CASE_EDIT_USAGE);
      note("crime", "dangerousWorkCrime", crime, [c.dangerousWorkCrime ? "是" : "否", crime ? "是" : "否"]);
    }
    if (a.reported !== undefined) {
      const cleared = a.reported.normalize("NFKC").trim() === "无";
      const reportedOn = cleared ? null : pastDate("报送日期", a.reported, today, CASE_EDIT_USAGE);
      note("reported", "reportedOn", reportedOn, [c.reportedOn ?? "未报送", reportedOn ?? "未报送"]);
    }
    if (lines.length === 0)
      throw new BotError("bad_input", `第 ${id} 号案例的这些内容和现在一样，没有改动。`, [CASE_EDIT_USAGE]);

    const columns = Object.keys(set) as (keyof CaseEditSet)[];
    const written = await editCase(deps.db, c, set, {
      actor: actor.openId,
      at: deps.now(),
      reason,
      before: Object.fromEntries(columns.map((k) => [k, c[k]])),
      after: { ...set },
    });
    if (!written) throw raced(id);
    const quarter = (day: string) => periodLabel(periodOf("quarter", day));
    const moved =
      set.caseOn !== undefined && quarter(set.caseOn) !== quarter(c.caseOn)
        ? [`它改计入${quarter(set.caseOn)}（原为${quarter(c.caseOn)}）。`]
        : [];
    const body = [
      `第 ${id} 号案例已修改：`,
      ...lines,
      ...(reason ? [`原因：${escapeMd(reason)}`] : []),
      ...moved,
    ];
    await ctx.reply({ msgType: "interactive", card: card("典型执法案例", "green", [md(body.join("\n"))]) });
  },
};
