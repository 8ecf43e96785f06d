// /成员 [单位=…]: who is bound, with role, unit and enterprise (admins and leaders).
import { membersCard } from "../cards/members";
import { readArgs } from "../src/bot/args";
import { BotError } from "../src/bot/errors";
import { resolveUnit } from "../src/bot/lookups";
import { memberViews } from "../src/bot/member-views";
import { listMembers } from "../src/store/members";
import type { Command } from "./types";

export const memberListCommand: Command = {
  name: "成员",
  aliases: ["members"],
  summary: "成员和角色",
  subcommands: [
    {
      name: "",
      action: "member.list",
      summary: "列出已绑定的成员及其角色、单位、企业，可按单位筛选",
      usage: "/成员 [单位=…]",
      example: "/成员 单位=应急办",
      async run(ctx) {
        const args = readArgs(ctx.named, { 单位: "unit" });
        if (ctx.args.length > 0) throw new BotError("bad_input", "筛选条件写成 单位=…");
        const unit = args.unit ? await resolveUnit(ctx.deps, args.unit) : undefined;
        const views = await memberViews(ctx.deps, await listMembers(ctx.deps.db));
        const rows = unit ? views.filter((m) => m.unitId === unit.id) : views;
        await ctx.reply({
          msgType: "interactive",
          card: membersCard(rows, unit ? `单位：${unit.name}` : ""),
        });
      },
    },
  ],
};
