import { ApiError, type FieldError } from "@/lib/api/errors";
import { normaliseFieldName } from "@/lib/notify/templates";
import type { BatchQuery } from "./schemas";

// Which column holds the recipient, as Notify's own CSV upload names it (matched ignoring case,
// spaces, `_` and `-`, so "email address", "Phone number" and "address_line_1" all work).
const recipientColumns: Record<BatchQuery["notificationType"], Record<string, string>> = {
  Email: { email: "email", emailaddress: "email" },
  Text: { mobilenumber: "mobileNumber", phonenumber: "mobileNumber", mobile: "mobileNumber", phone: "mobileNumber" },
  Letter: {
    ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((line) => [`addressline${line}`, `addressLine${line}`])),
    postcode: "postcode",
  },
};

/** What each column of the file is: a recipient field of the create body, or a personalisation field. */
export type ColumnPlan = {
  index: number;
  header: string;
  target: { recipient: string } | { personalisation: string };
}[];

export function planColumns(notificationType: BatchQuery["notificationType"], header: string[]): ColumnPlan {
  const problems: FieldError[] = [];
  const seen = new Map<string, string>();
  const plan: ColumnPlan = header.map((raw, index) => {
    const name = raw.trim();
    const key = normaliseFieldName(name);
    if (!key) problems.push({ path: `line 1: column ${index + 1}`, message: "Give every column a name" });
    else if (seen.has(key)) problems.push({ path: `line 1: ${name}`, message: `The same column as ${seen.get(key)}` });
    seen.set(key, name);
    const recipient = recipientColumns[notificationType][key];
    return { index, header: name, target: recipient ? { recipient } : { personalisation: name } };
  });
  const recipients = new Set(plan.flatMap((column) => ("recipient" in column.target ? [column.target.recipient] : [])));
  if (notificationType === "Email" && !recipients.has("email"))
    problems.push({ path: "line 1: email", message: "Add a column called email (or email address)" });
  if (notificationType === "Text" && !recipients.has("mobileNumber")) {
    problems.push({ path: "line 1: mobileNumber", message: "Add a column called mobileNumber (or phone number)" });
  }
  if (notificationType === "Letter") {
    for (const line of [1, 2])
      if (!recipients.has(`addressLine${line}`))
        problems.push({ path: `line 1: address_line_${line}`, message: `Add a column called address_line_${line}` });
    if (recipients.has("postcode") && recipients.has("addressLine7")) {
      problems.push({
        path: "line 1: postcode",
        message: "Use address_line_7 or postcode for the last line, not both",
      });
    }
  }
  if (problems.length > 0) throw new ApiError("bad_request", "The header row is not valid", { errors: problems });
  return plan;
}
