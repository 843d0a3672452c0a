import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { missingFields } from "@/lib/notifications/validate-personalisation";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";
import type { NotifyTemplate } from "./client";
import { notifyTemplateIds, type SimulatorTemplate } from "@/lib/notify-simulator";
import { catalogueTemplates } from "@/lib/notify-simulator/templates";
import { findTemplate, listTemplates, templateFieldNames } from "./templates";

const addressedLetter: SimulatorTemplate = {
  ...catalogueTemplates.find((template) => template.type === "letter")!,
  id: randomUUID(),
  name: "Addressed letter",
  subject: "For ((address line 1))",
  body: "Dear ((Full Name)),\n\n((extra??Please read the leaflet.))Your home at ((address_line_2)), ((postcode)) is due a visit.",
  letterContactBlock: "Housing Services\n((team_phone))",
};
setUpNotifySimulator({ templates: [...catalogueTemplates, addressedLetter] });

const template = (fields: Partial<NotifyTemplate>) => ({
  subject: null,
  body: "",
  letter_contact_block: null,
  ...fields,
});

describe("templateFieldNames", () => {
  it.each([
    ["plain fields in order of first appearance", template({ body: "((a)) ((b)) ((a))" }), ["a", "b"]],
    ["subject before body", template({ subject: "((s))", body: "((b))" }), ["s", "b"]],
    ["a conditional counts once, by its name", template({ body: "((urgent??Act now)) and ((urgent))" }), ["urgent"]],
    [
      "names that differ only in case, spaces or _ are one field",
      template({ body: "((First Name)) ((first_name)) ((FIRSTNAME))" }),
      ["First Name"],
    ],
    [
      "the letter contact block first",
      template({ letter_contact_block: "((phone))", subject: "((s))" }),
      ["phone", "s"],
    ],
    ["no fields", template({ body: "Hello" }), []],
  ])("finds %s", (_case, input, expected) => {
    expect(templateFieldNames(input)).toEqual(expected);
  });
});

describe("templates from the simulator", () => {
  it("finds a template by id and answers null for one the service does not have", async () => {
    expect((await findTemplate("housing", notifyTemplateIds.letter.visitDue))?.type).toBe("letter");
    expect(await findTemplate("housing", randomUUID())).toBeNull();
  });

  it("lists the extra template with its fields", async () => {
    const listed = (await listTemplates("letter")).find((summary) => summary.id === addressedLetter.id);
    expect(listed?.personalisation).toEqual([
      "team_phone",
      "address line 1",
      "Full Name",
      "extra",
      "address_line_2",
      "postcode",
    ]);
  });

  it("leaves a letter's address fields to the address and reports the rest as missing", async () => {
    const letter = (await findTemplate("housing", addressedLetter.id))!;
    expect(missingFields(letter, {})).toEqual(["team_phone", "Full Name", "extra"]);
    expect(missingFields(letter, { team_phone: "020", full_name: "Rosa", extra: "" })).toEqual([]);
    expect(missingFields(letter, { team_phone: "020", full_name: "Rosa" })).toEqual(["extra"]);
  });
});
