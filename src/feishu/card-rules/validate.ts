// Refuses, before sending, every card JSON 2.0 that Feishu would refuse: the card as a whole here, each element
// by the rules of its tag in ./elements. Follows open.feishu.cn "卡片 JSON 2.0 结构"
// (feishu-cards/card-json-v2-structure) and its component pages, and the send-message page's card errors
// (230099 with a sub-code and a path, 230025 over 30 KB).
import { CHECKERS } from "./elements";
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, CardErrorCode, type CardProblem } from "./limits";
import { isObject, type Json, report, type Walk, walkElements } from "./walk";

export { CARD_MAX_BYTES, type CardProblem } from "./limits";

const HEADER_TEMPLATES = new Set([
  "blue",
  "wathet",
  "turquoise",
  "green",
  "yellow",
  "orange",
  "red",
  "carmine",
  "violet",
  "purple",
  "indigo",
  "grey",
  "default",
]);

function serialisedBytes(card: unknown): number | null {
  try {
    const json = JSON.stringify(card);
    return json === undefined ? null : new TextEncoder().encode(json).length;
  } catch {
    return null;
  }
}

function checkSize(card: Json, walk: Walk): void {
  const bytes = serialisedBytes(card);
  if (bytes === null) {
    report(walk, CardErrorCode.invalid, "", "card cannot be serialised as JSON");
  } else if (bytes > CARD_MAX_BYTES) {
    report(walk, CardErrorCode.tooLarge, "", `card is ${bytes} bytes; at most ${CARD_MAX_BYTES}`);
  }
}

function checkRoot(card: Json, walk: Walk): void {
  if (card.schema !== "2.0") report(walk, CardErrorCode.invalid, "schema", 'schema must be "2.0"');
  if (card.elements !== undefined) {
    report(walk, CardErrorCode.invalid, "elements", "root elements is JSON 1.0; use body.elements");
  }
  const config = card.config;
  if (!isObject(config) || config.update_multi !== true) {
    report(walk, CardErrorCode.invalid, "config.update_multi", "config.update_multi must be true");
  }
}

function checkPlainText(value: unknown, path: string, walk: Walk): void {
  if (!isObject(value) || value.tag !== "plain_text" || typeof value.content !== "string") {
    report(walk, CardErrorCode.invalid, path, 'must be {tag:"plain_text", content:string}');
  }
}

function checkHeader(header: unknown, walk: Walk): void {
  if (header === undefined) return;
  if (!isObject(header)) {
    report(walk, CardErrorCode.invalid, "header", "header must be an object");
    return;
  }
  checkPlainText(header.title, "header.title", walk);
  if (header.template !== undefined && !HEADER_TEMPLATES.has(String(header.template))) {
    report(
      walk,
      CardErrorCode.invalid,
      "header.template",
      `unknown header template ${String(header.template)}`,
    );
  }
}

function checkBody(card: Json, walk: Walk): void {
  const body = card.body;
  if (!isObject(body) || !Array.isArray(body.elements)) {
    report(walk, CardErrorCode.invalid, "body.elements", "body.elements must be an array");
    return;
  }
  walkElements(body.elements, "body.elements", { root: true, form: null }, walk);
  if (walk.components > CARD_MAX_COMPONENTS) {
    report(
      walk,
      CardErrorCode.invalid,
      "body.elements",
      `${walk.components} components; at most ${CARD_MAX_COMPONENTS}`,
    );
  }
}

/** Every reason Feishu would refuse this card; [] when it would accept it. */
export function validateCard(card: unknown): CardProblem[] {
  if (!isObject(card)) {
    return [{ code: CardErrorCode.invalid, path: "", message: "card must be a JSON object" }];
  }
  const walk: Walk = {
    problems: [],
    components: 0,
    tables: 0,
    elementIds: new Set(),
    names: new Set(),
    checkers: CHECKERS,
  };
  checkSize(card, walk);
  checkRoot(card, walk);
  checkHeader(card.header, walk);
  checkBody(card, walk);
  return walk.problems;
}
