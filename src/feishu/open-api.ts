// The Open API calls that are not messages: uploads, downloading what users sent, the bot's identity, names.
// Follows open.feishu.cn im/v1 file, image, message resource; bot/v3/info; contact/v3/users.
import { createHash } from "node:crypto";
import { RANGE_STEP } from "../doctor/steps";
import type { Logger } from "../logger";
import type { LarkClient } from "./client";
import { FeishuApiError, OUT_OF_CONTACT_RANGE } from "./errors";
import { callWithRetry, type RetryPolicy } from "./retry";
import { addScopeStep, NAME_FIELD_SCOPE } from "./scopes";
import { getBytes, postForm } from "./transfers";

/**
 * Local mode's stand-in for what people send (`npm run chat -- --file path`): the bytes behind a file or image
 * key, read on the machine, so a file or a photo takes the same road as one downloaded from Feishu.
 */
export interface LocalResources {
  read(key: string): Buffer | undefined;
}

/** A name, or none: `fix` is the console step that would let the bot read it, when a permission is what lacks. */
export type NameLookup = { name: string } | { name: null; lacking: boolean; fix?: string };

export class OpenApi {
  constructor(
    private readonly lark: LarkClient | null, // null: local mode
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
    private readonly local?: LocalResources,
  ) {}

  /** Whether what people send can be fetched: from Feishu, or in local mode from the chat CLI's files. */
  get canFetchResources(): boolean {
    return this.lark !== null || this.local !== undefined;
  }

  private larkClient(): LarkClient {
    if (!this.lark) throw new FeishuApiError("local mode", undefined, undefined, false, false);
    return this.lark;
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return callWithRetry(this.lark, this.policy, this.logger, what, fn);
  }

  /** Uploads an image as the bot's own, so a card can show it; returns its image_key. */
  async uploadImage(bytes: Buffer): Promise<string> {
    // Local mode keeps cards in the outbox only: the image is named by its bytes, as nothing is uploaded.
    if (!this.lark && this.local)
      return `img_local_${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}`;
    const lark = this.larkClient();
    const answer = (await this.call("image upload", () => {
      const form = new FormData();
      form.append("image_type", "message");
      form.append("image", new Blob([new Uint8Array(bytes)]), "image");
      return postForm(lark, "/open-apis/im/v1/images", form);
    })) as { data?: { image_key?: string } } | undefined;
    const key = answer?.data?.image_key;
    if (!key) throw new FeishuApiError("image upload returned no image_key", 200, undefined, false, false);
    return key;
  }

  /** Downloads an image or file a user sent in a message. */
  async downloadResource(messageId: string, fileKey: string, type: "image" | "file"): Promise<Buffer> {
    if (!this.lark && this.local) {
      const bytes = this.local.read(fileKey);
      if (bytes) return bytes;
      throw new FeishuApiError(`local ${type} ${fileKey} not found`, 404, undefined, false, false);
    }
    const lark = this.larkClient();
    const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(fileKey)}?type=${type}`;
    return this.call("resource download", () => getBytes(lark, path));
  }

  /** The bot's own open_id (to recognise its @mention), or null in local mode or when Feishu does not answer. */
  async botOpenId(): Promise<string | null> {
    if (!this.lark) return null;
    const client = this.lark.client;
    try {
      const answer = await this.call("bot info", () =>
        client.request<{ code?: number; bot?: { open_id?: string } }>({
          method: "GET",
          url: "/open-apis/bot/v3/info",
        }),
      );
      return answer.bot?.open_id ?? null;
    } catch {
      return null;
    }
  }

  /** A user's display name from the contact API, or null when it cannot be had (scope missing, local mode). */
  async userName(openId: string): Promise<string | null> {
    return (await this.lookUpName(openId)).name;
  }

  /**
   * A user's display name, or why there is none: `lacking` when the app lacks a permission for it (a contact
   * scope, the name field's scope, or the person is outside the 通讯录权限范围), which the admin can mend.
   */
  async lookUpName(openId: string): Promise<NameLookup> {
    if (!this.lark) return { name: null, lacking: false };
    const client = this.lark.client;
    try {
      const answer = await this.call("user lookup", () =>
        client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: "open_id" } }),
      );
      const name = answer.data?.user?.name;
      // Found without a name: the field scope contact:user.base:readonly is missing.
      if (name) return { name };
      if (answer.data?.user === undefined) return { name: null, lacking: false };
      return { name: null, lacking: true, fix: addScopeStep([NAME_FIELD_SCOPE]) };
    } catch (error) {
      if (!(error instanceof FeishuApiError)) return { name: null, lacking: false };
      if (error.missingScope) return { name: null, lacking: true, fix: addScopeStep(error.scopes) };
      if (error.code === OUT_OF_CONTACT_RANGE) return { name: null, lacking: true, fix: RANGE_STEP };
      return { name: null, lacking: false };
    }
  }

  /**
   * Urgent push (加急) of a message the bot sent, in-app, to people in its chat (im.v1.message.urgentApp; needs
   * `im:message.urgent`). "sent", "quota" (230024: the tenant's urgent quota is used up; the message stands as
   * it is), or "failed" (anything else, logged).
   */
  async urgentApp(messageId: string, openIds: string[]): Promise<"sent" | "quota" | "failed" | "local"> {
    if (!this.lark) return "local";
    const client = this.lark.client;
    try {
      await this.call("urgent push", () =>
        client.im.v1.message.urgentApp({
          path: { message_id: messageId },
          params: { user_id_type: "open_id" },
          data: { user_id_list: openIds },
        }),
      );
      return "sent";
    } catch (error) {
      if (error instanceof FeishuApiError && error.code === URGENT_QUOTA_EXCEEDED) return "quota";
      return "failed";
    }
  }
}

/** The urgent push quota is used up: the plain message stands. */
export const URGENT_QUOTA_EXCEEDED = 230024;
