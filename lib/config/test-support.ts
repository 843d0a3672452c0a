import { InvalidSettingsError, readSettings, type Environment } from "./settings";

// Shared by the settings tests.

// Notify's key format: the key's name, the service id and the secret (both 36 characters), joined by dashes.
export const notifyKey = (name: string) =>
  `${name}-6e1b6d7c-2c7e-4f53-9d4b-5a8c0b9d2f10-0b4ac1de-52f8-4b8e-9d7b-2a1f3c4d5e6f`;

export const templates = {
  NOTIFY_PREFERENCE_TEMPLATE_EMAIL: "11111111-2222-4333-8444-555555555555",
  NOTIFY_PREFERENCE_TEMPLATE_SMS: "66666666-7777-4888-9999-000000000000",
  NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID: "77777777-8888-4999-8aaa-bbbbbbbbbbbb",
  NOTIFY_DIGEST_TEMPLATE_EMAIL: "88888888-9999-4aaa-8bbb-cccccccccccc",
  NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL: "99999999-aaaa-4bbb-8ccc-dddddddddddd",
};

/** The lines of the one start-up message for an environment, or undefined when it is valid. */
export function problemsWith(environment: Environment): string[] | undefined {
  try {
    readSettings(environment);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error;
    return error.problems.map(({ variable, reason }) => `${variable}: ${reason}`);
  }
}
