// Verifies a request to the webhook before anything reads it: signature over the raw body, decryption, token.
// Never fails open: with neither an Encrypt Key nor a Verification Token configured, every request is refused.
import { decryptEvent, eventSignature, safeEqual } from "./crypto";

export interface VerifyKeys {
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
}

export type VerifyResult =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; status: 400 | 401; reason: string };

type Headers = (name: string) => string | undefined;

function refuse(reason: string): VerifyResult {
  return { ok: false, status: 401, reason };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The token Feishu puts in the payload: `header.token` in schema 2.0, top-level `token` otherwise. */
function payloadToken(payload: Record<string, unknown>): unknown {
  const header = payload.header;
  if (header && typeof header === "object" && "token" in header) return (header as { token: unknown }).token;
  return payload.token;
}

/** Any of the signature headers: a request that carries one is judged by its signature alone. */
function hasSignature(header: Headers): boolean {
  return ["x-lark-request-timestamp", "x-lark-request-nonce", "x-lark-signature"].some(
    (name) => header(name) !== undefined,
  );
}

function signatureValid(raw: Uint8Array, header: Headers, encryptKey: string): boolean {
  const timestamp = header("x-lark-request-timestamp");
  const nonce = header("x-lark-request-nonce");
  const signature = header("x-lark-signature");
  if (!timestamp || !nonce || !signature) return false;
  return safeEqual(eventSignature(timestamp, nonce, encryptKey, raw), signature.toLowerCase());
}

/** An unsigned request may only be a url_verification challenge: a few hundred bytes, never more. */
export const UNSIGNED_MAX_BYTES = 4096;

export function verifyRequest(raw: Uint8Array, header: Headers, keys: VerifyKeys): VerifyResult {
  const { encryptKey, verificationToken } = keys;
  if (!encryptKey && !verificationToken) return refuse("no Encrypt Key or Verification Token is configured");

  // With an Encrypt Key, the signature over the raw bytes comes before any parsing or decryption. Feishu
  // signs everything but the url_verification challenge: an unsigned request is decrypted only to answer
  // that challenge, and only when it is as small as a challenge is.
  const signed = encryptKey ? hasSignature(header) : false;
  if (encryptKey && signed && !signatureValid(raw, header, encryptKey)) return refuse("bad signature");
  if (encryptKey && !signed && raw.byteLength > UNSIGNED_MAX_BYTES) return refuse("unsigned request");

  const outer = parseObject(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  if (!outer) {
    return encryptKey && !signed
      ? refuse("unsigned request")
      : { ok: false, status: 400, reason: "body is not a JSON object" };
  }

  let payload = outer;
  if (encryptKey) {
    if (typeof outer.encrypt !== "string")
      return refuse("an Encrypt Key is set but the body is not encrypted");
    let plain: string;
    try {
      plain = decryptEvent(outer.encrypt, encryptKey);
    } catch {
      return refuse("the body does not decrypt with the Encrypt Key");
    }
    const inner = parseObject(plain);
    if (!inner) return refuse("the decrypted body is not a JSON object");
    payload = inner;
    if (!signed && payload.type !== "url_verification") return refuse("unsigned request");
  } else if (typeof outer.encrypt === "string") {
    return refuse("the body is encrypted but no Encrypt Key is configured");
  }

  if (verificationToken) {
    const token = payloadToken(payload);
    if (typeof token !== "string" || !safeEqual(token, verificationToken))
      return refuse("bad verification token");
  }
  return { ok: true, payload };
}
