// The shape of a Feishu card JSON 2.0, as loosely as our builders need and as strictly as the validator checks.
export type HeaderTemplate =
  | "blue"
  | "wathet"
  | "turquoise"
  | "green"
  | "yellow"
  | "orange"
  | "red"
  | "carmine"
  | "violet"
  | "purple"
  | "indigo"
  | "grey"
  | "default";

export interface CardElement {
  tag: string;
  [field: string]: unknown;
}

export interface Card {
  schema: "2.0";
  config: { update_multi: true; [field: string]: unknown };
  header?: {
    title: { tag: "plain_text"; content: string };
    subtitle?: { tag: "plain_text"; content: string };
    template: HeaderTemplate;
  };
  body: { elements: CardElement[] };
}
