// The scopes the bot calls with, by their console names, and the console step that adds one: shared by
// `npm run doctor` and the run-time warning when Feishu refuses a call for a missing scope (code 99991672).
// Names and "any one of" lists follow each API's page on open.feishu.cn (权限要求).

/** The field scope a user's name needs (without it, contact/v3 users answers the user with no name). */
export const NAME_FIELD_SCOPE = "contact:user.base:readonly";

/** The scope the README's table asks for first, when Feishu names several that would do. */
const PREFERRED = [
  "im:message:send_as_bot",
  "im:message:readonly",
  "im:resource",
  "im:chat:readonly",
  "contact:contact.base:readonly",
  "contact:user.base:readonly",
];

const CONSOLE_NAMES: Record<string, string> = {
  "im:message": "获取与发送单聊、群组消息",
  "im:message:send_as_bot": "以应用的身份发消息",
  "im:message:readonly": "获取单聊、群组消息",
  "im:message.history:readonly": "获取单聊、群组的历史消息",
  "im:resource": "获取与上传图片或文件资源",
  "im:chat": "获取与更新群组信息",
  "im:chat:readonly": "获取群组信息",
  "contact:contact.base:readonly": "获取通讯录基本信息",
  "contact:user.base:readonly": "获取用户基本信息",
};

/** "im:message:readonly（获取单聊、群组消息）": the key to search for in the console, and the name it shows. */
export function scopeLabel(scope: string): string {
  const name = CONSOLE_NAMES[scope];
  return name ? `${scope}（${name}）` : scope;
}

/** Of the scopes any one of which would do, the one to add. */
export function scopeToAdd(scopes: readonly string[]): string {
  return PREFERRED.find((s) => scopes.includes(s)) ?? scopes[0] ?? "";
}

/** The console step that adds a missing scope (the change takes effect with an approved version). */
export function addScopeStep(scopes: readonly string[]): string {
  return `开发者后台 → 权限管理 → 开通 ${scopeLabel(scopeToAdd(scopes))}，再创建版本并请管理员审核发布`;
}
