// Drives the fake Open API with the real lark.Client, so the fake answers exactly what the SDK sends and reads.
import type { Readable } from "node:stream";
import * as lark from "@larksuiteoapi/node-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_BOT_OPEN_ID, type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";

type Json = Record<string, unknown>;

const APP_ID = "cli_a1b2c3d4e5f6a7b8";
const sdkErrors: unknown[][] = [];

function quietLogger(): lark.Logger {
  const ignore = (): void => {};
  return {
    error: (...msg: unknown[]) => {
      sdkErrors.push(msg);
    },
    warn: ignore,
    info: ignore,
    debug: ignore,
    trace: ignore,
  };
}

function newClient(url: string, cache = new lark.DefaultCache(), appSecret = "s"): lark.Client {
  return new lark.Client({
    appId: APP_ID,
    appSecret,
    domain: url,
    cache,
    loggerLevel: lark.LoggerLevel.error,
    logger: quietLogger(),
  });
}

function card(elements: unknown[]): Json {
  return {
    schema: "2.0",
    config: { update_multi: true },
    header: { title: { tag: "plain_text", content: "隐患周报" }, template: "orange" },
    body: { elements },
  };
}

/** The HTTP status and body of an AxiosError the SDK rethrew. */
async function failureOf(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await promise;
  } catch (thrown) {
    const response = (thrown as { isAxiosError?: boolean; response?: { status: number; data: unknown } })
      .response;
    if ((thrown as { isAxiosError?: boolean }).isAxiosError === true && response !== undefined) {
      // A download asks for a stream, so its refusal's JSON arrives as a stream too.
      const data = response.data as { pipe?: unknown };
      if (typeof data?.pipe === "function") {
        return { status: response.status, data: JSON.parse((await readAll(data as Readable)).toString()) };
      }
      return { status: response.status, data: response.data };
    }
    throw thrown;
  }
  throw new Error("expected the call to fail");
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

let fake: FakeOpenApi;
let client: lark.Client;
let cache: lark.DefaultCache;

beforeAll(async () => {
  fake = await startFakeOpenApi();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  sdkErrors.length = 0;
  cache = new lark.DefaultCache();
  client = newClient(fake.url, cache);
});

function sendText(text: string, uuid?: string) {
  return client.im.v1.message.create({
    params: { receive_id_type: "chat_id" },
    data: {
      receive_id: "oc_group",
      msg_type: "text",
      content: JSON.stringify({ text }),
      ...(uuid ? { uuid } : {}),
    },
  });
}

function sendCard(body: Json) {
  return client.im.v1.message.create({
    params: { receive_id_type: "chat_id" },
    data: { receive_id: "oc_group", msg_type: "interactive", content: JSON.stringify(body) },
  });
}

describe("tokens", () => {
  it("issues a tenant token on the first call and sends it as a Bearer header", async () => {
    await sendText("hi");
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /open-apis/auth/v3/tenant_access_token/internal",
      "POST /open-apis/im/v1/messages",
    ]);
    expect(fake.requests[0]?.body).toEqual({ app_id: APP_ID, app_secret: "s" });
    const token = fake.requests[1]?.headers.authorization ?? "";
    expect(token).toMatch(/^Bearer t-[0-9a-f]{32}$/);
    await sendText("again");
    expect(fake.requests.length).toBe(3);
    expect(fake.requests[2]?.headers.authorization).toBe(token);
  });

  it("answers 99991663 once tokens expire, until the client drops its cached token", async () => {
    await sendText("before");
    fake.expireTokens();
    const failure = await failureOf(sendText("after"));
    expect(failure).toEqual({
      status: 400,
      data: {
        code: 99991663,
        msg: "Invalid access token for authorization. Please make a request with token attached.",
      },
    });
    expect(fake.messages.length).toBe(1);
    cache.values.clear();
    const res = await sendText("retried");
    expect(res.code).toBe(0);
    expect(fake.requests.filter((r) => r.path.startsWith("/open-apis/auth/")).length).toBe(2);
    expect(fake.messages.map((m) => m.content)).toEqual([{ text: "before" }, { text: "retried" }]);
  });

  it("answers 99991661 without an Authorization header", async () => {
    const res = await fetch(`${fake.url}/open-apis/bot/v3/info`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 99991661,
      msg: "Missing access token for authorization. Please make a request with token attached.",
    });
  });

  it("refuses a wrong app secret with 10014, which the SDK rethrows as an AxiosError", async () => {
    const strict = await startFakeOpenApi({ appId: APP_ID, appSecret: "right" });
    try {
      const failure = await failureOf(
        newClient(strict.url, new lark.DefaultCache(), "wrong").im.v1.message.create({
          params: { receive_id_type: "chat_id" },
          data: { receive_id: "oc_group", msg_type: "text", content: '{"text":"x"}' },
        }),
      );
      expect(failure).toEqual({ status: 400, data: { code: 10014, msg: "app secret invalid" } });
      expect(strict.requests.map((r) => r.path)).toEqual(["/open-apis/auth/v3/tenant_access_token/internal"]);
      const ok = await newClient(strict.url, new lark.DefaultCache(), "right").request({
        method: "GET",
        url: "/open-apis/bot/v3/info",
      });
      expect(ok.code).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it("issues an app token and a tenant token from app_access_token/internal", async () => {
    const res = await fetch(`${fake.url}/open-apis/auth/v3/app_access_token/internal`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ app_id: APP_ID, app_secret: "s" }),
    });
    const body = (await res.json()) as Json;
    expect(Object.keys(body).sort()).toEqual([
      "app_access_token",
      "code",
      "expire",
      "msg",
      "tenant_access_token",
    ]);
    expect([body.code, body.msg, body.expire]).toEqual([0, "ok", 7200]);
    const info = await fetch(`${fake.url}/open-apis/bot/v3/info`, {
      headers: { authorization: `Bearer ${String(body.app_access_token)}` },
    });
    expect(info.status).toBe(200);
  });
});

describe("sending", () => {
  it("sends a text message to a chat", async () => {
    const res = await sendText("本周新增隐患 3 条");
    expect(res.code).toBe(0);
    const messageId = res.data?.message_id ?? "";
    expect(messageId).toMatch(/^om_[0-9a-f]{32}$/);
    expect(res.data?.chat_id).toBe("oc_group");
    expect(res.data?.msg_type).toBe("text");
    expect(res.data?.sender).toEqual({
      id: APP_ID,
      id_type: "app_id",
      sender_type: "app",
      tenant_key: "fake_tenant",
    });
    expect(res.data?.body).toEqual({ content: '{"text":"本周新增隐患 3 条"}' });
    expect(fake.messages).toEqual([
      {
        kind: "create",
        message_id: messageId,
        receive_id: "oc_group",
        receive_id_type: "chat_id",
        msg_type: "text",
        content: { text: "本周新增隐患 3 条" },
      },
    ]);
  });

  it("sends a valid card", async () => {
    const body = card([{ tag: "markdown", content: "**3** 条待整改" }]);
    const res = await sendCard(body);
    expect(res.code).toBe(0);
    expect(fake.messages).toEqual([
      {
        kind: "create",
        message_id: res.data?.message_id,
        receive_id: "oc_group",
        receive_id_type: "chat_id",
        msg_type: "interactive",
        content: body,
      },
    ]);
    expect(fake.refused).toEqual([]);
  });

  it("refuses an invalid card with HTTP 400 and code 230099, and sends nothing", async () => {
    const bad = card([{ tag: "action", actions: [] }]);
    const failure = await failureOf(sendCard(bad));
    expect(failure).toEqual({
      status: 400,
      data: {
        code: 230099,
        msg: "Failed to create card content, ext=ErrCode: 200861; ErrMsg: tag action does not exist in card JSON 2.0; ErrorValue: body.elements[0].tag; ",
      },
    });
    expect(fake.messages).toEqual([]);
    expect(fake.refused).toEqual([
      {
        path: "/open-apis/im/v1/messages",
        code: 230099,
        problems: [
          {
            code: 200861,
            path: "body.elements[0].tag",
            message: "tag action does not exist in card JSON 2.0",
          },
        ],
      },
    ]);
    expect(sdkErrors.length).toBe(1);
  });

  it("refuses a card over 30 KB with 230025", async () => {
    const failure = await failureOf(sendCard(card([{ tag: "markdown", content: "隐".repeat(11000) }])));
    expect(failure.status).toBe(400);
    expect((failure.data as Json).code).toBe(230025);
    expect(fake.refused.map((r) => r.code)).toEqual([230025]);
    expect(fake.messages).toEqual([]);
  });

  it("refuses content that is not a JSON string, empty text and a bad receive_id_type", async () => {
    const empty = await failureOf(sendText(""));
    expect(empty.data).toEqual({
      code: 230001,
      msg: "invalid message content: text must be a non-empty string",
    });
    const notJson = await failureOf(
      client.im.v1.message.create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: "oc_group", msg_type: "text", content: "hello" },
      }),
    );
    expect(notJson.data).toEqual({ code: 230001, msg: "invalid message content: content is not JSON" });
    const badType = await failureOf(
      client.im.v1.message.create({
        params: { receive_id_type: "chat_idx" as "chat_id" },
        data: { receive_id: "oc_group", msg_type: "text", content: '{"text":"x"}' },
      }),
    );
    expect(badType.data).toEqual({
      code: 99992402,
      msg: "field validation failed: receive_id_type is invalid",
    });
    expect(fake.refused.map((r) => r.code)).toEqual([230001, 230001, 99992402]);
    expect(fake.messages).toEqual([]);
  });

  it("sends to an open_id in a p2p chat", async () => {
    const res = await client.im.v1.message.create({
      params: { receive_id_type: "open_id" },
      data: { receive_id: "ou_user1", msg_type: "text", content: '{"text":"私聊"}' },
    });
    expect(res.data?.chat_id).toMatch(/^oc_[0-9a-f]{32}$/);
    expect(fake.messages[0]?.receive_id_type).toBe("open_id");
  });

  it("de-duplicates a repeated uuid: same message_id, delivered once", async () => {
    const first = await sendText("提醒", "outbox-17");
    const second = await sendText("提醒", "outbox-17");
    expect(second.data?.message_id).toBe(first.data?.message_id);
    expect(fake.messages).toEqual([
      {
        kind: "create",
        message_id: first.data?.message_id,
        receive_id: "oc_group",
        receive_id_type: "chat_id",
        msg_type: "text",
        content: { text: "提醒" },
        uuid: "outbox-17",
      },
    ]);
    const other = await sendText("提醒", "outbox-18");
    expect(other.data?.message_id).not.toBe(first.data?.message_id);
    expect(fake.messages.length).toBe(2);
  });

  it("replies to a message, in the parent's chat and thread root", async () => {
    const parent = await sendText("parent");
    const parentId = parent.data?.message_id ?? "";
    const res = await client.im.v1.message.reply({
      path: { message_id: parentId },
      data: { msg_type: "text", content: '{"text":"收到"}', uuid: "reply-1" },
    });
    expect(res.code).toBe(0);
    expect(res.data?.chat_id).toBe("oc_group");
    expect(res.data?.root_id).toBe(parentId);
    expect(res.data?.parent_id).toBe(parentId);
    expect(fake.messages[1]).toEqual({
      kind: "reply",
      message_id: res.data?.message_id,
      reply_to: parentId,
      msg_type: "text",
      content: { text: "收到" },
      uuid: "reply-1",
    });
  });

  it("replies in a thread to a user's message it never saw", async () => {
    const res = await client.im.v1.message.reply({
      path: { message_id: "om_from_user" },
      data: {
        msg_type: "interactive",
        content: JSON.stringify(card([{ tag: "hr" }])),
        reply_in_thread: true,
      },
    });
    expect(res.data?.thread_id).toMatch(/^omt_[0-9a-f]{32}$/);
    expect(res.data?.chat_id).toBe(undefined);
    expect(fake.messages[0]?.reply_in_thread).toBe(true);
  });

  it("patches a card it sent, and refuses a patch without update_multi or to a text", async () => {
    const sent = await sendCard(card([{ tag: "markdown", content: "待处理" }]));
    const messageId = sent.data?.message_id ?? "";
    const updated = card([{ tag: "markdown", content: "已处理" }]);
    const res = await client.im.v1.message.patch({
      path: { message_id: messageId },
      data: { content: JSON.stringify(updated) },
    });
    expect(res.code).toBe(0);
    expect(fake.messages[1]).toEqual({
      kind: "patch",
      message_id: messageId,
      msg_type: "interactive",
      content: updated,
    });
    const noMulti = await failureOf(
      client.im.v1.message.patch({
        path: { message_id: messageId },
        data: { content: JSON.stringify({ ...updated, config: { update_multi: false } }) },
      }),
    );
    expect((noMulti.data as Json).code).toBe(230099);
    const text = await sendText("plain");
    const onText = await failureOf(
      client.im.v1.message.patch({
        path: { message_id: text.data?.message_id ?? "" },
        data: { content: JSON.stringify(updated) },
      }),
    );
    expect(onText.data).toEqual({ code: 230001, msg: "only a card (interactive) can be patched" });
    expect(fake.messages.map((m) => m.kind)).toEqual(["create", "patch", "create"]);
  });

  it("sends an urgent push for its own message", async () => {
    const sent = await sendText("紧急");
    const res = await client.im.v1.message.urgentApp({
      path: { message_id: sent.data?.message_id ?? "" },
      params: { user_id_type: "open_id" },
      data: { user_id_list: ["ou_user1"] },
    });
    expect(res).toEqual({ code: 0, msg: "success", data: { invalid_user_id_list: [] } });
  });
});

describe("files and images", () => {
  it("uploads a file as multipart and sends it", async () => {
    const bytes = Buffer.from("PK\u0003\u0004 fake xlsx");
    const uploaded = await client.im.v1.file.create({
      data: { file_type: "xls", file_name: "隐患台账.xlsx", file: bytes },
    });
    const fileKey = uploaded?.file_key ?? "";
    expect(fileKey).toMatch(/^file_v3_[0-9a-f]{32}$/);
    const request = fake.requests.find((r) => r.path === "/open-apis/im/v1/files");
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=-+[0-9a-f]+$/);
    expect(request?.body).toEqual({
      fields: { file_type: "xls", file_name: "隐患台账.xlsx" },
      files: { file: { filename: "", size: bytes.length, bytes } },
    });
    expect(fake.uploads).toEqual([{ fileKey, fileName: "隐患台账.xlsx", fileType: "xls", bytes }]);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: "chat_id" },
      data: { receive_id: "oc_group", msg_type: "file", content: JSON.stringify({ file_key: fileKey }) },
    });
    expect(sent.code).toBe(0);
    expect(fake.messages[0]?.content).toEqual({ file_key: fileKey });
  });

  it("refuses a file message whose file_key it never issued, and an empty upload", async () => {
    const failure = await failureOf(
      client.im.v1.message.create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: "oc_group", msg_type: "file", content: '{"file_key":"file_v3_nope"}' },
      }),
    );
    expect(failure.data).toEqual({
      code: 230001,
      msg: "invalid message content: file_key file_v3_nope was not uploaded by this app",
    });
    const empty = await failureOf(
      client.im.v1.file.create({ data: { file_type: "stream", file_name: "a.bin", file: Buffer.alloc(0) } }),
    );
    expect(empty.data).toEqual({
      code: 99992402,
      msg: "field validation failed: file must be a non-empty file",
    });
    expect(fake.uploads).toEqual([]);
  });

  it("refuses an upload over 30 MB, a file_type Feishu does not know, and one without a name", async () => {
    const big = await failureOf(
      client.im.v1.file.create({
        data: { file_type: "xls", file_name: "大.xlsx", file: Buffer.alloc(30 * 1024 * 1024 + 1) },
      }),
    );
    expect(big.data).toMatchObject({ code: 234006 });
    const xlsx = await failureOf(
      // The SDK's types know Feishu's file types; a raw call is how a wrong one would reach Feishu.
      client.im.v1.file.create({
        data: { file_type: "xlsx" as "xls", file_name: "a.xlsx", file: Buffer.from("x") },
      }),
    );
    expect(xlsx.data).toEqual({ code: 99992402, msg: "field validation failed: file_type is invalid" });
    const unnamed = await failureOf(
      client.im.v1.file.create({ data: { file_type: "xls", file_name: "", file: Buffer.from("x") } }),
    );
    expect(unnamed.data).toEqual({ code: 99992402, msg: "field validation failed: file_name is required" });
    expect(fake.uploads).toEqual([]);
  });

  it("keeps an upload's bytes only when they arrive whole: a body cut short or a file sent as text is refused", async () => {
    const answer = await fetch(`${fake.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ app_id: APP_ID, app_secret: "s" }),
    });
    const { tenant_access_token: token } = (await answer.json()) as { tenant_access_token: string };
    const boundary = "andu-upload-boundary";
    const part = (name: string, head: string, value: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${head}\r\n\r\n`),
        Buffer.from(value),
        Buffer.from("\r\n"),
      ]);
    // a workbook's first bytes and a byte of every value, so nothing may be read as text on the way
    const bytes = Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.from([...Array(256).keys()])]);
    const form = (file: Buffer) =>
      Buffer.concat([
        part("file_type", "", "xls"),
        part("file_name", "", "附件3-台账.xlsx"),
        file,
        Buffer.from(`--${boundary}--\r\n`),
      ]);
    const post = (body: Buffer) =>
      fetch(`${fake.url}/open-apis/im/v1/files`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        body,
      });
    const whole = form(part("file", '; filename="附件3-台账.xlsx"', bytes));
    const cut = await post(whole.subarray(0, whole.length - 20));
    expect([cut.status, await cut.json()]).toEqual([
      400,
      { code: 99992402, msg: "field validation failed: body must be multipart/form-data" },
    ]);
    const asText = await post(form(part("file", "", bytes)));
    expect([asText.status, await asText.json()]).toEqual([
      400,
      { code: 99992402, msg: "field validation failed: file must be a non-empty file" },
    ]);
    expect(fake.uploads).toEqual([]);
    const kept = await post(whole);
    expect(((await kept.json()) as { code: number }).code).toBe(0);
    expect(fake.uploads.map((u) => [u.fileName, u.fileType, Buffer.compare(u.bytes, bytes)])).toEqual([
      ["附件3-台账.xlsx", "xls", 0],
    ]);
  });

  it("uploads an image and sends it", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const uploaded = await client.im.v1.image.create({ data: { image_type: "message", image: png } });
    const imageKey = uploaded?.image_key ?? "";
    expect(imageKey).toMatch(/^img_v3_[0-9a-f]{32}$/);
    expect(fake.requests.at(-1)?.body).toEqual({
      fields: { image_type: "message" },
      files: { image: { filename: "", size: 8, bytes: png } },
    });
    const inCard = await sendCard(card([{ tag: "img", img_key: imageKey }]));
    expect(inCard.code).toBe(0);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: "chat_id" },
      data: { receive_id: "oc_group", msg_type: "image", content: JSON.stringify({ image_key: imageKey }) },
    });
    expect(sent.code).toBe(0);
    expect(fake.messages.map((m) => m.msg_type)).toEqual(["interactive", "image"]);
  });

  it("serves a message resource as bytes, and 234003 for an unknown one", async () => {
    const bytes = Buffer.from([1, 2, 3, 250, 251]);
    fake.addResource("om_user_msg", "img_v3_user", bytes);
    const resource = await client.im.v1.messageResource.get({
      path: { message_id: "om_user_msg", file_key: "img_v3_user" },
      params: { type: "image" },
    });
    expect(resource.headers["content-type"]).toBe("application/octet-stream");
    expect(await readAll(resource.getReadableStream())).toEqual(bytes);
    const missing = await failureOf(
      client.im.v1.messageResource.get({
        path: { message_id: "om_user_msg", file_key: "img_v3_other" },
        params: { type: "image" },
      }),
    );
    expect(missing.status).toBe(400);
    // responseType "stream": the error body arrives as a stream (failureOf reads and parses it).
    expect(missing.data).toEqual({ code: 234003, msg: "File not in msg." });
  });
});

describe("bot, contact and card update", () => {
  it("answers bot info with bot at the top level", async () => {
    const info = await client.request({ method: "GET", url: "/open-apis/bot/v3/info" });
    expect(info).toEqual({
      code: 0,
      msg: "ok",
      bot: {
        activate_status: 2,
        app_name: "安督",
        avatar_url: "",
        ip_white_list: [],
        open_id: DEFAULT_BOT_OPEN_ID,
      },
    });
    fake.setBotOpenId("ou_bot_other");
    const again = await client.request({ method: "GET", url: "/open-apis/bot/v3/info" });
    expect(again.bot.open_id).toBe("ou_bot_other");
  });

  it("answers a known user's name, and 41050 for an unknown one", async () => {
    fake.addUser("ou_zhang", "张三");
    const res = await client.contact.v3.user.get({
      path: { user_id: "ou_zhang" },
      params: { user_id_type: "open_id" },
    });
    expect(res).toEqual({ code: 0, msg: "success", data: { user: { open_id: "ou_zhang", name: "张三" } } });
    const failure = await failureOf(
      client.contact.v3.user.get({ path: { user_id: "ou_li" }, params: { user_id_type: "open_id" } }),
    );
    expect(failure).toEqual({ status: 400, data: { code: 41050, msg: "no user authority error" } });
  });

  it("validates the card of a delayed card update", async () => {
    const good = await client.request({
      method: "POST",
      url: "/open-apis/interactive/v1/card/update",
      data: { token: "c-123", card: card([{ tag: "markdown", content: "done" }]) },
    });
    expect(good).toEqual({ code: 0, msg: "success" });
    const bad = await failureOf(
      client.request({
        method: "POST",
        url: "/open-apis/interactive/v1/card/update",
        data: { token: "c-123", card: card([{ tag: "chart", chart_spec: "[]" }]) },
      }),
    );
    expect(bad.data).toEqual({
      code: 230099,
      msg: "Failed to create card content, ext=ErrCode: 200550; ErrMsg: chart_spec must be an object; ErrorValue: body.elements[0].chart_spec; ",
    });
    expect(fake.refused.map((r) => r.path)).toEqual(["/open-apis/interactive/v1/card/update"]);
  });

  it("answers 404 for an unknown route", async () => {
    const failure = await failureOf(client.request({ method: "GET", url: "/open-apis/im/v1/chats" }));
    expect(failure).toEqual({ status: 404, data: { code: 404, msg: "404 page not found" } });
  });
});

describe("scopes, bot capability and groups", () => {
  it("refuses a call the app has no scope for as Feishu does: HTTP 400, 99991672, permission_violations", async () => {
    fake.setScopes(["im:message:send_as_bot", "im:resource"]);
    fake.addResource("om_photo", "img_v3_a", Buffer.from("jpeg"));
    const failure = await failureOf(
      client.im.v1.messageResource.get({
        path: { message_id: "om_photo", file_key: "img_v3_a" },
        params: { type: "image" },
      }),
    );
    expect(failure.status).toBe(400);
    const scopes = ["im:message", "im:message:readonly", "im:message.history:readonly"];
    expect(failure.data).toMatchObject({
      code: 99991672,
      msg: `Access denied. One of the following scopes is required: [${scopes.join(", ")}].`,
      error: {
        permission_violations: scopes.map((subject) => ({ type: "action_scope_required", subject })),
        helps: [{ url: expect.stringContaining(`/app/${APP_ID}/auth?q=`) }],
      },
    });
    // A granted scope lets its calls through; one scope of the list is enough.
    expect((await sendText("有权限")).code).toBe(0);
    fake.setScopes(["im:message:readonly"]);
    const bytes = await client.im.v1.messageResource.get({
      path: { message_id: "om_photo", file_key: "img_v3_a" },
      params: { type: "image" },
    });
    expect((await readAll(bytes.getReadableStream())).toString()).toBe("jpeg");
  });

  it("answers a user lookup without the name field when contact:user.base:readonly is missing", async () => {
    fake.addUser("ou_zhang", "张三");
    fake.setScopes(["contact:contact.base:readonly"]);
    const res = await client.contact.v3.user.get({
      path: { user_id: "ou_zhang" },
      params: { user_id_type: "open_id" },
    });
    expect(res.data?.user).toEqual({ open_id: "ou_zhang" });
    fake.setScopes(["contact:user.base:readonly"]);
    const failure = await failureOf(
      client.contact.v3.user.get({ path: { user_id: "ou_zhang" }, params: { user_id_type: "open_id" } }),
    );
    expect(failure.data).toMatchObject({ code: 99991672 });
  });

  it("answers 230006 to im calls and bot info without the bot capability", async () => {
    fake.setBotCapability(false);
    const failure = await failureOf(client.request({ method: "GET", url: "/open-apis/bot/v3/info" }));
    expect(failure).toEqual({ status: 400, data: { code: 230006, msg: "Bot ability is not activated." } });
    fake.addUser("ou_zhang", "张三");
    const user = await client.contact.v3.user.get({
      path: { user_id: "ou_zhang" },
      params: { user_id_type: "open_id" },
    });
    expect(user.code).toBe(0);
  });

  it("says whether the bot is in a group, and 232006 for an unknown chat_id", async () => {
    fake.addChat("oc_town", true);
    fake.addChat("oc_other", false);
    const isIn = (chatId: string) =>
      client.request<{ data?: { is_in_chat?: boolean } }>({
        method: "GET",
        url: `/open-apis/im/v1/chats/${chatId}/members/is_in_chat`,
      });
    expect((await isIn("oc_town")).data?.is_in_chat).toBe(true);
    expect((await isIn("oc_other")).data?.is_in_chat).toBe(false);
    const failure = await failureOf(isIn("oc_nowhere"));
    expect(failure.data).toMatchObject({ code: 232006 });
  });
});

describe("injected failures, holds and waiting", () => {
  it("fails the next n matching requests with HTTP 500, then recovers", async () => {
    fake.failNext(2, { msg: "boom" });
    const first = await failureOf(sendText("a"));
    expect(first).toEqual({ status: 500, data: { code: 500, msg: "boom" } });
    const second = await failureOf(sendText("b"));
    expect(second.status).toBe(500);
    const third = await sendText("c");
    expect(third.code).toBe(0);
    expect(fake.messages.map((m) => m.content)).toEqual([{ text: "c" }]);
    expect(fake.requests[0]?.path).toBe("/open-apis/auth/v3/tenant_access_token/internal");
  });

  it("fails only requests whose path matches, with the given status and code", async () => {
    fake.failNext(1, {
      status: 429,
      code: 99991400,
      msg: "request trigger frequency limit",
      match: /\/reply$/,
    });
    const sent = await sendText("a");
    expect(sent.code).toBe(0);
    const failure = await failureOf(
      client.im.v1.message.reply({
        path: { message_id: sent.data?.message_id ?? "" },
        data: { msg_type: "text", content: '{"text":"b"}' },
      }),
    );
    expect(failure).toEqual({
      status: 429,
      data: { code: 99991400, msg: "request trigger frequency limit" },
    });
    expect(fake.messages.length).toBe(1);
  });

  it("can fail the token endpoint when match says so", async () => {
    fake.failNext(1, { status: 503, match: /tenant_access_token/ });
    const failure = await failureOf(sendText("a"));
    expect(failure).toEqual({ status: 503, data: { code: 503, msg: "injected failure" } });
    expect((await sendText("b")).code).toBe(0);
  });

  it("holds a response: a later request answers first, though both are delivered at once", async () => {
    await sendText("warm-up");
    fake.holdNext(150, /\/messages$/);
    const order: string[] = [];
    const slow = sendText("slow").then(() => order.push("slow"));
    await fake.waitForMessages(2);
    const fast = sendText("fast").then(() => order.push("fast"));
    await Promise.all([slow, fast]);
    expect(order).toEqual(["fast", "slow"]);
    expect(fake.messages.map((m) => m.content)).toEqual([
      { text: "warm-up" },
      { text: "slow" },
      { text: "fast" },
    ]);
  });

  it("waits for messages sent later, and times out with a clear error", async () => {
    const waiting = fake.waitForMessages(2, 1000);
    void sendText("one");
    void sendText("two");
    const messages = await waiting;
    expect(
      messages.map((m) => m.content).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ text: "one" }, { text: "two" }]);
    await expect(fake.waitForMessages(3, 50)).rejects.toThrow("waited 50 ms for 3 messages; 2 arrived");
  });

  it("reset forgets everything but keeps issued tokens valid", async () => {
    fake.addUser("ou_zhang", "张三");
    fake.failNext(5, { match: /never-used/ });
    await sendText("before");
    fake.reset();
    expect([fake.requests.length, fake.messages.length, fake.refused.length]).toEqual([0, 0, 0]);
    expect((await sendText("after")).code).toBe(0);
    expect(fake.requests.map((r) => r.path)).toEqual(["/open-apis/im/v1/messages"]);
    const unknown = await failureOf(
      client.contact.v3.user.get({ path: { user_id: "ou_zhang" }, params: { user_id_type: "open_id" } }),
    );
    expect((unknown.data as Json).code).toBe(41050);
  });
});
