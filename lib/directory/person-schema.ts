import { z } from "zod";
import "zod-openapi";
import { contactChannels, personKinds, roles, type ContactChannel, type PersonKind, type Role } from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";
import { validateEmailAddress, validateUkAddress, validateUkMobileNumber } from "@/lib/notify/recipients";
import { teamKeySchema } from "./team-schema";

// The directory's contract for a person: field rules in zod, and the rules between fields
// (a staff member's email, a resident's records, a preferred channel's detail) in checkPerson,
// which runs on the whole record after a create, a PATCH or an imported row is merged.

/** A text field's value checked, and normalised, by one of Notify's recipient rules. */
const notifyChecked = (check: (text: string) => { ok: true; value: string } | { ok: false; message: string }) =>
  z.string("Must be text").transform((text, context) => {
    const result = check(text);
    if (result.ok) return result.value;
    context.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  });

const uniqueList = <T>(list: T[]) => [...new Set(list)];

export const personFieldSchemas = {
  name: z
    .string("Enter the person's name")
    .trim()
    .min(1, "Enter the person's name")
    .max(200, "Must be at most 200 characters"),
  email: notifyChecked(validateEmailAddress).meta({ example: "jane.smith@council.example" }),
  mobileNumber: notifyChecked(validateUkMobileNumber).meta({
    description: "A UK mobile number; stored as Notify normalises it (447700900123)",
    example: "07700 900123",
  }),
  addressLines: z
    .array(z.string("Must be text").max(255, "Must be at most 255 characters"), "Must be a list of address lines")
    // A refinement, not min/max: zod would also measure a string sent instead of a list.
    .refine((lines) => lines.length >= 1, "Give at least 1 address line")
    .refine((lines) => lines.length <= 6, "Give at most 6 address lines before the postcode"),
  postcode: z
    .string("Must be text")
    .trim()
    .min(1, "Enter the postcode")
    .max(20, "Must be at most 20 characters")
    .meta({ example: "E8 1EA" }),
  kind: z.enum(personKinds, "Must be one of staff, resident"),
  roles: z.array(z.enum(roles, `Must be one of ${roles.join(", ")}`), "Must be a list of roles").transform(uniqueList),
  teams: z.array(teamKeySchema, "Must be a list of team keys").transform(uniqueList),
  personId: z.uuid("Must be the council's person id (a uuid)"),
  tenureIds: z
    .array(z.uuid("Must be a uuid"), "Must be a list of tenure ids")
    .refine((ids) => ids.length <= 100, "At most 100 tenures")
    .transform(uniqueList),
  propertyIds: z
    .array(z.uuid("Must be a uuid"), "Must be a list of property ids")
    .refine((ids) => ids.length <= 100, "At most 100 properties")
    .transform(uniqueList),
  preferredChannel: z.enum(contactChannels, "Must be one of email, sms, letter"),
  disabled: z.boolean("Must be true or false"),
};
const fields = personFieldSchemas;

/** A person as the directory keeps them: what checkPerson checks, whether created, edited or imported. */
export type PersonRecord = {
  name: string;
  kind: PersonKind;
  email: string | null;
  mobileNumber: string | null;
  addressLines: string[];
  postcode: string | null;
  roles: Role[];
  teams: string[];
  personId: string | null;
  tenureIds: string[];
  propertyIds: string[];
  preferredChannel: ContactChannel | null;
  disabled: boolean;
};

/** POST /api/v1/people. Only name and kind are required; staff need an email and a role too. */
export const createPersonBodySchema = z
  .object({
    name: fields.name,
    kind: fields.kind,
    email: fields.email.optional(),
    mobileNumber: fields.mobileNumber.optional(),
    addressLines: fields.addressLines.optional(),
    postcode: fields.postcode.optional(),
    roles: fields.roles.optional(),
    teams: fields.teams.optional(),
    personId: fields.personId.optional(),
    tenureIds: fields.tenureIds.optional(),
    propertyIds: fields.propertyIds.optional(),
    preferredChannel: fields.preferredChannel.optional(),
    disabled: fields.disabled.optional(),
  })
  .meta({ id: "CreatePerson" });
export type CreatePersonBody = z.output<typeof createPersonBodySchema>;

/** PATCH /api/v1/people/{id}: only the fields sent change; null clears a detail. */
export const updatePersonBodySchema = z
  .object({
    name: fields.name.optional(),
    kind: fields.kind.optional(),
    email: fields.email.nullable().optional(),
    mobileNumber: fields.mobileNumber.nullable().optional(),
    addressLines: fields.addressLines.or(z.tuple([])).optional(),
    postcode: fields.postcode.nullable().optional(),
    roles: fields.roles.optional(),
    teams: fields.teams.optional(),
    personId: fields.personId.nullable().optional(),
    tenureIds: fields.tenureIds.optional(),
    propertyIds: fields.propertyIds.optional(),
    preferredChannel: fields.preferredChannel.nullable().optional(),
    disabled: fields.disabled.optional(),
  })
  .meta({ id: "UpdatePerson" });
export type UpdatePersonBody = z.output<typeof updatePersonBodySchema>;

/** A new person's record from a create body: what is not given is empty. */
export function newPersonRecord(body: CreatePersonBody): PersonRecord {
  return {
    name: body.name,
    kind: body.kind,
    email: body.email ?? null,
    mobileNumber: body.mobileNumber ?? null,
    addressLines: body.addressLines ?? [],
    postcode: body.postcode ?? null,
    roles: body.roles ?? (body.kind === "resident" ? ["resident"] : []),
    teams: body.teams ?? [],
    personId: body.personId ?? null,
    tenureIds: body.tenureIds ?? [],
    propertyIds: body.propertyIds ?? [],
    preferredChannel: body.preferredChannel ?? null,
    disabled: body.disabled ?? false,
  };
}

/** A stored record with a PATCH applied: fields left out keep their value. */
export function mergePersonRecord(current: PersonRecord, patch: UpdatePersonBody): PersonRecord {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return { ...current, ...defined } as PersonRecord;
}

const channelDetail: Record<ContactChannel, { has: (person: PersonRecord) => boolean; missing: string }> = {
  email: { has: (person) => person.email !== null, missing: "Add an email address to send them email" },
  sms: { has: (person) => person.mobileNumber !== null, missing: "Add a mobile number to send them texts" },
  letter: { has: (person) => person.postcode !== null, missing: "Add a postal address to send them letters" },
};

/**
 * The rules between a person's fields, on the whole record. Returns the record as it is stored (a
 * resident's role, the address cleaned as Notify cleans it) or every problem, each naming its field.
 */
export function checkPerson(
  person: PersonRecord,
): { ok: true; value: PersonRecord } | { ok: false; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  const value = { ...person };

  if (person.kind === "staff") {
    if (person.email === null) fail("email", "Staff sign in by email: enter their email address");
    if (person.roles.length === 0) fail("roles", "Give staff at least one role");
    if (person.roles.includes("resident")) fail("roles", "The resident role is for residents: set kind to resident");
    if (person.personId !== null) fail("personId", "Only residents are linked to a council person record");
    if (person.tenureIds.length > 0) fail("tenureIds", "Only residents are linked to tenures");
    if (person.propertyIds.length > 0) fail("propertyIds", "Only residents are linked to properties");
  } else {
    if (person.roles.some((role) => role !== "resident")) fail("roles", "A resident holds the resident role only");
    if (person.teams.length > 0) fail("teams", "Residents are not in teams");
    value.roles = ["resident"];
  }

  const hasLines = person.addressLines.length > 0;
  if (hasLines && person.postcode === null) fail("postcode", "Enter the postcode that ends the address");
  else if (!hasLines && person.postcode !== null) fail("addressLines", "Enter the address lines before the postcode");
  else if (hasLines) {
    const address = validateUkAddress([...person.addressLines, person.postcode]);
    if (address.ok) {
      value.addressLines = address.value.slice(0, -1);
      value.postcode = address.value.at(-1)!;
    } else {
      for (const problem of address.problems)
        fail(addressPath(problem.line, person.addressLines.length), problem.message);
    }
  }

  if (person.preferredChannel !== null && !channelDetail[person.preferredChannel].has(person)) {
    fail("preferredChannel", channelDetail[person.preferredChannel].missing);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

// validateUkAddress numbers the lines it was given; the last one given is the postcode.
function addressPath(line: number | null, lineCount: number): string {
  if (line === null) return "addressLines";
  return line >= lineCount ? "postcode" : `addressLines.${line}`;
}
