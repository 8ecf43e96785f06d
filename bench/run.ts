// `npm run bench`: every benchmark, each comparing against a baseline measured in the same run.
// `npm run bench -- <name>…` runs some (webhook, hazards, corpus, ingest, cards, soak); `--minutes N` shortens the
// soak.
import { runCampaignBench } from "./campaign-cards";
import { runCorpusBench } from "./corpus";
import { runHazardBench } from "./hazards";
import { runIngestBench } from "./ingest";
import { runSoak } from "./soak";
import { runWebhookBench } from "./webhook";

const args = process.argv.slice(2);
const names: string[] = [];
let minutes = 10;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--minutes") minutes = Number(args[++i]);
  else names.push(args[i]!);
}
if (!(minutes > 0)) throw new Error("--minutes takes a positive number of minutes, e.g. --minutes 2");
const wanted = (name: string) => names.length === 0 || names.includes(name);

if (wanted("webhook")) await runWebhookBench();
if (wanted("hazards")) await runHazardBench();
if (wanted("corpus")) await runCorpusBench();
if (wanted("ingest")) await runIngestBench();
if (wanted("cards")) await runCampaignBench();
if (wanted("soak")) await runSoak(minutes);
