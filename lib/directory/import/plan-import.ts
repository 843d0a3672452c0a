import { or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teams, users } from "@/db/schema";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { fieldErrorsOf } from "@/lib/api/problem";
import { parseBatchCsv } from "@/lib/notifications/batch/parse-csv";
import { changedFields, filledFields, type FieldChanges } from "../audit";
import { teamKeysOf, toPersonRecord } from "../people";
import {
  checkPerson,
  mergePersonRecord,
  newPersonRecord,
  updatePersonBodySchema,
  type PersonRecord,
  type UpdatePersonBody,
} from "../person-schema";
import { columnOf, planImportColumns, rowFields } from "./import-columns";

// Reading a people import into a plan: every row checked (fields, the rules between them, its
// teams, clashes with the directory and with other rows), matched to a person by email, else by
// personId, and compared with them. One bad row and the whole file is refused, listing each problem.

export const maxImportRows = 50_000;
const maxReportedProblems = 1_000;

export type ImportLine = {
  line: number;
  outcome: "created" | "updated" | "unchanged";
  /** The person's id: a new one for a row that creates a person. */
  id: string;
  before: PersonRecord | null;
  after: PersonRecord;
  changes: FieldChanges | null;
};

/** The plan for a CSV file, or a 400 listing every problem as `line N: field`. Reads, never writes. */
export async function planImport(db: Database, csv: string, newId: () => string): Promise<ImportLine[]> {
  const { header, rows } = parseBatchCsv(csv, { maxRows: maxImportRows });
  const columns = planImportColumns(header);
  const problems: (FieldError & { line: number })[] = [];
  const fail = (line: number, path: string, message: string) =>
    problems.push({ line, path: `line ${line}: ${columnOf(path)}`, message });

  const parsed = rows.flatMap(({ line, cells }) => {
    const fields = rowFields(columns, cells);
    const result = updatePersonBodySchema.safeParse(fields);
    if (!result.success) {
      for (const problem of fieldErrorsOf(result.error.issues)) fail(line, problem.path, problem.message);
      return [];
    }
    if (!result.data.email && !result.data.personId) {
      fail(line, "email", "Give an email or a personId: rows are matched to people by them");
      return [];
    }
    return [{ line, patch: result.data }];
  });

  const existing = await findExisting(
    db,
    parsed.map((row) => row.patch),
  );
  const teamKeys = new Set((await db.select({ key: teams.key }).from(teams)).map((team) => team.key));
  const lineOfEmail = new Map<string, number>();
  const lineOfPersonId = new Map<string, number>();
  const plan: ImportLine[] = [];

  for (const { line, patch } of parsed) {
    const email = patch.email?.toLowerCase();
    const personId = patch.personId ?? undefined;
    const byEmail = email ? existing.byEmail.get(email) : undefined;
    const byPersonId = personId ? existing.byPersonId.get(personId) : undefined;
    const match = byEmail ?? byPersonId;
    if (byEmail && byPersonId && byEmail.user.id !== byPersonId.user.id) {
      fail(line, "personId", `${byPersonId.user.name} already has this council person id`);
    }
    if (email && lineOfEmail.has(email)) fail(line, "email", `The same email as line ${lineOfEmail.get(email)}`);
    if (personId && lineOfPersonId.has(personId)) {
      fail(line, "personId", `The same personId as line ${lineOfPersonId.get(personId)}`);
    }
    if (email) lineOfEmail.set(email, line);
    if (personId) lineOfPersonId.set(personId, line);

    const before = match ? toPersonRecord(match) : null;
    const draft = before ? mergePersonRecord(before, patch) : newRecord(line, patch, fail);
    if (!draft) continue;
    const checked = checkPerson(draft);
    if (!checked.ok) {
      for (const problem of checked.problems) fail(line, problem.path, problem.message);
      continue;
    }
    for (const key of checked.value.teams) if (!teamKeys.has(key)) fail(line, "teams", `No team called ${key}`);
    const after = checked.value;
    // The file matched them by email ignoring case; its spelling of the same address is no change.
    if (before?.email && after.email?.toLowerCase() === before.email.toLowerCase()) after.email = before.email;
    const changes = before ? changedFields(before, after) : { oldData: {}, newData: filledFields(after) };
    const outcome = !before ? "created" : changes ? "updated" : "unchanged";
    plan.push({ line, outcome, id: match?.user.id ?? newId(), before, after, changes });
  }

  if (problems.length > 0) throw importRefused(problems);
  return plan;
}

/** A person the file adds: a row for someone new needs their name and kind. */
function newRecord(
  line: number,
  patch: UpdatePersonBody,
  fail: (line: number, path: string, message: string) => void,
): PersonRecord | null {
  if (!patch.name) fail(line, "name", "Enter the person's name: nobody has this email or personId yet");
  if (!patch.kind)
    fail(line, "kind", "Say whether they are staff or a resident: nobody has this email or personId yet");
  if (!patch.name || !patch.kind) return null;
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
  return newPersonRecord({ ...given, name: patch.name, kind: patch.kind });
}

/** The people the rows may be about, found by email and by personId in one query. */
async function findExisting(db: Database, patches: UpdatePersonBody[]) {
  const emails = patches.flatMap((patch) => (patch.email ? [patch.email.toLowerCase()] : []));
  const personIds = patches.flatMap((patch) => (patch.personId ? [patch.personId] : []));
  const found = await db
    .select({ user: users, teams: teamKeysOf })
    .from(users)
    .where(
      or(
        sql`lower(${users.email}) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`,
        sql`${users.personId} in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::uuid)`,
      ),
    );
  return {
    byEmail: new Map(found.filter((row) => row.user.email).map((row) => [row.user.email!.toLowerCase(), row])),
    byPersonId: new Map(found.filter((row) => row.user.personId).map((row) => [row.user.personId!, row])),
  };
}

function importRefused(problems: (FieldError & { line: number })[]): ApiError {
  // Fields are checked for every row before rows are compared, so the problems are put back in file order.
  const shown = problems
    .sort((a, b) => a.line - b.line)
    .slice(0, maxReportedProblems)
    .map(({ path, message }) => ({ path, message }));
  const more = problems.length - shown.length;
  return new ApiError(
    "bad_request",
    `The file has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported`,
    { errors: more > 0 ? [...shown, { path: "file", message: `…and ${more} more` }] : shown },
  );
}
