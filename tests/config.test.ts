// Settings: defaults, local mode, and one sentence naming a bad setting.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config";

describe("parseConfig", () => {
  it("runs in local mode with the documented defaults when nothing is set", () => {
    expect(parseConfig({})).toEqual({
      feishu: null,
      encryptKey: undefined,
      verificationToken: undefined,
      domain: "https://open.feishu.cn",
      eventMode: "webhook",
      groupChatId: undefined,
      adminOpenIds: [],
      databaseUrl: "file:data/andu.db",
      databaseAuthToken: undefined,
      port: 3000,
      timezone: "Asia/Shanghai",
    });
  });

  it("reads every setting", () => {
    const c = parseConfig({
      FEISHU_APP_ID: "cli_a1b2c3d4e5f6a7b8",
      FEISHU_APP_SECRET: "s",
      FEISHU_ENCRYPT_KEY: "k",
      FEISHU_VERIFICATION_TOKEN: "t",
      FEISHU_DOMAIN: "https://open.larksuite.com/",
      FEISHU_EVENT_MODE: "ws",
      FEISHU_GROUP_CHAT_ID: "oc_abc",
      ADMIN_OPEN_IDS: " ou_a , ou_b ,",
      DATABASE_URL: "libsql://x.turso.io",
      DATABASE_AUTH_TOKEN: "tok",
      PORT: "8080",
      APP_TIMEZONE: "Asia/Urumqi",
    });
    expect(c).toEqual({
      feishu: { appId: "cli_a1b2c3d4e5f6a7b8", appSecret: "s" },
      encryptKey: "k",
      verificationToken: "t",
      domain: "https://open.larksuite.com",
      eventMode: "ws",
      groupChatId: "oc_abc",
      adminOpenIds: ["ou_a", "ou_b"],
      databaseUrl: "libsql://x.turso.io",
      databaseAuthToken: "tok",
      port: 8080,
      timezone: "Asia/Urumqi",
    });
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ FEISHU_APP_ID: "", PORT: "", FEISHU_ENCRYPT_KEY: "  " }).port).toBe(3000);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ FEISHU_APP_ID: "app123", FEISHU_APP_SECRET: "s" }, "FEISHU_APP_ID"],
    [{ FEISHU_APP_ID: "cli_a1b2c3d4e5f6a7b8" }, "FEISHU_APP_SECRET"],
    [{ FEISHU_APP_SECRET: "s" }, "FEISHU_APP_ID"],
    [{ FEISHU_EVENT_MODE: "poll" }, "FEISHU_EVENT_MODE"],
    [{ FEISHU_EVENT_MODE: "ws" }, "FEISHU_EVENT_MODE"],
    [{ FEISHU_DOMAIN: "open.feishu.cn" }, "FEISHU_DOMAIN"],
    [{ FEISHU_GROUP_CHAT_ID: "group1" }, "FEISHU_GROUP_CHAT_ID"],
    [{ ADMIN_OPEN_IDS: "ou_a,admin" }, "ADMIN_OPEN_IDS"],
    [{ DATABASE_URL: "postgres://x" }, "DATABASE_URL"],
    [{ APP_TIMEZONE: "Mars/Olympus" }, "APP_TIMEZONE"],
  ])("refuses %j with one sentence naming %s", (source, name) => {
    let error: unknown;
    try {
      parseConfig(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message.split("\n")).toHaveLength(1);
  });
});
