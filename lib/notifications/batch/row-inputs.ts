import { ApiError, type FieldError } from "@/lib/api/errors";
import type { NotificationInput } from "@/lib/notifications/submit-notifications";
import { templateProblems } from "@/lib/notifications/validate-personalisation";
import type { ColumnPlan } from "./columns";
import type { CsvRow } from "./parse-csv";
import type { BatchQuery } from "./schemas";

// A CSV file's side of the create pipeline: each row becomes a create body, and each problem is
// named by the file line it is on.

// More than this many row errors are summarised: the caller fixes the file and sends it again.
const maxReportedErrors = 1000;

function rowBody(query: BatchQuery, plan: ColumnPlan, row: CsvRow): Record<string, unknown> {
  const body: Record<string, unknown> = {
    notificationType: query.notificationType,
    serviceKey: query.serviceKey,
    templateId: query.templateId,
  };
  const personalisation: Record<string, string> = {};
  for (const column of plan) {
    const value = row.cells[column.index] ?? "";
    if ("recipient" in column.target) {
      // Notify's CSV: address_line_1…6 and postcode, or address_line_1…7; postcode is the last line.
      body[column.target.recipient === "postcode" ? "addressLine7" : column.target.recipient] = value || undefined;
    } else if (value !== "") personalisation[column.target.personalisation] = value;
  }
  body.personalisationParams = personalisation;
  return body;
}

/** One input per row: the create body its cells make, or why they cannot make one. */
export function rowInputs(query: BatchQuery, plan: ColumnPlan, rows: CsvRow[]): NotificationInput[] {
  return rows.map((row) =>
    row.cells.length === plan.length
      ? { body: rowBody(query, plan, row) }
      : { problems: [{ path: "", message: `Has ${row.cells.length} cells; the header has ${plan.length}` }] },
  );
}

/** A row's problem as `line N: field`; a template field the row leaves empty is a cell to fill in. */
export function locateInRow(row: CsvRow, { path, message }: FieldError): FieldError {
  const templateField = /^personalisationParams\.(.+)$/.exec(path)?.[1];
  if (templateField) {
    return {
      path: `line ${row.line}: ${templateField}`,
      message: `${message}; this cell is empty or the column is missing`,
    };
  }
  return { path: path ? `line ${row.line}: ${path}` : `line ${row.line}`, message };
}

/** Whether the one template every row uses exists and suits the channel: checked once, not per row. */
export async function sharedTemplateProblems(query: BatchQuery): Promise<FieldError[]> {
  const channel = ({ Email: "email", Text: "sms", Letter: "letter" } as const)[query.notificationType];
  const problems = await templateProblems({
    channels: [channel],
    serviceKey: query.serviceKey,
    templateId: query.templateId,
    personalisationParams: undefined,
  });
  return problems.filter((problem) => !problem.path.startsWith("personalisationParams.")).slice(0, 1);
}

/** One 400 for the whole file: nothing was created; a very long list is cut short. */
export function rejectFile(errors: FieldError[]): ApiError {
  const reported = errors.slice(0, maxReportedErrors);
  const more = errors.length - reported.length;
  const summary = `${errors.length} problem${errors.length === 1 ? "" : "s"} in the file; nothing was created`;
  return new ApiError("bad_request", `${summary}${more > 0 ? ` (first ${maxReportedErrors} listed)` : ""}`, {
    errors: reported,
  });
}
