/**
 * The route a request reached, as its template (`/api/v1/notifications/[id]`), from its path and the
 * params Next.js matched: each segment that is a param's value becomes the param's name, so metrics
 * are labelled by route, never by an id. Fixed segments are lower-cased, as a path may be given in
 * any letter case (the activity history's, for the council's callers) and each spelling would
 * otherwise be a series of its own.
 */
export function routeTemplateOf(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const out: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const match = Object.entries(params).find(([, value]) =>
      Array.isArray(value) ? value.length > 0 && value[0] === segment : value === segment,
    );
    if (!match) {
      out.push(segment.toLowerCase());
      continue;
    }
    const [name, value] = match;
    if (Array.isArray(value)) {
      out.push(`[...${name}]`);
      index += value.length - 1;
    } else out.push(`[${name}]`);
  }
  return out.join("/") || "/";
}
