import fc from "fast-check";

// fast-check arbitraries for values that have broken request handling elsewhere, for the
// notifications property tests.

// Characters that have broken other systems: NUL, unpaired surrogates, direction and zero-width
// marks, combining accents, line separators, quotes; plus every code point fast-check knows.
export const oddCharacter = fc.constantFrom(
  "\u0000",
  "\ud800",
  "\udfff",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\u0301",
  "🏠",
  "\u2028",
  "\n",
  "\t",
  '"',
  "\\",
);
export const oddString = fc.oneof(
  fc.constantFrom("", " ", "null", "true", "-0", "NaN", "1e400", "%00", "\\u0000", "' or 1=1 --", "x".repeat(2001)),
  fc.string({ unit: fc.oneof(oddCharacter, fc.constantFrom("a", "1", " ")), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
const hugeNumber = fc.constantFrom(
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 64,
  -0,
  1e21,
  0.1,
);
const nestedArray = fc.integer({ min: 1, max: 2000 }).map((depth) => {
  let value: unknown = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
});
export const oddValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddString, hugeNumber, nestedArray);

// Tokens JSON.stringify cannot produce, spliced into the body text.
export const rawNumberToken = fc.constantFrom(
  "1e400",
  "-1e400",
  "1e-400",
  "123456789012345678901234567890",
  "-0",
  "0.0000000000000000000001",
);
