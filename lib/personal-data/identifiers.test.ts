import { describe, expect, it } from "vitest";
import { eraseJson, identifiersOf, scrubJson, scrubText } from "./identifiers";

const { everywhere, connected } = identifiersOf({
  name: "Ann Lee",
  email: "ann.lee@resident.example",
  mobileNumber: "447700900123",
  addressLines: ["Flat 2", "London"],
  postcode: "E8 1DY",
});

describe("scrubText", () => {
  it.each([
    ["Call Ann Lee today", "Call [erased] today"],
    ["call ANN LEE today", "call [erased] today"],
    ["Annual Leeway review", "Annual Leeway review"],
    ["Mail ann.lee@resident.example or ring 07700 900123", "Mail [erased] or ring [erased]"],
    ["+447700900123, 07700900123, 447700900123", "[erased], [erased], [erased]"],
    ["477009001234", "477009001234"],
    ["Ann Lee", "[erased]"],
  ])("%s → %s", (input, expected) => {
    expect(scrubText(input, everywhere)).toBe(expected);
  });

  it("erases address lines and the postcode only as whole values, and only for rows about the person", () => {
    expect(scrubText("London", connected)).toBe("[erased]");
    expect(scrubText("E8 1DY", connected)).toBe("[erased]");
    expect(scrubText("London", everywhere)).toBe("London");
    expect(scrubText("Flats in London", connected)).toBe("Flats in London");
  });
});

describe("scrubJson and eraseJson", () => {
  it("keep keys, numbers and the shape, changing only strings", () => {
    const value = {
      name: "Ann Lee",
      lines: ["Flat 2", "Hackney"],
      count: 3,
      ok: true,
      nested: { note: "Ann Lee said" },
    };
    expect(scrubJson(value, connected)).toEqual({
      name: "[erased]",
      lines: ["[erased]", "Hackney"],
      count: 3,
      ok: true,
      nested: { note: "[erased] said" },
    });
    expect(eraseJson(value)).toEqual({
      name: "[erased]",
      lines: ["[erased]", "[erased]"],
      count: 3,
      ok: true,
      nested: { note: "[erased]" },
    });
  });
});
