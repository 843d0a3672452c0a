import { describe, expect, it } from "vitest";
import { isPostgresClosedSocketWrite } from "./tolerate-postgres-write-race";

const stackOf = (frame: string) =>
  `TypeError: Cannot read properties of null (reading 'write')\n    at ${frame}\n    at process.processImmediate (node:internal/timers:491:21)`;

function typeError(message: string, stack: string): TypeError {
  const error = new TypeError(message);
  error.stack = stack;
  return error;
}

describe("isPostgresClosedSocketWrite", () => {
  it("recognises postgres.js's deferred write to a closed socket, CommonJS and ESM builds alike", () => {
    for (const path of [
      "/srv/app/node_modules/postgres/cjs/src/connection.js:255:22",
      "/srv/app/node_modules/postgres/src/connection.js:255:22",
      "C:\\app\\node_modules\\postgres\\cjs\\src\\connection.js:255:22",
    ]) {
      const error = typeError("Cannot read properties of null (reading 'write')", stackOf(`nextWrite (${path})`));
      expect(isPostgresClosedSocketWrite(error), path).toBe(true);
    }
  });

  it("lets every other error end the process: another message, another function, another package", () => {
    const path = "/srv/app/node_modules/postgres/cjs/src/connection.js:255:22";
    expect(
      isPostgresClosedSocketWrite(
        typeError("Cannot read properties of null (reading 'end')", stackOf(`nextWrite (${path})`)),
      ),
    ).toBe(false);
    expect(
      isPostgresClosedSocketWrite(
        typeError("Cannot read properties of null (reading 'write')", stackOf(`write (${path})`)),
      ),
    ).toBe(false);
    expect(
      isPostgresClosedSocketWrite(
        typeError(
          "Cannot read properties of null (reading 'write')",
          stackOf("nextWrite (/srv/app/lib/notify/client.ts:10:5)"),
        ),
      ),
    ).toBe(false);
    const plain = new Error("Cannot read properties of null (reading 'write')");
    plain.stack = stackOf(`nextWrite (${path})`);
    expect(isPostgresClosedSocketWrite(plain)).toBe(false);
    expect(isPostgresClosedSocketWrite("Cannot read properties of null (reading 'write')")).toBe(false);
  });
});
