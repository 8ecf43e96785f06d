// Where local mode (no Feishu credentials) writes the files the bot sends, so `npm run chat` can print the path:
// `exports/` beside an embedded database file (the default `data/andu.db` gives `data/exports/`).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LocalExports } from "../feishu/messenger";

export function exportsFolder(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) return join("data", "exports");
  return join(dirname(databaseUrl.slice("file:".length).replace(/^\/\/(?=\/)/, "")), "exports");
}

/** Each file under the folder, its name kept, the outbox row's id in front (two exports never collide). */
export function localExports(folder: string): LocalExports {
  return {
    pathFor: (outboxId, fileName) => join(folder, `${outboxId.slice(0, 8)}-${fileName}`),
    write(path, bytes) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    },
  };
}
