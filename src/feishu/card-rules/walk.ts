// The walk over a card's elements that every rule shares: where an element sits, the problems found so far,
// the ids and names already used, and the dispatch of each element to the checker of its tag.
import { CardErrorCode, type CardProblem } from "./limits";

const REMOVED_TAGS = new Set(["action", "note"]);

const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;

export type Json = Record<string, unknown>;

export interface FormState {
  hasSubmit: boolean;
}

/** Where an element sits: directly in `body.elements`, and inside which form (if any). */
export interface Place {
  root: boolean;
  form: FormState | null;
}

export interface Walk {
  problems: CardProblem[];
  components: number;
  tables: number;
  elementIds: Set<string>;
  names: Set<string>;
  /** the checker of each tag the card may use */
  checkers: Record<string, Checker>;
}

export type Checker = (el: Json, path: string, place: Place, walk: Walk) => void;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

export function report(walk: Walk, code: number, path: string, message: string): void {
  walk.problems.push({ code, path, message });
}

export function checkElementId(el: Json, path: string, walk: Walk): void {
  const id = el.element_id;
  if (id === undefined) return;
  if (typeof id !== "string" || !ELEMENT_ID.test(id)) {
    report(
      walk,
      CardErrorCode.invalid,
      `${path}.element_id`,
      "element_id must be a letter then ≤19 [A-Za-z0-9_]",
    );
  } else if (walk.elementIds.has(id)) {
    report(walk, CardErrorCode.invalid, `${path}.element_id`, `element_id ${id} is not unique in the card`);
  } else {
    walk.elementIds.add(id);
  }
}

/** Registers a component's `name` (unique across the card); false when it is absent. */
export function registerName(el: Json, path: string, walk: Walk): boolean {
  const name = el.name;
  if (name === undefined) return false;
  if (!isNonEmptyString(name)) {
    report(walk, CardErrorCode.invalid, `${path}.name`, "name must be a non-empty string");
  } else if (walk.names.has(name)) {
    report(walk, CardErrorCode.invalid, `${path}.name`, `name ${name} is not unique in the card`);
  } else {
    walk.names.add(name);
  }
  return true;
}

export function walkElements(list: unknown, path: string, place: Place, walk: Walk): void {
  if (!Array.isArray(list)) {
    report(walk, CardErrorCode.invalid, path, "elements must be an array");
    return;
  }
  list.forEach((el, i) => {
    walkElement(el, `${path}[${i}]`, place, walk);
  });
}

function walkElement(el: unknown, path: string, place: Place, walk: Walk): void {
  if (!isObject(el) || typeof el.tag !== "string") {
    report(walk, CardErrorCode.invalid, path, "element must be an object with a tag");
    return;
  }
  walk.components += 1;
  checkElementId(el, path, walk);
  const checker = walk.checkers[el.tag];
  if (REMOVED_TAGS.has(el.tag)) {
    report(
      walk,
      CardErrorCode.unsupportedTag,
      `${path}.tag`,
      `tag ${el.tag} does not exist in card JSON 2.0`,
    );
  } else if (checker === undefined) {
    report(walk, CardErrorCode.unsupportedTag, `${path}.tag`, `unknown tag ${el.tag}`);
  } else {
    checker(el, path, place, walk);
  }
}

export function nested(place: Place): Place {
  return { root: false, form: place.form };
}
