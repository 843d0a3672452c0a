import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { recipientLimiter } from "@/lib/api/rate-limit";
import type { PersonCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { visitDueEmail, visitDueFields } from "./testing/bodies";
import { rowCount } from "./testing/notification-routes";
import { setUpNotificationsApi } from "./testing/set-up-notifications-api";
import { createSetChunkSize, submitNotifications, type NotificationInput } from "./submit-notifications";

// The pipeline as a JSON bulk request would use it: bodies in an array, problems named by index.

const { database, demo } = setUpNotificationsApi({ notify: true });
let caller: PersonCaller;
let graceId: string;
let faridId: string;

beforeAll(async () => {
  caller = (await findPersonCaller(database.handle.db, demo.people.fiona!.id))!;
  graceId = demo.people.grace!.id;
  faridId = demo.people.farid!.id;
});

const screen = (message: string, userId = graceId) => ({ notificationType: "Screen", message, recipient: { userId } });
const screens = (count: number, recipient: object) =>
  Array.from({ length: count }, (_, index) => ({ notificationType: "Screen", message: `No. ${index}`, recipient }));

function submit(bodies: unknown[]) {
  return submitNotifications(database.handle.db, caller, {
    inputs: bodies.map((body): NotificationInput => ({ body })),
    idempotencyKey: null,
    idempotentRequest: (validated) => validated,
    locate: (index, error) => ({ ...error, path: `${index}.${error.path}` }),
    respond: (created) => ({ status: 201, body: created.map(({ notification }) => notification.message) }),
  });
}

async function failure(run: Promise<unknown>): Promise<ApiError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const notificationCount = () => rowCount(database.handle.db, notifications);

describe("submitNotifications", () => {
  it("creates every input, in order, and answers with what respond makes of them", async () => {
    const answer = await submit([screen("First"), screen("Second")]);
    expect(answer).toEqual({ status: 201, body: ["First", "Second"], replayed: false });
  });

  it("names every failing field of every input by its index, contract and template alike, and creates nothing", async () => {
    const before = await notificationCount();
    const { action_url: _missing, ...fieldsButTheLink } = visitDueFields;
    const email = { ...visitDueEmail, personalisationParams: fieldsButTheLink };
    const error = await failure(submit([screen("Fine"), { notificationType: "Screen" }, email]));
    expect(error.status).toBe(400);
    expect(error.errors?.map((entry) => entry.path)).toEqual([
      "1.message",
      "1.recipient",
      "2.personalisationParams.action_url",
    ]);
    expect(await notificationCount()).toBe(before);
  });

  it("creates more than one chunk of the set-based create in input order, and takes every chunk back with a refused last item", async () => {
    const count = createSetChunkSize * 2 + 1;
    const emails = Array.from({ length: count }, (_, index) => ({
      ...visitDueEmail,
      email: `chunk.${index}@example.com`,
    }));
    const answer = await submitNotifications(database.handle.db, caller, {
      inputs: emails.map((body): NotificationInput => ({ body })),
      idempotencyKey: null,
      idempotentRequest: (validated) => validated,
      locate: (_index, error) => error,
      respond: (created) => ({ status: 201, body: created.map(({ notification }) => notification.email) }),
    });
    expect(answer.body).toEqual(emails.map((email) => email.email));
    const before = await notificationCount();
    const again = emails.slice(1).map((body, index) => ({ ...body, email: `again.${index}@example.com` }));
    const error = await failure(submit([...again, { ...screen("Last"), recipient: { team: "no-such-team" } }]));
    expect(error.errors?.map((entry) => entry.path)).toEqual([`${count - 1}.recipient.team`]);
    expect(await notificationCount()).toBe(before);
  });

  it("applies the per-recipient cap across the inputs of one request", async () => {
    const before = await notificationCount();
    // Farid has had nothing from this caller yet, so the cap is whole.
    const bodies = Array.from({ length: recipientLimiter.limit + 1 }, (_, index) => screen(`Capped ${index}`, faridId));
    const error = await failure(submit(bodies));
    expect(error.status).toBe(429);
    expect(error.errors?.map((entry) => entry.path)).toEqual([`${recipientLimiter.limit}.recipient`]);
    expect(await notificationCount()).toBe(before);
  });

  // Each of these passed before the caps counted resolved people: the key was the raw recipient JSON.
  it("counts a person addressed by an id in capitals in the same window as by the id itself", async () => {
    const robId = demo.people.rob!.id;
    await submit(screens(recipientLimiter.limit, { userId: robId }));
    const error = await failure(submit(screens(1, { userId: robId.toUpperCase() })));
    expect(error.status).toBe(429);
    expect(error.errors?.map((entry) => entry.path)).toEqual(["0.recipient"]);
  });

  it.each([
    ["their team", "hana", { team: "housing-officers" }],
    ["their role", "alex", { role: "admin" }],
  ])("counts a person reached through %s and then by id in one window", async (_case, name, recipient) => {
    await submit(screens(recipientLimiter.limit, recipient));
    const before = await notificationCount();
    const error = await failure(submit(screens(1, { userId: demo.people[name]!.id })));
    expect(error.status).toBe(429);
    expect(await notificationCount()).toBe(before);
  });

  it("spends nobody's allowance on a refused request", async () => {
    const deeId = demo.people.dee!.id;
    expect((await failure(submit(screens(recipientLimiter.limit + 1, { userId: deeId })))).status).toBe(429);
    const answer = await submit(screens(recipientLimiter.limit, { userId: deeId }));
    expect(answer.status).toBe(201);
  });

  it("gives the allowance back when the request fails after its creates", async () => {
    const raviId = demo.people.ravi!.id;
    const failing = submitNotifications(database.handle.db, caller, {
      inputs: screens(recipientLimiter.limit, { userId: raviId }).map((body): NotificationInput => ({ body })),
      idempotencyKey: null,
      idempotentRequest: (validated) => validated,
      locate: (_index, error) => error,
      respond: () => {
        throw new Error("the response could not be made");
      },
    });
    await expect(failing).rejects.toThrow("the response could not be made");
    expect((await submit(screens(recipientLimiter.limit, { userId: raviId }))).status).toBe(201);
  });
});
