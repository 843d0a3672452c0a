import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createLogger } from "./logger";

// Real failing queries on the test database, logged through the real logger into memory.

const database = setUpTestDatabase();
const email = "rosa.private@resident.example";
const name = "Rosa Private-Name";

function capture() {
  const lines: string[] = [];
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "info";
  const logger = createLogger(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  process.env.LOG_LEVEL = previous;
  return { logger, lines };
}

async function failureOf(run: () => Promise<unknown>): Promise<Error> {
  const error = await run().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error("expected the query to fail");
  return error;
}

const selectByIdGivenAnEmail = () =>
  failureOf(() =>
    database.handle.db
      .select()
      .from(users)
      .where(sql`${users.id} = ${email}`),
  );
const insertDuplicate = () =>
  failureOf(() => database.handle.db.insert(users).values({ email: email.toUpperCase(), name, roles: ["resident"] }));

beforeAll(async () => {
  await database.handle.db.insert(users).values({ email, name: "Rosa", roles: ["resident"] });
});

describe("failed-query logs", () => {
  it("keep the query and the database's reason but not the parameters (message, stack, params)", async () => {
    const { logger, lines } = capture();
    logger.error({ err: await selectByIdGivenAnEmail() }, "request failed");
    expect(lines[0]!.toLowerCase()).not.toContain(email);
    const { err } = JSON.parse(lines[0]!);
    expect(err.params).toBeUndefined();
    expect(err.query).toMatch(/from "users" where "users"."id" = \$1/);
    expect(err.message).toContain("params: [redacted]");
    expect(err.message).toContain('invalid input syntax for type uuid: "[redacted]"');
    expect(err.stack).toContain("params: [redacted]");
  });

  it("leave out every value of an insert, a quoted column name intact", async () => {
    const { logger, lines } = capture();
    logger.error({ err: await insertDuplicate() }, "request failed");
    expect(lines[0]!.toLowerCase()).not.toContain(email);
    expect(lines[0]).not.toContain(name);
    expect(JSON.parse(lines[0]!).err.message).toMatch(/insert into "users" \("id", .*"email", "name"/);
  });

  it("redact a failed query that is only the cause of the logged error, and an error logged on its own", async () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error("could not save the person", { cause: await insertDuplicate() }) }, "failed");
    logger.error(await selectByIdGivenAnEmail());
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.toLowerCase()).not.toContain(email);
    expect(JSON.parse(lines[0]!).err.message).toContain("could not save the person: Failed query:");
    expect(JSON.parse(lines[1]!).msg).toContain("params: [redacted]");
  });

  it("redact the values in the driver's own error detail, keeping the columns", async () => {
    const { logger, lines } = capture();
    const driverError = (await insertDuplicate()).cause;
    expect(driverError).toMatchObject({ detail: expect.stringContaining(email) });
    logger.error({ err: driverError }, "request failed");
    expect(lines[0]!.toLowerCase()).not.toContain(email);
    expect(JSON.parse(lines[0]!).err.detail).toMatch(/^Key \(.*email.*\)=\(\[redacted\]\) already exists/);
  });

  it("leave an error that is no failed query as it was", async () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('no person called "Rosa"'), error: "plain text" }, "failed");
    const logged = JSON.parse(lines[0]!);
    expect(logged.err.message).toBe('no person called "Rosa"');
    expect(logged.error).toBe("plain text");
    // A successful read afterwards still finds the row: the failures above changed nothing.
    expect(await database.handle.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});
