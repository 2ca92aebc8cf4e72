// Users and their role assignments. Logins compare case-insensitively: lookups go
// through lower("login"), which a unique index (migration auth_sessions_and_login_limits) keeps unique.
import type { OrgLevel, Role } from "@pyramid/domain";
import { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";
import { containsPattern } from "./org-tree.repository.js";
import { likePrefix } from "./org-units.repository.js";

/** What a sign-in needs of a user, looked up by login. */
export interface LoginCandidate {
  readonly id: string;
  readonly login: string;
  readonly passwordHash: string;
  readonly isActive: boolean;
}

export interface AssignedUnit {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
  readonly path: string;
}

export interface UserAssignmentRecord {
  readonly id: string;
  readonly role: Role;
  readonly orgUnit: AssignedUnit;
}

export interface UserRecord {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly locale: string;
  readonly isActive: boolean;
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date;
  /** Ordered by the unit's depth, then role. */
  readonly assignments: readonly UserAssignmentRecord[];
}

export interface NewUser {
  readonly login: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly locale: string;
  readonly passwordHash: string;
  readonly assignments: readonly { readonly role: Role; readonly orgUnitId: string }[];
  readonly grantedById: string | null;
}

export interface UserPageQuery {
  /**
   * The administrator's subtrees (root paths): a user is listed when they hold at least
   * one role and every role they hold is at a unit inside one of these.
   */
  readonly scopePaths: readonly string[];
  /** Only users holding a role at this unit or below it; all users in scope when absent. */
  readonly unitPath?: string | null;
  /** Part of the login, display name or email, case-insensitive; everyone when absent. */
  readonly search?: string | null;
  readonly offset: number;
  readonly limit: number;
}

export interface UserPage {
  /** By login (ignoring case). */
  readonly users: UserRecord[];
  /** Every matching user, across pages. */
  readonly totalCount: number;
}

export interface UserRepository {
  /** The user whose login equals `login` ignoring case, or null. */
  findForLogin(login: string): Promise<LoginCandidate | null>;
  /** True when a user's login equals `login` ignoring case. */
  loginExists(login: string): Promise<boolean>;
  findById(userId: string): Promise<UserRecord | null>;
  findPasswordHash(userId: string): Promise<string | null>;
  create(user: NewUser): Promise<UserRecord>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  setActive(userId: string, isActive: boolean): Promise<void>;
  setLocale(userId: string, locale: string): Promise<void>;
  /** One page of the users inside some subtrees, in two queries whatever the page size. */
  page(query: UserPageQuery): Promise<UserPage>;
  recordSignIn(userId: string, at: Date): Promise<void>;
}

const userSelect = {
  id: true,
  login: true,
  displayName: true,
  email: true,
  locale: true,
  isActive: true,
  lastLoginAt: true,
  createdAt: true,
  roleAssignments: {
    select: {
      id: true,
      role: true,
      orgUnit: { select: { id: true, code: true, nameZh: true, nameEn: true, level: true, path: true, depth: true } },
    },
  },
} as const;

type UserRow = {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  locale: string;
  isActive: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  roleAssignments: { id: string; role: Role; orgUnit: AssignedUnit & { depth: number } }[];
};

function toUserRecord({ roleAssignments, ...user }: UserRow): UserRecord {
  const assignments = [...roleAssignments]
    .sort(
      (a, b) => a.orgUnit.depth - b.orgUnit.depth || a.orgUnit.path.localeCompare(b.orgUnit.path) || a.role.localeCompare(b.role),
    )
    .map(({ id, role, orgUnit: { depth: _depth, ...orgUnit } }) => ({ id, role, orgUnit }));
  return { ...user, assignments };
}

export function createUserRepository(client: DbClient): UserRepository {
  const findIdByLogin = async (login: string): Promise<string | null> => {
    const rows = await client.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE lower("login") = lower(${login})`;
    return rows[0]?.id ?? null;
  };
  const findById = async (userId: string): Promise<UserRecord | null> => {
    const row = await client.user.findUnique({ where: { id: userId }, select: userSelect });
    return row === null ? null : toUserRecord(row);
  };
  return {
    async findForLogin(login) {
      const id = await findIdByLogin(login);
      if (id === null) return null;
      return client.user.findUnique({ where: { id }, select: { id: true, login: true, passwordHash: true, isActive: true } });
    },
    loginExists: async (login) => (await findIdByLogin(login)) !== null,
    findById,
    async findPasswordHash(userId) {
      const row = await client.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
      return row?.passwordHash ?? null;
    },
    async create({ assignments, grantedById, ...user }) {
      const created = await client.user.create({
        data: {
          ...user,
          roleAssignments: { create: assignments.map(({ role, orgUnitId }) => ({ role, orgUnitId, grantedById })) },
        },
        select: userSelect,
      });
      return toUserRecord(created);
    },
    async setPasswordHash(userId, passwordHash) {
      await client.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    },
    async setActive(userId, isActive) {
      await client.user.update({ where: { id: userId }, data: { isActive }, select: { id: true } });
    },
    async setLocale(userId, locale) {
      await client.user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
    },
    async page({ scopePaths, unitPath, search, offset, limit }) {
      if (scopePaths.length === 0) return { users: [], totalCount: 0 };
      const scope = scopePaths.map(likePrefix);
      const text = search?.trim() ?? "";
      const searchFilter =
        text === ""
          ? Prisma.sql`TRUE`
          : Prisma.sql`(u.login ILIKE ${containsPattern(text)} OR u."displayName" ILIKE ${containsPattern(text)}
                        OR coalesce(u.email, '') ILIKE ${containsPattern(text)})`;
      const unitFilter =
        unitPath === null || unitPath === undefined
          ? Prisma.sql`TRUE`
          : Prisma.sql`EXISTS (SELECT 1 FROM "RoleAssignment" a JOIN "OrgUnit" o ON o.id = a."orgUnitId"
                               WHERE a."userId" = u.id AND o.path LIKE ${likePrefix(unitPath)})`;
      const where = Prisma.sql`
        EXISTS (SELECT 1 FROM "RoleAssignment" a WHERE a."userId" = u.id)
        AND NOT EXISTS (SELECT 1 FROM "RoleAssignment" a JOIN "OrgUnit" o ON o.id = a."orgUnitId"
                        WHERE a."userId" = u.id AND NOT (o.path LIKE ANY(${scope}::text[])))
        AND ${unitFilter} AND ${searchFilter}`;
      const rows = await client.$queryRaw<{ id: string; totalCount: number | bigint }[]>`
        SELECT u.id, count(*) OVER () AS "totalCount"
        FROM "User" u
        WHERE ${where}
        ORDER BY lower(u.login), u.id
        OFFSET ${offset} LIMIT ${limit}`;
      let totalCount = Number(rows[0]?.totalCount ?? 0);
      if (rows.length === 0 && offset > 0) {
        // Past the end: the count still says how many there are.
        const counted = await client.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "User" u WHERE ${where}`;
        totalCount = Number(counted[0]?.n ?? 0);
      }
      if (rows.length === 0) return { users: [], totalCount };
      const found = await client.user.findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: userSelect });
      const byId = new Map(found.map((row) => [row.id, toUserRecord(row)]));
      return { users: rows.flatMap((row) => byId.get(row.id) ?? []), totalCount };
    },
    async recordSignIn(userId, at) {
      await client.user.update({ where: { id: userId }, data: { lastLoginAt: at }, select: { id: true } });
    },
  };
}
