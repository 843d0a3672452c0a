import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eApiKey, e2ePort } from "./support/constants";
import { newServiceContext } from "./support/service-api";

// The council's front end as it calls the activity history API, against the built server: the
// lower-case path (Next's rewrite), and Chromium's own CORS preflight from another origin
// (http://localhost:PORT, which playwright.config.ts puts in CORS_ORIGINS; the API is on 127.0.0.1).

const frontEndOrigin = `http://localhost:${e2ePort}`;

test("the front end's calls: any letter case, one record by id, a large pageSize", async ({ playwright, baseURL }) => {
  const service = await newServiceContext(playwright, baseURL);
  const targetId = randomUUID();
  const posted = await service.post("/api/v1/activityHistory", {
    data: { type: "update", targetType: "person", targetId, newData: { firstName: "Asd" }, sourceDomain: "Person" },
  });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();

  const list = await service.get(`/api/v1/activityhistory?targetId=${targetId}&pageSize=500`);
  expect(list.status()).toBe(200);
  expect(await list.json()).toMatchObject({ results: [{ id, targetId }], paginationDetails: { nextToken: null } });
  const one = await service.get(`/api/v1/ACTIVITYHISTORY/${id}`);
  expect(one.status()).toBe(200);
  expect((await one.json()).id).toBe(id);
  expect((await service.get(`/api/v1/activityHistory/${randomUUID()}`)).status()).toBe(404);
  expect((await service.get("/api/v1/activityhistory/not-a-uuid")).status()).toBe(400);
  await service.dispose();
});

test("a page of a configured origin reads the history cross-origin, and its correlation id", async ({
  page,
  request,
}) => {
  const preflight = await request.fetch("/api/v1/activityhistory", {
    method: "OPTIONS",
    headers: { origin: frontEndOrigin, "access-control-request-method": "GET" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-origin"]).toBe(frontEndOrigin);

  // A document of that origin with no page CSP of ours (a static file), served from loopback as the
  // API is, so Chromium's private-network rules have nothing to say and only CORS decides.
  await page.goto(`${frontEndOrigin}/robots.txt`);
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const answer = await page.evaluate(
    async ({ apiOrigin, key }) => {
      try {
        const response = await fetch(`${apiOrigin}/api/v1/activityhistory?targetId=${crypto.randomUUID()}`, {
          headers: { authorization: `Bearer ${key}`, "x-correlation-id": "from-the-front-end" },
        });
        return { status: response.status, correlationId: response.headers.get("x-correlation-id") };
      } catch (error) {
        return { error: String(error) };
      }
    },
    { apiOrigin: `http://127.0.0.1:${e2ePort}`, key: e2eApiKey },
  );
  // A record with no history: the council's 404, readable by the page's script, with its own correlation id.
  expect(answer, consoleErrors.join("\n")).toEqual({ status: 404, correlationId: "from-the-front-end" });
});
