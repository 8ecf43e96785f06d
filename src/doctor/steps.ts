// The console steps the doctor's lines point to, each said once (README "Connecting a real Feishu app").

export const CREDENTIALS_STEP =
  "开发者后台 → 凭证与基础信息：把 App ID、App Secret 复制到 FEISHU_APP_ID、FEISHU_APP_SECRET，然后重启服务";
export const SECRET_STEP =
  "开发者后台 → 凭证与基础信息：复制 App Secret（重置过就复制新的）到 FEISHU_APP_SECRET，然后重启服务";
export const APP_ID_STEP =
  "开发者后台 → 凭证与基础信息：复制 App ID（cli_ 开头）到 FEISHU_APP_ID，然后重启服务";
export const NETWORK_STEP =
  "检查本机能否访问 FEISHU_DOMAIN（飞书 https://open.feishu.cn，Lark https://open.larksuite.com），再运行 npm run doctor";
export const BOT_STEP = "开发者后台 → 添加应用能力 → 机器人，再创建版本并请管理员审核发布";
export const ENABLE_STEP = "管理后台 → 工作台 → 应用管理：启用应用（或请管理员审核通过最新版本）";
export const GROUP_SET_STEP = "在镇里的群里 @安督 发送 /设置 本群为调度群（或设 FEISHU_GROUP_CHAT_ID）";
export const GROUP_ADD_STEP = "在调度群里：设置 → 群机器人 → 添加机器人 → 安督";
export const RANGE_STEP =
  "开发者后台 → 权限管理 → 通讯录权限的「可访问的数据范围」→ 配置：包含全部干部、领导和企业负责人，再创建版本并请管理员审核发布";
export const ADMIN_STEP = "在 ADMIN_OPEN_IDS 写上管理员的 open_id，才能检查通讯录权限范围";
export const MIGRATE_STEP = "运行 npm run db:migrate（启动服务也会执行迁移）";
export const DATABASE_STEP = "检查 DATABASE_URL（和远程库的 DATABASE_AUTH_TOKEN）";
export const KEYS_STEP =
  "开发者后台 → 事件与回调 → 加密策略：把 Encrypt Key 和 Verification Token 填进 FEISHU_ENCRYPT_KEY、FEISHU_VERIFICATION_TOKEN，重启服务后再保存请求网址";
export const LOCAL_STEP =
  "开发者后台 → 凭证与基础信息：把 App ID、App Secret 写进 FEISHU_APP_ID、FEISHU_APP_SECRET（.env），然后重启服务";
