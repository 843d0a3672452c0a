import { describe, expect, it } from "vitest";
import { readSettings } from "./settings";
import { problemsWith } from "./test-support";

// ADMIN_EMAILS, SSO_GROUP_MAP and HACKNEY_JWT_SECRET: who single sign-on and the council's gateway tokens let in.

describe("readSettings: sign-in a council already has", () => {
  it("lets nobody in by email or group, and reads no gateway tokens, when they are unset", () => {
    expect(readSettings({}).auth).toMatchObject({ adminEmails: [], groupMap: {}, hackneyJwtSecret: undefined });
  });

  it("reads ADMIN_EMAILS as a comma-separated list, lower-cased, blanks and repeats dropped", () => {
    expect(
      readSettings({ ADMIN_EMAILS: " Ada.Admin@Council.example , ,it-desk@council.example,ada.admin@council.example" })
        .auth.adminEmails,
    ).toEqual(["ada.admin@council.example", "it-desk@council.example"]);
  });

  it("reads SSO_GROUP_MAP: teams and roles per group, either may be left out", () => {
    const map = {
      "Finance Officers": { teams: ["finance"], roles: ["finance-officer"] },
      "0b6f5c2e-9a51-4c4e-8f0d-6a2b1d3c4e5f": { roles: ["admin"] },
      "repairs-desk": { teams: ["repairs"] },
    };
    expect(readSettings({ SSO_GROUP_MAP: JSON.stringify(map) }).auth.groupMap).toEqual({
      "Finance Officers": { teams: ["finance"], roles: ["finance-officer"] },
      "0b6f5c2e-9a51-4c4e-8f0d-6a2b1d3c4e5f": { teams: [], roles: ["admin"] },
      "repairs-desk": { teams: ["repairs"], roles: [] },
    });
  });

  it("keeps HACKNEY_JWT_SECRET", () => {
    const secret = "a-shared-secret-of-at-least-32-characters";
    expect(readSettings({ HACKNEY_JWT_SECRET: secret }).auth.hackneyJwtSecret).toBe(secret);
  });

  it.each([
    ["ADMIN_EMAILS", "ada.admin", "ADMIN_EMAILS: must be email addresses separated by commas, not 'ada.admin'"],
    ["ADMIN_EMAILS", ",", "ADMIN_EMAILS: must name at least one email address"],
    ["SSO_GROUP_MAP", "{finance:", "SSO_GROUP_MAP: must be JSON"],
    ["SSO_GROUP_MAP", '["finance"]', "SSO_GROUP_MAP: must be a JSON object of group name or id"],
    [
      "SSO_GROUP_MAP",
      '{"Finance":{"roles":["finance-boss"]}}',
      'SSO_GROUP_MAP: at "Finance".roles.0: must be one of finance-officer, finance-manager',
    ],
    ["SSO_GROUP_MAP", '{"Finance":{"role":["admin"]}}', 'SSO_GROUP_MAP: at "Finance": unknown key "role"'],
    ["SSO_GROUP_MAP", '{"Finance":{}}', 'SSO_GROUP_MAP: at "Finance": must give at least one team or role'],
    [
      "SSO_GROUP_MAP",
      '{"Finance":{"teams":["Finance Team"]}}',
      'SSO_GROUP_MAP: at "Finance".teams.0: must be a team key',
    ],
    ["HACKNEY_JWT_SECRET", "too-short", "HACKNEY_JWT_SECRET: must be at least 32 characters"],
  ])("stops start-up for %s=%j, naming the variable", (variable, value, message) => {
    const problems = problemsWith({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems![0]).toContain(message);
  });

  it("keeps the gateway's secret out of the message", () => {
    expect(problemsWith({ HACKNEY_JWT_SECRET: "hunter2" })![0]).not.toContain("hunter2");
  });
});
