import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config.mjs";
import { importFileTooLarge, maxImportBytes } from "./import-limits";

// The admin page posts the CSV to a server action, whose body Next limits (1 MB unless told):
// the page must take what the API takes, and say so plainly when a file is larger.

describe("the people import's size", () => {
  it("fits in a server action's body, with room for the form's other fields", () => {
    const { serverActions, proxyClientMaxBodySize } = nextConfig.experimental ?? {};
    for (const limit of [serverActions?.bodySizeLimit, proxyClientMaxBodySize]) {
      expect(typeof limit).toBe("number");
      expect(limit).toBeGreaterThanOrEqual(maxImportBytes + 64 * 1024);
    }
  });

  it.each([
    [1, null],
    [maxImportBytes, null],
    [maxImportBytes + 1, "The file is 20.1 MB, larger than the 20 MB an import takes: split it into smaller files"],
    [31.5 * 1024 * 1024, "The file is 31.5 MB, larger than the 20 MB an import takes: split it into smaller files"],
  ])("refuses a file of %d bytes with %j", (bytes, message) => {
    expect(importFileTooLarge(bytes)).toBe(message);
  });
});
