import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { roles, scopes } from "@/db/schema";
import { capabilities } from "./permissions";
import { findMarkedBlock } from "@/lib/docs/readme-block";
import { renderSecurityTables, securityTables } from "./security-tables";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("the README's security tables", () => {
  it("are the ones lib/auth/permissions.ts generates (run npm run docs:security after changing it)", () => {
    expect(findMarkedBlock(readme, securityTables)).toBe(renderSecurityTables());
  });

  it("list every role twice (permissions, history), every scope and every capability", () => {
    const rows = renderSecurityTables()
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => /^\| `([^`]+)`/.exec(line)![1]);
    expect(rows).toEqual([...roles, ...scopes, ...capabilities, ...roles]);
  });

  it("show what people lost: no role creates notifications, writes history or exports", () => {
    const rolesTable = renderSecurityTables().split("**What each scope")[0]!;
    for (const scope of ["notifications:write", "activity:write", "activity:export"])
      expect(rolesTable).not.toContain(`\`${scope}\``);
  });
});
