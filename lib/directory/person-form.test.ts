import { describe, expect, it } from "vitest";
import { problemsFromRefusal } from "@/components/ui/form-problems";
import { unstorableTextMessage } from "@/lib/api/storable-input";
import {
  newPersonFormValues,
  personFieldIdFor,
  personFieldIds,
  personFormBody,
  personFormValuesOf,
  readPersonForm,
  type PersonFormValues,
} from "./person-form";
import type { PersonResponse } from "./person-responses";
import {
  checkPerson,
  createPersonBodySchema,
  mergePersonRecord,
  newPersonRecord,
  updatePersonBodySchema,
  type PersonRecord,
} from "./person-schema";

const resident: PersonResponse = {
  id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a99",
  kind: "resident",
  name: "Sol Reyes",
  email: null,
  mobileNumber: "447700900123",
  addressLines: ["Flat 1, Alder House", "12 Mare Street"],
  postcode: "E8 4RP",
  roles: ["resident"],
  teams: [],
  personId: "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
  tenureIds: ["1b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "2b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"],
  propertyIds: [],
  preferredChannel: "letter",
  disabled: false,
  disabledAt: null,
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
};

const recordOf = ({ id: _id, disabledAt: _at, createdAt: _created, updatedAt: _updated, ...record }: PersonResponse) =>
  record satisfies PersonRecord;
const form = (values: Partial<PersonFormValues>): PersonFormValues => ({ ...newPersonFormValues, ...values });

describe("readPersonForm", () => {
  it("reads each answer as text and the ticked boxes as lists, leaving files and missing fields empty", () => {
    const data = new FormData();
    data.set("name", "Priya Shah");
    data.append("roles", "housing-officer");
    data.append("roles", "admin");
    data.set("email", new Blob(["not text"]));
    expect(readPersonForm(data)).toEqual({
      ...newPersonFormValues,
      kind: "",
      name: "Priya Shah",
      roles: ["housing-officer", "admin"],
    });
  });
});

describe("personFormBody", () => {
  it.each([
    ["create", undefined, undefined],
    ["update", null, []],
  ] as const)("for %s, blank answers are %s (lists %o)", (mode, blank, emptyList) => {
    const body = personFormBody(form({ name: "Priya Shah" }), mode);
    expect(body).toEqual({
      name: "Priya Shah",
      kind: "staff",
      email: blank,
      mobileNumber: blank,
      addressLines: emptyList,
      postcode: blank,
      roles: [],
      teams: [],
      personId: blank,
      tenureIds: [],
      propertyIds: [],
      preferredChannel: blank,
    });
  });

  it("takes one address line or id per line, ignoring blank lines and spaces", () => {
    const body = personFormBody(
      form({ addressLines: " Flat 1 \r\n\r\n12 Mare Street\n", tenureIds: "a\n\n b \n" }),
      "create",
    );
    expect(body).toMatchObject({ addressLines: ["Flat 1", "12 Mare Street"], tenureIds: ["a", "b"] });
  });

  it("gives back a person unchanged when their own details are saved again", () => {
    const body = updatePersonBodySchema.parse(personFormBody(personFormValuesOf(resident), "update"));
    const before = recordOf(resident);
    const after = checkPerson(mergePersonRecord(before, body));
    expect(after).toEqual({ ok: true, value: before });
  });

  it("lets the contract name each problem with a new staff member, on the question that fixes it", () => {
    const body = createPersonBodySchema.parse(
      personFormBody(form({ name: "Priya Shah", postcode: "E8 1EA" }), "create"),
    );
    const checked = checkPerson(newPersonRecord(body));
    expect(checked.ok).toBe(false);
    const fields = checked.ok ? [] : checked.problems.map((problem) => personFieldIdFor(problem.path));
    expect(fields).toEqual([personFieldIds.email, personFieldIds.roles, personFieldIds.addressLines]);
  });

  // PostgreSQL text cannot hold U+0000: without this a pasted NUL reaches the database and the
  // administrator gets the error page instead of a message on the question.
  it.each<[Partial<PersonFormValues>, string]>([
    [{ name: "Priya\u0000Shah" }, personFieldIds.name],
    [{ addressLines: "Flat 1\n12 Mare\u0000 Street" }, personFieldIds.addressLines],
    [{ personId: "\u0000" }, personFieldIds.personId],
  ])("refuses text the database cannot store, on its question (%j)", (answers, fieldId) => {
    for (const mode of ["create", "update"] as const) {
      const refusal = problemsFromRefusal(
        captured(() => personFormBody(form({ name: "Priya Shah", ...answers }), mode)),
        personFieldIdFor,
      );
      expect(refusal?.errors).toEqual([{ fieldId, message: unstorableTextMessage }]);
    }
  });
});

function captured(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("personFieldIdFor", () => {
  it.each([
    ["name", personFieldIds.name],
    ["addressLines.2", personFieldIds.addressLines],
    ["teams.0", personFieldIds.teams],
    ["tenureIds.1", personFieldIds.tenureIds],
    ["disabled", undefined],
    ["toString", undefined],
  ])("places a problem with %s on %s", (path, fieldId) => {
    expect(personFieldIdFor(path)).toBe(fieldId);
  });
});
