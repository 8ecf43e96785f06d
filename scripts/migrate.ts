// `npm run db:migrate`: applies the committed migrations to DATABASE_URL.
import "dotenv/config";
import { migrateDatabase, openDatabase } from "../db/client";
import { ConfigError, parseConfig } from "../src/config";

try {
  const config = parseConfig(process.env);
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  database.close();
  console.log(`migrations applied to ${config.databaseUrl.replace(/\?.*$/, "")}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
