import { describe, expect, it } from "vitest";
import { describeActivity, diff, formatValue, noEntry } from "./describe-change";

describe("diff (the council's activity-history rendering)", () => {
  it("labels known fields and shows Previously / Changed to", () => {
    expect(diff("person", { id: "x", firstName: "Susan" }, { id: "x", firstName: "Susanna" })).toEqual([
      { label: "First name", previously: "Susan", changedTo: "Susanna" },
    ]);
  });

  it("skips unchanged values and the id, compares deeply, and shows [No entry] for missing values", () => {
    expect(
      diff(
        "person",
        { id: "1", title: "Mr", languages: [{ language: "English" }], surname: null },
        { id: "2", title: "Mr", languages: [{ language: "English" }], surname: "Kimakhe" },
      ),
    ).toEqual([{ label: "Last name", previously: "[No entry]", changedTo: "Kimakhe" }]);
  });

  it("shows the raw key when there is no label for it", () => {
    expect(diff("person", {}, { favouriteColour: "green" })).toEqual([
      { label: "favouriteColour", previously: "[No entry]", changedTo: "green" },
    ]);
  });
});

describe("formatValue", () => {
  it.each([
    [null, "[No entry]"],
    ["", "[No entry]"],
    [true, "Yes"],
    [false, "No"],
    ["1990-05-17T00:00:00", "17/05/1990"],
    ["2026-11-23", "23/11/2026"],
    [["a", "b"], "a, b"],
    [{ code: "SEC", description: "Secure" }, "Secure"],
    [12.5, "12.5"],
  ])("formats %j as %j", (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });
});

describe("describeActivity special renderings", () => {
  it("describes a person added to a tenure from the household members that differ", () => {
    const description = describeActivity({
      type: "create",
      targetType: "tenurePerson",
      sourceDomain: "Tenure",
      oldData: { householdMembers: [{ id: "a", fullName: "Rosa Alvarez", type: "HouseholdMember" }] },
      newData: {
        householdMembers: [
          { id: "a", fullName: "Rosa Alvarez", type: "HouseholdMember" },
          { id: "b", fullName: "Leo Alvarez", type: "HouseholdMember", dateOfBirth: "2012-04-02T00:00:00" },
        ],
      },
    });
    expect(description).toMatchObject({
      category: "Person added to tenure",
      summary: "New person created with the following details:",
      details: {
        rows: [
          ["Type", "Household member"],
          ["Name", "Leo Alvarez"],
          ["Date of birth", "02/04/2012"],
        ],
      },
    });
  });

  it("describes a person removed from a tenure", () => {
    const description = describeActivity({
      type: "delete",
      targetType: "tenurePerson",
      sourceDomain: "Tenure",
      oldData: {
        householdMembers: [
          { id: "a", fullName: "Rosa" },
          { id: "b", fullName: "Leo", type: "HouseholdMember" },
        ],
      },
      newData: { householdMembers: [{ id: "a", fullName: "Rosa" }] },
    });
    expect(description.category).toBe("Person removed from tenure");
    expect(description.details?.rows[1]).toEqual(["Name", "Leo"]);
  });

  it.each([
    ["create", { contactType: 0, value: "07700 900123" }, null, "Added Phone: 07700 900123"],
    ["delete", null, { contactType: "email", value: "rosa@example.com" }, "Removed Email: rosa@example.com"],
  ] as const)("describes contact details %s", (type, newData, oldData, summary) => {
    expect(describeActivity({ type, targetType: "contactDetails", sourceDomain: null, oldData, newData }).summary).toBe(
      summary,
    );
  });

  it("names creations, migrations and ended alerts", () => {
    expect(
      describeActivity({
        type: "create",
        targetType: "person",
        sourceDomain: null,
        oldData: null,
        newData: { firstName: "A" },
      }).summary,
    ).toBe("Person created");
    expect(
      describeActivity({ type: "migrate", targetType: "person", sourceDomain: null, oldData: null, newData: null })
        .summary,
    ).toBe("Person migrated");
    expect(
      describeActivity({ type: "end", targetType: "cautionaryAlert", sourceDomain: null, oldData: null, newData: null })
        .summary,
    ).toBe("Cautionary alert ended");
    expect(
      describeActivity({ type: "create", targetType: "tenure", sourceDomain: null, oldData: null, newData: null })
        .category,
    ).toBe("Tenure created");
  });
});

describe("describeActivity for visits and cancelled messages", () => {
  it("labels a visit booked at a property as a change to the property, not its creation", () => {
    const description = describeActivity({
      type: "update",
      targetType: "asset",
      sourceDomain: "Visits",
      oldData: null,
      newData: { visitKind: "gas safety check", visitStartsAt: "2027-03-02T10:00:00.000Z", visitStatus: "booked" },
    });
    expect(description.category).toBe("Edit to property");
    expect(description.summary).toBeUndefined();
    expect(description.changes.map((change) => [change.label, change.previously, change.changedTo])).toEqual([
      ["Visit", noEntry, "gas safety check"],
      ["Visit starts", noEntry, "02/03/2027"],
      ["Visit status", noEntry, "booked"],
    ]);
  });

  it("labels a notification's cancelled messages by channel", () => {
    const description = describeActivity({
      type: "update",
      targetType: "notification",
      sourceDomain: "Notifications",
      oldData: { emailStatus: "pending", letterStatus: "scheduled" },
      newData: { emailStatus: "cancelled", letterStatus: "cancelled" },
    });
    expect(description.changes.map((change) => [change.label, change.previously, change.changedTo])).toEqual([
      ["Email", "pending", "cancelled"],
      ["Letter", "scheduled", "cancelled"],
    ]);
  });
});
