import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { e2eApiKey } from "./constants";

/**
 * The demo service calling the API with its key (DEMO_API_KEY), as a client would: for journeys
 * that create their own data. Dispose of it when done.
 */
export function newServiceContext(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${e2eApiKey}` } });
}
