// Renders a card as readable text for the terminal (`npm run chat`): header, fields, tables, buttons, forms.
import type { Card, CardElement } from "./types";

/** A form's field as a person sees it: its name, and the words the card shows for it (label, placeholder). */
export interface RenderedField {
  name: string;
  labels: string[];
  date: boolean;
}

export interface RenderedButton {
  label: string;
  value: Record<string, unknown>;
  /** set for a form's submit button: each field's value as the form shows it (Feishu submits them all) */
  formDefaults?: Record<string, string>;
  /** set for a form's submit button: the fields of its form */
  formFields?: RenderedField[];
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

const FIELD_TAGS = new Set(["input", "select_static", "multi_select_static", "date_picker"]);

/** The values a form would submit untouched: Feishu sends a date_picker's as "YYYY-MM-DD +0800". */
function formDefaults(elements: CardElement[], into: Record<string, string> = {}): Record<string, string> {
  for (const element of elements) {
    if (FIELD_TAGS.has(element.tag)) {
      const initial = element.default_value ?? element.initial_option ?? element.initial_date;
      if (typeof initial === "string" && initial !== "") {
        into[String(element.name)] = element.tag === "date_picker" ? `${initial} +0800` : initial;
      }
    }
    for (const column of (element.columns as CardElement[] | undefined) ?? []) {
      formDefaults((column.elements as CardElement[]) ?? [], into);
    }
    if (Array.isArray(element.elements)) formDefaults(element.elements as CardElement[], into);
  }
  return into;
}

/** Every field of a form, containers searched, with the words the card shows for it. */
function formFields(elements: CardElement[], into: RenderedField[] = []): RenderedField[] {
  for (const element of elements) {
    if (FIELD_TAGS.has(element.tag)) {
      const labels = [textOf(element.label), textOf(element.placeholder)].filter((l) => l !== "");
      into.push({ name: String(element.name), labels, date: element.tag === "date_picker" });
    }
    for (const column of (element.columns as CardElement[] | undefined) ?? []) {
      formFields((column.elements as CardElement[]) ?? [], into);
    }
    if (Array.isArray(element.elements)) formFields(element.elements as CardElement[], into);
  }
  return into;
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
  type Form = { defaults: Record<string, string>; fields: RenderedField[] };
  const walk = (elements: CardElement[], form?: Form) => {
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
            walk((column.elements as CardElement[]) ?? [], form);
          break;
        case "form": {
          const inner = (element.elements as CardElement[]) ?? [];
          out.push("表单：");
          walk(inner, { defaults: formDefaults(inner), fields: formFields(inner) });
          break;
        }
        case "button": {
          const isSubmit = element.form_action_type === "submit";
          buttons.push({
            label: textOf(element.text),
            value: callbackValue(element),
            ...(isSubmit ? { formDefaults: form?.defaults ?? {}, formFields: form?.fields ?? [] } : {}),
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
          if (Array.isArray(element.elements)) walk(element.elements as CardElement[], form);
      }
    }
  };
  walk(card.body.elements);
  return out.join("\n");
}
