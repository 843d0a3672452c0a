import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, teamMembers, teams, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import type { GroupMap } from "@/lib/config/group-map";
import { provisionPerson, type VerifiedIdentity } from "./provision-person";

// Who a verified identity (single sign-on, or a council gateway token) signs in as, and what
// ADMIN_EMAILS and SSO_GROUP_MAP create or change on the way. Each test uses its own people.

const database = setUpTestDatabase();
const db = () => database.handle.db;

const issuer = "https://login.microsoftonline.com/tenant/v2.0";
const groupMap: GroupMap = {
  "Finance Officers": { teams: ["finance"], roles: ["finance-officer"] },
  "b5c1a0de-0000-4000-8000-00000000f1a5": { teams: ["finance", "no-such-team"], roles: ["finance-manager"] },
  "Repairs Desk": { teams: ["repairs"], roles: ["repairs-manager"] },
};
const rules = { adminEmails: ["first.admin@council.example", "ivy.both@council.example"], groupMap };

const identity = (email: string, more: Partial<VerifiedIdentity> = {}): VerifiedIdentity => ({
  email,
  name: "From The Provider",
  issuer,
  subject: `oid-${email}`,
  ...more,
});

beforeAll(async () => {
  await db()
    .insert(teams)
    .values([
      { key: "finance", name: "Finance" },
      { key: "repairs", name: "Repairs" },
      { key: "housing", name: "Housing" },
    ]);
});

async function teamKeysOf(userId: string): Promise<string[]> {
  const rows = await db()
    .select({ key: teams.key })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teams.key));
  return rows.map((row) => row.key);
}

async function historyOf(userId: string) {
  const rows = await db()
    .select()
    .from(activities)
    .where(eq(activities.targetId, userId))
    .orderBy(asc(activities.recordedAt), asc(activities.createdAt));
  return rows.map(({ targetType, type, oldData, newData, authorDetails }) => ({
    targetType,
    type,
    oldData,
    newData,
    author: authorDetails.fullName,
  }));
}

async function addPerson(email: string, values: Partial<typeof users.$inferInsert> = {}) {
  const [person] = await db()
    .insert(users)
    .values({ email, name: email.split("@")[0]!, roles: ["housing-officer"], ...values })
    .returning();
  return person!;
}

const countPeople = async () => (await db().select({ id: users.id }).from(users)).length;

describe("provisionPerson", () => {
  it("admits nobody it cannot match: no person, no admin email, no mapped group", async () => {
    const before = await countPeople();
    expect(await provisionPerson(db(), identity("stranger@council.example"), rules)).toBeNull();
    expect(
      await provisionPerson(db(), identity("stranger@council.example", { groups: ["Unmapped"] }), rules),
    ).toBeNull();
    expect(await countPeople()).toBe(before);
  });

  it("creates the first admin from ADMIN_EMAILS, in any case, linked to the identity, and records it", async () => {
    const person = await provisionPerson(db(), identity("First.Admin@Council.example", { name: "Ada Admin" }), rules);
    expect(person).toMatchObject({
      kind: "staff",
      name: "Ada Admin",
      email: "First.Admin@Council.example",
      roles: ["admin"],
      ssoIssuer: issuer,
      ssoSubject: "oid-First.Admin@Council.example",
    });
    expect(await historyOf(person!.id)).toEqual([
      {
        targetType: "directoryPerson",
        type: "create",
        oldData: null,
        newData: {
          name: "Ada Admin",
          email: "First.Admin@Council.example",
          kind: "staff",
          roles: ["admin"],
          teams: [],
          singleSignOn: issuer,
        },
        author: "Single sign-on",
      },
    ]);
    // The next sign-in finds the same person and changes nothing.
    const again = await provisionPerson(db(), identity("First.Admin@Council.example"), rules);
    expect(again?.id).toBe(person!.id);
    expect(await historyOf(person!.id)).toHaveLength(1);
  });

  it("creates someone whose groups map, with every mapped role and the teams that exist", async () => {
    const person = await provisionPerson(
      db(),
      identity("fin.manager@council.example", { groups: ["Finance Officers", "b5c1a0de-0000-4000-8000-00000000f1a5"] }),
      rules,
    );
    expect(person).toMatchObject({ kind: "staff", roles: ["finance-officer", "finance-manager"] });
    expect(await teamKeysOf(person!.id)).toEqual(["finance"]);
    expect(await historyOf(person!.id)).toMatchObject([
      { type: "create", newData: { roles: ["finance-officer", "finance-manager"], teams: ["finance"] } },
    ]);
  });

  it("makes teams and roles follow the groups at every sign-in, recording only what changed", async () => {
    const email = "mover@council.example";
    const person = await provisionPerson(db(), identity(email, { groups: ["Finance Officers"] }), rules);
    const moved = await provisionPerson(db(), identity(email, { groups: ["Repairs Desk"] }), rules);
    expect(moved).toMatchObject({ id: person!.id, roles: ["repairs-manager"] });
    expect(await teamKeysOf(person!.id)).toEqual(["repairs"]);
    await provisionPerson(db(), identity(email, { groups: ["Repairs Desk", "Unmapped"] }), rules);
    expect(await historyOf(person!.id)).toEqual([
      expect.objectContaining({ type: "create" }),
      {
        targetType: "directoryPerson",
        type: "update",
        oldData: { roles: ["finance-officer"], teams: ["finance"] },
        newData: { roles: ["repairs-manager"], teams: ["repairs"] },
        author: "Single sign-on",
      },
    ]);
  });

  it("keeps admin for someone in ADMIN_EMAILS whose groups also map", async () => {
    const person = await provisionPerson(
      db(),
      identity("ivy.both@council.example", { groups: ["Repairs Desk"] }),
      rules,
    );
    expect(person?.roles).toEqual(["repairs-manager", "admin"]);
    const later = await provisionPerson(
      db(),
      identity("ivy.both@council.example", { groups: ["Finance Officers"] }),
      rules,
    );
    expect(later?.roles).toEqual(["finance-officer", "admin"]);
  });

  it("admits someone the council set up, linking them once, and leaves their roles alone without mapped groups", async () => {
    const setUp = await addPerson("hana.setup@council.example");
    await db()
      .insert(teamMembers)
      .select(
        db()
          .select({ teamId: teams.id, userId: users.id })
          .from(teams)
          .innerJoin(users, eq(users.id, setUp.id))
          .where(eq(teams.key, "housing")),
      );
    const person = await provisionPerson(db(), identity("HANA.SETUP@council.example", { groups: ["Unmapped"] }), rules);
    expect(person).toMatchObject({
      id: setUp.id,
      roles: ["housing-officer"],
      ssoSubject: "oid-HANA.SETUP@council.example",
    });
    expect(await teamKeysOf(setUp.id)).toEqual(["housing"]);
    expect(await historyOf(setUp.id)).toEqual([
      {
        targetType: "directoryPerson",
        type: "update",
        oldData: { singleSignOn: null },
        newData: { singleSignOn: issuer },
        author: "Single sign-on",
      },
    ]);
  });

  it("matches a linked person by issuer and subject alone, whatever email the provider now gives", async () => {
    const setUp = await addPerson("rob.renamed@council.example");
    await provisionPerson(db(), identity("rob.renamed@council.example", { subject: "oid-rob" }), rules);
    const person = await provisionPerson(db(), identity("robert@council.example", { subject: "oid-rob" }), rules);
    expect(person?.id).toBe(setUp.id);
  });

  it("refuses another identity claiming a linked person's email, and creates nobody in their place", async () => {
    await addPerson("grace.linked@council.example", { ssoIssuer: issuer, ssoSubject: "oid-grace" });
    const before = await countPeople();
    expect(
      await provisionPerson(
        db(),
        identity("grace.linked@council.example", { subject: "oid-impostor", groups: ["Finance Officers"] }),
        rules,
      ),
    ).toBeNull();
    expect(await countPeople()).toBe(before);
  });

  it("refuses a disabled person, found by link or by email, even if ADMIN_EMAILS or their groups would admit them", async () => {
    await addPerson("first.admin.disabled@council.example", { disabledAt: new Date() });
    const linked = await addPerson("dee.disabled@council.example", {
      disabledAt: new Date(),
      ssoIssuer: issuer,
      ssoSubject: "oid-dee",
    });
    const before = await countPeople();
    const withAdminEmail = { ...rules, adminEmails: ["first.admin.disabled@council.example"] };
    expect(await provisionPerson(db(), identity("first.admin.disabled@council.example"), withAdminEmail)).toBeNull();
    expect(
      await provisionPerson(
        db(),
        identity("someone@council.example", { subject: "oid-dee", groups: ["Repairs Desk"] }),
        rules,
      ),
    ).toBeNull();
    expect(await countPeople()).toBe(before);
    expect(await historyOf(linked.id)).toEqual([]);
  });

  it("signs a gateway token's person in by email alone (no issuer or subject), linked or not", async () => {
    const linked = await addPerson("kit.gateway@council.example", { ssoIssuer: issuer, ssoSubject: "oid-kit" });
    const person = await provisionPerson(db(), { email: "kit.gateway@council.example", name: "Kit" }, rules);
    expect(person?.id).toBe(linked.id);
    expect(person?.ssoSubject).toBe("oid-kit");
    const created = await provisionPerson(
      db(),
      { email: "lee.gateway@council.example", name: "Lee Gateway", groups: ["Repairs Desk"] },
      rules,
    );
    expect(created).toMatchObject({ name: "Lee Gateway", roles: ["repairs-manager"], ssoIssuer: null });
  });

  it("changes no resident's roles from groups", async () => {
    const resident = await addPerson("rosa.resident@council.example", { kind: "resident", roles: ["resident"] });
    const person = await provisionPerson(
      db(),
      { email: "rosa.resident@council.example", name: "Rosa", groups: ["Repairs Desk"] },
      rules,
    );
    expect(person).toMatchObject({ id: resident.id, roles: ["resident"] });
  });
});
