import { beforeAll } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { setUpNotifySimulator } from "@/lib/testing/notify-simulator";

/**
 * What a notifications API test file needs: a fresh database with the demo people and two API
 * clients, and a GOV.UK Notify simulator when its bodies go out by email, text or letter. `demo`
 * can be read anywhere in a test; it is filled in before the first one runs.
 */
export function setUpNotificationsApi(options: { notify?: boolean } = {}) {
  const database = setUpTestDatabase();
  const notify = options.notify ? setUpNotifySimulator() : undefined;
  let loaded: DemoCallers | undefined;
  beforeAll(async () => {
    loaded = await setUpDemoCallers(database.handle.db);
  });
  const callers = () => {
    if (!loaded) throw new Error("The demo callers are not set up yet");
    return loaded;
  };
  const demo: DemoCallers = {
    get people() {
      return callers().people;
    },
    as: (name) => callers().as(name),
    get serviceHeaders() {
      return callers().serviceHeaders;
    },
    get otherServiceHeaders() {
      return callers().otherServiceHeaders;
    },
  };
  return {
    database,
    demo,
    get notify() {
      if (!notify) throw new Error("Ask setUpNotificationsApi for { notify: true }");
      return notify.simulator;
    },
  };
}
