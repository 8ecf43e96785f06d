// `#N 字段=值 …` in `npm run chat`: fills a card's form the way a person would, naming each field by its name
// or by the words the card shows for it (措施 for 整改措施, 领域 for 所属行业领域), as the bot's toasts name them.
import type { RenderedButton, RenderedField } from "../cards/text";
import { joinValues, named, parseLine, positional } from "../commands/parse";

/** The label without its note in brackets: "发现日期（不填为今天）" → "发现日期". */
function bare(label: string): string {
  return label.replace(/[（(].*$/, "").trim();
}

function describe(fields: RenderedField[]): string {
  return fields.map((f) => `${f.name}（${f.labels[0] ?? f.name}）`).join("、");
}

/** The field a typed key means: its name, its bare label, else the one field whose words contain the key. */
function fieldFor(key: string, fields: RenderedField[]): RenderedField {
  const exact = fields.find((f) => f.name === key || f.labels.some((l) => bare(l) === key));
  if (exact) return exact;
  const containing = fields.filter((f) => f.labels.some((l) => l.includes(key)));
  if (containing.length === 1) return containing[0]!;
  if (containing.length > 1) throw new Error(`「${key}」可指 ${describe(containing)}：请写字段名。`);
  throw new Error(`这张表单没有「${key}」这一项。可填：${describe(fields)}。`);
}

/**
 * What the form submits: the values it shows, with the typed ones over them (a value runs to the next
 * `key=`, as in commands). A date typed as YYYY-MM-DD is sent as Feishu's date_picker sends it.
 */
export function formValue(button: RenderedButton, typed: string): Record<string, string> {
  const fields = button.formFields ?? [];
  const values = joinValues(parseLine(`/表单 ${typed}`), {}).line;
  const stray = positional(values.tokens)[0];
  if (stray !== undefined) throw new Error(`「${stray}」要写成 字段=值。可填：${describe(fields)}。`);
  const out: Record<string, string> = { ...(button.formDefaults ?? {}) };
  for (const [key, value] of Object.entries(named(values.tokens))) {
    const field = fieldFor(key, fields);
    out[field.name] = field.date && /^\d{4}-\d{1,2}-\d{1,2}$/.test(value) ? `${value} +0800` : value;
  }
  return out;
}
