import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorSummary } from "./error-summary";

const problems = [
  { fieldId: "client-name", message: "Enter a name of at least 3 characters" },
  { fieldId: "scopes", message: "Choose at least one scope" },
];

describe("ErrorSummary", () => {
  it("is an alert headed 'There is a problem' that can take focus", () => {
    const html = renderToStaticMarkup(createElement(ErrorSummary, { errors: problems }));
    expect(html).toMatch(/^<div tabindex="-1" [^>]*><div role="alert"><h2 [^>]*>There is a problem<\/h2>/);
  });

  it("links each message to the field to fix, in the order given", () => {
    const html = renderToStaticMarkup(createElement(ErrorSummary, { errors: problems }));
    const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(([, href, text]) => [href, text]);
    expect(links).toEqual([
      ["#client-name", "Enter a name of at least 3 characters"],
      ["#scopes", "Choose at least one scope"],
    ]);
  });

  it("says what went wrong beyond any one field, with no empty list", () => {
    const html = renderToStaticMarkup(
      createElement(ErrorSummary, { title: "Sign-in failed" }, "Ask an administrator to add you."),
    );
    expect(html).toContain(">Sign-in failed</h2>");
    expect(html).toContain("Ask an administrator to add you.");
    expect(html).not.toContain("<ul");
  });
});
