// The services of the app, created once per server and handed to every
// request through the context. Resolvers reach the database only through them.
import type { Database } from "@pyramid/db";
import { HealthService } from "./modules/health/health.service.js";

export interface Services {
  readonly health: HealthService;
}

export interface ServiceDependencies {
  readonly db: Database;
  readonly version: string;
  readonly log: Pick<Console, "error">;
}

export function createServices({ db, version, log }: ServiceDependencies): Services {
  return {
    health: new HealthService({
      db,
      version,
      onProbeFailure: (error) => log.error("Health probe: the database did not answer.", error),
    }),
  };
}
