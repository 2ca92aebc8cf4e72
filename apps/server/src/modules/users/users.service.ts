// HQ administrators list and manage users within their subtree: list (searchable,
// paged), create, deactivate, reset a password. A user is inside an administrator's reach when every unit the user holds
// a role at is one the policy lets the administrator MANAGE_USERS on; anyone else is
// NOT_FOUND, exactly like an id that does not exist. Every change writes an audit row
// (with the request id and session) in its own transaction.
import {
  hashPassword,
  DEFAULT_SCRYPT_COST,
  type DataAccess,
  type Repositories,
  type ScryptCost,
  type UserRecord,
} from "@pyramid/db";
import { isRole, isValidLogin, newPasswordProblem, normalizeLogin, subtreeScope, type AccessAction } from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import { nextCursor, pageWindow, type PageArgs } from "../../paging.js";
import { accessAssignmentsOf, viewerCan, type Viewer } from "../../viewer.js";
import { passwordRefusal } from "../auth/auth.service.js";
import { isUserLocale, userProfile, userProfiles, type OrgUnitRefDto, type UserProfile } from "./user-profile.js";

export interface UsersServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  readonly clock?: () => Date;
  readonly passwordCost?: ScryptCost;
}

export interface CreateUserCommand {
  readonly login: string;
  readonly displayName: string;
  readonly email?: string | null;
  readonly locale?: string | null;
  readonly password: string;
  readonly roleAssignments: readonly { readonly role: string; readonly orgUnitId: string }[];
}

export interface UsersArgs extends PageArgs {
  readonly search?: string | null;
  /** Only users holding a role at this unit or below it. */
  readonly orgUnitCode?: string | null;
}

/** What UserPage resolves from. */
export interface UserPageDto {
  readonly nodes: readonly UserProfile[];
  readonly totalCount: number;
  readonly nextCursor: string | null;
}

export const USERS_PAGE = { first: 50, max: 200 } as const;
export const ASSIGNABLE_UNITS_PAGE = { first: 20, max: 100 } as const;

function invalid(reason: string, message: string, params?: Record<string, string | number>): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, ...(params ? { params } : {}) });
}

/** True when the policy allows `action` on every unit the user holds a role at (and there is one). */
function withinReach(viewer: Viewer, action: AccessAction, user: UserRecord): boolean {
  return user.assignments.length > 0 && user.assignments.every((a) => viewerCan(viewer, action, a.orgUnit.path));
}

export class UsersService {
  private readonly now: () => Date;
  private readonly passwordCost: ScryptCost;

  constructor(private readonly dependencies: UsersServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
    this.passwordCost = dependencies.passwordCost ?? DEFAULT_SCRYPT_COST;
  }

  /**
   * A page of the users inside the viewer's VIEW_USERS subtrees (every role they hold
   * there), by login; with `orgUnitCode`, only those holding a role at that unit or
   * below it, and the unit must be in the viewer's scope (NOT_FOUND otherwise, the same
   * as for an unknown code).
   */
  async users(viewer: Viewer | null, args: UsersArgs): Promise<UserPageDto> {
    const signedIn = requireViewer(viewer);
    const { repositories } = this.dependencies.dataAccess;
    const { offset, limit } = pageWindow(args, USERS_PAGE);
    const code = args.orgUnitCode?.trim() ?? "";
    const unitPath =
      code === ""
        ? null
        : requireAccess(signedIn, "VIEW_USERS", await repositories.orgUnits.findByCode(code), (unit) => unit.path, {
            entity: "ORG_UNIT",
            id: code,
          }).path;
    const scopePaths = subtreeScope(accessAssignmentsOf(signedIn), "VIEW_USERS");
    const page = await repositories.users.page({ scopePaths, unitPath, search: args.search ?? null, offset, limit });
    const nodes = await userProfiles(repositories, page.users);
    return { nodes, totalCount: page.totalCount, nextCursor: nextCursor(offset, nodes.length, page.totalCount) };
  }

  /**
   * The active units the viewer may give roles at (MANAGE_USERS), matching `search` (code
   * or either name): parents first. Empty for a viewer who manages no users.
   */
  async assignableOrgUnits(viewer: Viewer | null, args: Pick<UsersArgs, "search" | "first">): Promise<OrgUnitRefDto[]> {
    const signedIn = requireViewer(viewer);
    const { limit } = pageWindow({ first: args.first ?? null }, ASSIGNABLE_UNITS_PAGE);
    const rootPaths = subtreeScope(accessAssignmentsOf(signedIn), "MANAGE_USERS");
    const units = await this.dependencies.dataAccess.repositories.orgUnits.searchInSubtrees({
      rootPaths,
      search: args.search ?? null,
      limit,
    });
    return units.map(({ id, code, nameZh, nameEn, level }) => ({ id, code, nameZh, nameEn, level }));
  }

  async user(viewer: Viewer | null, userId: string): Promise<UserProfile> {
    const signedIn = requireViewer(viewer);
    const { repositories } = this.dependencies.dataAccess;
    const user = await this.reachableUser(repositories, signedIn, "VIEW_USERS", userId);
    return userProfile(repositories, user);
  }

  async createUser(viewer: Viewer | null, command: CreateUserCommand, request: RequestInfo): Promise<UserProfile> {
    const admin = requireViewer(viewer);
    const { repositories } = this.dependencies.dataAccess;
    const login = command.login.normalize("NFKC").trim();
    if (!isValidLogin(login)) throw invalid("LOGIN_INVALID", "A login is 2–64 of a–z, 0–9, '.', '_' and '-'.");
    const displayName = command.displayName.trim();
    if (displayName === "") throw invalid("DISPLAY_NAME_REQUIRED", "A display name is required.");
    const locale = command.locale ?? "zh-CN";
    if (!isUserLocale(locale)) throw invalid("LOCALE_INVALID", "The locale is zh-CN or en.", { locale });
    const problem = newPasswordProblem(command.password, login);
    if (problem !== null) throw passwordRefusal(problem);
    if (command.roleAssignments.length === 0) throw invalid("ROLE_ASSIGNMENT_REQUIRED", "A user needs at least one role.");

    const unitIds = [...new Set(command.roleAssignments.map((a) => a.orgUnitId))];
    const units = new Map((await repositories.orgUnits.findManyByIds(unitIds)).map((unit) => [unit.id, unit]));
    for (const id of unitIds) {
      const unit = units.get(id);
      if (!unit || !viewerCan(admin, "MANAGE_USERS", unit.path)) throw notFound({ entity: "ORG_UNIT", id });
    }
    const assignments = command.roleAssignments.map(({ role, orgUnitId }) => {
      if (!isRole(role)) throw invalid("ROLE_INVALID", "Unknown role.", { role });
      return { role, orgUnitId };
    });
    const unique = new Map(assignments.map((a) => [`${a.role}@${a.orgUnitId}`, a]));

    const passwordHash = await hashPassword(command.password, { cost: this.passwordCost });
    const created = await this.dependencies.dataAccess.inTransaction(async (tx) => {
      if (await tx.users.loginExists(normalizeLogin(login))) {
        throw new DomainError("CONFLICT", "This login is taken.", { reason: "LOGIN_TAKEN", params: { login } });
      }
      const user = await tx.users.create({
        login,
        displayName,
        email: command.email?.trim() || null,
        locale,
        passwordHash,
        assignments: [...unique.values()],
        grantedById: admin.userId,
      });
      await tx.audit.append({
        actorId: admin.userId,
        entity: "User",
        entityId: user.id,
        action: "USER_CREATED",
        after: {
          login: user.login,
          displayName: user.displayName,
          locale: user.locale,
          roleAssignments: user.assignments.map((a) => ({ role: a.role, orgUnitId: a.orgUnit.id })),
        },
        orgUnitId: user.assignments[0]?.orgUnit.id ?? null,
        requestId: request.requestId,
        sessionId: admin.sessionId ?? null,
      });
      return user;
    });
    return userProfile(repositories, created);
  }

  /** Deactivates the user and ends their sessions. An administrator cannot deactivate themselves. */
  async deactivateUser(viewer: Viewer | null, userId: string, request: RequestInfo): Promise<UserProfile> {
    const admin = requireViewer(viewer);
    if (userId === admin.userId) throw invalid("CANNOT_DEACTIVATE_SELF", "You cannot deactivate yourself.");
    const now = this.now();
    const updated = await this.dependencies.dataAccess.inTransaction(async (tx) => {
      const user = await this.reachableUser(tx, admin, "MANAGE_USERS", userId);
      await tx.users.setActive(user.id, false);
      const sessionsEnded = await tx.sessions.revokeAllForUser(user.id, now);
      await tx.audit.append({
        actorId: admin.userId,
        entity: "User",
        entityId: user.id,
        action: "USER_DEACTIVATED",
        before: { isActive: user.isActive },
        after: { isActive: false, sessionsEnded },
        orgUnitId: user.assignments[0]?.orgUnit.id ?? null,
        requestId: request.requestId,
        sessionId: admin.sessionId ?? null,
      });
      return { ...user, isActive: false };
    });
    return userProfile(this.dependencies.dataAccess.repositories, updated);
  }

  /** Sets a new password for the user and ends their sessions. */
  async resetPassword(viewer: Viewer | null, userId: string, newPassword: string, request: RequestInfo): Promise<UserProfile> {
    const admin = requireViewer(viewer);
    const { repositories } = this.dependencies.dataAccess;
    const target = await this.reachableUser(repositories, admin, "MANAGE_USERS", userId);
    const problem = newPasswordProblem(newPassword, target.login);
    if (problem !== null) throw passwordRefusal(problem);
    const passwordHash = await hashPassword(newPassword, { cost: this.passwordCost });
    const now = this.now();
    await this.dependencies.dataAccess.inTransaction(async (tx) => {
      const user = await this.reachableUser(tx, admin, "MANAGE_USERS", userId);
      await tx.users.setPasswordHash(user.id, passwordHash);
      const sessionsEnded = await tx.sessions.revokeAllForUser(user.id, now);
      await tx.audit.append({
        actorId: admin.userId,
        entity: "User",
        entityId: user.id,
        action: "PASSWORD_RESET",
        after: { sessionsEnded },
        orgUnitId: user.assignments[0]?.orgUnit.id ?? null,
        requestId: request.requestId,
        sessionId: admin.sessionId ?? null,
      });
    });
    return userProfile(repositories, target);
  }

  private async reachableUser(
    repositories: Pick<Repositories, "users">,
    viewer: Viewer,
    action: AccessAction,
    userId: string,
  ): Promise<UserRecord> {
    const user = await repositories.users.findById(userId);
    if (!user || !withinReach(viewer, action, user)) throw notFound({ entity: "USER", id: userId });
    return user;
  }
}
