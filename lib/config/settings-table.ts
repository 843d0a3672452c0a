import type { MarkedBlock } from "@/lib/docs/readme-block";
import { variables, type VariableDefinition } from "./variables";

// The README's Configuration table, written from lib/config/variables.ts so the two cannot drift:
// `npm run docs:settings` rewrites it, and settings-table.test.ts fails when it is out of date.

export const tableStart = "<!-- settings:start -->";
export const tableEnd = "<!-- settings:end -->";

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** The table, markers included, for every variable an operator sets (not those tooling sets). */
export function renderSettingsTable(): string {
  const definitions: [string, VariableDefinition][] = Object.entries(variables);
  const rows = definitions
    .filter(([, definition]) => !definition.internal)
    .map(([name, definition]) => `| \`${name}\` | ${cell(definition.default)} | ${cell(definition.description)} |`);
  return [
    tableStart,
    "<!-- Written by `npm run docs:settings` from lib/config/variables.ts: edit the descriptions there. -->",
    "",
    "| variable | default | what it does |",
    "| --- | --- | --- |",
    ...rows,
    "",
    tableEnd,
  ].join("\n");
}

/** The README's block this module writes (lib/docs/readme-block.ts). */
export const settingsTable: MarkedBlock = { start: tableStart, end: tableEnd, render: renderSettingsTable };
