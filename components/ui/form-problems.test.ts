import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { messagesByField, problemsFromFailure, problemsFromRefusal } from "./form-problems";

const fieldIds: Record<string, string> = { mobileNumber: "mobile-number", "categories.0.sms": "choice-sms" };
const place = (path: string) => fieldIds[path];

describe("problemsFromFailure", () => {
  it("places each field error on its control, first message per field, in the server's order", () => {
    const error = new ApiError("bad_request", "Some choices cannot be saved", {
      errors: [
        { path: "categories.0.sms", message: "Not sent by text" },
        { path: "mobileNumber", message: "Enter a UK mobile number" },
        { path: "mobileNumber", message: "Add a UK mobile number to get texts" },
      ],
    });
    expect(problemsFromFailure(error, place, "Try again")).toEqual({
      notes: ["Some choices cannot be saved"],
      errors: [
        { fieldId: "choice-sms", message: "Not sent by text" },
        { fieldId: "mobile-number", message: "Enter a UK mobile number" },
      ],
    });
  });

  it("keeps an error the form cannot place as a sentence", () => {
    const error = new ApiError("bad_request", "Invalid body", {
      errors: [{ path: "categories.3.category", message: "This category is listed twice" }],
    });
    expect(problemsFromFailure(error, place, "Try again")).toEqual({
      notes: ["Invalid body", "This category is listed twice"],
      errors: [],
    });
  });

  it("says the fallback when the failure is not one the API explained", () => {
    expect(problemsFromFailure(new TypeError("x is undefined"), place, "Try again")).toEqual({
      notes: ["Try again"],
      errors: [],
    });
  });
});

describe("messagesByField", () => {
  it("indexes messages by control id, and is empty with no problems", () => {
    expect(messagesByField({ notes: [], errors: [{ fieldId: "mobile-number", message: "Enter one" }] })).toEqual({
      "mobile-number": "Enter one",
    });
    expect(messagesByField(null)).toEqual({});
  });
});

describe("problemsFromRefusal", () => {
  it("shows a refused save as field problems, keeping only the sentences no field explains", () => {
    const error = new ApiError("bad_request", "The request is not valid: check mobileNumber, disabled", {
      errors: [
        { path: "mobileNumber", message: "Enter a UK mobile number" },
        { path: "disabled", message: "You cannot disable yourself" },
      ],
    });
    expect(problemsFromRefusal(error, place)).toEqual({
      notes: ["You cannot disable yourself"],
      errors: [{ fieldId: "mobile-number", message: "Enter a UK mobile number" }],
    });
  });

  it("keeps the sentence of a refusal that names no field, such as a clash", () => {
    expect(problemsFromRefusal(new ApiError("conflict", "That record already exists"), place)).toEqual({
      notes: ["That record already exists"],
      errors: [],
    });
  });

  it.each([
    ["a refusal of another kind", new ApiError("forbidden", "Only administrators")],
    ["an unexpected error", new TypeError("x is undefined")],
  ])("lets %s through", (_, error) => {
    expect(problemsFromRefusal(error, place)).toBeNull();
  });
});
