import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { subscriptions } from "@/db/schema";
import { createApiClient } from "@/lib/auth/api-clients";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { latestExpiresOn } from "@/lib/subscriptions/expiry";
import { signWebhook, signingSecretsOf } from "@/lib/subscriptions/signing";
import { callRoute } from "@/lib/testing/call-route";
import * as eventTypesRoute from "../event-types/route";
import * as itemRoute from "./[id]/route";
import * as secretRoute from "./[id]/secret/route";
import * as listRoute from "./route";

// The subscriptions API: what a client service sees and may do with its own subscriptions, and
// that it can never reach another client's. Webhook URLs here are written as addresses, so the SSRF
// check looks nothing up (lib/subscriptions/webhook-url.test.ts covers names, with a fake resolver).

const { database, demo } = setUpNotificationsApi();
const db = () => database.handle.db;

let clientA: { headers: Record<string, string>; id: string };
let clientB: { headers: Record<string, string>; id: string };

beforeAll(async () => {
  const a = await createApiClient(db(), {
    name: "fibre-provider",
    scopes: ["subscriptions:manage"],
    organisation: "Fibre Ltd",
    partyIds: ["P-100", "P-200"],
  });
  const b = await createApiClient(db(), { name: "other-subscriber", scopes: ["subscriptions:manage"] });
  clientA = { headers: { authorization: `Bearer ${a.key}` }, id: a.client.id };
  clientB = { headers: { authorization: `Bearer ${b.key}` }, id: b.client.id };
});

const post = (headers: Record<string, string>, body: unknown) =>
  callRoute(listRoute.POST, "POST", "/api/v1/subscriptions", { headers, body });
const list = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  callRoute(listRoute.GET, "GET", "/api/v1/subscriptions", { headers, query });
const get = (headers: Record<string, string>, id: string) =>
  callRoute(itemRoute.GET, "GET", `/api/v1/subscriptions/${id}`, { headers, params: { id } });
const patch = (headers: Record<string, string>, id: string, body: unknown) =>
  callRoute(itemRoute.PATCH, "PATCH", `/api/v1/subscriptions/${id}`, { headers, params: { id }, body });
const remove = (headers: Record<string, string>, id: string) =>
  callRoute(itemRoute.DELETE, "DELETE", `/api/v1/subscriptions/${id}`, { headers, params: { id } });
const rotate = (headers: Record<string, string>, id: string) =>
  callRoute(secretRoute.POST, "POST", `/api/v1/subscriptions/${id}/secret`, { headers, params: { id } });

const publicUrl = "https://93.184.215.14/webhooks";
const validBody = (overrides: Record<string, unknown> = {}) => ({
  eventType: "notification.created",
  filters: { category: "rent-arrears" },
  contactEmails: ["ops@fibre.example"],
  notificationChannels: { webhook: { url: publicUrl }, email: { addresses: ["alerts@fibre.example"] } },
  ...overrides,
});

async function subscribe(headers = clientA.headers, overrides: Record<string, unknown> = {}) {
  const { status, json } = await post(headers, validBody(overrides));
  expect(status, JSON.stringify(json)).toBe(201);
  return json;
}

describe("POST /api/v1/subscriptions", () => {
  it("subscribes, shows the secret once, and answers with the client's organisation and party ids", async () => {
    const created = await subscribe();
    expect(created).toMatchObject({
      eventType: "notification.created",
      filters: { category: "rent-arrears" },
      contactEmails: ["ops@fibre.example"],
      expiresOn: latestExpiresOn(new Date()),
      clientId: clientA.id,
      organisation: "Fibre Ltd",
      partyIds: ["P-100", "P-200"],
      notificationChannels: { webhook: { url: publicUrl }, email: { addresses: ["alerts@fibre.example"] } },
      disabledAt: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { json: fetched } = await get(clientA.headers, created.id);
    expect(fetched).not.toHaveProperty("secret");
    expect(fetched).toEqual(Object.fromEntries(Object.entries(created).filter(([key]) => key !== "secret")));
    // At rest only ciphertext, from which the service can still sign (a receiver verifies it).
    const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, created.id));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
    const now = new Date();
    const body = JSON.stringify({ type: "notification.created", timestamp: now.toISOString(), data: {} });
    const signature = signWebhook({ msgId: "msg_1", timestamp: now, body, secrets: signingSecretsOf(row!, now) });
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)) };
    expect(() =>
      new Webhook(created.secret).verify(body, { ...headers, "webhook-signature": signature }),
    ).not.toThrow();
  });

  it("has no secret for an email-only subscription, and keeps a date within the year as given", async () => {
    const created = await subscribe(clientA.headers, {
      notificationChannels: { email: { addresses: ["alerts@fibre.example"] } },
      expiresOn: "2027-03-31",
    });
    expect(created.secret).toBeNull();
    expect(created.expiresOn).toBe("2027-03-31");
    const { status } = await rotate(clientA.headers, created.id);
    expect(status).toBe(409);
  });

  it("caps a date past one year at one year ahead", async () => {
    expect((await subscribe(clientA.headers, { expiresOn: "2099-01-01" })).expiresOn).toBe(latestExpiresOn(new Date()));
  });

  // Each body, and the field the 400 names.
  it.each([
    ["no eventType", { eventType: undefined }, "eventType"],
    ["an eventType not in the catalogue", { eventType: "ONTActivation" }, "eventType"],
    ["no contactEmails", { contactEmails: undefined }, "contactEmails"],
    ["empty contactEmails", { contactEmails: [] }, "contactEmails"],
    ["a contact that is not an email", { contactEmails: ["ops"] }, "contactEmails.0"],
    ["contactEmails as text", { contactEmails: "ops@fibre.example" }, "contactEmails"],
    ["a filter the event type lacks", { filters: { status: "delivered" } }, "filters.status"],
    ["an unknown filter", { filters: { colour: "red" } }, "filters.colour"],
    ["an empty filter", { filters: { category: "" } }, "filters.category"],
    ["a notificationType that does not exist", { filters: { notificationType: "Fax" } }, "filters.notificationType"],
    [
      "a status the event type does not have",
      { eventType: "delivery.updated", filters: { status: "Approved" } },
      "filters.status",
    ],
    ["expiresOn that is not a date", { expiresOn: "31/03/2027" }, "expiresOn"],
    ["expiresOn that is no real day", { expiresOn: "2027-02-30" }, "expiresOn"],
    ["expiresOn already past", { expiresOn: "2020-01-01" }, "expiresOn"],
    ["no notificationChannels", { notificationChannels: undefined }, "notificationChannels"],
    ["no channel at all", { notificationChannels: {} }, "notificationChannels"],
    ["a webhook without a URL", { notificationChannels: { webhook: {} } }, "notificationChannels.webhook.url"],
    [
      "a webhook URL that is no URL",
      { notificationChannels: { webhook: { url: "hooks" } } },
      "notificationChannels.webhook.url",
    ],
    [
      "email without addresses",
      { notificationChannels: { email: { addresses: [] } } },
      "notificationChannels.email.addresses",
    ],
    [
      "a plain http webhook",
      { notificationChannels: { webhook: { url: "http://93.184.215.14/in" } } },
      "notificationChannels.webhook.url",
    ],
    [
      "a loopback webhook",
      { notificationChannels: { webhook: { url: "http://127.0.0.1/in" } } },
      "notificationChannels.webhook.url",
    ],
    [
      "https to loopback",
      { notificationChannels: { webhook: { url: "https://127.0.0.1/in" } } },
      "notificationChannels.webhook.url",
    ],
    [
      "the cloud metadata address",
      { notificationChannels: { webhook: { url: "https://169.254.169.254/latest/meta-data" } } },
      "notificationChannels.webhook.url",
    ],
    [
      "an IPv4-mapped private address",
      { notificationChannels: { webhook: { url: "https://[::ffff:10.0.0.1]/in" } } },
      "notificationChannels.webhook.url",
    ],
  ])("refuses %s with a 400 at %s", async (_, overrides, path) => {
    const { status, json, headers } = await post(clientA.headers, validBody(overrides));
    expect(status, JSON.stringify(json)).toBe(400);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it("stores nothing for a refused body", async () => {
    const before = (await db().select().from(subscriptions)).length;
    await post(clientA.headers, validBody({ notificationChannels: { webhook: { url: "https://10.0.0.1/in" } } }));
    expect(await db().select().from(subscriptions)).toHaveLength(before);
  });
});

describe("a client's own subscriptions", () => {
  it("lists only the caller's, newest first, paged", async () => {
    const first = await subscribe(clientB.headers);
    const second = await subscribe(clientB.headers);
    const { json: page1 } = await list(clientB.headers, { pageSize: "1" });
    expect(page1.results.map((item: { id: string }) => item.id)).toEqual([second.id]);
    const { json: page2 } = await list(clientB.headers, {
      pageSize: "1",
      paginationToken: page1.paginationDetails.nextToken,
    });
    expect(page2.results.map((item: { id: string }) => item.id)).toEqual([first.id]);
    const { json: ofA } = await list(clientA.headers, { pageSize: "100" });
    expect(ofA.results.some((item: { clientId: string }) => item.clientId !== clientA.id)).toBe(false);
    expect(ofA.results.map((item: { id: string }) => item.id)).not.toContain(first.id);
  });

  it("is a 404 to another client, who can neither read, change, delete nor re-key it", async () => {
    const created = await subscribe();
    expect((await get(clientB.headers, created.id)).status).toBe(404);
    expect((await patch(clientB.headers, created.id, { expiresOn: "2027-01-31" })).status).toBe(404);
    expect((await remove(clientB.headers, created.id)).status).toBe(404);
    expect((await rotate(clientB.headers, created.id)).status).toBe(404);
    // Untouched.
    const { json } = await get(clientA.headers, created.id);
    expect(json.expiresOn).toBe(created.expiresOn);
    const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, created.id));
    expect(row!.deletedAt).toBeNull();
    expect(row!.previousSecretCiphertext).toBeNull();
  });

  it("is for client services: an admin's session is refused, with where to look instead", async () => {
    const { status, json } = await post(await demo.as("alex"), validBody());
    expect(status).toBe(403);
    expect(json.detail).toContain("/admin/subscriptions");
  });
});

describe("PATCH /api/v1/subscriptions/{id}", () => {
  it("changes the expiry, capped at one year ahead", async () => {
    const created = await subscribe(clientA.headers, { expiresOn: "2027-01-31" });
    const { status, json } = await patch(clientA.headers, created.id, { expiresOn: "2027-02-28" });
    expect(status).toBe(200);
    expect(json.expiresOn).toBe("2027-02-28");
    expect((await patch(clientA.headers, created.id, { expiresOn: "2099-12-31" })).json.expiresOn).toBe(
      latestExpiresOn(new Date()),
    );
  });

  it.each([
    ["an empty body", {}, "expiresOn"],
    ["another property", { expiresOn: "2027-02-28", eventType: "delivery.updated" }, "eventType"],
    ["a bad date", { expiresOn: "soon" }, "expiresOn"],
  ])("refuses %s with a 400 at %s", async (_, body, path) => {
    const created = await subscribe();
    const { status, json } = await patch(clientA.headers, created.id, body);
    expect(status).toBe(400);
    expect(json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });
});

describe("DELETE /api/v1/subscriptions/{id}", () => {
  it("removes it from the API but keeps the row for its history", async () => {
    const created = await subscribe();
    expect((await remove(clientA.headers, created.id)).status).toBe(204);
    expect((await get(clientA.headers, created.id)).status).toBe(404);
    expect((await remove(clientA.headers, created.id)).status).toBe(404);
    const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, created.id));
    expect(row!.deletedAt).not.toBeNull();
  });
});

describe("POST /api/v1/subscriptions/{id}/secret", () => {
  it("returns a new secret once; webhooks verify under either for 24 hours, then under the new one only", async () => {
    const created = await subscribe();
    const { status, json } = await rotate(clientA.headers, created.id);
    expect(status).toBe(200);
    expect(json.secret).toMatch(/^whsec_/);
    expect(json.secret).not.toBe(created.secret);
    const rotatedAt = Date.now();
    expect(Date.parse(json.previousSecretExpiresAt) - rotatedAt).toBeGreaterThan(24 * 3600_000 - 60_000);
    const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, created.id));
    // A receiver holding either secret verifies a webhook signed now (the library, not our code, checks).
    const now = new Date();
    const body = '{"type":"notification.created"}';
    const headers = {
      "webhook-id": "msg_2",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signWebhook({ msgId: "msg_2", timestamp: now, body, secrets: signingSecretsOf(row!, now) }),
    };
    for (const secret of [json.secret, created.secret])
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    // A day on, only the new one signs.
    expect(signingSecretsOf(row!, new Date(rotatedAt + 24 * 3600_000 + 60_000))).toEqual([json.secret]);
  });
});

describe("GET /api/v1/event-types", () => {
  it("lists the catalogue with each payload's JSON Schema, for clients managing subscriptions and admins", async () => {
    for (const headers of [clientA.headers, await demo.as("alex")]) {
      const { status, json } = await callRoute(eventTypesRoute.GET, "GET", "/api/v1/event-types", { headers });
      expect(status).toBe(200);
      expect(json.results.map((type: { type: string }) => type.type)).toEqual([
        "notification.created",
        "notification.actioned",
        "notification.escalated",
        "delivery.updated",
        "activity.created",
        "visit.reminded",
      ]);
      const delivery = json.results.find((type: { type: string }) => type.type === "delivery.updated");
      expect(delivery.filters).toContain("status");
      expect(delivery.dataSchema).toMatchObject({
        type: "object",
        properties: { status: { enum: expect.any(Array) } },
      });
      expect(delivery.dataSchema.required).toEqual(expect.arrayContaining(["deliveryId", "status", "reason"]));
    }
    const { status } = await callRoute(eventTypesRoute.GET, "GET", "/api/v1/event-types", {
      headers: await demo.as("fiona"),
    });
    expect(status).toBe(403);
  });
});
