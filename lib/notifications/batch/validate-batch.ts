import { ApiError, type FieldError } from "@/lib/api/errors";
import { fieldValidationError } from "@/lib/api/problem";
import { missingFields, templateProblems } from "@/lib/notifications/validate-personalisation";
import { findTemplate } from "@/lib/notify/templates";
import {
  createNotificationBodySchema,
  type CreateNotificationBody,
} from "@/lib/notifications/contract/create-notification-body";
import type { ColumnPlan } from "./columns";
import type { CsvRow } from "./parse-csv";
import type { BatchQuery } from "./schemas";

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

/**
 * Checks every row as POST /notifications would (recipient rules, then the template's fields)
 * and returns the create bodies, or throws one 400 whose errors say `line N: field`.
 */
export async function validateBatch(
  query: BatchQuery,
  plan: ColumnPlan,
  rows: CsvRow[],
): Promise<CreateNotificationBody[]> {
  const channel = ({ Email: "email", Text: "sms", Letter: "letter" } as const)[query.notificationType];
  const templateCheck = await templateProblems({
    channels: [channel],
    serviceKey: query.serviceKey,
    templateId: query.templateId,
    personalisationParams: undefined,
  });
  const templateError = templateCheck.find((problem) => !problem.path.startsWith("personalisationParams."));
  if (templateError) throw fieldValidationError([templateError]);
  const template = (await findTemplate(query.serviceKey, query.templateId))!;

  const errors: FieldError[] = [];
  const bodies: CreateNotificationBody[] = [];
  for (const row of rows) {
    if (row.cells.length !== plan.length) {
      errors.push({
        path: `line ${row.line}`,
        message: `Has ${row.cells.length} cells; the header has ${plan.length}`,
      });
      continue;
    }
    const parsed = createNotificationBodySchema.safeParse(rowBody(query, plan, row));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ path: `line ${row.line}: ${issue.path.join(".") || "row"}`, message: issue.message });
      continue;
    }
    const missing = missingFields(template, parsed.data.personalisationParams);
    for (const field of missing)
      errors.push({
        path: `line ${row.line}: ${field}`,
        message: `The template needs ((${field})); this cell is empty or the column is missing`,
      });
    if (missing.length === 0) bodies.push(parsed.data);
  }
  if (errors.length > 0) {
    const reported = errors.slice(0, maxReportedErrors);
    const more = errors.length - reported.length;
    throw new ApiError(
      "bad_request",
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in the file; nothing was created${more > 0 ? ` (first ${maxReportedErrors} listed)` : ""}`,
      {
        errors: reported,
      },
    );
  }
  return bodies;
}
