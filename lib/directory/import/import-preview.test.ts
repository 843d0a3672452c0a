import { describe, expect, it } from "vitest";
import { importFingerprint } from "./import-fingerprint";
import { changeCount, describeImportValue } from "./import-preview";
import type { ImportResult } from "./import-people";

const dryRun: ImportResult = {
  dryRun: true,
  created: 1,
  updated: 1,
  unchanged: 0,
  lines: [
    { line: 2, outcome: "created", id: null, name: "Nia Brown", changes: { name: { from: null, to: "Nia Brown" } } },
    {
      line: 3,
      outcome: "updated",
      id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01",
      name: "Hana Osei",
      changes: { teams: { from: ["repairs"], to: ["repairs", "finance"] } },
    },
  ],
};

describe("importFingerprint", () => {
  it("is the same for a dry run and the import it previewed, whatever ids the new people get", () => {
    const applied: ImportResult = {
      ...dryRun,
      dryRun: false,
      lines: dryRun.lines.map((line) => ({ ...line, id: line.id ?? "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d" })),
    };
    expect(importFingerprint(applied)).toBe(importFingerprint(dryRun));
  });

  it.each([
    ["a line's outcome", { outcome: "unchanged" as const, changes: {} }],
    ["a field's old value", { changes: { teams: { from: [], to: ["repairs", "finance"] } } }],
    ["who the line is about", { name: "Hana Osei-Brown" }],
  ])("differs when %s differs", (_, change) => {
    const moved = { ...dryRun, lines: [dryRun.lines[0]!, { ...dryRun.lines[1]!, ...change }] };
    expect(importFingerprint(moved)).not.toBe(importFingerprint(dryRun));
  });
});

describe("describeImportValue", () => {
  it.each([
    [null, "(blank)"],
    ["", "(blank)"],
    [[], "(none)"],
    [["finance", "repairs"], "finance, repairs"],
    ["E8 1EA", "E8 1EA"],
    [false, "false"],
  ])("shows %o as %s", (value, shown) => {
    expect(describeImportValue(value)).toBe(shown);
  });
});

it("counts the people an import adds or changes", () => {
  expect(changeCount(dryRun)).toBe(2);
});
