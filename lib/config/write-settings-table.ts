// npm run docs:settings: rewrites the Configuration table in README.md from lib/config/variables.ts.
import { rewriteReadmeBlock } from "@/lib/docs/readme-block";
import { settingsTable } from "./settings-table";

rewriteReadmeBlock(settingsTable, "the Configuration table");
