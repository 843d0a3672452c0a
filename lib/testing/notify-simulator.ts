import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { setNotifyServices } from "@/lib/notify/service-registry";
import { configuredServiceKeys } from "@/lib/notify/services";
import { startNotifySimulator, type NotifySimulator, type NotifySimulatorOptions } from "@/lib/notify-simulator";
import { clearTemplateCache } from "@/lib/notify/templates";

/**
 * Gives a test file its own GOV.UK Notify simulator (random port, the template catalogue) and
 * points every configured service at it through the real client. Read `.simulator` inside tests.
 */
export function setUpNotifySimulator(options: Partial<NotifySimulatorOptions> = {}): {
  readonly simulator: NotifySimulator;
} {
  let simulator: NotifySimulator | undefined;
  beforeAll(async () => {
    simulator = await startNotifySimulator({
      port: 0,
      serviceId: randomUUID(),
      apiKeySecret: randomUUID(),
      onError: () => {},
      ...options,
    });
    const services = configuredServiceKeys();
    setNotifyServices(
      services.map((key) => ({ key, apiKey: simulator!.apiKey, baseUrl: simulator!.url })),
      { kind: "simulator", simulator },
    );
    clearTemplateCache();
  });
  afterAll(async () => {
    setNotifyServices(undefined);
    clearTemplateCache();
    await simulator?.close();
  });
  return {
    get simulator() {
      if (!simulator) throw new Error("The Notify simulator is not running yet");
      return simulator;
    },
  };
}
