import { validateUkAddress } from "@/lib/notify/recipients";
import { personalisationLookup, type Personalisation } from "./personalisation";
import { pythonStr } from "./python-values";

// Letter addresses (notifications-utils postal_address.py, API validators.py validate_address).
// Validation reads the exact snake_case keys; the GET response reads them case- and
// space-insensitively. The simulated service has no international_letters permission, so the last
// line must be a UK postcode; a trailing UK country name is dropped first, as Notify does.

const ukCountryNames = new Set([
  "united kingdom",
  "uk",
  "u.k.",
  "great britain",
  "gb",
  "england",
  "scotland",
  "wales",
  "cymru",
  "northern ireland",
]);

function addressValue(value: unknown): string | null {
  return value === null || value === undefined ? null : pythonStr(value);
}

function addressKeys(personalisation: Personalisation): string[] {
  const lineKeys = [1, 2, 3, 4, 5, 6].map((line) => `address_line_${line}`);
  return "address_line_7" in personalisation ? [...lineKeys, "address_line_7"] : [...lineKeys, "postcode"];
}

/** Notify's first complaint about the address in `personalisation`, or null when it will do. */
export function letterAddressProblem(personalisation: Personalisation): string | null {
  const lines = addressKeys(personalisation)
    .map((key) => addressValue(personalisation[key]))
    .filter((line): line is string => line !== null && line.trim() !== "");
  const last = lines.at(-1)?.replace(/\s+/g, " ").trim().toLowerCase();
  if (last !== undefined && ukCountryNames.has(last)) lines.pop();
  const result = validateUkAddress(lines);
  return result.ok ? null : result.problems[0]!.message;
}

/** `line_1`…`line_6` and `postcode` for GET /v2/notifications/{id}. */
export function addressFields(personalisation: Personalisation | null) {
  const valueOf = personalisationLookup(personalisation ?? {});
  const field = (key: string) => addressValue(valueOf(key));
  return {
    line_1: field("address_line_1"),
    line_2: field("address_line_2"),
    line_3: field("address_line_3"),
    line_4: field("address_line_4"),
    line_5: field("address_line_5"),
    line_6: field("address_line_6"),
    postcode: field("postcode"),
  };
}
