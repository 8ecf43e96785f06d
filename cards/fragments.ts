// Pieces every card is built from: the card shell, markdown, fields, buttons, and escaping of user text.
import type { Card, CardElement, HeaderTemplate } from "./types";

export function card(
  title: string,
  template: HeaderTemplate,
  elements: CardElement[],
  subtitle?: string,
): Card {
  return {
    schema: "2.0",
    config: { update_multi: true },
    header: {
      title: { tag: "plain_text", content: title },
      ...(subtitle ? { subtitle: { tag: "plain_text", content: subtitle } } : {}),
      template,
    },
    body: { elements },
  };
}

// Characters that card markdown reads as syntax (<at>, links, emphasis, headings, lists, tables), written as
// HTML entities so user text shows verbatim and cannot forge a mention or a link.
const MARKDOWN_SPECIAL = /[&<>*_~[\]()#`|\\!{}+\-.:@"'$]/g;

/** User text made safe for a markdown element: shown exactly as typed. */
export function escapeMd(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

/** A long text cut to `max` characters with an ellipsis, for a table cell or a line. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}

export function md(content: string): CardElement {
  return { tag: "markdown", content };
}

export function hr(): CardElement {
  return { tag: "hr" };
}

/** Label–value lines as markdown; values are user data and are escaped here. */
export function fields(rows: [label: string, value: string | null | undefined][]): CardElement {
  const lines = rows
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([label, value]) => `**${label}**：${escapeMd(String(value))}`);
  return md(lines.join("\n"));
}

export type ButtonType = "default" | "primary" | "danger" | "primary_filled" | "danger_filled" | "text";

/** A button whose press comes back as card.action.trigger with `value`; `value.action` names the handler. */
export function button(
  text: string,
  value: Record<string, unknown>,
  type: ButtonType = "default",
): CardElement {
  return {
    tag: "button",
    text: { tag: "plain_text", content: text },
    type,
    behaviors: [{ type: "callback", value }],
  };
}

/** Buttons side by side: 2.0 has no `action` container, so they stand in a column_set. */
export function buttonRow(buttons: CardElement[]): CardElement {
  return {
    tag: "column_set",
    flex_mode: "flow",
    horizontal_spacing: "small",
    columns: buttons.map((b) => ({ tag: "column", width: "auto", elements: [b] })),
  };
}

/** @mention a member inside card markdown. */
export function atMention(openId: string): string {
  return /^ou_[0-9A-Za-z_-]+$/.test(openId) ? `<at id=${openId}></at>` : "";
}

export interface TableColumn {
  name: string;
  display_name: string;
  width?: string;
}

/**
 * A table of plain-text cells (data_type "text" shows text as it is: no escaping needed). Tables stand only
 * at the body root, at most 5 per card; Feishu pages the rows, at most 10 a page.
 */
export function textTable(
  columns: TableColumn[],
  rows: Record<string, string>[],
  pageSize = 10,
): CardElement {
  return {
    tag: "table",
    page_size: Math.min(10, Math.max(1, pageSize)),
    row_height: "low",
    header_style: { background_style: "grey", bold: true },
    columns: columns.map((c) => ({ ...c, data_type: "text" })),
    rows,
  };
}
