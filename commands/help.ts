// /帮助 [命令]: what the bot can do, each command with its forms and an example.

import { type HelpEntry, helpCommandCard, helpIndexCard } from "../cards/help";
import { BotError } from "../src/bot/errors";
import { excerpt } from "../src/domain/excerpt";
import { normaliseWord } from "./parse";
import type { Command } from "./types";

/** Built from the registry, so help lists exactly the commands that exist. */
export function helpCommand(registry: () => Command[]): Command {
  const entries = (): HelpEntry[] =>
    registry().map((c) => ({
      name: c.name,
      summary: c.summary,
      lines: c.subcommands.map((s) => ({ usage: s.usage, summary: s.summary, example: s.example })),
    }));
  return {
    name: "帮助",
    aliases: ["help", "?", "？"],
    summary: "看安督能做什么",
    subcommands: [
      {
        name: "",
        action: "help.view",
        summary: "列出全部命令；带命令名时列出它的全部写法",
        usage: "/帮助 [命令]",
        example: "/帮助 隐患",
        async run(ctx) {
          const wanted = ctx.args[0]?.replace(/^[/／]/, "");
          if (!wanted) {
            await ctx.reply({ msgType: "interactive", card: helpIndexCard(entries()) });
            return;
          }
          const key = normaliseWord(wanted);
          const command = registry().find((c) => c.name === key || c.aliases?.includes(key));
          if (!command) {
            throw new BotError(
              "bad_input",
              `没有「${excerpt(wanted)}」这条命令。可用的命令：${registry()
                .map((c) => `/${c.name}`)
                .join("、")}`,
              ["/帮助 [命令]"],
            );
          }
          const entry = entries().find((e) => e.name === command.name)!;
          await ctx.reply({ msgType: "interactive", card: helpCommandCard(entry) });
        },
      },
    ],
  };
}
