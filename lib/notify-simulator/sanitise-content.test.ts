import { describe, expect, it } from "vitest";
import { sanitisePersonalisation, sanitisePersonalisationItem } from "./sanitise-content";

// The first block is notifications-api's own table (tests/app/v2/notifications/test_post_notifications.py,
// `test_sanitise_personalisation_item`, value → expected_sanitised); the second, phishing attempts
// where a URL hides inside markup, each expectation produced by running upstream's Python (the `url`
// pattern and `sanitise_personalisation_item`) on the value. A path runs to the next space or `<`, so
// it swallows a closing `)` or `>`: Notify leaves `\(` behind, and so does the simulator.
describe("sanitise_content_for (notifications-api sanitise_personalisation_item)", () => {
  it.each([
    [
      String.raw`Amala, please [click this (evil link](https://evil.link)`,
      String.raw`Amala, please \[click this \(evil link\]\(\)`,
    ],
    ["Marie.Curie-Sklodowska is rad", String.raw`Marie\. Curie\-Sklodowska is rad`],
    ["https://evil.link and www.evil.link?arg=nam", " and "],
    ["evil. link and other-evil. lnk", String.raw`evil\. link and other\-evil\. lnk`],
    ["https://evil.link and www.evil.link", String.raw` and www\. evil\. link`],
    ["www.evil.link and https://evil.link", String.raw`www\. evil\. link and `],
    ["foo.bar/baz and https://evil.link/foo.bar/bazpwnme", " and "],
    ["foo.bar/baz and https://localhost/foo.bar/bazsomething/weird", " and https://localhost/"],
    [String.raw`\# Rogue Header`, String.raw`\\\# Rogue Header`],
    ["## Rogue Header", String.raw`\#\# Rogue Header`],
    ["# Rogue Header\\\n# Rogue Header", "\\# Rogue Header\\\\\n\\# Rogue Header"],
    [String.raw`\\# Rogue Header`, String.raw`\\\\\# Rogue Header`],
    [String.raw`Ulica Ceynowy 5\44`, String.raw`Ulica Ceynowy 5\\44`],
    ["[żądło rządzi tą pszczołą](to-jest-atak.com)", String.raw`\[żądło rządzi tą pszczołą\]\(to\-jest\-atak\. com\)`],
    [String.raw`Ulica Ceynowy 5\\\44`, String.raw`Ulica Ceynowy 5\\\\\\44`],
    ["`*_(){}[]<>#+-.!|", String.raw`\`\*\_\(\)\{\}\[\]\<\>\#\+\-\.\!\|`],
  ])("upstream: %j → %j", (value, expected) => {
    expect(sanitisePersonalisationItem(value)).toBe(expected);
  });

  it.each([
    ["markdown link", "[Pay your rent](https://evil.example/pay)", String.raw`\[Pay your rent\]\(`],
    ["markdown link, no path", "[Pay](https://evil.example)", String.raw`\[Pay\]\(\)`],
    ["markdown link, text after", "[x](https://evil.example/pay)and more", String.raw`\[x\]\( more`],
    ["href", '<a href="https://evil.example/pay">Pay</a>', String.raw`\<a href="\</a\>`],
    ["angle-bracketed URL", "Pay at <https://evil.example/pay>", String.raw`Pay at \<`],
    ["angle-bracketed URL, no path", "Pay at <https://evil.example>", String.raw`Pay at \<\>`],
    ["bracketed URL", "Pay (https://evil.example/pay) today", String.raw`Pay \( today`],
    ["URL after a colon", "Pay here:https://evil.example/pay", "Pay here:"],
    ["URL after a colon and space", "Pay here: https://evil.example/pay", "Pay here: "],
    ["bare domain with path", "Go to evil.example/pay", "Go to "],
    ["upper-case scheme", "HTTPS://EVIL.EXAMPLE/pay", ""],
    ["non-ASCII domain", "źle.example/p", ""],
    ["email address is not a link", "Write to sam@example.com", String.raw`Write to sam@example\.com`],
  ])("phishing: %s", (_case, value, expected) => {
    expect(sanitisePersonalisationItem(value)).toBe(expected);
  });

  it("reports only the named values that changed, matching keys as Notify's InsensitiveSet does", () => {
    const { values, sanitisedContent } = sanitisePersonalisation(
      { Summary: "[Click](https://evil.example)", name: "Sam", other: "https://kept.example" },
      ["summary", "name"],
    );
    expect(values).toEqual({ Summary: String.raw`\[Click\]\(\)`, name: "Sam", other: "https://kept.example" });
    expect(sanitisedContent).toEqual({
      Summary: { unsanitised: "[Click](https://evil.example)", sanitised: String.raw`\[Click\]\(\)` },
    });
  });
});
