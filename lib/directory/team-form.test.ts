import { describe, expect, it } from "vitest";
import { problemsFromRefusal } from "@/components/ui/form-problems";
import { unstorableTextMessage } from "@/lib/api/storable-input";
import {
  newTeamFormValues,
  readTeamForm,
  teamFieldIdFor,
  teamFieldIds,
  teamFormBody,
  teamFormValuesOf,
  type TeamFormValues,
} from "./team-form";
import { createTeamBodySchema, updateTeamBodySchema, type TeamResponse } from "./team-schema";

const team: TeamResponse = {
  id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c01",
  key: "lettings",
  name: "Lettings",
  managerRole: "housing-officer",
  members: ["6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a05", "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a06"],
  managers: ["6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a05"],
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
};

describe("team form", () => {
  it("reads the answers, ticked people as lists", () => {
    const data = new FormData();
    data.set("key", "lettings");
    data.set("name", "Lettings");
    data.append("members", team.members[0]!);
    data.append("members", team.members[1]!);
    expect(readTeamForm(data)).toEqual({
      ...newTeamFormValues,
      key: "lettings",
      name: "Lettings",
      members: team.members,
    });
  });

  it("gives back a team unchanged when it is saved again", () => {
    const body = updateTeamBodySchema.parse(teamFormBody(teamFormValuesOf(team), "update"));
    expect(body).toEqual({
      name: team.name,
      managerRole: team.managerRole,
      members: team.members,
      managers: team.managers,
    });
  });

  it("adds a team with its key, no escalation role meaning none", () => {
    const body = createTeamBodySchema.parse(
      teamFormBody({ ...newTeamFormValues, key: "lettings", name: "Lettings" }, "create"),
    );
    expect(body).toEqual({ key: "lettings", name: "Lettings", managerRole: null, members: [], managers: [] });
  });

  // PostgreSQL text cannot hold U+0000: a message on the question, not the error page.
  it.each<[Partial<TeamFormValues>, string]>([
    [{ name: "Lett\u0000ings" }, teamFieldIds.name],
    [{ members: ["\u0000"] }, teamFieldIds.members],
  ])("refuses text the database cannot store, on its question (%j)", (answers, fieldId) => {
    const values = { ...newTeamFormValues, key: "lettings", name: "Lettings", ...answers };
    let refused: unknown;
    try {
      teamFormBody(values, "create");
    } catch (error) {
      refused = error;
    }
    const problems = problemsFromRefusal(refused, teamFieldIdFor);
    expect(problems?.errors).toEqual([{ fieldId, message: unstorableTextMessage }]);
  });

  it.each([
    ["key", teamFieldIds.key],
    ["members.3", teamFieldIds.members],
    ["managers.0", teamFieldIds.managers],
    ["managerRole", teamFieldIds.managerRole],
    ["constructor", undefined],
  ])("places a problem with %s on %s", (path, fieldId) => {
    expect(teamFieldIdFor(path)).toBe(fieldId);
  });
});
