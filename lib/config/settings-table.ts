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

/** The README's current table, markers included; throws when the markers are missing. */
export function findSettingsTable(readme: string): string {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${tableStart} … ${tableEnd} block`);
  return readme.slice(start, end + tableEnd.length);
}

/** The README with its table replaced by the generated one. */
export function withSettingsTable(readme: string): string {
  return readme.replace(findSettingsTable(readme), renderSettingsTable());
}
