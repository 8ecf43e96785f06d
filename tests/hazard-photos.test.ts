// Photos of the rectification: an image in an @-message saying `/隐患 进展 <编号>`, or in an @-message replying
// to the hazard's card, is fetched, uploaded as the bot's own image, kept in the history and shown on the card.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card, CardElement } from "../cards/types";
import { encryptedDelivery, type MessageOptions, postWithImages } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import {
  ask,
  bind,
  cardText,
  eventsOf,
  hazardRow,
  ledger,
  NOW,
  newHazardLine,
  rectifyAndClose,
  startLedger,
  titleOf,
} from "./support/ledger";

const LEADER = "ou_leader000000000000000000000001";
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
/** The README's scopes but the one that downloads what people send (im:resource does not cover it). */
const WITHOUT_DOWNLOAD = [
  "im:message:send_as_bot",
  "im:resource",
  "im:chat:readonly",
  "contact:contact.base:readonly",
  "contact:user.base:readonly",
];

let h: Harness;

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

async function sendPost(text: string, imageKeys: string[], o: MessageOptions & { messageId: string }) {
  const before = h.fake.messages.length;
  await h.deliver(
    encryptedDelivery(postWithImages(text, imageKeys, { sender: ADMIN, createTime: NOW, ...o })),
  );
  await h.settle();
  return h.fake.messages.slice(before);
}

function images(card: Card): string[] {
  return card.body.elements.filter((e: CardElement) => e.tag === "img").map((e) => String(e.img_key));
}

const uploads = () => h.fake.requests.filter((r) => r.path === "/open-apis/im/v1/images");

describe("with Feishu", () => {
  beforeEach(async () => {
    h = await startLedger();
    await ask(h, newHazardLine());
  });

  it("images with `/隐患 进展 <编号>` are attached to the progress", async () => {
    h.fake.addResource("om_post_1", "img_user_a", PNG);
    h.fake.addResource("om_post_1", "img_user_b", PNG);
    const [reply] = await sendPost("/隐患 进展 YH-2023-0001 已清理通道", ["img_user_a", "img_user_b"], {
      messageId: "om_post_1",
    });
    expect(uploads()).toHaveLength(2);
    const events = await eventsOf(h, "YH-2023-0001");
    expect(events.map((e) => [e.kind, e.note, e.toStatus])).toEqual([
      ["created", null, "待整改"],
      ["progress", "已清理通道", "整改中"],
      ["photo", null, "整改中"],
      ["photo", null, "整改中"],
    ]);
    const keys = events.filter((e) => e.kind === "photo").map((e) => e.imageKey);
    expect(keys.every((k) => k?.startsWith("img_v3_"))).toBe(true);
    const card = reply!.content as Card;
    expect(cardText(card)).toContain("已记录整改进展。 附照片 2 张。");
    expect(images(card)).toEqual([keys[1], keys[0]]);
  });

  it("images alone with `/隐患 进展 <编号>` are enough", async () => {
    h.fake.addResource("om_post_2", "img_user_a", PNG);
    await sendPost("/隐患 进展 YH-2023-0001", ["img_user_a"], { messageId: "om_post_2" });
    expect((await eventsOf(h, "YH-2023-0001")).map((e) => e.kind)).toEqual(["created", "photo"]);
    expect((await hazardRow(h, "YH-2023-0001")).status).toBe("整改中");
  });

  it("an @-message with an image replying to the hazard's card attaches it, status unchanged", async () => {
    const { cardMessageId } = await hazardRow(h, "YH-2023-0001");
    h.fake.addResource("om_post_3", "img_user_c", PNG);
    const [reply] = await sendPost("现场照片", ["img_user_c"], {
      messageId: "om_post_3",
      parentId: cardMessageId!,
    });
    const events = await eventsOf(h, "YH-2023-0001");
    expect(events.map((e) => [e.kind, e.note, e.toStatus])).toEqual([
      ["created", null, "待整改"],
      ["photo", "现场照片", "待整改"],
    ]);
    const card = reply!.content as Card;
    expect(titleOf(card)).toBe("隐患 YH-2023-0001");
    expect(cardText(card)).toContain("已给隐患 YH-2023-0001 附上 1 张照片。");
    expect(images(card)).toEqual([events[1]!.imageKey]);
    // The new card is now the hazard's card: a reply to it reaches the hazard too.
    expect((await hazardRow(h, "YH-2023-0001")).cardMessageId).toBe(reply!.message_id);
    const audit = (await ledger(h)).audit.filter((a) => a.action === "hazard.photo");
    expect(audit.map((a) => [a.actor, a.subjectId])).toEqual([[ADMIN, "YH-2023-0001"]]);
  });

  it("an image replying to an older card of the hazard reaches it too", async () => {
    const { cardMessageId: older } = await hazardRow(h, "YH-2023-0001");
    await ask(h, "/隐患 查看 YH-2023-0001");
    const { cardMessageId: latest } = await hazardRow(h, "YH-2023-0001");
    expect(latest).not.toBe(older);
    h.fake.addResource("om_post_old", "img_user_old", PNG);
    const [reply] = await sendPost("旧卡片上补的照片", ["img_user_old"], {
      messageId: "om_post_old",
      parentId: older!,
    });
    expect(cardText(reply!.content as Card)).toContain("已给隐患 YH-2023-0001 附上 1 张照片。");
    const events = await eventsOf(h, "YH-2023-0001");
    expect(events.map((e) => [e.kind, e.note])).toEqual([
      ["created", null],
      ["photo", "旧卡片上补的照片"],
    ]);
  });

  it("an image replying to some other message is not taken for a hazard's", async () => {
    h.fake.addResource("om_post_4", "img_user_d", PNG);
    const before = await ledger(h);
    const [reply] = await sendPost("", ["img_user_d"], { messageId: "om_post_4", parentId: "om_not_a_card" });
    expect(reply).toMatchObject({ msg_type: "text" });
    expect(await ledger(h)).toEqual(before);
    expect(uploads()).toEqual([]);
  });

  it("a person who may not report progress is told so, and nothing is kept", async () => {
    await bind(h, LEADER, "领导");
    const { cardMessageId } = await hazardRow(h, "YH-2023-0001");
    h.fake.addResource("om_post_5", "img_user_e", PNG);
    const before = await ledger(h);
    const [reply] = await sendPost("", ["img_user_e"], {
      messageId: "om_post_5",
      parentId: cardMessageId!,
      sender: LEADER,
    });
    expect(cardText(reply!.content as Card)).toContain("你的角色（领导）不能给隐患附整改照片。");
    expect(await ledger(h)).toEqual(before);
    expect(uploads()).toEqual([]);
  });

  it("an image Feishu will not hand over leaves the ledger as it was", async () => {
    const before = await ledger(h);
    const [reply] = await sendPost("/隐患 进展 YH-2023-0001 已清理", ["img_missing"], {
      messageId: "om_post_6",
    });
    expect(titleOf(reply!.content as Card)).toBe("暂时办不了");
    expect(cardText(reply!.content as Card)).toContain("图片没能从飞书取到，这次什么也没有记录");
    expect(await ledger(h)).toEqual(before);
  });

  it("without the download scope the reply says the app lacks a permission and to run npm run doctor; logged once", async () => {
    h.fake.setScopes(WITHOUT_DOWNLOAD);
    h.fake.addResource("om_post_s1", "img_user_a", PNG);
    h.fake.addResource("om_post_s2", "img_user_a", PNG);
    const before = await ledger(h);
    for (const messageId of ["om_post_s1", "om_post_s2"]) {
      const [reply] = await sendPost("/隐患 进展 YH-2023-0001 已清理", ["img_user_a"], { messageId });
      expect(titleOf(reply!.content as Card)).toBe("暂时办不了");
      expect(cardText(reply!.content as Card)).toContain(
        "图片没能从飞书取到，这次什么也没有记录：飞书应用缺少所需的权限。请管理员运行 npm run doctor，按提示在开发者后台补上权限。",
      );
    }
    expect(await ledger(h)).toEqual(before);
    expect(uploads()).toEqual([]);
    const logged = h.logs.filter((l) => l.includes("lacks a scope"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("scopes=im:message,im:message:readonly,im:message.history:readonly");
    expect(logged[0]).toContain("开通 im:message:readonly（获取单聊、群组消息）");
  });

  it("images on a closed hazard are refused before anything is fetched", async () => {
    await rectifyAndClose(h, "YH-2023-0001");
    h.fake.addResource("om_post_7", "img_user_f", PNG);
    const before = await ledger(h);
    const [reply] = await sendPost("/隐患 进展 YH-2023-0001 补拍", ["img_user_f"], {
      messageId: "om_post_7",
    });
    expect(cardText(reply!.content as Card)).toContain("这条隐患已销号");
    expect(await ledger(h)).toEqual(before);
    expect(uploads()).toEqual([]);
  });
});

describe("in local mode", () => {
  it("says images cannot be fetched and keeps nothing", async () => {
    h = await startLedger({ local: true });
    await ask(h, newHazardLine());
    const before = await ledger(h);
    await h.deliver(
      encryptedDelivery(
        postWithImages("/隐患 进展 YH-2023-0001 已清理", ["img_user_a"], {
          sender: ADMIN,
          createTime: NOW,
          messageId: "om_local_1",
        }),
      ),
    );
    await h.settle();
    expect(await ledger(h)).toEqual(before);
    const { outbox } = await import("../db/schema");
    const rows = await h.bot.deps.db.select().from(outbox);
    const last = JSON.parse(rows.at(-1)!.content) as Card;
    expect(titleOf(last)).toBe("暂时办不了");
    expect(cardText(last)).toContain("本地模式（没有连接飞书）取不到消息里的图片");
  });
});
