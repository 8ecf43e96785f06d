// Feishu's event encryption and signature: AES-256-CBC with key SHA-256(Encrypt Key), and the request signature.
// Follows open.feishu.cn "Event subscription: encryption and signature verification".
import { createDecipheriv, createHash, timingSafeEqual } from "node:crypto";

/** The AES key of the last Encrypt Key seen: one app has one, and every event would hash it again. */
let derived: { encryptKey: string; key: Buffer } | null = null;

function aesKeyOf(encryptKey: string): Buffer {
  if (derived?.encryptKey !== encryptKey)
    derived = { encryptKey, key: createHash("sha256").update(encryptKey, "utf8").digest() };
  return derived.key;
}

/** Decrypts `{"encrypt": "<base64 of IV ‖ ciphertext>"}`'s value to the plaintext JSON text. Throws on bad input. */
export function decryptEvent(encrypted: string, encryptKey: string): string {
  const key = aesKeyOf(encryptKey);
  const data = Buffer.from(encrypted, "base64");
  if (data.length < 32 || data.length % 16 !== 0) throw new Error("encrypted body has a bad length");
  const decipher = createDecipheriv("aes-256-cbc", key, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString("utf8");
}

/** hex(SHA-256(timestamp + nonce + encryptKey + body)), the body as the raw bytes received. */
export function eventSignature(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  body: Uint8Array,
): string {
  return createHash("sha256")
    .update(timestamp + nonce + encryptKey, "utf8")
    .update(body)
    .digest("hex");
}

/** Constant-time comparison of two strings; unequal lengths are compared against themselves to keep the time flat. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
