// The sign-in settings: one row (id 1, inserted by its migration) that every server process reads.
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from "@pyramid/domain";
import type { DbClient } from "./db-client.js";

export interface AuthSettingsRepository {
  /** The stored settings; the domain's defaults if the row is missing. */
  read(): Promise<AuthSettings>;
  update(changes: Partial<AuthSettings>): Promise<AuthSettings>;
}

const settingsSelect = {
  idleTimeoutMinutes: true,
  absoluteLifetimeMinutes: true,
  accountFailureLimit: true,
  addressFailureLimit: true,
  failureWindowMinutes: true,
} as const;

export function createAuthSettingsRepository(client: DbClient): AuthSettingsRepository {
  return {
    async read() {
      return (await client.authSettings.findUnique({ where: { id: 1 }, select: settingsSelect })) ?? DEFAULT_AUTH_SETTINGS;
    },
    update: (changes) =>
      client.authSettings.upsert({
        where: { id: 1 },
        create: { id: 1, ...DEFAULT_AUTH_SETTINGS, ...changes },
        update: changes,
        select: settingsSelect,
      }),
  };
}
