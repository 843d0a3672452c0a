import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createNotifyClient } from "@/lib/notify/client";
import { buildSimulatorApiKey, parseApiKey } from "./api-keys";
import { failureOf, manualClock, nowInSeconds, rawRequest, signToken, startTestSimulator } from "./test-support";

const longInvalidTokenMessage =
  "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header";

describe("API keys", () => {
  it("builds keys in Notify's {key_name}-{service_id}-{secret} format, read from the end", () => {
    const serviceId = randomUUID();
    const secret = randomUUID();
    const key = buildSimulatorApiKey({ serviceId, secret, keyName: "my-test-key" });
    expect(key).toBe(`my-test-key-${serviceId}-${secret}`);
    expect(parseApiKey(key)).toEqual({ serviceId, secret });
  });
});

describe("authentication (Notify's order and messages)", () => {
  it("accepts the real client's token", async () => {
    const { notify } = await startTestSimulator();
    await expect(notify.getTemplates("sms")).resolves.toContainEqual(expect.objectContaining({ type: "sms" }));
  });

  it.each([
    ["no Authorization header", undefined, 401, "Unauthorized: authentication token must be provided"],
    ["an empty Authorization header", "", 401, "Unauthorized: authentication token must be provided"],
    ["another scheme", "Basic dXNlcjpwYXNz", 401, "Unauthorized: authentication bearer scheme must be used"],
    ["a bearer value that is not a JWT", "Bearer not-a-jwt", 403, longInvalidTokenMessage],
  ])("answers %s with %i", async (_case, authorization, status, message) => {
    const { simulator } = await startTestSimulator();
    const response = await rawRequest(simulator.url, "/v2/templates", { authorization });
    expect(response).toEqual({ status, body: { status_code: status, errors: [{ error: "AuthError", message }] } });
  });

  it("accepts the scheme in any case, as Python's title() does", async () => {
    const { simulator, secret, serviceId } = await startTestSimulator();
    const token = signToken({ iss: serviceId, iat: nowInSeconds() }, secret);
    const response = await rawRequest(simulator.url, "/v2/templates?type=letter", { authorization: `bEaReR ${token}` });
    expect(response.status).toBe(200);
  });

  it.each([
    ["no iss claim", () => ({ iat: nowInSeconds() }), "Invalid token: iss field not provided"],
    [
      "an iss that is not a uuid",
      () => ({ iss: "housing", iat: nowInSeconds() }),
      "Invalid token: service id is not the right data type",
    ],
    ["another service's id", () => ({ iss: randomUUID(), iat: nowInSeconds() }), "Invalid token: service not found"],
    ["no iat claim", (serviceId: string) => ({ iss: serviceId }), "Invalid token: API key not found"],
    [
      "an iat that is not a number",
      (serviceId: string) => ({ iss: serviceId, iat: "soon" }),
      "Error: Your system clock must be accurate to within 30 seconds",
    ],
    [
      "an expired exp claim",
      (serviceId: string) => ({ iss: serviceId, iat: nowInSeconds(), exp: nowInSeconds() - 120 }),
      longInvalidTokenMessage,
    ],
    [
      "an aud claim",
      (serviceId: string) => ({ iss: serviceId, iat: nowInSeconds(), aud: "notify" }),
      longInvalidTokenMessage,
    ],
  ])("refuses a token with %s", async (_case, payload, message) => {
    const { simulator, secret, serviceId } = await startTestSimulator();
    const response = await rawRequest(simulator.url, "/v2/templates", {
      authorization: `Bearer ${signToken(payload(serviceId), secret)}`,
    });
    expect(response).toEqual({ status: 403, body: { status_code: 403, errors: [{ error: "AuthError", message }] } });
  });

  it("refuses HS512 tokens", async () => {
    const { simulator, secret, serviceId } = await startTestSimulator();
    const token = signToken({ iss: serviceId, iat: nowInSeconds() }, secret, "HS512");
    const response = await rawRequest(simulator.url, "/v2/templates", { authorization: `Bearer ${token}` });
    expect(response.body).toEqual({
      status_code: 403,
      errors: [{ error: "AuthError", message: "Invalid token: algorithm used is not HS256" }],
    });
  });

  it("refuses a key signed with the wrong secret: API key not found", async () => {
    const { simulator, serviceId } = await startTestSimulator();
    const wrongKey = buildSimulatorApiKey({ serviceId, secret: randomUUID() });
    const error = await failureOf(createNotifyClient({ apiKey: wrongKey, baseUrl: simulator.url }).getTemplates());
    expect(error).toMatchObject({
      status: 403,
      retryable: false,
      errors: [{ error: "AuthError", message: "Invalid token: API key not found" }],
    });
  });

  it.each([
    // The client rounds iat to the nearest second, so stay a second clear of the 30 s boundary.
    ["32 seconds old", 32_000],
    ["32 seconds in the future", -32_000],
  ])("refuses a token whose iat is %s", async (_case, clockOffset) => {
    const clock = manualClock(Date.now() + clockOffset);
    const { notify } = await startTestSimulator({ clock });
    const error = await failureOf(notify.getTemplates());
    expect(error.status).toBe(403);
    expect(error.errors).toEqual([
      { error: "AuthError", message: "Error: Your system clock must be accurate to within 30 seconds" },
    ]);
  });

  it("allows iat exactly 30 seconds either side of the server's time, and no more", async () => {
    const seconds = Math.floor(Date.now() / 1000);
    const { simulator, secret, serviceId } = await startTestSimulator({ clock: manualClock(seconds * 1000 + 500) });
    const statusFor = async (iat: number) =>
      (
        await rawRequest(simulator.url, "/v2/templates?type=letter", {
          authorization: `Bearer ${signToken({ iss: serviceId, iat }, secret)}`,
        })
      ).status;
    expect([await statusFor(seconds - 30), await statusFor(seconds - 31)]).toEqual([200, 403]);
    expect([await statusFor(seconds + 30), await statusFor(seconds + 31)]).toEqual([200, 403]);
  });

  it("allows up to 30 seconds of clock skew", async () => {
    const { notify } = await startTestSimulator({ clock: manualClock(Date.now() + 25_000) });
    await expect(notify.getTemplates("letter")).resolves.toHaveLength(3);
  });

  it("refuses revoked keys and archived services", async () => {
    const revokedSecret = randomUUID();
    const { simulator, serviceId } = await startTestSimulator({
      extraApiKeys: [{ secret: revokedSecret, type: "normal", revoked: true }],
    });
    const revoked = createNotifyClient({
      apiKey: buildSimulatorApiKey({ serviceId, secret: revokedSecret }),
      baseUrl: simulator.url,
    });
    expect((await failureOf(revoked.getTemplates())).errors[0]!.message).toBe("Invalid token: API key revoked");

    const archived = await startTestSimulator({ service: { archived: true } });
    expect((await failureOf(archived.notify.getTemplates())).errors[0]!.message).toBe(
      "Invalid token: service is archived",
    );
  });

  it("authenticates before checking ids, and answers unknown URLs in the old shape without auth", async () => {
    const { simulator } = await startTestSimulator();
    expect((await rawRequest(simulator.url, "/v2/notifications/not-a-uuid")).status).toBe(401);
    expect(await rawRequest(simulator.url, "/v2/unknown")).toEqual({
      status: 404,
      body: {
        result: "error",
        message:
          "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
      },
    });
    expect((await rawRequest(simulator.url, "/v2/templates", { method: "DELETE" })).status).toBe(405);
  });
});
