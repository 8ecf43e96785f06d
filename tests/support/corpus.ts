// A deterministic (seeded) corpus of hostile input, generated from the command registry so that a command
// added later is covered too: every subcommand with each argument missing, over-long, unclosed or garbled,
// random Unicode and emoji, 150 KB lines, strangers in unknown chats; and requests that are not events at all
// (truncated or malformed JSON, wrong content types, bodies over 1 MiB, replays, stale events, forged card
// values). Used by tests/corpus.test.ts (outcomes checked) and bench/corpus.ts (times measured).
import { commands } from "../../commands";
import type { Subcommand } from "../../commands/types";
import {
  cardPayload,
  type Delivery,
  ENCRYPT_KEY,
  encrypt,
  encryptedDelivery,
  messageEnvelope,
  messagePayload,
  sign,
} from "./events";
import { ADMIN } from "./harness";

export const STRANGER = "ou_corpus_stranger_000000000000001";

export interface MessageCase {
  kind: "message";
  name: string;
  text: string;
  sender: "admin" | "stranger";
  chatType: "group" | "p2p";
  /** false when the message is hostile in a way every command must refuse: then nothing may be written */
  mayWrite: boolean;
}

export interface RequestCase {
  kind: "request";
  name: string;
  path: "/feishu/events" | "/feishu/cards";
  /** the delivery, built when sent (signatures carry the time) */
  build(): Delivery;
  /** statuses a correct service may answer (never a 5xx) */
  statuses: number[];
  /** send it twice (a replay): the second must do nothing */
  twice?: boolean;
}

export type Case = MessageCase | RequestCase;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Code point ranges people (and attackers) send: CJK, full-width forms, emoji, combining marks, right-to-left
// text, zero-width and control characters, quotes and separators the parser cares about.
const RANGES: [number, number][] = [
  [0x4e00, 0x9fff],
  [0xff01, 0xff5e],
  [0x1f300, 0x1faff],
  [0x0300, 0x036f],
  [0x0590, 0x06ff],
  [0x200b, 0x200f],
  [0x0000, 0x001f],
  [0x0020, 0x007e],
];
const SPECIAL = [
  "=",
  "：",
  ":",
  '"',
  "“",
  "”",
  "「",
  "」",
  "/",
  "／",
  "@",
  "\u3000",
  '<at user_id="all"></at>',
];

function unicodeText(next: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    if (next() < 0.1) {
      out += SPECIAL[Math.floor(next() * SPECIAL.length)];
      continue;
    }
    const [lo, hi] = RANGES[Math.floor(next() * RANGES.length)]!;
    out += String.fromCodePoint(lo + Math.floor(next() * (hi - lo + 1)));
  }
  return out;
}

const QUOTED_VALUE = '(?:「[^」]*」|“[^”]*”|"[^"]*"|\\S+)';

/** The keys a usage names (`单位=…`), and which of them sit outside [brackets] (required). */
function usageKeys(usage: string): { key: string; required: boolean }[] {
  const out: { key: string; required: boolean }[] = [];
  let depth = 0;
  let word = "";
  const flush = () => {
    const match = /^\[?([^\s[\]=…<>/]+)=/.exec(word);
    if (match && match[1] !== "字段")
      out.push({ key: match[1]!, required: depth === 0 && !word.startsWith("[") });
    word = "";
  };
  for (const ch of usage) {
    if (ch === "[") depth++;
    if (ch === "]") depth = Math.max(0, depth - 1);
    if (/\s/.test(ch)) flush();
    else word += ch;
  }
  flush();
  return out.filter((k, i) => out.findIndex((o) => o.key === k.key) === i);
}

function withoutKey(example: string, key: string): string {
  return example.replace(new RegExp(`\\s${key}=${QUOTED_VALUE}`), "");
}

function withValue(example: string, key: string, value: string): string {
  const pattern = new RegExp(`(\\s${key}=)${QUOTED_VALUE}`);
  return pattern.test(example) ? example.replace(pattern, `$1${value}`) : `${example} ${key}=${value}`;
}

function prefixOf(commandName: string, sub: Subcommand): string {
  return sub.name === "" ? `/${commandName}` : `/${commandName} ${sub.name}`;
}

/** Subcommands a person bound to nothing may use: a stranger's valid example there is not hostile. */
const OPEN_TO_STRANGERS = new Set(["help.view", "member.request"]);

function subcommandCases(next: () => number): MessageCase[] {
  const cases: MessageCase[] = [];
  const hostile = (name: string, text: string, o: Partial<MessageCase> = {}) =>
    cases.push({ kind: "message", name, text, sender: "admin", chatType: "group", mayWrite: false, ...o });
  for (const command of commands) {
    for (const sub of command.subcommands) {
      const prefix = prefixOf(command.name, sub);
      const tag = prefix.slice(1);
      const keys = usageKeys(sub.usage);
      for (const { key, required } of keys) {
        if (required) hostile(`${tag}: without ${key}=`, withoutKey(sub.example, key));
        hostile(`${tag}: ${key}= over-long`, withValue(sub.example, key, "长".repeat(2_100)));
        if (!sub.freeText)
          hostile(`${tag}: ${key}= unclosed quote`, withValue(sub.example, key, `「${unicodeText(next, 6)}`));
        cases.push({
          kind: "message",
          name: `${tag}: ${key}= garbled`,
          text: withValue(
            sub.example,
            key,
            unicodeText(next, 3 + Math.floor(next() * 10)).replace(/\s/g, ""),
          ),
          sender: "admin",
          chatType: "group",
          mayWrite: true,
        });
      }
      if (!sub.freeText)
        hostile(`${tag}: an unknown key`, `${sub.example} 不存在的键=${unicodeText(next, 4)}`);
      hostile(`${tag}: a 150 KB line`, `${sub.example} ${"满".repeat(150_000)}`);
      hostile(`${tag}: an emoji instead of every argument`, `${prefix} 🧯🔥${unicodeText(next, 5)}`.trim());
      if (!OPEN_TO_STRANGERS.has(sub.action)) {
        hostile(`${tag}: a stranger in a private chat`, sub.example, { sender: "stranger", chatType: "p2p" });
      }
      cases.push({
        kind: "message",
        name: `${tag}: bare`,
        text: prefix,
        sender: "admin",
        chatType: "group",
        mayWrite: true,
      });
    }
    hostile(
      `${command.name}: an unknown subcommand`,
      `/${command.name} ${unicodeText(next, 8).replace(/\s/g, "_")}`,
    );
  }
  return cases;
}

function randomCases(next: () => number, count: number): MessageCase[] {
  const cases: MessageCase[] = [];
  for (let i = 0; i < count; i++) {
    const body = unicodeText(next, 1 + Math.floor(next() * 60));
    const shape = i % 4;
    const text =
      shape === 0 ? `/${body}` : shape === 1 ? body : shape === 2 ? `／隐患 ${body}` : `/绑定 角色=「${body}`;
    cases.push({
      kind: "message",
      name: `random #${i}`,
      text,
      sender: i % 5 === 0 ? "stranger" : "admin",
      chatType: i % 7 === 0 ? "p2p" : "group",
      mayWrite: false,
    });
  }
  for (const text of [
    "/",
    "／",
    "/ ",
    "　",
    "\u0000",
    "/隐患 新增 描述=「没有结尾",
    '/隐患 列表 单位="高兴',
    `/${"隐".repeat(150_000)}`,
  ]) {
    cases.push({
      kind: "message",
      name: `edge ${JSON.stringify(text.slice(0, 12))}`,
      text,
      sender: "admin",
      chatType: "group",
      mayWrite: false,
    });
  }
  return cases;
}

function signedRaw(body: string, contentType = "application/json"): Delivery {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = "corpus";
  return {
    headers: {
      "content-type": contentType,
      "x-lark-request-timestamp": timestamp,
      "x-lark-request-nonce": nonce,
      "x-lark-signature": sign(timestamp, nonce, ENCRYPT_KEY, body),
    },
    body,
  };
}

/** A signed, encrypted payload of any shape. */
function signedPayload(payload: unknown, contentType?: string): Delivery {
  return signedRaw(JSON.stringify({ encrypt: encrypt(JSON.stringify(payload), ENCRYPT_KEY) }), contentType);
}

function requestCases(next: () => number, now: () => number): RequestCase[] {
  const cases: RequestCase[] = [];
  const add = (name: string, build: () => Delivery, statuses: number[], o: Partial<RequestCase> = {}) =>
    cases.push({ kind: "request", name, path: "/feishu/events", build, statuses, ...o });
  const help = () => messagePayload("/帮助", { createTime: now() });
  for (let i = 0; i < 8; i++) {
    add(`truncated JSON #${i}`, () => {
      const full = JSON.stringify({ encrypt: encrypt(JSON.stringify(help()), ENCRYPT_KEY) });
      return signedRaw(full.slice(0, Math.floor(full.length * next())));
    }, [400, 401]);
    add(`malformed JSON #${i}`, () => signedRaw(unicodeText(next, 40)), [400, 401]);
    add(
      `unsigned garbage #${i}`,
      () => ({ headers: { "content-type": "application/json" }, body: unicodeText(next, 200) }),
      [401],
    );
  }
  for (const type of [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",
  ]) {
    add(`content type ${JSON.stringify(type)}`, () => signedPayload(help(), type), [200, 400, 401, 415]);
  }
  add("a body over 1 MiB", () => signedRaw(`{"encrypt":"${"A".repeat(1_100_000)}"}`), [413]);
  add(
    "a body over 1 MiB, unsigned",
    () => ({ headers: { "content-type": "application/json" }, body: "x".repeat(1_100_000) }),
    [413],
  );
  add("a replayed message", () => encryptedDelivery(help()), [200], { twice: true });
  add(
    "a replayed card press",
    () => encryptedDelivery(cardPayload({ action: "hazard.progress", number: "YH-2023-0001", revision: 0 })),
    [200],
    {
      twice: true,
      path: "/feishu/cards",
    },
  );
  add(
    "a stale message (4 days old)",
    () => encryptedDelivery(messagePayload("/帮助", { createTime: now() - 4 * 86_400_000 })),
    [200],
  );
  add("a stale card press", () => {
    const payload = cardPayload({ action: "member.approve", request: 1 });
    payload.header.create_time = String(now() - 4 * 86_400_000);
    return encryptedDelivery(payload);
  }, [200]);
  add(
    "an unknown event type",
    () =>
      signedPayload({
        schema: "2.0",
        header: { event_type: "x.y.z", event_id: "e", token: "andu-test-verification-token" },
        event: {},
      }),
    [200, 401],
  );
  // Envelopes of the right type with the wrong shapes inside: nothing may crash.
  const shapes: [string, unknown][] = [
    ["event null", null],
    ["message a string", { message: "x", sender: {} }],
    [
      "content not JSON",
      {
        message: {
          message_id: "om_s1",
          chat_id: "oc_s",
          chat_type: "group",
          message_type: "text",
          content: "{not json",
          mentions: [],
        },
        sender: {},
      },
    ],
    [
      "text not a string",
      {
        message: {
          message_id: "om_s2",
          chat_id: "oc_s",
          chat_type: "p2p",
          message_type: "text",
          content: JSON.stringify({ text: 42 }),
        },
        sender: { sender_id: { open_id: STRANGER } },
      },
    ],
    [
      "mentions not a list",
      {
        message: {
          message_id: "om_s3",
          chat_id: "oc_s",
          chat_type: "group",
          message_type: "text",
          content: JSON.stringify({ text: "@_user_1 /帮助" }),
          mentions: "x",
        },
        sender: {},
      },
    ],
    [
      "a post of garbage",
      {
        message: {
          message_id: "om_s4",
          chat_id: "oc_s",
          chat_type: "p2p",
          message_type: "post",
          content: JSON.stringify({ zh_cn: { content: [[{ tag: "at" }, 5, null]] } }),
        },
        sender: { sender_id: { open_id: STRANGER } },
      },
    ],
    [
      "a file without a key",
      {
        message: {
          message_id: "om_s5",
          chat_id: "oc_s",
          chat_type: "p2p",
          message_type: "file",
          content: "{}",
        },
        sender: { sender_id: { open_id: STRANGER } },
      },
    ],
  ];
  for (const [name, event] of shapes) {
    add(`message event: ${name}`, () => {
      const envelope = messageEnvelope({
        o: {},
        createTime: now(),
        messageType: "text",
        content: "{}",
        mentions: [],
        chatType: "group",
      });
      return encryptedDelivery({ ...envelope, event });
    }, [200]);
  }
  // Every registered card action, pressed with garbage values and forms, by an admin and by a stranger.
  for (const action of commands.flatMap((c) => c.cardActions ?? [])) {
    for (const operator of ["admin", "stranger"] as const) {
      for (let i = 0; i < 3; i++) {
        const value = {
          action: action.name,
          number: unicodeText(next, 8),
          request: unicodeText(next, 3),
          revision: "x",
          page: -1,
          id: "1 OR 1=1",
        };
        const formValue = {
          note: unicodeText(next, 30),
          sup_level: unicodeText(next, 3),
          unit: "长".repeat(3000),
          description: unicodeText(next, 20),
        };
        cases.push({
          kind: "request",
          name: `card ${action.name} by ${operator} #${i}`,
          path: "/feishu/cards",
          build: () =>
            encryptedDelivery(
              cardPayload(value, { operator: operator === "admin" ? ADMIN : STRANGER, formValue }),
            ),
          statuses: [200],
        });
      }
    }
  }
  return cases;
}

/** A message case as Feishu delivers it: signed and encrypted, in its own chat (no per-group rate limit). */
export function messageDelivery(c: MessageCase, i: number, now: number): Delivery {
  return encryptedDelivery(
    messagePayload(c.text, {
      sender: c.sender === "admin" ? ADMIN : STRANGER,
      chatType: c.chatType,
      chatId: `oc_corpus_${i}`,
      messageId: `om_corpus_${i}`,
      createTime: now,
    }),
  );
}

/** The whole corpus for a seed: the same cases, in the same order, every run. */
export function buildCorpus(seed: number, now: () => number): Case[] {
  const next = random(seed);
  return [...subcommandCases(next), ...randomCases(next, 160), ...requestCases(next, now)];
}
