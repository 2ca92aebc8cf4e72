// The services of the app, created once per server and handed to every
// request through the context. Resolvers reach the database only through them,
// and they reach it only through repositories and DataAccess.inTransaction.
import type { DataAccess } from "@pyramid/db";
import { HealthService } from "./modules/health/health.service.js";
import { OrgService } from "./modules/org/org.service.js";

export interface Services {
  readonly health: HealthService;
  readonly org: OrgService;
}

export interface ServiceDependencies {
  readonly dataAccess: DataAccess;
  readonly version: string;
  readonly log: Pick<Console, "error">;
}

export function createServices({ dataAccess, version, log }: ServiceDependencies): Services {
  return {
    health: new HealthService({
      dataAccess,
      version,
      onProbeFailure: (error) => log.error("Health probe: the database did not answer.", error),
    }),
    org: new OrgService({ dataAccess }),
  };
}
