// Every setting the bot reads, in one zod schema: the only file that knows the environment's names.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const openIdList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  )
  .pipe(z.array(z.string().regex(/^ou_[0-9A-Za-z_-]+$/, "每项应是以 ou_ 开头的 open_id")));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  FEISHU_APP_ID: optionalText.pipe(
    z
      .string()
      .regex(/^cli_[0-9a-fA-F]{16}$/, "应形如 cli_ 加 16 位十六进制数（开发者后台「凭证与基础信息」）")
      .optional(),
  ),
  FEISHU_APP_SECRET: optionalText,
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_DOMAIN: optionalText.pipe(z.url("应是 http(s):// 开头的网址").optional()),
  FEISHU_EVENT_MODE: optionalText.pipe(z.enum(["webhook", "ws"], "应为 webhook 或 ws").optional()),
  FEISHU_GROUP_CHAT_ID: optionalText.pipe(z.string().regex(/^oc_/, "应是以 oc_ 开头的群 chat_id").optional()),
  ADMIN_OPEN_IDS: openIdList,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/, "应以 file:、libsql://、https:// 开头")
      .optional(),
  ),
  DATABASE_AUTH_TOKEN: optionalText,
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "应是 1–65535 的端口号")
      .transform(Number)
      .pipe(z.number().int().min(1, "应是 1–65535 的端口号").max(65535, "应是 1–65535 的端口号"))
      .optional(),
  ),
  APP_TIMEZONE: optionalText.pipe(
    z.string().refine(isTimeZone, "应是 IANA 时区名，如 Asia/Shanghai").optional(),
  ),
});

export interface FeishuCredentials {
  appId: string;
  appSecret: string;
}

export interface Config {
  feishu: FeishuCredentials | null; // null: local mode, every message goes to the outbox only
  encryptKey: string | undefined;
  verificationToken: string | undefined;
  domain: string;
  eventMode: "webhook" | "ws";
  groupChatId: string | undefined;
  adminOpenIds: string[];
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  port: number;
  timezone: string;
}

/** A setting that cannot be used: the message is one sentence naming it and what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? "设置");
    throw new ConfigError(`设置 ${key} 无效：${issue.message}。请改正 ${key} 后重新启动。`);
  }
  const s = parsed.data;
  if (Boolean(s.FEISHU_APP_ID) !== Boolean(s.FEISHU_APP_SECRET)) {
    const missing = s.FEISHU_APP_ID ? "FEISHU_APP_SECRET" : "FEISHU_APP_ID";
    throw new ConfigError(
      `设置 ${missing} 缺失：FEISHU_APP_ID 与 FEISHU_APP_SECRET 须同时设置（或都不设，以本地模式运行）。`,
    );
  }
  const feishu =
    s.FEISHU_APP_ID && s.FEISHU_APP_SECRET
      ? { appId: s.FEISHU_APP_ID, appSecret: s.FEISHU_APP_SECRET }
      : null;
  const eventMode = s.FEISHU_EVENT_MODE ?? "webhook";
  if (eventMode === "ws" && !feishu) {
    throw new ConfigError(
      "设置 FEISHU_EVENT_MODE=ws 需要 FEISHU_APP_ID 与 FEISHU_APP_SECRET：长连接要用应用凭证建立。",
    );
  }
  return {
    feishu,
    encryptKey: s.FEISHU_ENCRYPT_KEY,
    verificationToken: s.FEISHU_VERIFICATION_TOKEN,
    domain: (s.FEISHU_DOMAIN ?? "https://open.feishu.cn").replace(/\/+$/, ""),
    eventMode,
    groupChatId: s.FEISHU_GROUP_CHAT_ID,
    adminOpenIds: s.ADMIN_OPEN_IDS,
    databaseUrl: s.DATABASE_URL ?? "file:data/andu.db",
    databaseAuthToken: s.DATABASE_AUTH_TOKEN,
    port: s.PORT ?? 3000,
    timezone: s.APP_TIMEZONE ?? "Asia/Shanghai",
  };
}
