// notifications-utils sanitise_text.py and BaseSMSTemplate: what an SMS body becomes before it is
// counted and sent, and how many fragments it costs.

const gsmBasic =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const gsmExtended = "^{}\\[~]|€";
const welshDiacritics = "àáâäèéêëìíîïòóôöùúûüẁẃẅŵỳýÿŷÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜẀẂẄŴỲÝŸŶ";

const gsmCharacters = new Set([...gsmBasic, ...gsmExtended]);
const extendedCharacters = new Set(gsmExtended);
const welshOnlyCharacters = new Set([...welshDiacritics].filter((character) => !gsmCharacters.has(character)));
const allowedCharacters = new Set([...gsmCharacters, ...welshDiacritics]);

const replacements: Record<string, string> = {
  "–": "-",
  "—": "-",
  "‑": "-",
  "−": "-",
  "‘": "'",
  "’": "'",
  "‚": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "…": "...",
  "\u200B": "",
  "\u200C": "",
  "\u200D": "",
  "\u2060": "",
  "\uFEFF": "",
  "\u00A0": " ",
  "\u202F": " ",
  "\t": " ",
  Ł: "L",
  ł: "l",
};

function sanitiseCharacter(character: string): string {
  if (allowedCharacters.has(character)) return character;
  const replacement = replacements[character];
  if (replacement !== undefined) return replacement;
  const base = character.normalize("NFKD")[0];
  return base !== undefined && allowedCharacters.has(base) ? base : "?";
}

/** `SanitiseSMS.encode`: keeps GSM and Welsh characters, downgrades look-alikes, `?` for the rest. */
export function sanitiseSmsText(text: string): string {
  return [...text].map(sanitiseCharacter).join("");
}

/** The whitespace tidying Notify applies to an SMS after filling it in. */
export function tidySmsWhitespace(text: string): string {
  return text
    .replace(/[ \t]+(?=[,.])/g, "")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** UTF-16 code units, as Notify counts `content_count`. */
export function smsCharacterCount(text: string): number {
  return text.length;
}

export const smsCharacterLimit = 918;

export function smsFragmentCount(text: string): number {
  const count = smsCharacterCount(text);
  if ([...text].some((character) => welshOnlyCharacters.has(character))) return count <= 70 ? 1 : Math.ceil(count / 67);
  const weighted = count + [...text].filter((character) => extendedCharacters.has(character)).length;
  return weighted <= 160 ? 1 : Math.ceil(weighted / 153);
}
