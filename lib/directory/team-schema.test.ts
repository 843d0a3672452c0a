import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/api/problem";
import { createTeamBodySchema, updateTeamBodySchema } from "./team-schema";

// Every rule a team's fields must keep, one row each. Whether members and managers are staff in the
// directory is a database check, tested with the routes.

const team = { key: "estate-services", name: "Estate services" };
const id = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01";

describe("a team's fields", () => {
  it.each<[string, Record<string, unknown>, string, string | RegExp]>([
    ["no key", { ...team, key: undefined }, "key", "Must be a team key"],
    ["a key with capitals", { ...team, key: "Estate" }, "key", /lower-case/],
    ["a key with spaces", { ...team, key: "estate services" }, "key", /lower-case/],
    ["a key with a trailing hyphen", { ...team, key: "estate-" }, "key", /lower-case/],
    ["a key too long", { ...team, key: "e".repeat(51) }, "key", "Must be at most 50 characters"],
    ["no name", { ...team, name: undefined }, "name", "Enter the team's name"],
    ["a blank name", { ...team, name: " " }, "name", "Enter the team's name"],
    ["a member id that is not a uuid", { ...team, members: ["fiona"] }, "members.0", /person's id/],
    ["members that are not a list", { ...team, members: id }, "members", /list of members' ids/],
    ["a manager id that is not a uuid", { ...team, managers: [1] }, "managers.0", /person's id/],
    ["the resident role as manager role", { ...team, managerRole: "resident" }, "managerRole", /Must be one of/],
    ["an unknown manager role", { ...team, managerRole: "boss" }, "managerRole", /Must be one of/],
  ])("refuses %s", (_, body, path, message) => {
    const parsed = createTeamBodySchema.safeParse(body);
    const problems = parsed.success ? [] : fieldErrorsOf(parsed.error.issues);
    expect(problems.map((problem) => problem.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });

  it("keeps each member once, and takes a null manager role", () => {
    expect(createTeamBodySchema.parse({ ...team, members: [id, id], managerRole: null })).toEqual({
      ...team,
      members: [id],
      managerRole: null,
    });
  });

  it("takes a PATCH of any field but the key", () => {
    expect(updateTeamBodySchema.parse({ name: "Estates", key: "ignored" })).toEqual({ name: "Estates" });
  });
});
