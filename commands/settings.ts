// /设置: the named settings kept in the database (调度群, 镇级督办天数, 专项开始): list them with where each
// value comes from, make this group the dispatch group, or change one (admins only).

import { type SettingView, settingsCard, settingsChangedCard } from "../cards/settings";
import { BotError } from "../src/bot/errors";
import { excerpt } from "../src/domain/excerpt";
import { closestNames } from "../src/domain/names";
import { can } from "../src/domain/permissions";
import {
  checkSetting,
  isSettingKey,
  resolveSetting,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
} from "../src/domain/settings";
import { allSettings, putSettings } from "../src/store/settings";
import type { Command, CommandContext } from "./types";

const USAGE = "/设置 [<名称>=<值>]";
const RESET_WORDS = new Set(["默认", "恢复默认", "清除"]);

async function list(ctx: CommandContext): Promise<void> {
  const stored = await allSettings(ctx.deps.db);
  const rows: SettingView[] = SETTING_KEYS.map((key) => {
    const resolved = resolveSetting(key, stored.get(key), ctx.deps.config);
    const here = key === "调度群" && resolved.text === ctx.event.chatId ? "（本群）" : "";
    return {
      name: key,
      value: resolved.text === null ? null : `${resolved.text}${here}`,
      source: resolved.source,
      summary: SETTINGS[key].summary,
    };
  });
  await ctx.reply({ msgType: "interactive", card: settingsCard(rows) });
}

function unknownSetting(name: string): BotError {
  const entries = SETTING_KEYS.map((k) => ({ name: k, aliases: [] }));
  const close = closestNames(name, entries);
  const hint =
    close.length > 0 ? `你是不是要写：${close.join("、")}？` : `可设置的有：${SETTING_KEYS.join("、")}`;
  return new BotError("bad_input", `没有名为「${excerpt(name)}」的设置。${hint}`);
}

async function change(ctx: CommandContext): Promise<void> {
  if (!can(ctx.actor.role, "settings.change")) throw new BotError("forbidden", "只有管理员能修改设置。");
  if (ctx.args.length > 0)
    throw new BotError("bad_input", `看不懂「${excerpt(ctx.args[0] ?? "")}」：设置写成 名称=值`);
  const changes: { key: SettingKey; value: string | null }[] = [];
  const problems: string[] = [];
  for (const [name, text] of Object.entries(ctx.named)) {
    if (!isSettingKey(name)) throw unknownSetting(name);
    if (RESET_WORDS.has(text.trim())) {
      changes.push({ key: name, value: null });
      continue;
    }
    const checked = checkSetting(name, text, ctx.year);
    if (checked.ok) changes.push({ key: name, value: checked.text });
    else problems.push(checked.error);
  }
  if (problems.length > 0) throw new BotError("bad_input", problems.join("\n"));
  await putSettings(ctx.deps.db, changes, ctx.actor.openId);
  await ctx.reply({
    msgType: "interactive",
    card: settingsChangedCard(changes.map((c) => ({ name: c.key, value: c.value }))),
  });
}

export const settingsCommand: Command = {
  name: "设置",
  aliases: ["settings"],
  summary: "调度群与各项设置（管理员）",
  subcommands: [
    {
      name: "",
      // Listing needs settings.view; a line with 名称=值 changes settings and is checked for settings.change.
      action: "settings.view",
      summary: "不带参数列出全部设置及来源；写 名称=值 修改，值写「默认」恢复默认",
      usage: USAGE,
      example: "/设置 镇级督办天数=15",
      async run(ctx) {
        if (ctx.args.length === 0 && Object.keys(ctx.named).length === 0) await list(ctx);
        else await change(ctx);
      },
    },
    {
      name: "本群为调度群",
      aliases: ["调度群"],
      action: "settings.change",
      summary: "让本群接收周调度、月小结、季通报等定时卡片和绑定申请",
      usage: "/设置 本群为调度群",
      example: "/设置 本群为调度群",
      async run(ctx) {
        // Nothing may follow: a stray word or key is refused, not ignored, before the group is changed.
        const stray = ctx.args[0] ?? Object.keys(ctx.named)[0];
        if (stray !== undefined)
          throw new BotError("bad_input", `看不懂「${excerpt(stray)}」：这条命令后面不用写别的。`);
        if (ctx.event.chatType !== "group") {
          throw new BotError(
            "bad_input",
            "调度群要在群里设置：请在要接收定时卡片的群里 @安督 发送这条命令。",
          );
        }
        await putSettings(ctx.deps.db, [{ key: "调度群", value: ctx.event.chatId }], ctx.actor.openId);
        await ctx.reply({
          msgType: "interactive",
          card: settingsChangedCard([{ name: "调度群", value: `${ctx.event.chatId}（本群）` }]),
        });
      },
    },
  ],
};
