import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/api/problem";
import {
  checkPerson,
  createPersonBodySchema,
  mergePersonRecord,
  newPersonRecord,
  updatePersonBodySchema,
  type PersonRecord,
} from "./person-schema";

// Every rule a person's record must keep, one row each: the field named and the message given.

const staff = { name: "Jane Smith", kind: "staff", email: "jane.smith@council.example", roles: ["finance-officer"] };
const resident = { name: "Rosa Alvarez", kind: "resident" };
const address = { addressLines: ["Flat 3, Alder House", "12 Mare Street"], postcode: "e84rp" };
const tenureId = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01";

/** The problems a create body has, from the field rules and then the rules between fields. */
function problemsOf(body: Record<string, unknown>): { path: string; message: string }[] {
  const parsed = createPersonBodySchema.safeParse(body);
  if (!parsed.success) return fieldErrorsOf(parsed.error.issues);
  const checked = checkPerson(newPersonRecord(parsed.data));
  return checked.ok ? [] : checked.problems;
}

function storedAs(body: Record<string, unknown>): PersonRecord {
  const checked = checkPerson(newPersonRecord(createPersonBodySchema.parse(body)));
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
}

describe("a person's fields", () => {
  it.each<[string, Record<string, unknown>, string, string | RegExp]>([
    ["no name", { ...staff, name: undefined }, "name", "Enter the person's name"],
    ["a blank name", { ...staff, name: "   " }, "name", "Enter the person's name"],
    ["a name too long", { ...staff, name: "x".repeat(201) }, "name", "Must be at most 200 characters"],
    ["no kind", { ...staff, kind: undefined }, "kind", "Must be one of staff, resident"],
    ["an unknown kind", { ...staff, kind: "contractor" }, "kind", "Must be one of staff, resident"],
    ["an email Notify refuses", { ...staff, email: "jane.smith@council" }, "email", "Not a valid email address"],
    [
      "an email with two dots",
      { ...staff, email: "jane..smith@council.example" },
      "email",
      "Not a valid email address",
    ],
    ["an email that is not text", { ...staff, email: 42 }, "email", "Must be text"],
    ["a mobile with letters", { ...resident, mobileNumber: "07700 9001OO" }, "mobileNumber", /letters or symbols/],
    ["a mobile too short", { ...resident, mobileNumber: "07700 900" }, "mobileNumber", "Not enough digits"],
    ["a landline", { ...resident, mobileNumber: "020 7946 0000" }, "mobileNumber", "Not a UK mobile number"],
    ["an international mobile", { ...resident, mobileNumber: "+33 6 12 34 56 78" }, "mobileNumber", /international/],
    ["address lines that are not a list", { ...resident, addressLines: "12 Mare Street" }, "addressLines", /list/],
    ["no address lines", { ...resident, addressLines: [], postcode: "E8 4RP" }, "addressLines", /at least 1/],
    [
      "seven address lines",
      { ...resident, addressLines: ["a", "b", "c", "d", "e", "f", "g"] },
      "addressLines",
      /at most 6/,
    ],
    ["an address line too long", { ...resident, addressLines: ["x".repeat(256)] }, "addressLines.0", /at most 255/],
    ["a blank postcode", { ...resident, postcode: " " }, "postcode", "Enter the postcode"],
    ["a postcode too long", { ...resident, postcode: "E8 4RP".repeat(4) }, "postcode", /at most 20/],
    ["an unknown role", { ...staff, roles: ["chief-executive"] }, "roles.0", /Must be one of finance-officer/],
    ["roles that are not a list", { ...staff, roles: "admin" }, "roles", "Must be a list of roles"],
    ["a team key with capitals and spaces", { ...staff, teams: ["Finance Team"] }, "teams.0", /lower-case/],
    ["a personId that is not a uuid", { ...resident, personId: "12345" }, "personId", /uuid/],
    ["a tenure id that is not a uuid", { ...resident, tenureIds: ["T-1"] }, "tenureIds.0", "Must be a uuid"],
    ["a property id that is not a uuid", { ...resident, propertyIds: ["P-1"] }, "propertyIds.0", "Must be a uuid"],
    ["an unknown channel", { ...resident, preferredChannel: "fax" }, "preferredChannel", /email, sms, letter/],
    ["disabled that is not a boolean", { ...staff, disabled: "yes" }, "disabled", "Must be true or false"],
  ])("refuses %s", (_, body, path, message) => {
    const problems = problemsOf(body);
    expect(problems.map((problem) => problem.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe("the rules between a person's fields", () => {
  it.each<[string, Record<string, unknown>, string, string | RegExp]>([
    ["staff without an email", { ...staff, email: undefined }, "email", /Staff sign in by email/],
    ["staff without a role", { ...staff, roles: [] }, "roles", "Give staff at least one role"],
    ["staff holding the resident role", { ...staff, roles: ["resident"] }, "roles", /set kind to resident/],
    ["staff with a council person id", { ...staff, personId: tenureId }, "personId", /Only residents/],
    ["staff with tenures", { ...staff, tenureIds: [tenureId] }, "tenureIds", /Only residents/],
    ["staff with properties", { ...staff, propertyIds: [tenureId] }, "propertyIds", /Only residents/],
    ["a resident with a staff role", { ...resident, roles: ["resident", "admin"] }, "roles", /resident role only/],
    ["a resident in a team", { ...resident, teams: ["finance"] }, "teams", "Residents are not in teams"],
    [
      "address lines without a postcode",
      { ...resident, addressLines: ["1 Mare Street", "London"] },
      "postcode",
      /postcode/,
    ],
    ["a postcode without lines", { ...resident, postcode: "E8 4RP" }, "addressLines", /address lines/],
    [
      "one line and a postcode",
      { ...resident, addressLines: ["1 Mare Street"], postcode: "E8 4RP" },
      "addressLines",
      /at least 3 lines/,
    ],
    [
      "a postcode that is not real",
      { ...resident, ...address, postcode: "ZZ1 1ZZ" },
      "postcode",
      "Must be a real UK postcode",
    ],
    [
      "a first line of symbols",
      { ...resident, ...address, addressLines: ["***", "12 Mare Street"] },
      "addressLines.0",
      /alphanumeric/,
    ],
    [
      "a line starting with a forbidden character",
      { ...resident, ...address, addressLines: ["Flat 3", "=12 Mare Street"] },
      "addressLines.1",
      /must not start/,
    ],
    [
      "no fixed abode",
      { ...resident, ...address, addressLines: ["NFA", "12 Mare Street"] },
      "addressLines.0",
      "Must be a real address",
    ],
    [
      "email preferred but no email",
      { ...resident, preferredChannel: "email" },
      "preferredChannel",
      /Add an email address/,
    ],
    [
      "texts preferred but no mobile",
      { ...resident, preferredChannel: "sms" },
      "preferredChannel",
      /Add a mobile number/,
    ],
    [
      "letters preferred but no address",
      { ...resident, preferredChannel: "letter" },
      "preferredChannel",
      /Add a postal address/,
    ],
  ])("refuses %s", (_, body, path, message) => {
    const problems = problemsOf(body);
    expect(problems.map((problem) => problem.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });

  it("lists every problem at once", () => {
    const problems = problemsOf({ name: "Jo", kind: "staff", teams: ["finance"], preferredChannel: "sms" });
    expect(problems.map((problem) => problem.path)).toEqual(["email", "roles", "preferredChannel"]);
  });
});

describe("a person as stored", () => {
  it("normalises contacts and the address as Notify does", () => {
    expect(
      storedAs({
        ...resident,
        email: " rosa@resident.example ",
        mobileNumber: "07700 900 101",
        addressLines: ["  Flat 3,  Alder House ", "", "12 Mare Street,"],
        postcode: "e8 4rp",
        preferredChannel: "letter",
      }),
    ).toMatchObject({
      email: "rosa@resident.example",
      mobileNumber: "447700900101",
      addressLines: ["Flat 3, Alder House", "12 Mare Street"],
      postcode: "E8 4RP",
      preferredChannel: "letter",
    });
  });

  it("gives a resident the resident role and nothing else, and drops repeated entries", () => {
    expect(storedAs({ ...resident, tenureIds: [tenureId, tenureId] })).toMatchObject({
      roles: ["resident"],
      teams: [],
      tenureIds: [tenureId],
    });
    expect(storedAs({ ...staff, roles: ["admin", "admin"], teams: ["finance", "finance"] })).toMatchObject({
      roles: ["admin"],
      teams: ["finance"],
      disabled: false,
    });
  });

  it("lets a resident be known by text or letter alone, with no email", () => {
    expect(storedAs({ ...resident, ...address, preferredChannel: "letter" }).email).toBeNull();
  });
});

describe("a PATCH", () => {
  const current = storedAs({ ...resident, ...address, mobileNumber: "07700900101", preferredChannel: "sms" });
  const patched = (body: Record<string, unknown>) => {
    const parsed = updatePersonBodySchema.safeParse(body);
    if (!parsed.success) return { ok: false as const, problems: fieldErrorsOf(parsed.error.issues) };
    return checkPerson(mergePersonRecord(current, parsed.data));
  };

  it("changes only the fields sent", () => {
    const result = patched({ name: "Rosa Alvarez-Ruiz" });
    expect(result).toEqual({ ok: true, value: { ...current, name: "Rosa Alvarez-Ruiz" } });
  });

  it("clears a detail with null, and checks the whole record after", () => {
    expect(patched({ postcode: null, addressLines: [] })).toMatchObject({ ok: true, value: { postcode: null } });
    expect(patched({ mobileNumber: null })).toMatchObject({
      ok: false,
      problems: [{ path: "preferredChannel", message: "Add a mobile number to send them texts" }],
    });
    expect(patched({ mobileNumber: null, preferredChannel: null })).toMatchObject({ ok: true });
  });

  it("checks the fields sent with the same rules", () => {
    expect(patched({ name: "", email: "nope" })).toMatchObject({
      ok: false,
      problems: [{ path: "name" }, { path: "email" }],
    });
    expect(patched({ kind: "staff" })).toMatchObject({ ok: false, problems: [{ path: "email" }, { path: "roles" }] });
  });
});
