// Renders a card as readable text for the terminal (`npm run chat`): header, fields, tables, buttons, forms.
import type { Card, CardElement } from "./types";

export interface RenderedButton {
  label: string;
  value: Record<string, unknown>;
  /** set for a form's submit button: the form's field names */
  formFields?: string[];
}

const ENTITY = /&#(\d+);/g;

function plain(markdown: string): string {
  return markdown
    .replace(/<at id=([^>]+)><\/at>/g, "@$1")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(ENTITY, (_, code: string) => String.fromCharCode(Number(code)));
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "content" in value)
    return String((value as { content: unknown }).content);
  return "";
}

function callbackValue(button: CardElement): Record<string, unknown> {
  const behaviors = Array.isArray(button.behaviors) ? button.behaviors : [];
  const callback = behaviors.find((b) => (b as { type?: string }).type === "callback") as
    | { value?: Record<string, unknown> }
    | undefined;
  return callback?.value ?? (button.value as Record<string, unknown> | undefined) ?? {};
}

function tableLines(table: CardElement): string[] {
  const columns = (table.columns as { name: string; display_name?: string }[]) ?? [];
  const rows = (table.rows as Record<string, unknown>[]) ?? [];
  const lines = [`  ${columns.map((c) => c.display_name ?? c.name).join(" | ")}`];
  for (const row of rows) lines.push(`  ${columns.map((c) => plain(String(row[c.name] ?? ""))).join(" | ")}`);
  return lines;
}

function formField(element: CardElement): string {
  const label = textOf(element.label) || textOf(element.placeholder) || String(element.name);
  const options = Array.isArray(element.options)
    ? ` 可选：${(element.options as { value: string }[]).map((o) => o.value).join("/")}`
    : "";
  const initial = element.default_value ?? element.initial_option ?? element.initial_date;
  return `  ${element.name}（${label}）${initial ? ` 已填：${String(initial)}` : ""}${options}`;
}

export function renderCardText(card: Card, buttons: RenderedButton[] = []): string {
  const out: string[] = [];
  if (card.header)
    out.push(
      `【${card.header.title.content}】${card.header.subtitle ? ` ${card.header.subtitle.content}` : ""}`,
    );
  const walk = (elements: CardElement[], formFields?: string[]) => {
    for (const element of elements) {
      switch (element.tag) {
        case "markdown":
          out.push(plain(String(element.content)));
          break;
        case "hr":
          out.push("────────");
          break;
        case "table":
          out.push(...tableLines(element));
          break;
        case "column_set":
          for (const column of (element.columns as CardElement[]) ?? [])
            walk((column.elements as CardElement[]) ?? [], formFields);
          break;
        case "form": {
          const inner = (element.elements as CardElement[]) ?? [];
          const names = inner.filter((e) => e.tag !== "button").map((e) => String(e.name));
          out.push("表单：");
          walk(inner, names);
          break;
        }
        case "button": {
          const isSubmit = element.form_action_type === "submit";
          buttons.push({
            label: textOf(element.text),
            value: callbackValue(element),
            ...(isSubmit ? { formFields: formFields ?? [] } : {}),
          });
          out.push(`  [${buttons.length}] ${textOf(element.text)}${isSubmit ? "（提交表单）" : ""}`);
          break;
        }
        case "input":
        case "select_static":
        case "multi_select_static":
        case "date_picker":
          out.push(formField(element));
          break;
        case "img":
          out.push(`  [图片 ${String(element.img_key)}]`);
          break;
        case "chart":
          out.push("  [图表]");
          break;
        default:
          if (Array.isArray(element.elements)) walk(element.elements as CardElement[], formFields);
      }
    }
  };
  walk(card.body.elements);
  return out.join("\n");
}
