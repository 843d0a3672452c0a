import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "info";
  const logger = createLogger(stream);
  process.env.LOG_LEVEL = previous;
  return { logger, lines };
}

describe("logger", () => {
  it("writes JSON lines with the correlation id it is given", () => {
    const { logger, lines } = capture();
    logger.info({ correlationId: "abc-123" }, "hello");
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: "hello",
      correlationId: "abc-123",
      service: "notification-centre",
    });
  });

  it.each([
    ["authorization", { authorization: "Bearer nck_secret" }],
    ["nested header", { headers: { authorization: "Bearer nck_secret", cookie: "next-auth.session-token=secret" } }],
    ["api key", { client: { apiKey: "nck_secret" } }],
    ["password", { password: "secret" }],
  ])("never writes a secret (%s)", (_name, fields) => {
    const { logger, lines } = capture();
    logger.info(fields, "request");
    expect(lines[0]).not.toContain("secret");
    expect(lines[0]).toContain("[redacted]");
  });

  it("is still built when LOG_LEVEL is bad, at the default level (silent under Vitest): start-up names the variable", () => {
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "verbose";
    try {
      expect(createLogger(new Writable({ write: (_chunk, _encoding, done) => done() })).level).toBe("silent");
    } finally {
      process.env.LOG_LEVEL = previous;
    }
  });
});
