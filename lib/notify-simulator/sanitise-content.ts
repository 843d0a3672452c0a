import { normalisePlaceholderKey, type Personalisation } from "./personalisation";

// `sanitise_content_for` as notifications-api does it (app/v2/notifications/post_notifications.py,
// `sanitise_personalisation_item`): every match of notifications-utils' `url` pattern
// (notifications_utils/formatters.py) is removed outright, wherever it stands — inside a markdown
// link, an href, brackets, after a colon — unless it is only letters, digits, dots and hyphens (an
// honest "Marie.Curie" typo), which gets a space after each dot instead. Link text stays. Then every
// markdown character is escaped, so nothing left can become a link or a heading.

// Python's `\w` and `\b` on a str are Unicode-aware; JavaScript's are ASCII-only, even with /u.
const wordCharacter = String.raw`[\p{L}\p{N}_]`;
const wordBoundary = `(?:(?<=${wordCharacter})(?!${wordCharacter})|(?<!${wordCharacter})(?=${wordCharacter}))`;

/** notifications-utils `formatters.url`, translated line for line. */
const notifyUrlPattern = new RegExp(
  [
    wordBoundary + String.raw`(?<![@.])`, // must not start after @ or . (like @test.example.com)
    String.raw`(https?:\/\/)?`, // optional http:// or https://
    String.raw`([\p{L}\p{N}_\-]+\.)+`, // one or more (sub)domains
    String.raw`([a-z]{2,63})`, // top-level domain
    String.raw`(?!@)` + wordBoundary, // must not end before @ (like firstname.lastname@)
    String.raw`([/?#][^<\s]*)?`, // path, query or fragment
  ].join(""),
  "giu",
);

const couldBeAccidentalLink = /^[a-zA-Z0-9.-]+$/;

function sanitiseUrl(url: string): string {
  return couldBeAccidentalLink.test(url) ? url.replaceAll(".", ". ") : "";
}

/** `sanitise_personalisation_item`: links removed (or broken up), then markdown escaped. */
export function sanitisePersonalisationItem(value: string): string {
  return value.replace(notifyUrlPattern, sanitiseUrl).replace(/[`*_(){}[\]<>#+\-.!|\\]/g, "\\$&");
}

/** `sanitise_content_for`: the named personalisation values sanitised, and what changed. */
export function sanitisePersonalisation(personalisation: Personalisation, keys: readonly string[]) {
  const wanted = new Set(keys.map(normalisePlaceholderKey));
  const values: Personalisation = { ...personalisation };
  const sanitisedContent: Record<string, { unsanitised: string; sanitised: string }> = {};
  for (const [key, value] of Object.entries(personalisation)) {
    if (!wanted.has(normalisePlaceholderKey(key)) || typeof value !== "string") continue;
    const sanitised = sanitisePersonalisationItem(value);
    if (sanitised === value) continue;
    values[key] = sanitised;
    sanitisedContent[key] = { unsanitised: value, sanitised };
  }
  return { values, sanitisedContent };
}
