import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { planColumns } from "./columns";
import { parseBatchCsv } from "./parse-csv";

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("parseBatchCsv", () => {
  it("keeps the file line each row starts on, across quoted line breaks, blank lines and a BOM", () => {
    const csv = '\ufeffemail,summary\r\na@example.com,"two\nlines"\r\n\r\nb@example.com,one\r\n';
    expect(parseBatchCsv(csv)).toEqual({
      header: ["email", "summary"],
      rows: [
        { line: 2, cells: ["a@example.com", "two\nlines"] },
        { line: 5, cells: ["b@example.com", "one"] },
      ],
    });
  });

  it.each([
    ["an empty file", "", "file"],
    ["a header with no rows", "email,name\n", "line 2"],
    ["an unclosed quote", 'email,name\na@example.com,"Rosa\n', "line 2"],
  ])("refuses %s with 400", (_case, csv, path) => {
    const error = failure(() => parseBatchCsv(csv));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.path).toBe(path);
  });

  it("refuses more than 10,000 rows", () => {
    const csv = `email\n${"a@example.com\n".repeat(10_001)}`;
    const error = failure(() => parseBatchCsv(csv));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/10001 rows/);
  });
});

describe("planColumns", () => {
  it("accepts Notify's spellings of the recipient columns", () => {
    expect(planColumns("Email", ["Email address", "first_name"]).map((column) => column.target)).toEqual([
      { recipient: "email" },
      { personalisation: "first_name" },
    ]);
    expect(planColumns("Text", ["phone number"])[0]!.target).toEqual({ recipient: "mobileNumber" });
    expect(
      planColumns("Letter", ["address line 1", "address_line_2", "postcode"]).map((column) => column.target),
    ).toEqual([{ recipient: "addressLine1" }, { recipient: "addressLine2" }, { recipient: "postcode" }]);
  });

  it.each([
    ["Email", ["name"], ["line 1: email"]],
    ["Text", ["email"], ["line 1: mobileNumber"]],
    ["Letter", ["address_line_1", "postcode"], ["line 1: address_line_2"]],
    ["Email", ["email", "Name", "name"], ["line 1: name"]],
  ] as const)("refuses a %s header %j", (type, header, paths) => {
    const error = failure(() => planColumns(type, [...header]));
    expect(error.errors?.map((entry) => entry.path)).toEqual(paths);
  });
});
