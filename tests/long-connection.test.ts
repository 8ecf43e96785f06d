// The long connection (FEISHU_EVENT_MODE=ws) through the real SDK WSClient: events pushed as protobuf frames
// end in the same receive() as the webhook's, de-duplicated alike, and card answers go back on the socket.
import type * as lark from "@larksuiteoapi/node-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { receive } from "../src/bot/receive";
import { startLongConnection } from "../src/feishu/long-connection";
import { APP_ID, cardPayload, messagePayload } from "./support/events";
import { type FakeLongConnection, startFakeLongConnection } from "./support/fake-long-connection";
import { ADMIN, type Harness, startHarness } from "./support/harness";

let h: Harness;
let gateway: FakeLongConnection;
let client: lark.WSClient;

beforeEach(async () => {
  h = await startHarness();
  gateway = await startFakeLongConnection();
  const { deps } = h.bot;
  client = startLongConnection(
    { appId: APP_ID, appSecret: "test-secret" },
    gateway.url,
    deps.logger,
    (payload) => receive(deps, payload, deps.background),
  );
  await gateway.connected();
});

afterEach(async () => {
  client.close({ force: true });
  await gateway.close();
  await h.close();
});

describe("long connection", () => {
  it("a message pushed over the socket is answered with a reply through the Open API", async () => {
    await gateway.push(messagePayload("/帮助", { sender: ADMIN, messageId: "om_ws_1" }));
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]).toMatchObject({ kind: "reply", reply_to: "om_ws_1", msg_type: "interactive" });
  });

  it("the same event pushed twice does its work once", async () => {
    const payload = messagePayload("/帮助", { sender: ADMIN, messageId: "om_ws_2", eventId: "ev_ws_2" });
    await gateway.push(payload);
    await gateway.push(payload);
    await h.settle();
    expect(h.fake.messages).toHaveLength(1);
  });

  it("a card action's answer goes back on the socket", async () => {
    const answer = await gateway.push(cardPayload({ action: "no.such.action" }, { operator: ADMIN }));
    expect(answer).toEqual({ toast: { type: "warning", content: "这张卡片的按钮已失效，请重新发送命令。" } });
  });
});
