// Our verification must agree with Feishu's official vectors byte for byte, and refuse every tampered request.
import { describe, expect, it } from "vitest";
import { decryptEvent, eventSignature } from "../src/feishu/crypto";
import { verifyRequest } from "../src/feishu/verify";
import {
  ENCRYPT_KEY,
  encrypt,
  encryptedDelivery,
  plainDelivery,
  VERIFICATION_TOKEN,
  vectors,
} from "./support/events";

const bytes = (s: string) => new TextEncoder().encode(s);
const headerOf = (h: Record<string, string | undefined>) => (name: string) => h[name.toLowerCase()];
const keys = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };

describe("the shared vectors", () => {
  for (const vector of vectors.vectors) {
    it(`${vector.name}: decrypts to the documented JSON`, () => {
      const outer = JSON.parse(vector.body) as { encrypt: string };
      expect(JSON.parse(decryptEvent(outer.encrypt, vectors.encryptKey))).toEqual(vector.decrypted);
    });
    it(`${vector.name}: is accepted and yields the decrypted payload`, () => {
      const result = verifyRequest(bytes(vector.body), headerOf(vector.headers), keys);
      expect(result).toEqual({ ok: true, payload: vector.decrypted });
    });
  }
  for (const vector of vectors.vectors.filter((v) => v.name !== "url_verification")) {
    const h = vector.headers as Record<string, string>;
    it(`${vector.name}: signature equals the vector's`, () => {
      expect(
        eventSignature(
          h["x-lark-request-timestamp"]!,
          h["x-lark-request-nonce"]!,
          vectors.encryptKey,
          bytes(vector.body),
        ),
      ).toBe(h["x-lark-signature"]);
    });
    it(`${vector.name}: refused with a zeroed signature`, () => {
      const zeroed = { ...h, "x-lark-signature": "0".repeat(64) };
      expect(verifyRequest(bytes(vector.body), headerOf(zeroed), keys)).toMatchObject({
        ok: false,
        status: 401,
      });
    });
    it(`${vector.name}: refused when one body byte changes`, () => {
      const body = `${vector.body} `;
      expect(verifyRequest(bytes(body), headerOf(h), keys)).toMatchObject({ ok: false, status: 401 });
    });
    it(`${vector.name}: refused without signature headers`, () => {
      expect(verifyRequest(bytes(vector.body), headerOf({}), keys)).toMatchObject({ ok: false, status: 401 });
    });
  }
});

describe("verifyRequest", () => {
  const payload = {
    schema: "2.0",
    header: { event_id: "e1", event_type: "x", token: VERIFICATION_TOKEN },
    event: {},
  };

  it("refuses everything when no key is configured (never fails open)", () => {
    const d = plainDelivery(payload);
    expect(verifyRequest(bytes(d.body), headerOf(d.headers), {})).toMatchObject({ ok: false, status: 401 });
  });
  it("accepts a plain body with the right token when only a token is set", () => {
    const d = plainDelivery(payload);
    expect(
      verifyRequest(bytes(d.body), headerOf(d.headers), { verificationToken: VERIFICATION_TOKEN }),
    ).toEqual({
      ok: true,
      payload,
    });
  });
  it("refuses a plain body with a wrong token", () => {
    const d = plainDelivery({ ...payload, header: { ...payload.header, token: "wrong" } });
    expect(
      verifyRequest(bytes(d.body), headerOf(d.headers), { verificationToken: VERIFICATION_TOKEN }),
    ).toMatchObject({
      ok: false,
      status: 401,
    });
  });
  it("refuses a correctly signed body whose token is wrong", () => {
    const d = encryptedDelivery({ ...payload, header: { ...payload.header, token: "wrong" } });
    expect(verifyRequest(bytes(d.body), headerOf(d.headers), keys)).toMatchObject({ ok: false, status: 401 });
  });
  it("refuses a plain body when an Encrypt Key is set (it would be unsigned)", () => {
    const d = plainDelivery(payload);
    expect(verifyRequest(bytes(d.body), headerOf(d.headers), keys)).toMatchObject({ ok: false, status: 401 });
  });
  it("refuses a body encrypted with another key, even correctly signed with it", () => {
    const d = encryptedDelivery(payload, "another-key");
    expect(verifyRequest(bytes(d.body), headerOf(d.headers), keys)).toMatchObject({ ok: false, status: 401 });
  });
  it("refuses an encrypted body when no Encrypt Key is configured", () => {
    const d = encryptedDelivery(payload);
    expect(
      verifyRequest(bytes(d.body), headerOf(d.headers), { verificationToken: VERIFICATION_TOKEN }),
    ).toMatchObject({
      ok: false,
      status: 401,
    });
  });
  it("answers 400 to a signed body that is not JSON, 401 to an unsigned one (never parsed)", () => {
    const signature = eventSignature("1", "n", ENCRYPT_KEY, bytes("{not json"));
    const signed = {
      "x-lark-request-timestamp": "1",
      "x-lark-request-nonce": "n",
      "x-lark-signature": signature,
    };
    expect(verifyRequest(bytes("{not json"), headerOf(signed), keys)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(verifyRequest(bytes("{not json"), headerOf({}), keys)).toMatchObject({ ok: false, status: 401 });
    expect(
      verifyRequest(bytes("{not json"), headerOf({}), { verificationToken: VERIFICATION_TOKEN }),
    ).toMatchObject({
      ok: false,
      status: 400,
    });
  });
  it("refuses garbage in the encrypt field", () => {
    const body = JSON.stringify({ encrypt: "AAAA" });
    expect(verifyRequest(bytes(body), headerOf({}), keys)).toMatchObject({ ok: false, status: 401 });
  });
  it("accepts an encrypted url_verification without signature headers, checking its token", () => {
    const good = JSON.stringify({
      encrypt: encrypt(
        JSON.stringify({ type: "url_verification", challenge: "c1", token: VERIFICATION_TOKEN }),
        ENCRYPT_KEY,
      ),
    });
    const bad = JSON.stringify({
      encrypt: encrypt(
        JSON.stringify({ type: "url_verification", challenge: "c1", token: "nope" }),
        ENCRYPT_KEY,
      ),
    });
    expect(verifyRequest(bytes(good), headerOf({}), keys)).toMatchObject({ ok: true });
    expect(verifyRequest(bytes(bad), headerOf({}), keys)).toMatchObject({ ok: false, status: 401 });
  });
});
