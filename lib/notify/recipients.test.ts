import { describe, expect, it } from "vitest";
import {
  normalisePostcode,
  phoneMessages,
  validateEmailAddress,
  validateUkAddress,
  validateUkMobileNumber,
} from "./recipients";

describe("validateEmailAddress (Notify's rules)", () => {
  it.each([
    "test@example.com",
    "firstname.o'lastname@domain.com",
    "japanese-info@例え.テスト",
    "  padded@example.co.uk  ",
    "zero\u200Bwidth@example.gov.uk",
  ])("accepts %s", (email) => {
    expect(validateEmailAddress(email).ok).toBe(true);
  });

  it.each([
    "",
    "plainaddress",
    "email@123.123.123.123",
    "brackets(in)local@domain.com",
    "local-with-’-apostrophe@domain.com",
    "underscores-in-domain@dom_ain.com",
    "two..dots@example.com",
    "no-tld@example",
    "trailing-hyphen@example-.com",
    "numeric-tld@example.c0m",
    `${"a".repeat(310)}@example.com`,
  ])("rejects %j with Notify's message", (email) => {
    expect(validateEmailAddress(email)).toEqual({ ok: false, message: "Not a valid email address" });
  });
});

describe("validateUkMobileNumber (Notify's rules)", () => {
  it.each([
    ["7723456789", "447723456789"],
    ["07723 456789", "447723456789"],
    ["07723-456-789", "447723456789"],
    ["00447723456789", "447723456789"],
    ["+44 (0)7723 456 789", "447723456789"],
    ["07700 900003", "447700900003"],
    ["07700900002", "447700900002"],
  ])("accepts %s as %s", (input, normalised) => {
    expect(validateUkMobileNumber(input)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    ["07700 9000ab", phoneMessages.unknownCharacter],
    ["", phoneMessages.tooShort],
    ["0772345678", phoneMessages.tooShort],
    ["077234567890", phoneMessages.tooLong],
    ["020 7946 0000", phoneMessages.notUkMobile],
    ["+1 202 555 0143", phoneMessages.international],
  ])("rejects %j: %s", (input, message) => {
    expect(validateUkMobileNumber(input)).toEqual({ ok: false, message });
  });
});

describe("letter addresses (Notify's rules)", () => {
  it.each([
    ["sw1a1aa", "SW1A 1AA"],
    ["E8 1DY", "E8 1DY"],
    [" ec1a  1bb ", "EC1A 1BB"],
  ])("formats the postcode %j as %j", (input, formatted) => {
    expect(normalisePostcode(input)).toBe(formatted);
  });

  it.each(["QQ1 1AA", "SW1A", "12345", "SW1A 1AAA"])("rejects the postcode %j", (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });

  it("accepts three or more lines with a postcode last, dropping blanks", () => {
    expect(validateUkAddress(["Flat 1", "", "1 Mare Street", "London", "e8 1dy", undefined, undefined])).toEqual({
      ok: true,
      value: ["Flat 1", "1 Mare Street", "London", "E8 1DY"],
    });
  });

  it.each([
    [["1 Mare Street", "E8 1DY"], null, "Address must be at least 3 lines"],
    [["1 Mare Street", "London", "Not a postcode"], 2, "Must be a real UK postcode"],
    [
      ["---", "London", "E8 1DY"],
      0,
      "The first 2 lines of the address must both include at least one alphanumeric character",
    ],
    [
      ["=cmd()", "London", "E8 1DY"],
      0,
      "Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < >",
    ],
    [["NFA", "London", "E8 1DY"], 0, "Must be a real address"],
  ])("rejects %j", (lines, line, message) => {
    const result = validateUkAddress(lines as string[]);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems).toContainEqual({ line, message });
  });
});
