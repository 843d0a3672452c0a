import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findMarkedBlock } from "@/lib/docs/readme-block";
import { renderSettingsTable, settingsTable } from "./settings-table";
import { variables } from "./variables";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("the README's Configuration table", () => {
  it("is the one lib/config/variables.ts generates (run npm run docs:settings after changing a variable)", () => {
    expect(findMarkedBlock(readme, settingsTable)).toBe(renderSettingsTable());
  });

  it("lists every variable an operator sets, once", () => {
    const listed = [...renderSettingsTable().matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
    const operatorVariables = Object.entries(variables)
      .filter(([, definition]) => !("internal" in definition))
      .map(([name]) => name);
    expect(listed).toEqual(operatorVariables);
    expect(listed).toContain("NOTIFY_API_KEY_<SERVICE>");
    expect(listed).not.toContain("NODE_ENV");
  });
});
