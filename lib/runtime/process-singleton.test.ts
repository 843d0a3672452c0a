import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { processSingleton } from "./process-singleton";

// Each test uses its own key: the values live on globalThis for the whole test process.
const uniqueKey = () => `test-${randomUUID()}`;

describe("processSingleton", () => {
  it("creates the value once, and a second copy of the module (same key) finds it", () => {
    const key = uniqueKey();
    let created = 0;
    const first = processSingleton(key, () => ({ id: ++created }));
    const secondCopy = processSingleton(key, () => ({ id: ++created }));
    expect(first.peek()).toBeUndefined();
    expect(first.get()).toBe(secondCopy.get());
    expect(created).toBe(1);
  });

  it("forgets a promise that rejects, so the next use tries again", async () => {
    let attempts = 0;
    const singleton = processSingleton(uniqueKey(), async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("database not up yet");
      return "open";
    });
    await expect(singleton.get()).rejects.toThrow("database not up yet");
    expect(singleton.peek()).toBeUndefined();
    await expect(singleton.get()).resolves.toBe("open");
    expect(attempts).toBe(2);
  });

  it("stores nothing when creating throws", () => {
    let attempts = 0;
    const singleton = processSingleton(uniqueKey(), () => {
      attempts += 1;
      if (attempts === 1) throw new Error("bad settings");
      return "made";
    });
    expect(() => singleton.get()).toThrow("bad settings");
    expect(singleton.get()).toBe("made");
  });

  it("tells what a promise resolved to, once it has", async () => {
    const singleton = processSingleton(uniqueKey(), async () => "started");
    const pending = singleton.get();
    expect(singleton.resolved()).toBeUndefined();
    await pending;
    expect(singleton.resolved()).toBe("started");
  });

  it("lets tests replace, forget and take the value", async () => {
    const singleton = processSingleton(uniqueKey(), () => "created");
    singleton.set("from a test");
    expect(singleton.get()).toBe("from a test");
    expect(singleton.resolved()).toBe("from a test");
    expect(singleton.take()).toBe("from a test");
    expect(singleton.peek()).toBeUndefined();
    singleton.set("again");
    singleton.set(undefined);
    expect(singleton.get()).toBe("created");
  });
});
