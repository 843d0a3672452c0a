// npm run db:migrate: the same migration (and first-run seed) the server applies on start.
import { prepareDatabase } from "@/db/prepare";

const handle = await prepareDatabase().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
process.stdout.write(`Migrations applied to ${handle.location}\n`);
await handle.close();
