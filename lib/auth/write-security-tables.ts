// npm run docs:security: rewrites the security tables in README.md from lib/auth/permissions.ts.
import fs from "node:fs";
import path from "node:path";
import { withSecurityTables } from "./security-tables";

const readmePath = path.resolve(import.meta.dirname, "../../README.md");
const readme = fs.readFileSync(readmePath, "utf8");
const updated = withSecurityTables(readme);
if (updated === readme) {
  process.stdout.write("README.md: the security tables are up to date\n");
} else {
  fs.writeFileSync(readmePath, updated);
  process.stdout.write("README.md: the security tables were rewritten\n");
}
