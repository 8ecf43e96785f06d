// The named settings (/设置): each one's value in force and where it comes from; and the answer to a change.
import { card, escapeMd, md, textTable } from "./fragments";
import type { Card } from "./types";

export interface SettingView {
  name: string;
  value: string | null;
  source: string;
  summary: string;
}

export function settingsCard(rows: SettingView[], warnings: string[] = []): Card {
  return card("设置", warnings.length > 0 ? "orange" : "blue", [
    ...warnings.map((w) => md(escapeMd(w))),
    textTable(
      [
        { name: "name", display_name: "名称", width: "auto" },
        { name: "value", display_name: "当前值", width: "auto" },
        { name: "source", display_name: "来源", width: "auto" },
        { name: "summary", display_name: "说明", width: "auto" },
      ],
      rows.map((r) => ({
        name: r.name,
        value: r.value ?? "（未设置）",
        source: r.source,
        summary: r.summary,
      })),
    ),
    md(
      "改一项：`/设置 镇级督办天数=15`；让本群接收定时卡片：`/设置 本群为调度群`；恢复默认：`/设置 镇级督办天数=默认`。群内设置优先于环境变量。",
    ),
  ]);
}

export function settingsChangedCard(changes: { name: string; value: string | null }[]): Card {
  const lines = changes.map((c) =>
    c.value === null ? `**${c.name}**：已恢复为环境变量或默认值` : `**${c.name}**：${escapeMd(c.value)}`,
  );
  return card("设置已保存", "green", [md(lines.join("\n"))]);
}
