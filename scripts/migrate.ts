// `npm run db:migrate`: applies the committed migrations and the reference data to DATABASE_URL, a file or a
// LibSQL/Turso URL (with DATABASE_AUTH_TOKEN). A Worker never migrates: it refuses work until this has run.
import "dotenv/config";
import { ConfigError, parseConfig } from "../src/config";
import { openDatabase, prepareDatabase } from "../src/node/database";

try {
  const config = parseConfig(process.env);
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await prepareDatabase(database);
  database.close();
  console.log(`migrations and reference data applied to ${config.databaseUrl.replace(/\?.*$/, "")}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
