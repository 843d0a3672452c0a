import { ApiError, type FieldError } from "@/lib/api/errors";
import { normaliseFieldName } from "@/lib/notify/templates";

// The columns of a people import and how a row becomes the fields of a person. Headers match
// ignoring case, spaces, `_` and `-` ("Mobile number", "address_line_1"). A column left out of
// the file leaves that field of an existing person alone; an empty cell in it clears the field.

const addressLineColumns = [1, 2, 3, 4, 5, 6].map((line) => `addressLine${line}`);
const listColumns = ["roles", "teams", "tenureIds", "propertyIds"] as const;

/** Every column a file may have, as the API names the fields. */
export const importColumns = [
  "name",
  "email",
  "mobileNumber",
  ...addressLineColumns,
  "postcode",
  "kind",
  "roles",
  "teams",
  "personId",
  "tenureIds",
  "propertyIds",
  "preferredChannel",
] as const;
export type ImportColumn = (typeof importColumns)[number];

const columnByKey = new Map<string, ImportColumn>(importColumns.map((column) => [normaliseFieldName(column), column]));

/** Which field each column of the file holds; a header the import does not know is a 400 naming it. */
export function planImportColumns(header: string[]): ImportColumn[] {
  const problems: FieldError[] = [];
  const seen = new Set<ImportColumn>();
  const plan = header.map((raw, index) => {
    const column = columnByKey.get(normaliseFieldName(raw.trim()));
    if (!column) problems.push({ path: `line 1: ${raw.trim() || `column ${index + 1}`}`, message: unknownColumn });
    else if (seen.has(column))
      problems.push({ path: `line 1: ${column}`, message: "This column is in the file twice" });
    if (column) seen.add(column);
    return column!;
  });
  if (!seen.has("email") && !seen.has("personId")) {
    problems.push({ path: "line 1: email", message: "Add an email or a personId column: rows are matched by them" });
  }
  if (problems.length > 0) throw new ApiError("bad_request", "The header row is not valid", { errors: problems });
  return plan;
}

const unknownColumn = `Not a column the import knows; use ${importColumns.join(", ")}`;

/**
 * A row's cells as the fields of a person (the shape PATCH /api/v1/people/{id} takes): empty cells
 * are null, lists are split on semicolons, address lines become one list (kept in place up to the
 * last filled one, so a problem still names its column).
 */
export function rowFields(plan: ImportColumn[], cells: string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const lines: (string | undefined)[] = [];
  plan.forEach((column, index) => {
    const cell = (cells[index] ?? "").trim();
    if (column.startsWith("addressLine")) lines[Number(column.slice("addressLine".length)) - 1] = cell;
    else if ((listColumns as readonly string[]).includes(column)) {
      fields[column] = cell
        .split(";")
        .map((item) => item.trim())
        .filter(Boolean);
    } else fields[column] = cell === "" ? null : cell;
  });
  if (lines.length > 0) {
    const lastFilled = lines.findLastIndex((line) => line !== undefined && line !== "");
    fields.addressLines = lines.slice(0, lastFilled + 1).map((line) => line ?? "");
  }
  return fields;
}

/** A problem's field as the file names it: `addressLines.2` is the column addressLine3. */
export function columnOf(path: string): string {
  const addressLine = /^addressLines\.(\d+)$/.exec(path);
  if (addressLine) return `addressLine${Number(addressLine[1]) + 1}`;
  return path.replace(/\.\d+$/, "") || "row";
}
