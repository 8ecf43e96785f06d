// What a reply may quote of what someone typed: a short excerpt, so an answer never grows with the input
// (a card has 30 KB) and a refusal still shows where the problem is.

/** Characters quoted at most from one value. */
export const EXCERPT_MAX = 20;

/** The first `max` characters of `text`, with "…" and the full length when it was longer. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, max * 2)).slice(0, max);
  const total = countChars(text);
  return total > max ? `${chars.join("")}…（共 ${total} 字）` : text;
}

/** Code points, counted without building an array (a value may be a megabyte long). */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
