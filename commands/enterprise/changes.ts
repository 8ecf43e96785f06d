// /企业 修改 and /企业 注销: an enterprise's 公示牌 fields corrected (checked as /企业 新增 checks them), or the
// enterprise retired with its 原因 (kept for history; out of lists, forms and the import's matching).
import { enterpriseDetailCard } from "../../cards/enterprise-detail";
import { BotError } from "../../src/bot/errors";
import {
  checkEnterpriseText,
  enterpriseRecord,
  FIELD_LABELS,
  type RawEnterprise,
} from "../../src/domain/enterprise-fields";
import { TEXT_MAX, tooLong } from "../../src/domain/hazard-input";
import { foldName } from "../../src/domain/names";
import { isUniqueViolation } from "../../src/store/constraint";
import { retireEnterprise, updateEnterprise } from "../../src/store/enterprise-changes";
import { type EnterpriseRow, listEnterprises } from "../../src/store/enterprises";
import { readArgs } from "../args";
import { resolveEnterprise, resolveSector, resolveUnit } from "../lookups";
import type { CommandContext, Subcommand } from "../types";
import { ENTERPRISE_KEYS } from "./keys";
import { readLinks, refuseLooseMentions } from "./links";
import { enterpriseViews } from "./views";

const EDIT_USAGE =
  "/企业 修改 <名称> 字段=值 …（字段：名称、单位、领域、负责人、电话、挂点领导、挂点领导电话、责任干部、责任干部电话、高危；可选项写空值即清空；挂点领导=@某人、责任干部=@某人 关联成员，=无 取消关联）";
const RETIRE_USAGE = "/企业 注销 <名称> 原因=…";

async function target(ctx: CommandContext, usage: string): Promise<EnterpriseRow> {
  const input = ctx.args[0];
  if (!input?.trim()) throw new BotError("bad_input", "要写企业名称（有空格时用引号括起来）。", [usage]);
  if (ctx.args.length > 1) {
    throw new BotError("bad_input", `「${ctx.args[1]}」多余了：名称有空格时用引号括起来。`, [usage]);
  }
  return resolveEnterprise(ctx.deps, input.trim(), "not_found");
}

/** The enterprise's fields as text, the way /企业 新增 takes them. */
function asRaw(e: EnterpriseRow): RawEnterprise {
  return {
    name: e.name,
    head: e.headName,
    headPhone: e.headPhone ?? "",
    liaison: e.liaisonLeader ?? "",
    liaisonPhone: e.liaisonLeaderPhone ?? "",
    cadre: e.cadreName ?? "",
    cadrePhone: e.cadrePhone ?? "",
  };
}

async function edit(ctx: CommandContext): Promise<void> {
  refuseLooseMentions(ctx.args, EDIT_USAGE);
  const typedAll = readArgs(ctx.named, ENTERPRISE_KEYS);
  const e = await target(ctx, EDIT_USAGE);
  if (Object.keys(typedAll).length === 0) throw new BotError("bad_input", "没有写要改什么。", [EDIT_USAGE]);
  const { texts: typed, links } = await readLinks(ctx, typedAll, EDIT_USAGE);
  const { unit: unitText, sector: sectorText, ...texts } = typed;
  const checked = checkEnterpriseText({ ...asRaw(e), ...texts, highRisk: texts.highRisk ?? "" });
  if (!checked.ok)
    throw new BotError("bad_input", checked.problems.map((p) => p.message).join("\n"), [EDIT_USAGE]);
  const unitId = unitText === undefined ? e.unitId : (await resolveUnit(ctx.deps, unitText.trim())).id;
  const sectorId =
    sectorText === undefined ? e.sectorId : (await resolveSector(ctx.deps, sectorText.trim())).id;
  const next = { ...enterpriseRecord(checked.value, unitId, sectorId, e.highRisk), ...links };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== e[k]);
  if (changed.length === 0) {
    throw new BotError("bad_input", `企业「${e.name}」的这些内容和现在一样，没有改动。`, [EDIT_USAGE]);
  }
  if (changed.includes("name")) {
    const other = (await listEnterprises(ctx.deps.db)).find(
      (x) => x.id !== e.id && foldName(x.name) === foldName(next.name),
    );
    if (other) throw new BotError("conflict", `已有名为「${other.name}」的企业，不能改成这个名称。`);
  }
  const after = Object.fromEntries(changed.map((k) => [k, next[k]])) as Partial<typeof next>;
  let written: boolean;
  try {
    written = await updateEnterprise(ctx.deps.db, e, after, ctx.actor.openId, ctx.deps.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new BotError("conflict", `已有名为「${next.name}」的企业。`);
    throw error;
  }
  if (!written) throw new BotError("conflict", `企业「${e.name}」刚被别人改过，请再试一次。`);
  const [row] = await listEnterprises(ctx.deps.db, { id: e.id });
  const [view] = await enterpriseViews(ctx.deps, [row!]);
  await ctx.reply({ msgType: "interactive", card: enterpriseDetailCard(view!, "已修改企业") });
}

async function retire(ctx: CommandContext): Promise<void> {
  const args = readArgs(ctx.named, { 原因: "reason", 理由: "reason" });
  const e = await target(ctx, RETIRE_USAGE);
  const reason = args.reason?.trim() ?? "";
  if (reason === "") throw new BotError("bad_input", "注销要写明原因，例如 原因=已关停。", [RETIRE_USAGE]);
  const long = tooLong("原因", reason, TEXT_MAX);
  if (long) throw new BotError("bad_input", long, [RETIRE_USAGE]);
  const done = await retireEnterprise(ctx.deps.db, e, reason, ctx.actor.openId, ctx.deps.now());
  if (!done.retired) throw new BotError("conflict", `企业「${e.name}」已经注销了。`);
  const heads = done.unbound.map((m) => m.name).join("、");
  const unbound =
    heads === ""
      ? ""
      : `\n已同时解除 ${heads} 的企业负责人绑定（企业已注销，其上报的隐患和历史照旧保留）；如改任其他企业的负责人，请重新 /绑定。`;
  await ctx.reply({
    msgType: "text",
    text: `已注销企业「${e.name}」（原因：${reason}）：不再出现在名录、表单和导入匹配里，它的隐患和历史照旧保留。以后可用 /企业 新增 或导入再登记同名企业（会是一条新记录）。${unbound}`,
  });
}

export const enterpriseChangeSubs: Subcommand[] = [
  {
    name: "修改",
    aliases: ["更正"],
    action: "enterprise.edit",
    summary: `更正企业的公示牌信息（${FIELD_LABELS.head}、电话、单位、领域等）；挂点领导=@某人、责任干部=@某人 关联已绑定的成员（公示牌上的文字不变），=无 取消关联`,
    usage: EDIT_USAGE,
    keys: Object.keys(ENTERPRISE_KEYS),
    example: "/企业 修改 某某烟花爆竹零售店 负责人=李四 电话=13800000002",
    run: edit,
  },
  {
    name: "注销",
    action: "enterprise.retire",
    summary:
      "注销关停、撤并或误登的企业（须写原因）：历史保留，不再进名录、表单和导入匹配；绑定的企业负责人随之解绑",
    usage: RETIRE_USAGE,
    keys: ["原因", "理由"],
    example: "/企业 注销 某某烟花爆竹零售店 原因=已关停",
    run: retire,
  },
];
