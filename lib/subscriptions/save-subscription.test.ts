import { describe, expect, it } from "vitest";
import { subscriptions } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "@/lib/api/errors";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { createSubscriptionBodySchema } from "./contract";
import { createSubscription } from "./save-subscription";
import type { ResolveHost } from "./webhook-url";

// The SSRF rule at create, through a fake DNS: nothing here looks up a name or sends a packet.

const database = setUpTestDatabase();
const fakeDns: Record<string, string[]> = {
  "internal.fibre.example": ["10.20.30.40"],
  "hooks.fibre.example": ["93.184.215.14"],
};
const resolve: ResolveHost = async (hostname) => (fakeDns[hostname] ?? []).map((address) => ({ address, family: 4 }));

async function subscriber(): Promise<ClientCaller> {
  const { client } = await createApiClient(database.handle.db, {
    name: `subscriber-${Math.random().toString(36).slice(2, 8)}`,
    scopes: ["subscriptions:manage"],
  });
  return { kind: "client", id: client.id, name: client.name, scopes: client.scopes };
}

const body = (url: string) =>
  createSubscriptionBodySchema.parse({
    eventType: "delivery.updated",
    contactEmails: ["ops@fibre.example"],
    notificationChannels: { webhook: { url } },
  });

describe("createSubscription's webhook URL check", () => {
  it("refuses a name that resolves to a private address, and stores nothing", async () => {
    const caller = await subscriber();
    const error = await createSubscription(database.handle.db, caller, body("https://internal.fibre.example/in"), {
      resolve,
      allowPrivate: false,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      errors: [{ path: "notificationChannels.webhook.url", message: expect.stringContaining("10.20.30.40") }],
    });
    expect(await database.handle.db.select().from(subscriptions)).toHaveLength(0);
  });

  it("takes a name that resolves to a public address", async () => {
    const caller = await subscriber();
    const created = await createSubscription(database.handle.db, caller, body("https://hooks.fibre.example/in"), {
      resolve,
      allowPrivate: false,
    });
    expect(created.notificationChannels.webhook?.url).toBe("https://hooks.fibre.example/in");
  });

  it("with WEBHOOKS_ALLOW_PRIVATE takes plain http to the private name", async () => {
    const caller = await subscriber();
    const created = await createSubscription(database.handle.db, caller, body("http://internal.fibre.example/in"), {
      resolve,
      allowPrivate: true,
    });
    expect(created.secret).toMatch(/^whsec_/);
  });
});
