import type { RouteHandler } from "../context";
import { getLetterPdf, getNotification, listNotifications, listReceivedTexts } from "./get-notifications";
import { postNotification } from "./post-notification";
import { getTemplate, getTemplateVersion, listTemplates, previewTemplate } from "./templates";

export type Route = {
  method: "GET" | "POST";
  path: RegExp;
  handle: RouteHandler;
  /** Only the POST notification endpoints are rate-limited in Notify. */
  rateLimited?: true;
};

export const routes: readonly Route[] = [
  { method: "POST", path: /^\/v2\/notifications\/(email|sms|letter)$/, handle: postNotification, rateLimited: true },
  { method: "GET", path: /^\/v2\/notifications$/, handle: listNotifications },
  { method: "GET", path: /^\/v2\/notifications\/([^/]+)$/, handle: getNotification },
  { method: "GET", path: /^\/v2\/notifications\/([^/]+)\/pdf$/, handle: getLetterPdf },
  { method: "GET", path: /^\/v2\/template\/([^/]+)$/, handle: getTemplate },
  { method: "GET", path: /^\/v2\/template\/([^/]+)\/version\/(\d+)$/, handle: getTemplateVersion },
  { method: "POST", path: /^\/v2\/template\/([^/]+)\/preview$/, handle: previewTemplate },
  { method: "GET", path: /^\/v2\/templates$/, handle: listTemplates },
  { method: "GET", path: /^\/v2\/received-text-messages$/, handle: listReceivedTexts },
];

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route for a request, or why there is none (Flask answers 405 when only the method is wrong). */
export function matchRoute(
  method: string,
  pathname: string,
): { route: Route; params: string[] } | "not-found" | "method-not-allowed" {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: match.slice(1).map(decodePathSegment) };
  }
  return pathMatched ? "method-not-allowed" : "not-found";
}
