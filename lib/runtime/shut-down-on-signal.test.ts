import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as stream from "@/app/api/v1/notifications/stream/route";
import { withAuth } from "@/lib/api/with-auth";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";
import { readServerSentEvents } from "@/lib/realtime/read-server-sent-events";
import { Drain, setDrain } from "./drain";
import { shutDownGracefully } from "./shut-down-on-signal";

const { demo } = setUpNotificationsApi();

beforeEach(() => setDrain(new Drain()));
afterEach(() => setDrain(undefined));

const noParams = { params: Promise.resolve({}) };
const get = async (url: string) => new Request(url, { headers: await demo.as("fiona") });

/** Reads the whole stream as text until the server ends it. */
async function readToEnd(body: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
  return text;
}

describe("shutting down gracefully", () => {
  it("lets a request in hand finish, closes open streams with a retry hint and turns new requests away", async () => {
    const live = await stream.GET(await get("http://test/api/v1/notifications/stream"), noParams);
    const [forEvents, forText] = live.body!.tee();
    const events = readServerSentEvents(forEvents);
    expect((await events.next()).value).toMatchObject({ event: "counts" });
    const streamText = readToEnd(forText);

    let finishSlowRequest!: () => void;
    const slowHandler = withAuth(async () => {
      await new Promise<void>((resolve) => (finishSlowRequest = resolve));
      return new Response("finished");
    });
    const slow = slowHandler(await get("http://test/slow"), noParams);
    await vi.waitFor(() => expect(finishSlowRequest).toBeTypeOf("function"));

    let shutDown = false;
    const shuttingDown = shutDownGracefully({ requestsMs: 10_000, jobsMs: 1_000 }).then(() => (shutDown = true));

    // The stream ends, its last word a fresh reconnect delay for EventSource.
    expect(await streamText).toMatch(/retry: \d+\n\n$/);
    const turnedAway = await me.GET(await get("http://test/api/v1/me"), noParams);
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.headers.get("retry-after")).toBe("1");
    expect(shutDown).toBe(false);

    finishSlowRequest();
    const answered = await slow;
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe("finished");
    await shuttingDown;
    expect(shutDown).toBe(true);
  });
});
