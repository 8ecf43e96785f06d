// The answers to a roster import: what changed (新增/更新/未变), or every problem by row and column with
// nothing written.
import { card, escapeMd, md } from "./fragments";
import type { Card, CardElement } from "./types";

/** Problems listed at most: a card must stay under 30 KB; the count says how many more there are. */
export const IMPORT_PROBLEMS_SHOWN = 40;
const NAMES_SHOWN = 30;

export interface ImportSummary {
  fileName: string;
  added: string[];
  updated: string[];
  unchanged: number;
}

function nameList(label: string, names: string[]): CardElement {
  const shown = names.slice(0, NAMES_SHOWN).map(escapeMd).join("、");
  const more = names.length > NAMES_SHOWN ? ` 等 ${names.length} 家` : "";
  return md(`**${label}**：${shown}${more}`);
}

export function importSummaryCard(s: ImportSummary): Card {
  const elements: CardElement[] = [
    md(`新增 ${s.added.length} 家，更新 ${s.updated.length} 家，未变 ${s.unchanged} 家。`),
  ];
  if (s.added.length > 0) elements.push(nameList("新增", s.added));
  if (s.updated.length > 0) elements.push(nameList("更新", s.updated));
  elements.push(md("发送 `/企业 列表` 查看企业名录。"));
  return card("企业导入完成", "green", elements, s.fileName);
}

export function importProblemsCard(fileName: string, problems: string[], canResend: boolean): Card {
  const shown = problems.slice(0, IMPORT_PROBLEMS_SHOWN);
  const elements: CardElement[] = [
    md(`发现 ${problems.length} 处问题，**什么也没有写入**。`),
    md(shown.map((p) => `- ${escapeMd(p)}`).join("\n")),
  ];
  if (problems.length > shown.length)
    elements.push(md(`还有 ${problems.length - shown.length} 处没有列出。`));
  elements.push(
    md(
      canResend
        ? "改好后在 10 分钟内把文件再发到这里即可，不用重发命令。"
        : "改好后重新发送 `/企业 导入`，再发文件。",
    ),
  );
  return card("企业导入失败", "red", elements, fileName);
}
