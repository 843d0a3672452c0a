import { refuseUnstorableInput } from "@/lib/api/storable-input";
import type { PersonResponse } from "./person-responses";

// The admin pages' person form: what it posts, as text, and the API body it stands for. Blank
// answers are "not given" when adding someone and "clear it" when editing them, so the same
// contract (person-schema.ts) checks both, with the same messages.

/** The form's answers as the browser posts them; lists of ids and address lines one per line. */
export type PersonFormValues = {
  name: string;
  kind: string;
  email: string;
  mobileNumber: string;
  addressLines: string;
  postcode: string;
  roles: string[];
  teams: string[];
  personId: string;
  tenureIds: string;
  propertyIds: string;
  preferredChannel: string;
};

/** Each question's control, by the API field a problem names (`addressLines.2` is about addressLines). */
export const personFieldIds = {
  name: "person-name",
  kind: "person-kind",
  email: "person-email",
  mobileNumber: "person-mobile-number",
  roles: "person-roles",
  teams: "person-teams",
  personId: "person-person-id",
  tenureIds: "person-tenure-ids",
  propertyIds: "person-property-ids",
  addressLines: "person-address-lines",
  postcode: "person-postcode",
  preferredChannel: "person-preferred-channel",
} as const;

/** The control that fixes a problem at this API path, or undefined for one no question answers. */
export function personFieldIdFor(path: string): string | undefined {
  const field = path.split(".")[0]!;
  return Object.hasOwn(personFieldIds, field) ? personFieldIds[field as keyof typeof personFieldIds] : undefined;
}

type FormReader = { get(name: string): unknown; getAll(name: string): unknown[] };

export function readPersonForm(form: FormReader): PersonFormValues {
  const text = (name: keyof PersonFormValues) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const list = (name: keyof PersonFormValues) => form.getAll(name).filter((value) => typeof value === "string");
  return {
    name: text("name"),
    kind: text("kind"),
    email: text("email"),
    mobileNumber: text("mobileNumber"),
    addressLines: text("addressLines"),
    postcode: text("postcode"),
    roles: list("roles"),
    teams: list("teams"),
    personId: text("personId"),
    tenureIds: text("tenureIds"),
    propertyIds: text("propertyIds"),
    preferredChannel: text("preferredChannel"),
  };
}

const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The body for POST (`create`: blanks left out) or PATCH (`update`: blanks clear the field) of
 * /api/v1/people, still to be checked by its schema. A resident's roles are the directory's to set.
 * Text the database cannot store (a NUL character) is refused here, naming its field, as the API's
 * handler wrapper refuses it: it would otherwise fail inside PostgreSQL and show the error page.
 */
export function personFormBody(values: PersonFormValues, mode: "create" | "update"): Record<string, unknown> {
  const blank = mode === "create" ? undefined : null;
  const optional = (text: string) => (text.trim() === "" ? blank : text);
  const addressLines = linesOf(values.addressLines);
  return storable({
    name: values.name,
    kind: values.kind === "" ? undefined : values.kind,
    email: optional(values.email),
    mobileNumber: optional(values.mobileNumber),
    addressLines: addressLines.length > 0 || mode === "update" ? addressLines : undefined,
    postcode: optional(values.postcode),
    roles: values.roles,
    teams: values.teams,
    personId: optional(values.personId),
    tenureIds: linesOf(values.tenureIds),
    propertyIds: linesOf(values.propertyIds),
    preferredChannel: optional(values.preferredChannel),
  });
}

function storable(body: Record<string, unknown>): Record<string, unknown> {
  refuseUnstorableInput(body);
  return body;
}

/** The form filled in with a person as the directory holds them, for editing. */
export function personFormValuesOf(person: PersonResponse): PersonFormValues {
  return {
    name: person.name,
    kind: person.kind,
    email: person.email ?? "",
    mobileNumber: person.mobileNumber ?? "",
    addressLines: person.addressLines.join("\n"),
    postcode: person.postcode ?? "",
    roles: person.kind === "staff" ? person.roles : [],
    teams: person.teams,
    personId: person.personId ?? "",
    tenureIds: person.tenureIds.join("\n"),
    propertyIds: person.propertyIds.join("\n"),
    preferredChannel: person.preferredChannel ?? "",
  };
}

/** An empty form for someone new: staff, the commoner case for an administrator adding by hand. */
export const newPersonFormValues: PersonFormValues = {
  name: "",
  kind: "staff",
  email: "",
  mobileNumber: "",
  addressLines: "",
  postcode: "",
  roles: [],
  teams: [],
  personId: "",
  tenureIds: "",
  propertyIds: "",
  preferredChannel: "",
};
