// Field and Fieldset use no hooks, so calling them as functions renders them as React would.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field, type ControlProps } from "./field";
import { Fieldset } from "./fieldset";

const input = (control: ControlProps) => createElement("input", { ...control, name: "name" });
const field = (props: { hint?: string; error?: string }) =>
  renderToStaticMarkup(Field({ id: "client-name", label: "Service name", ...props, children: input }));
const inputTag = (html: string) => html.match(/<input [^>]*>/)![0];

describe("Field", () => {
  it("labels the control and gives it the shared look", () => {
    const html = field({});
    expect(html).toContain('<label for="client-name" class="font-bold">Service name</label>');
    expect(inputTag(html)).toContain('id="client-name"');
    expect(inputTag(html)).toContain("border-ink");
    expect(inputTag(html)).not.toContain("aria-describedby");
    expect(inputTag(html)).not.toContain("aria-invalid");
  });

  it("ties the hint and the error message to the control, error between label and control", () => {
    const html = field({ hint: "Lower-case letters", error: "Enter a name" });
    expect(inputTag(html)).toContain('aria-describedby="client-name-hint client-name-error"');
    expect(inputTag(html)).toContain('aria-invalid="true"');
    expect(inputTag(html)).toContain("border-danger");
    expect(html).toContain('<p id="client-name-hint" class="text-muted">Lower-case letters</p>');
    expect(html).toMatch(
      /<\/label>.*<p id="client-name-error" class="[^"]*text-danger[^"]*"><span class="sr-only">Error:<\/span> Enter a name<\/p><input /,
    );
    expect(html).toMatch(/^<div class="[^"]*border-l-4 border-danger/);
  });
});

describe("Fieldset", () => {
  it("asks with a legend and, with an error, points the group at its message", () => {
    const ok = renderToStaticMarkup(Fieldset({ id: "scopes", legend: "Scopes", children: "options" }));
    expect(ok).toMatch(/^<fieldset><legend[^>]*>Scopes<\/legend>options<\/fieldset>$/);
    const failing = renderToStaticMarkup(
      Fieldset({
        id: "scopes",
        legend: "Scopes",
        error: "Choose at least one scope",
        children: "options",
      }),
    );
    expect(failing).toMatch(/^<fieldset aria-describedby="scopes-error" class="border-l-4 border-danger pl-3">/);
    expect(failing).toContain('<p id="scopes-error"');
    expect(failing).toContain("Choose at least one scope");
  });
});
