import path from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "./env";

describe("readConfig", () => {
  it("needs no variables: embedded database under ./.data, demo sign-in and demo data on", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: path.resolve(".data"),
      demoSignIn: true,
      seedDemoData: true,
      entraId: undefined,
      google: undefined,
    });
  });

  it("turns demo sign-in and demo data off by default on a PostgreSQL server", () => {
    const config = readConfig({ DATABASE_URL: "postgres://app@db.internal:5432/notifications" });
    expect(config.demoSignIn).toBe(false);
    expect(config.seedDemoData).toBe(false);
  });

  it.each([
    [{ AUTH_DEMO: "false" }, false],
    [{ AUTH_DEMO: "0" }, false],
    [{ AUTH_DEMO: "true", DATABASE_URL: "postgres://localhost/x" }, true],
  ])("honours AUTH_DEMO %j", (environment, expected) => {
    expect(readConfig(environment).demoSignIn).toBe(expected);
  });

  it("treats an empty variable as unset", () => {
    expect(readConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("enables single sign-on only when all of a provider's variables are set", () => {
    expect(readConfig({ AUTH_MICROSOFT_ENTRA_ID_ID: "id" }).entraId).toBeUndefined();
    expect(
      readConfig({
        AUTH_MICROSOFT_ENTRA_ID_ID: "id",
        AUTH_MICROSOFT_ENTRA_ID_SECRET: "secret",
        AUTH_MICROSOFT_ENTRA_ID_TENANT_ID: "tenant",
      }).entraId,
    ).toEqual({ clientId: "id", clientSecret: "secret", tenantId: "tenant" });
  });

  it("names every bad variable in one message", () => {
    expect(() => readConfig({ DATABASE_URL: "not a url", AUTH_DEMO: "maybe", AUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL[\s\S]*AUTH_SECRET[\s\S]*AUTH_DEMO|DATABASE_URL[\s\S]*AUTH_DEMO[\s\S]*AUTH_SECRET/,
    );
  });
});
