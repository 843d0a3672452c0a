import { describe, expect, it } from "vitest";
import { peopleHref, peopleSearchSchema } from "./people-search";

describe("peopleSearchSchema", () => {
  it.each([
    [{}, {}],
    [
      { q: "  khan ", kind: "staff", team: "finance", status: "disabled" },
      { q: "khan", kind: "staff", team: "finance", status: "disabled" },
    ],
    [{ q: "", kind: "", team: "", status: "" }, {}],
    [{ kind: "robot", team: "Not A Key", status: "gone", after: "x".repeat(501) }, {}],
  ])("reads %o as %o", (query, search) => {
    expect(peopleSearchSchema.parse(query)).toEqual(search);
  });
});

describe("peopleHref", () => {
  it("links to the view, leaving out what is not set", () => {
    expect(peopleHref({})).toBe("/admin/people");
    expect(peopleHref({ q: "o'brien & co", team: "finance", after: "abc" })).toBe(
      "/admin/people?q=o%27brien+%26+co&team=finance&after=abc",
    );
    expect(peopleHref(peopleSearchSchema.parse({ q: "rosa", kind: "resident" }))).toBe(
      "/admin/people?q=rosa&kind=resident",
    );
  });
});
