import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Table, type TableColumn } from "./table";

type Payment = { id: string; payer: string; amount: string };
const payments: Payment[] = [
  { id: "p1", payer: "Rosa Alvarez", amount: "£120.00" },
  { id: "p2", payer: "Tom Hughes", amount: "£8.50" },
];
const columns: TableColumn<Payment>[] = [
  { header: "Payer", rowHeader: true, cell: (payment) => payment.payer },
  { header: "Reference", cell: (payment) => payment.id, className: "font-mono" },
  { header: "Amount", numeric: true, cell: (payment) => payment.amount },
];

const render = (props: Partial<Parameters<typeof Table<Payment>>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(Table<Payment>, { caption: "Payments", columns, rows: payments, rowKey: (p) => p.id, ...props }),
  );
const cells = (html: string, tag: "th" | "td") => [
  ...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)>(.*?)</${tag}>`, "g")),
];

describe("Table", () => {
  it("names itself with a visible caption, or one only screen readers get", () => {
    expect(render()).toMatch(/<caption id="[^"]+" class="[^"]*text-xl[^"]*">Payments<\/caption>/);
    expect(render({ captionHidden: true })).toMatch(/<caption id="[^"]+" class="sr-only">Payments<\/caption>/);
  });

  it("heads each column with a scope=col header, then one row per item in order", () => {
    const html = render();
    const headers = cells(html, "th").filter(([, attributes]) => attributes!.includes('scope="col"'));
    expect(headers.map(([, , text]) => text)).toEqual(["Payer", "Reference", "Amount"]);
    expect([...html.matchAll(/<tr /g)]).toHaveLength(3);
    expect(html.indexOf("Rosa Alvarez")).toBeLessThan(html.indexOf("Tom Hughes"));
  });

  it("makes the rowHeader column's cells scope=row headers and the rest data cells", () => {
    const rowHeaders = cells(render(), "th").filter(([, attributes]) => attributes!.includes('scope="row"'));
    expect(rowHeaders.map(([, , text]) => text)).toEqual(["Rosa Alvarez", "Tom Hughes"]);
    expect(cells(render(), "td").map(([, , text]) => text)).toEqual(["p1", "£120.00", "p2", "£8.50"]);
  });

  it("aligns numeric columns right, header and cells alike, and adds a column's own classes", () => {
    const html = render();
    const amountHeader = cells(html, "th").find(([, , text]) => text === "Amount")!;
    expect(amountHeader[1]).toContain("text-right");
    const [reference, amount] = cells(html, "td");
    expect(amount![1]).toContain("text-right");
    expect(reference![1]).not.toContain("text-right");
    expect(reference![1]).toContain("font-mono");
  });

  it("is not a tab stop until it is measured to overflow", () => {
    const html = render();
    expect(html).toMatch(/^<div class="overflow-x-auto[^"]*"><table/);
    expect(html).not.toContain("tabindex");
  });
});
