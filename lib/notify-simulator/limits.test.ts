import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createNotifyClient } from "@/lib/notify/client";
import { buildSimulatorApiKey } from "./api-keys";
import { bucketCapacity } from "./rate-limit";
import {
  emailPersonalisation,
  failureOf,
  manualClock,
  smsPersonalisation,
  startTestSimulator,
  templates,
} from "./test-support";

describe("rate limit (a token bucket per service and key type)", () => {
  it("holds Notify's burst: 1000 tokens at 3000 a minute, a third plus one for small limits", () => {
    expect(bucketCapacity({ requests: 3000, perSeconds: 60 })).toBe(1000);
    expect(bucketCapacity({ requests: 6, perSeconds: 60 })).toBe(3);
  });

  it("answers 429 RateLimitError once the bucket is empty, before validating the request, and refills over time", async () => {
    const clock = manualClock();
    const { notify } = await startTestSimulator({ clock, rateLimit: { requests: 6, perSeconds: 60 } });
    for (let sent = 0; sent < 3; sent += 1)
      await notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation });
    const limited = await failureOf(notify.sendEmail(templates.email, "not-an-email"));
    expect(limited).toMatchObject({
      status: 429,
      retryable: true,
      errors: [
        { error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 6 requests per 60 seconds" },
      ],
    });
    // GETs are not limited.
    await expect(notify.getNotifications()).resolves.toBeDefined();
    clock.advance(10_000);
    await expect(
      notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation }),
    ).resolves.toBeDefined();
    expect(
      (await failureOf(notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation }))).status,
    ).toBe(429);
  });

  it("keeps a separate bucket for each key type and can be changed at runtime", async () => {
    const testSecret = randomUUID();
    const { notify, simulator, serviceId } = await startTestSimulator({
      rateLimit: { requests: 3, perSeconds: 60 },
      extraApiKeys: [{ secret: testSecret, type: "test" }],
    });
    const testKey = createNotifyClient({
      apiKey: buildSimulatorApiKey({ serviceId, secret: testSecret }),
      baseUrl: simulator.url,
    });
    const send = (client: typeof notify) =>
      client.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation });
    await send(notify);
    await send(notify);
    expect((await failureOf(send(notify))).status).toBe(429);
    await expect(send(testKey)).resolves.toBeDefined();
    expect((await failureOf(send(testKey).then(() => send(testKey)))).errors[0]!.message).toBe(
      "Exceeded rate limit for key type TEST of 3 requests per 60 seconds",
    );
    simulator.setRateLimit({ requests: 3000, perSeconds: 60 });
    await expect(send(notify)).resolves.toBeDefined();
  });
});

describe("daily limits", () => {
  it("answers TooManyRequestsError once today's sends of a type reach the limit; test keys are not counted", async () => {
    const testSecret = randomUUID();
    const { notify, simulator, serviceId } = await startTestSimulator({
      dailyLimits: { email: 1 },
      extraApiKeys: [{ secret: testSecret, type: "test" }],
    });
    await notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation });
    expect(
      await failureOf(notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation })),
    ).toMatchObject({
      status: 429,
      errors: [{ error: "TooManyRequestsError", message: "Exceeded send limits (email: 1) for today" }],
    });
    await expect(
      notify.sendSms(templates.sms, "07700900123", { personalisation: smsPersonalisation }),
    ).resolves.toBeDefined();
    const testKey = createNotifyClient({
      apiKey: buildSimulatorApiKey({ serviceId, secret: testSecret }),
      baseUrl: simulator.url,
    });
    await expect(
      testKey.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation }),
    ).resolves.toBeDefined();
  });
});

describe("failure switch", () => {
  it("fails every request with 500 at share 1, from the start option", async () => {
    const { notify } = await startTestSimulator({ failureRate: { status: 500, share: 1 } });
    const failure = await failureOf(notify.getTemplates());
    expect(failure).toMatchObject({
      status: 500,
      retryable: true,
      errors: [{ error: "Exception", message: "Internal server error" }],
    });
  });

  it("fails an even share of requests, can switch to 429, and can be switched off at runtime", async () => {
    const { notify, simulator } = await startTestSimulator();
    simulator.setFailure({ status: 429, share: 0.5 });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        notify.getTemplates("letter").then(
          () => "ok",
          (error: { status: number }) => error.status,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 429)).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(3);
    const limited = await failureOf(notify.getTemplates().then(() => notify.getTemplates()));
    expect(limited.errors).toEqual([
      { error: "RateLimitError", message: "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds" },
    ]);
    simulator.setFailure(null);
    for (let attempt = 0; attempt < 4; attempt += 1)
      await expect(notify.getTemplates("sms")).resolves.toContainEqual(expect.objectContaining({ type: "sms" }));
  });

  it("uses the random function when one is given", async () => {
    const { notify } = await startTestSimulator({ failureRate: { status: 500, share: 0.3 }, random: () => 0.5 });
    await expect(notify.getTemplates("letter")).resolves.toHaveLength(3);
  });

  it("refuses shares outside 0–1", async () => {
    const { simulator } = await startTestSimulator();
    expect(() => simulator.setFailure({ status: 500, share: 1.5 })).toThrow(RangeError);
  });
});
