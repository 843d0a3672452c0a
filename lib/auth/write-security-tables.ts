// npm run docs:security: rewrites the security tables in README.md from lib/auth/permissions.ts.
import { rewriteReadmeBlock } from "@/lib/docs/readme-block";
import { securityTables } from "./security-tables";

rewriteReadmeBlock(securityTables, "the security tables");
