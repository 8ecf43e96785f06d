// Matching the names people type against the names we know: short forms, full-width punctuation, and
// the closest valid names to suggest when nothing matches.

/** Folds what should not matter when comparing names: width, spaces, bracket style. */
export function foldName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[()]/g, (c) => (c === "(" ? "（" : "）"))
    .toLowerCase();
}

/**
 * Suggestions are for typos in names, which are short: a longer input gets none, so the work per suggestion
 * stays bounded (an edit distance costs the product of the two lengths) whatever a message carries.
 */
export const SUGGEST_INPUT_MAX = 40;

/** The edit distance between x and y, or Infinity as soon as it must exceed `max` (rows are cut short). */
function editDistance(x: string[], y: string[], max: number): number {
  if (Math.abs(x.length - y.length) > max) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > max) return Number.POSITIVE_INFINITY;
    previous = current;
  }
  return previous[y.length]!;
}

export interface Named {
  name: string;
  aliases: string[];
}

/** The entry whose name or short form equals the input (folded), if any. */
export function findByName<T extends Named>(input: string, entries: T[]): T | undefined {
  const wanted = foldName(input);
  return entries.find((e) => foldName(e.name) === wanted || e.aliases.some((a) => foldName(a) === wanted));
}

/** True when every character of `short` appears in `long` in order ("某某烟花店" in "某某烟花爆竹零售店"). */
function isAbbreviation(short: string, long: string): boolean {
  const chars = [...short];
  if (chars.length < 2) return false;
  let at = 0;
  for (const ch of long) if (ch === chars[at]) at++;
  return at === chars.length;
}

/**
 * Up to `limit` names closest to the input. Names that contain it (or that it abbreviates) come alone when
 * there are any; otherwise small typos, where a form that differs in every character is never "close".
 */
export function closestNames<T extends Named>(input: string, entries: T[], limit = 3): string[] {
  if (input.length > SUGGEST_INPUT_MAX * 2) return [];
  const wanted = foldName(input);
  const chars = [...wanted];
  const length = chars.length;
  if (length === 0 || length > SUGGEST_INPUT_MAX) return [];
  const maxDistance = Math.max(2, Math.ceil(length / 2));
  const scored = entries.map((e) => {
    const forms = [e.name, ...e.aliases].map(foldName);
    const contains = forms.some((f) => f.includes(wanted) || wanted.includes(f) || isAbbreviation(wanted, f));
    const distance = Math.min(
      ...forms.map((f) => {
        const form = [...f];
        const d = editDistance(form, chars, maxDistance);
        return d < Math.min(length, form.length) ? d : Number.POSITIVE_INFINITY;
      }),
    );
    return { name: e.name, contains, distance };
  });
  const containing = scored.filter((s) => s.contains);
  const pool = containing.length > 0 ? containing : scored.filter((s) => s.distance <= maxDistance);
  return pool
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((s) => s.name);
}
