import { fillPlaceholders, type Personalisation } from "./personalisation";
import { sanitiseSmsText, tidySmsWhitespace } from "./sms-text";

// What Notify returns as `body`, `subject` and preview `html` once personalisation is filled in
// (notifications-utils template.py). Markdown stays unrendered in `body`, as Notify leaves it.

/** Email and letter bodies: `content_with_placeholders_filled_in`, lists as markdown bullets. */
export function renderMarkdownBody(content: string, values: Personalisation): string {
  return fillPlaceholders(content, values, { listStyle: "markdown" }).trim();
}

export function renderSmsBody(content: string, values: Personalisation): string {
  return tidySmsWhitespace(sanitiseSmsText(fillPlaceholders(content, values, { listStyle: "plain" })));
}

// A plain version of smartypants: curly quotes, apostrophes and spaced en dashes.
function smartenPunctuation(text: string): string {
  return text
    .replace(/(^|[\s([{])"/g, "$1“")
    .replace(/"/g, "”")
    .replace(/(^|[\s([{])'/g, "$1‘")
    .replace(/'/g, "’")
    .replace(/ - /g, " – ");
}

/** Email and letter subjects: filled in, lists as prose, smart quotes, whitespace normalised. */
export function renderSubject(subject: string, values: Personalisation): string {
  return smartenPunctuation(fillPlaceholders(subject, values, { listStyle: "plain" }).replace(/\s+/g, " ").trim());
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");
}

const paragraphStyle = "Margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0B0C0C;";
const listStyle = "Margin: 0 0 0 20px; padding: 0; list-style-type: disc;";
const listItemStyle = "Margin: 5px 0 5px; padding: 0 0 0 5px; font-size: 19px; line-height: 25px; color: #0B0C0C;";

function renderBlock(block: string): string {
  const lines = block.split("\n");
  if (lines.every((line) => /^[*-] /.test(line))) {
    const items = lines.map((line) => `<li style="${listItemStyle}">${line.slice(2)}</li>`).join("");
    return `<table role="presentation" style="padding: 0 0 20px 0;"><tr><td style="font-family: Helvetica, Arial, sans-serif;"><ul style="${listStyle}">${items}</ul></td></tr></table>`;
  }
  return `<p style="${paragraphStyle}">${lines.join("<br />")}</p>`;
}

/** The preview's email HTML: paragraphs and bullet lists in GOV.UK Notify's inline styles. */
export function renderEmailHtml(content: string, values: Personalisation): string {
  const filled = fillPlaceholders(escapeHtml(content), values, { listStyle: "markdown", escape: escapeHtml });
  return filled
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map(renderBlock)
    .join("\n");
}
