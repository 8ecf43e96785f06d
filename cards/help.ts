// The /帮助 cards: every command with an example, or one command in full.
import { card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

export interface HelpEntry {
  name: string;
  summary: string;
  lines: { usage: string; summary: string; example: string }[];
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function helpIndexCard(entries: HelpEntry[]): Card {
  const elements = entries.map((e) =>
    md(`**/${e.name}**　${escapeMd(e.summary)}\n例：${code(e.lines[0]?.example ?? `/${e.name}`)}`),
  );
  elements.push(md("发送 `/帮助 命令名` 看某条命令的全部写法，例如 `/帮助 隐患`。"));
  return card("安督能做什么", "blue", elements, "在群里 @安督 后输入命令");
}

export function helpCommandCard(entry: HelpEntry): Card {
  const elements = entry.lines.map((l) =>
    md(`${code(l.usage)}\n${escapeMd(l.summary)}\n例：${code(l.example)}`),
  );
  return card(`/${entry.name}：${entry.summary}`, "blue", elements);
}
