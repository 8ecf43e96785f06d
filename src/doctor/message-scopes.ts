// The message scopes, each by a call that cannot reach anyone: a reply to, and a download from, a message id
// that no message has, and a one-pixel image upload that is never sent (open.feishu.cn im/v1 message reply,
// message-resource get, image create: each page's 权限要求).
import type { LarkClient } from "../feishu/client";
import { PROBE_ID, probe, scopeResult } from "./probe";
import type { CheckResult } from "./types";

const ONE_PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

export async function checkSendScope(lark: LarkClient): Promise<CheckResult> {
  const probed = await probe(() =>
    lark.client.im.v1.message.reply({
      path: { message_id: PROBE_ID },
      data: { msg_type: "text", content: JSON.stringify({ text: "." }) },
    }),
  );
  return scopeResult("发消息权限", "回复、发送和更新卡片", probed);
}

export async function checkDownloadScope(lark: LarkClient): Promise<CheckResult> {
  const probed = await probe(() =>
    lark.client.im.v1.messageResource.get({
      path: { message_id: PROBE_ID, file_key: PROBE_ID },
      params: { type: "file" },
    }),
  );
  return scopeResult("下载权限", "取用户发来的照片和导入表格", probed);
}

export async function checkUploadScope(lark: LarkClient): Promise<CheckResult> {
  const probed = await probe(() =>
    lark.client.im.v1.image.create({ data: { image_type: "message", image: ONE_PIXEL_PNG } }),
  );
  return scopeResult("上传权限", "在卡片上显示照片、发出表格", probed);
}
