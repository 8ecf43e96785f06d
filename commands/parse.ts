// Splits a typed command (`/隐患 新增 单位=… 描述=「…」`) once, so every command reads arguments the same way.
// Every typed value passes here, so here its length is bounded, before anything else works on it.
import { countChars, excerpt as quote } from "../src/domain/excerpt";

export interface Token {
  /** The value: quotes removed; for key=value tokens, the verbatim value after the separator. */
  text: string;
  /** Offset in ParsedLine.body where the whole token (key and quotes included) starts. */
  start: number;
  /** Offset in ParsedLine.body just past the token. */
  end: number;
  quoted: boolean;
  /** The normalised key, for key=value tokens only. */
  key?: string;
}

export interface ParsedLine {
  /** The command word without the slash, normalised (e.g. "隐患", "帮助"). */
  name: string;
  /** Verbatim text after the command word, leading spaces trimmed. */
  body: string;
  tokens: Token[];
}

export interface ParseOptions {
  /**
   * For commands whose tail is free text (进展, 退回 …): problems in the body (an unclosed quote, text glued
   * after a closing quote, an empty key) become literal words instead of errors, so restAfter still works.
   */
  lenient?: boolean;
}

export class ParseError extends Error {
  override readonly name = "ParseError";
}

// Opening quote → its closing quote; the contract allows exactly these three styles.
const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', "“": "”", "「": "」" };
// ASCII and full-width spaces, newlines; NBSP too because some Feishu clients send it for a typed space.
const SPACE = /[ \t\n\r\f\v\u00a0\u3000]/;
// Shown in error messages so the user can find the place without the whole line being echoed back.
const EXCERPT_LENGTH = 10;
/** A whole command: room for every field of a hazard at its longest (描述 and 措施, 1,000 each). */
export const LINE_MAX = 5000;
/**
 * One value (or word): twice the longest free text a field takes (TEXT_MAX in src/domain/hazard-input.ts), so
 * a value a little too long still gets its field's own message, and nothing longer goes further.
 */
export const VALUE_MAX = 2000;

export function normaliseWord(word: string): string {
  return word.normalize("NFKC").trim();
}

export function isCommandText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith("/") || trimmed.startsWith("／");
}

export function parseLine(text: string, options: ParseOptions = {}): ParsedLine {
  if (text.length > LINE_MAX) {
    const n = countChars(text);
    if (n > LINE_MAX) throw new ParseError(`这条命令有 ${n} 字，太长了：一条命令最多 ${LINE_MAX} 字。`);
  }
  const trimmed = text.trim();
  if (!isCommandText(trimmed)) throw new ParseError("命令要以 / 开头，例如 /帮助");
  const wordEnd = wordEndFrom(trimmed, 1);
  const name = normaliseWord(trimmed.slice(1, wordEnd));
  if (name === "") throw new ParseError("/ 后面缺少命令词，例如 /帮助");
  const body = trimmed.slice(wordEnd).trimStart();
  return { name, body, tokens: tokenize(body, options.lenient === true) };
}

export function positional(tokens: Token[]): string[] {
  return tokens.filter((t) => t.key === undefined).map((t) => t.text);
}

export function named(tokens: Token[]): Record<string, string> {
  // A Map, then fromEntries: keys such as "__proto__" become ordinary own properties.
  const values = new Map<string, string>();
  for (const token of tokens) {
    if (token.key === undefined) continue;
    if (values.has(token.key)) throw new ParseError(`参数「${token.key}」写了两次，只能写一次`);
    values.set(token.key, token.text);
  }
  return Object.fromEntries(values);
}

export function restAfter(line: ParsedLine, n: number): string {
  const next = line.tokens[Math.max(0, n)];
  return next === undefined ? "" : line.body.slice(next.start).trim();
}

function tokenize(body: string, lenient: boolean): Token[] {
  const tokens: Token[] = [];
  let at = skipSpaces(body, 0);
  while (at < body.length) {
    const token = readToken(body, at, lenient);
    tooLong(token);
    tokens.push(token);
    at = skipSpaces(body, token.end);
  }
  return tokens;
}

function tooLong(token: Token): void {
  if (token.text.length <= VALUE_MAX) return;
  const n = countChars(token.text);
  if (n <= VALUE_MAX) return;
  const what = token.key === undefined ? `「${quote(token.text)}」` : `「${quote(token.key)}」的值`;
  throw new ParseError(`${what}有 ${n} 字，太长了：一个值最多 ${VALUE_MAX} 字。`);
}

function readToken(body: string, start: number, lenient: boolean): Token {
  if (isOpeningQuote(body[start])) return readQuoted(body, start, start, undefined, lenient);
  const wordEnd = wordEndFrom(body, start);
  // Mentions (@ou_…) are people, never key=value, whatever they contain.
  const separator = body[start] === "@" ? -1 : findSeparator(body, start, wordEnd);
  if (separator === -1) return plainToken(body, start, wordEnd);
  const key = normaliseWord(body.slice(start, separator));
  if (key === "") {
    if (lenient) return plainToken(body, start, wordEnd);
    throw new ParseError(`参数「${excerpt(body.slice(start, wordEnd))}」缺少名称，应写成 名称=值`);
  }
  const valueAt = separator + 1;
  if (isOpeningQuote(body[valueAt])) return readQuoted(body, start, valueAt, key, lenient);
  return { text: body.slice(valueAt, wordEnd), start, end: wordEnd, quoted: false, key };
}

// A quoted word or value (`"…"`, `“…”`, `「…」`) opening at quoteAt; the token may begin earlier, at its key.
function readQuoted(
  body: string,
  start: number,
  quoteAt: number,
  key: string | undefined,
  lenient: boolean,
): Token {
  const close = CLOSING_QUOTE[body[quoteAt] ?? ""] ?? "";
  const closeAt = findClosingQuote(body, quoteAt + 1, close);
  if (closeAt === -1) {
    if (lenient) return withKey(plainToken(body, start, wordEndFrom(body, quoteAt), quoteAt), key);
    throw quoteError(body, quoteAt, close);
  }
  return withKey({ text: body.slice(quoteAt + 1, closeAt), start, end: closeAt + 1, quoted: true }, key);
}

// The closing quote is the first one that ends a word, so the other kinds of quote, and even the same
// kind glued to text (`「他说「好」了」`), stay inside the value.
function findClosingQuote(body: string, from: number, close: string): number {
  for (let at = body.indexOf(close, from); at !== -1; at = body.indexOf(close, at + 1)) {
    if (isWordBoundary(body, at + 1)) return at;
  }
  return -1;
}

function quoteError(body: string, quoteAt: number, close: string): ParseError {
  const place = excerpt(body.slice(quoteAt));
  if (body.includes(close, quoteAt + 1)) return new ParseError(`引号结束后要留空格：${place}`);
  return new ParseError(`引号没有闭合：${place}（缺少结尾的 ${close}）`);
}

function plainToken(body: string, start: number, end: number, textFrom = start): Token {
  return { text: body.slice(textFrom, end), start, end, quoted: false };
}

function withKey(token: Token, key: string | undefined): Token {
  return key === undefined ? token : { ...token, key };
}

// The first `=`, `:` or a full-width/compatibility form of them (NFKC-equal) inside the word.
function findSeparator(body: string, start: number, end: number): number {
  for (let at = start; at < end; at++) {
    const ch = (body[at] ?? "").normalize("NFKC");
    if (ch === "=" || ch === ":") return at;
  }
  return -1;
}

function isOpeningQuote(ch: string | undefined): boolean {
  return ch !== undefined && Object.hasOwn(CLOSING_QUOTE, ch);
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

function isWordBoundary(text: string, at: number): boolean {
  return at >= text.length || isSpace(text[at]);
}

function wordEndFrom(text: string, from: number): number {
  let at = from;
  while (at < text.length && !isSpace(text[at])) at++;
  return at;
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpace(text[at])) at++;
  return at;
}

function excerpt(text: string): string {
  const chars = Array.from(text);
  const head = chars.slice(0, EXCERPT_LENGTH).join("");
  return chars.length > EXCERPT_LENGTH ? `${head}…` : head;
}
