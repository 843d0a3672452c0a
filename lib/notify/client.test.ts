import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createNotifyClient, NotifyError, toNotifyError } from "./client";
import {
  emailPersonalisation,
  failureOf,
  startTestSimulator,
  templates,
  unusedPort,
} from "@/lib/notify-simulator/test-support";

describe("createNotifyClient against the simulator", () => {
  it("tolerates a trailing slash on the base URL and refuses one that is not http(s)", async () => {
    const { simulator } = await startTestSimulator();
    const notify = createNotifyClient({ apiKey: simulator.apiKey, baseUrl: `${simulator.url}/` });
    await expect(notify.getTemplates("letter")).resolves.toHaveLength(3);
    expect(() => createNotifyClient({ apiKey: simulator.apiKey, baseUrl: "localhost:3000" })).toThrow(
      /must start with http/,
    );
  });

  it("turns 4xx into a NotifyError that is not retryable, with Notify's errors", async () => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(notify.sendEmail(templates.email, "sam@example.com", { personalisation: {} }));
    expect(error).toBeInstanceOf(NotifyError);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.errors[0]!.message).toMatch(/^Missing personalisation: /);
    expect(error.message).toContain("Missing personalisation");
  });

  it.each([500, 429] as const)("marks %i as retryable", async (status) => {
    const { notify } = await startTestSimulator({ failureRate: { status, share: 1 } });
    const error = await failureOf(
      notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation }),
    );
    expect(error).toMatchObject({ status, retryable: true });
  });

  it("marks network errors as retryable with no status", async () => {
    const { simulator } = await startTestSimulator();
    const notify = createNotifyClient({ apiKey: simulator.apiKey, baseUrl: `http://127.0.0.1:${await unusedPort()}` });
    const error = await failureOf(notify.getNotificationById("2f2ff3a0-0000-4000-8000-000000000000"));
    expect(error).toMatchObject({ status: null, retryable: true, errors: [{ error: "ECONNREFUSED" }] });
  });

  it("asks a read once more when its connection is reset with no answer, and never a send", async () => {
    // A server that drops the first connection of each path unanswered, as one whose kept-alive
    // socket closed under a busy client does, and answers what comes after.
    const seen: string[] = [];
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      seen.push(path);
      if (seen.filter((each) => each === path).length === 1) return request.socket.destroy();
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ templates: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { simulator } = await startTestSimulator();
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const notify = createNotifyClient({ apiKey: simulator.apiKey, baseUrl });
      await expect(notify.getTemplates()).resolves.toEqual([]);
      expect(seen.filter((path) => path === "/v2/templates")).toHaveLength(2);
      const error = await failureOf(
        notify.sendEmail(templates.email, "sam@example.com", { personalisation: emailPersonalisation }),
      );
      expect(error).toMatchObject({ status: null, retryable: true });
      expect(seen.filter((path) => path === "/v2/notifications/email")).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reports the client's own refusals (a PDF over 5 MB) as not retryable", async () => {
    const { notify } = await startTestSimulator();
    const error = await failureOf(notify.sendPrecompiledLetter("big", Buffer.alloc(5 * 1024 * 1024 + 1)));
    expect(error).toMatchObject({
      status: null,
      retryable: false,
      errors: [{ error: "ClientError", message: "File is larger than 5MB." }],
    });
  });

  it("reads the old { result, message } body of unmatched URLs", () => {
    const error = toNotifyError({
      isAxiosError: true,
      response: { status: 404, data: { result: "error", message: "The requested URL was not found" } },
    });
    expect(error).toMatchObject({
      status: 404,
      retryable: false,
      errors: [{ error: "HTTPError", message: "The requested URL was not found" }],
    });
  });
});
