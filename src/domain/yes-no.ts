// The 是/否 values people type for flags such as 高危=是, in a command or a spreadsheet cell.

const YES = new Set(["是", "高危", "y", "yes", "true", "1", "√", "✓"]);
const NO = new Set(["否", "不是", "非高危", "n", "no", "false", "0", "×", "x"]);

/** true / false, or undefined when the text is neither 是 nor 否 (blank included). */
export function parseYesNo(text: string): boolean | undefined {
  const word = text.normalize("NFKC").trim().toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}
