import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { User } from "@/db/schema";

/** What stands in for a personal value once it is gone. The audit triggers (migration 0020) look for it. */
export const erased = "[erased]";

/**
 * What identifies one person in text someone else wrote: their name, email and mobile number (in
 * the forms people write it), found anywhere inside a string; and their address lines and postcode,
 * only as whole values, since a street or a town on its own is other people's too.
 */
export type PersonIdentifiers = { inText: string[]; wholeValues: string[] };

/** The ways a UK mobile number stored as 447700900123 is written: +44…, 07700900123, 07700 900123. */
function numberForms(stored: string): string[] {
  if (!stored.startsWith("44")) return [stored];
  const national = `0${stored.slice(2)}`;
  return [stored, `+${stored}`, national, `${national.slice(0, 5)} ${national.slice(5)}`];
}

/**
 * The person's identifiers two ways: `everywhere` for any row (name, email, number), `connected` for
 * rows about or by them, which also erases their address lines and postcode where they stand as values.
 */
export function identifiersOf(user: Pick<User, "name" | "email" | "mobileNumber" | "addressLines" | "postcode">): {
  everywhere: PersonIdentifiers;
  connected: PersonIdentifiers;
} {
  // A name shorter than three letters would match inside other words; it is still erased where it is a whole value.
  const name = user.name.trim();
  const inText = [
    ...(name.length >= 3 ? [name] : []),
    ...(user.email ? [user.email] : []),
    ...(user.mobileNumber ? numberForms(user.mobileNumber) : []),
  ];
  const address = [...user.addressLines, ...(user.postcode ? [user.postcode] : [])];
  return {
    everywhere: { inText, wholeValues: [name] },
    connected: { inText, wholeValues: [name, ...address].filter((value) => value.trim().length > 0) },
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function textPattern(identifiers: PersonIdentifiers): RegExp | null {
  if (identifiers.inText.length === 0) return null;
  // Longest first, so "07700 900123" is replaced whole rather than leaving digits of it behind.
  const alternatives = [...identifiers.inText].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // Not inside a longer word or number: "Ann" is not erased from "Annual".
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/** The text with the person's name, email and number replaced, and wholly erased if it is one of their values. */
export function scrubText(text: string, identifiers: PersonIdentifiers): string {
  const lower = text.trim().toLowerCase();
  if (identifiers.wholeValues.some((value) => value.trim().toLowerCase() === lower)) return erased;
  const pattern = textPattern(identifiers);
  return pattern ? text.replace(pattern, erased) : text;
}

/** scrubText on every string inside a JSON value; keys, numbers and the shape stay. */
export function scrubJson<T>(value: T, identifiers: PersonIdentifiers): T {
  if (typeof value === "string") return scrubText(value, identifiers) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubJson(item, identifiers)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, scrubJson(item as unknown, identifiers)]),
    ) as T;
  return value;
}

/** Every string inside a JSON value erased: for data that was all about the person (their letter's fields). */
export function eraseJson<T>(value: T): T {
  if (typeof value === "string") return erased as T;
  if (Array.isArray(value)) return value.map((item: unknown) => eraseJson(item)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, eraseJson(item as unknown)])) as T;
  return value;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * A condition that the text of these expressions contains one of the person's identifiers: the
 * cheap search for candidate rows, which scrubText then checks precisely. JSON escapes a few
 * characters, so its forms are searched too.
 */
export function mentionsPerson(expressions: SQLWrapper[], identifiers: PersonIdentifiers): SQL {
  const needles = identifiers.inText;
  const forms = [...new Set(needles.flatMap((needle) => [needle, JSON.stringify(needle).slice(1, -1)]))];
  if (forms.length === 0 || expressions.length === 0) return sql`false`;
  const haystack = sql`concat_ws(' ', ${sql.join(expressions, sql`, `)})`;
  return sql`(${sql.join(
    forms.map((form) => sql`${haystack} ilike ${`%${likeEscape(form)}%`}`),
    sql` or `,
  )})`;
}
