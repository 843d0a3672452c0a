import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { readSampleEvent, sampleEventProblem } from "./preview-sample-event";

// The preview page's sample-event box reads JSON with the API's own body schema.

const event = {
  id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01",
  eventType: "TenureCreatedEvent",
  dateTime: "2026-11-23T14:05:00.000Z",
  user: { name: "Hana Osei", email: "hana.osei@council.example" },
  entityId: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01",
  eventData: { newData: { paymentReference: "PR-42" } },
};

describe("readSampleEvent", () => {
  it.each([undefined, "", "   \n"])("an empty box (%j) previews on a sample event", (text) => {
    expect(readSampleEvent(text)).toEqual({ body: {}, problem: null });
  });

  it("reads a valid event into the API's body", () => {
    const reading = readSampleEvent(JSON.stringify(event));
    expect(reading.problem).toBeNull();
    expect(reading.body?.event).toMatchObject({ id: event.id, eventType: "TenureCreatedEvent" });
  });

  it.each([
    ["{not json", /^The sample event is not valid JSON: /],
    ["null", /^The sample event is not valid: /],
    ['{"eventType": 5}', /id: .*eventType: /],
    [JSON.stringify({ ...event, id: "not-a-uuid" }), /^The sample event is not valid: id: /],
    [JSON.stringify({ ...event, eventData: { newData: { note: "a\u0000b" } } }), /U\+0000/],
  ])("refuses %s with a message for the field", (text, message) => {
    const reading = readSampleEvent(text);
    expect(reading.body).toBeNull();
    expect(reading.problem).toMatch(message);
  });
});

describe("sampleEventProblem", () => {
  it("turns a 400 into the field's sentence and lets any other failure through", () => {
    const refused = new ApiError("bad_request", "NoSuchEvent is not an event type this service records", {
      errors: [{ path: "event.eventType", message: "NoSuchEvent is not an event type this service records" }],
    });
    expect(sampleEventProblem(refused)).toBe(
      "The sample event is not valid: eventType: NoSuchEvent is not an event type this service records",
    );
    expect(sampleEventProblem(new ApiError("bad_request", "Just a sentence"))).toBe(
      "The sample event is not valid: Just a sentence",
    );
    expect(sampleEventProblem(new ApiError("not_found", "No rule"))).toBeNull();
    expect(sampleEventProblem(new Error("boom"))).toBeNull();
  });
});
