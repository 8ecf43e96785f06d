// /单位 修改, 停用 and 删除: a unit renamed, re-typed or given other short forms; retired once nothing still
// points at it (bound 干部, open hazards, enterprises: listed when they do); deleted only with no records at all.
import { unitCreatedCard } from "../../cards/units";
import { BotError } from "../../src/bot/errors";
import { isUniqueViolation } from "../../src/store/constraint";
import {
  deleteUnit,
  retireUnit,
  unitDependents,
  unitRecordCounts,
  updateUnit,
} from "../../src/store/unit-changes";
import { listUnits, type UnitRow } from "../../src/store/units";
import { readArgs } from "../args";
import { resolveUnit } from "../lookups";
import type { CommandContext, Subcommand } from "../types";
import { KINDS, MAX_NAME, readAliases, requireFree } from "./names";

const EDIT_USAGE = "/单位 修改 <名称> [名称=新名称] [简称=…、…] [类型=村居/镇直]";
const RETIRE_USAGE = "/单位 停用 <名称>";
const DELETE_USAGE = "/单位 删除 <名称>";

/** The unit a line names first: one word (quoted if it has spaces). */
async function namedUnit(ctx: CommandContext, usage: string): Promise<UnitRow> {
  const input = ctx.args[0];
  if (!input?.trim()) throw new BotError("bad_input", "要写单位名称。", [usage]);
  if (ctx.args.length > 1) throw new BotError("bad_input", `「${ctx.args[1]}」多余了。`, [usage]);
  return resolveUnit(ctx.deps, input.trim());
}

function noNamed(ctx: CommandContext, usage: string): void {
  const key = Object.keys(ctx.named)[0];
  if (key !== undefined)
    throw new BotError("unreadable", `不认识参数「${key}」：这条命令只写单位名称。`, [usage]);
}

const EDIT_KEYS = { 名称: "name", 新名称: "name", 简称: "aliases", 别名: "aliases", 类型: "kind" } as const;

async function edit(ctx: CommandContext): Promise<void> {
  const args = readArgs(ctx.named, EDIT_KEYS);
  const unit = await namedUnit(ctx, EDIT_USAGE);
  if (Object.keys(args).length === 0) {
    throw new BotError("bad_input", "没有写要改什么：名称=、简称= 或 类型=。", [EDIT_USAGE]);
  }
  const name = args.name === undefined ? unit.name : args.name.trim();
  const problems: string[] = [];
  if (name === "") problems.push("名称不能为空。");
  else if ([...name].length > MAX_NAME) problems.push(`名称太长（最多 ${MAX_NAME} 个字）。`);
  const kind = args.kind === undefined ? unit.kind : KINDS[args.kind.trim()];
  if (kind === undefined) problems.push(`类型应是 村居 或 镇直，「${args.kind}」不行。`);
  if (problems.length > 0 || kind === undefined)
    throw new BotError("bad_input", problems.join("\n"), [EDIT_USAGE]);
  const aliases = args.aliases === undefined ? unit.aliases : readAliases(args.aliases, name);
  const after = { name, kind, aliases };
  if (name === unit.name && kind === unit.kind && aliases.join("、") === unit.aliases.join("、")) {
    throw new BotError("bad_input", `单位「${unit.name}」的这些内容和现在一样，没有改动。`, [EDIT_USAGE]);
  }
  requireFree([name, ...aliases], await listUnits(ctx.deps.db), { self: unit.id });
  try {
    await updateUnit(ctx.deps.db, unit, after, ctx.actor.openId, ctx.deps.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new BotError("conflict", `已有单位「${name}」。`);
    throw error;
  }
  const changed = [
    name !== unit.name ? `名称：${unit.name} → ${name}` : "",
    kind !== unit.kind ? `类型：${unit.kind} → ${kind}` : "",
    aliases.join("、") !== unit.aliases.join("、")
      ? `简称：${unit.aliases.join("、") || "无"} → ${aliases.join("、") || "无"}`
      : "",
  ].filter((s) => s !== "");
  await ctx.reply({
    msgType: "interactive",
    card: unitCreatedCard(after, "已修改单位", `已修改：${changed.join("；")}`),
  });
}

/** The lines naming what still points at a unit, each list cut at 10 with the count. */
function listed(label: string, items: string[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, 10).join("、");
  return [`${label}（${items.length}）：${shown}${items.length > 10 ? " 等" : ""}`];
}

async function retire(ctx: CommandContext): Promise<void> {
  noNamed(ctx, RETIRE_USAGE);
  const unit = await namedUnit(ctx, RETIRE_USAGE);
  const d = await unitDependents(ctx.deps.db, unit.id);
  const blocking = [
    ...listed("绑定的干部", d.cadres),
    ...listed("未销号的隐患", d.openHazards),
    ...listed("登记的企业", d.enterprises),
  ];
  if (blocking.length > 0) {
    throw new BotError(
      "conflict",
      [
        `单位「${unit.name}」还不能停用，还有：`,
        ...blocking,
        "请先把干部解绑或改绑、隐患销号或 /隐患 修改 单位=…、企业 /企业 修改 单位=… 或注销。",
      ].join("\n"),
    );
  }
  if (!(await retireUnit(ctx.deps.db, unit, ctx.actor.openId, ctx.deps.now()))) {
    throw new BotError("conflict", `单位「${unit.name}」已经停用了。`);
  }
  await ctx.reply({
    msgType: "text",
    text: `已停用单位「${unit.name}」：不再出现在列表和表单里，历史记录照旧保留。以后可用 /单位 新增 再登记同名单位（会是一条新记录）。`,
  });
}

async function remove(ctx: CommandContext): Promise<void> {
  noNamed(ctx, DELETE_USAGE);
  const unit = await namedUnit(ctx, DELETE_USAGE);
  const n = await unitRecordCounts(ctx.deps.db, unit.id);
  const records = [
    n.hazards > 0 ? `隐患 ${n.hazards} 条` : "",
    n.enterprises > 0 ? `企业 ${n.enterprises} 家` : "",
    n.members > 0 ? `绑定的成员 ${n.members} 人` : "",
    n.bindRequests > 0 ? `绑定申请 ${n.bindRequests} 条` : "",
  ].filter((s) => s !== "");
  if (records.length > 0) {
    throw new BotError(
      "conflict",
      `单位「${unit.name}」已有记录（${records.join("、")}），不能删除；不再使用请 /单位 停用 ${unit.name}。`,
    );
  }
  await deleteUnit(ctx.deps.db, unit, ctx.actor.openId, ctx.deps.now());
  await ctx.reply({ msgType: "text", text: `已删除单位「${unit.name}」。` });
}

export const unitChangeSubs: Subcommand[] = [
  {
    name: "修改",
    aliases: ["更正"],
    action: "unit.edit",
    summary: "改单位的名称、简称（整组替换）或类型",
    usage: EDIT_USAGE,
    keys: Object.keys(EDIT_KEYS),
    example: "/单位 修改 高兴村 名称=高兴社区 简称=高兴居委会",
    run: edit,
  },
  {
    name: "停用",
    action: "unit.retire",
    summary:
      "停用不再报送的单位：还有绑定的干部、未销号的隐患或企业时不能停用（会列出来）；停用后同名可再 /单位 新增（新记录）",
    usage: RETIRE_USAGE,
    example: "/单位 停用 电信所",
    run: retire,
  },
  {
    name: "删除",
    action: "unit.delete",
    summary: "删除误加的单位：只有没有任何记录（隐患、企业、成员、绑定申请）的单位能删",
    usage: DELETE_USAGE,
    example: "/单位 删除 高兴材",
    run: remove,
  },
];
