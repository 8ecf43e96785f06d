// The /帮助 cards: every command with an example, or one command in full.
import { card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

export interface HelpEntry {
  name: string;
  summary: string;
  lines: { usage: string; summary: string; example: string }[];
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** The one way every command reads its words (commands/parse joinValues), and the dates it accepts. */
export const GRAMMAR_LINES = [
  "**写法**：参数写成 名称=值（= 也可写作 ：）。值里可以有空格，一直到这条命令认识的下一个参数名为止，例如 `负责人=曾 勇`、`描述=门口 注意：杂物`；值里要写参数名时，把整个值用「」括起来。",
  "**日期**：2026-12-31、2026.12.31、2026年12月31号、12月31日、12.31、12/31、月底、年底。期限不写年份，是今天起最近的那一天；发现日期、督办日期不写年份，是今天及以前最近的那一天。",
];

export function helpIndexCard(entries: HelpEntry[]): Card {
  const elements = entries.map((e) =>
    md(`**/${e.name}**　${escapeMd(e.summary)}\n例：${code(e.lines[0]?.example ?? `/${e.name}`)}`),
  );
  elements.push(md(GRAMMAR_LINES.join("\n")));
  elements.push(md("发送 `/帮助 命令名` 看某条命令的全部写法，例如 `/帮助 隐患`。"));
  return card("安督能做什么", "blue", elements, "在群里 @安督 后输入命令");
}

export function helpCommandCard(entry: HelpEntry): Card {
  const elements = entry.lines.map((l) =>
    md(`${code(l.usage)}\n${escapeMd(l.summary)}\n例：${code(l.example)}`),
  );
  elements.push(md(GRAMMAR_LINES.join("\n")));
  return card(`/${entry.name}：${entry.summary}`, "blue", elements);
}
