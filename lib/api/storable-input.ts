import { fieldValidationError } from "./problem";

// What the database cannot store, refused at the door with a 400 naming the field rather than
// failing inside PostgreSQL as a 500. Request bodies, query strings and path segments are checked
// here by the handler wrapper and request readers, and CSV cells by the batch reader.

/** Deeper than any record of ours; jsonb and the JSON round trips on the way to it fail far deeper, as a 500. */
export const maxJsonDepth = 32;

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb also refuses unpaired surrogates (JSON
// allows "\ud800"), so without this check such a string reaches the database and fails as a 500.
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL text can hold `text`. */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !unpairedSurrogate.test(text);
}

export const unstorableTextMessage = "Must not contain the NUL character (U+0000) or an unpaired surrogate";

type Visit = { value: unknown; key?: string; parent?: Visit; depth: number };

/**
 * Throws a 400 naming the first key or string, at any depth, that the database could not store,
 * or the first object or array nested more than maxJsonDepth deep.
 */
export function refuseUnstorableInput(value: unknown): void {
  // A stack rather than recursion, and paths built only on failure: a 1 MB body can nest arrays
  // half a million deep, far past the call stack and too deep to copy a path at every level.
  const pending: Visit[] = [{ value, depth: 0 }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if (typeof visit.value === "string") {
      if (!isStorableText(visit.value)) throw invalidAt(visit, unstorableTextMessage);
    } else if (typeof visit.value === "object" && visit.value !== null) {
      if (visit.depth >= maxJsonDepth)
        throw invalidAt(visit, `Must not nest objects or arrays more than ${maxJsonDepth} deep`);
      for (const [key, child] of Object.entries(visit.value)) {
        const next = { value: child, key, parent: visit, depth: visit.depth + 1 };
        if (!isStorableText(key)) throw invalidAt(next, unstorableTextMessage);
        pending.push(next);
      }
    }
  }
}

function invalidAt(visit: Visit, message: string) {
  const path: string[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return fieldValidationError([{ path: path.reverse().join(".") || "body", message }]);
}
