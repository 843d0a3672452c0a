// npm run docs:settings: rewrites the Configuration table in README.md from lib/config/variables.ts.
import fs from "node:fs";
import path from "node:path";
import { withSettingsTable } from "./settings-table";

const readmePath = path.resolve(import.meta.dirname, "../../README.md");
const readme = fs.readFileSync(readmePath, "utf8");
const updated = withSettingsTable(readme);
if (updated === readme) {
  process.stdout.write("README.md: the Configuration table is up to date\n");
} else {
  fs.writeFileSync(readmePath, updated);
  process.stdout.write("README.md: the Configuration table was rewritten\n");
}
