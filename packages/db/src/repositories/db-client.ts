import type { Prisma } from "../../generated/client/index.js";

/** What a repository runs its queries on: the process's PrismaClient, or the
 * client of one interactive transaction. Repositories never know which. */
export type DbClient = Prisma.TransactionClient;
