// A user as GraphQL shows them (the User type): their assignments each with the
// unit's path from the top, read in one query for all the paths together.
import type { Repositories, UserRecord } from "@pyramid/db";
import { pathSegments, type OrgLevel, type Role } from "@pyramid/domain";

export interface OrgUnitRefDto {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
}

export interface UserRoleAssignmentDto {
  readonly role: Role;
  readonly orgUnit: OrgUnitRefDto;
  /** From the top unit down to orgUnit itself. */
  readonly orgUnitPath: readonly OrgUnitRefDto[];
}

/** What the User type resolves from. */
export interface UserProfile {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly locale: string;
  readonly isActive: boolean;
  readonly lastLoginAt: Date | null;
  readonly roleAssignments: readonly UserRoleAssignmentDto[];
}

const refOf = ({ id, code, nameZh, nameEn, level }: OrgUnitRefDto): OrgUnitRefDto => ({ id, code, nameZh, nameEn, level });

/** The interface languages a user may choose. */
export const USER_LOCALES = ["zh-CN", "en"] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

export function isUserLocale(value: string): value is UserLocale {
  return (USER_LOCALES as readonly string[]).includes(value);
}

/** Paths hold unit ids ("/<hq>/<province>/…/<own>/"), so one lookup names every step. */
export async function userProfile(repositories: Pick<Repositories, "orgUnits">, user: UserRecord): Promise<UserProfile> {
  const [profile] = await userProfiles(repositories, [user]);
  if (!profile) throw new Error("userProfiles returned nothing for one user");
  return profile;
}

/** The profiles of several users, with one lookup of the units on all their paths together. */
export async function userProfiles(
  repositories: Pick<Repositories, "orgUnits">,
  users: readonly UserRecord[],
): Promise<UserProfile[]> {
  const ids = new Set(users.flatMap((user) => user.assignments.flatMap((assignment) => pathSegments(assignment.orgUnit.path))));
  const units = new Map((await repositories.orgUnits.findManyByIds([...ids])).map((unit) => [unit.id, unit]));
  return users.map(({ id, login, displayName, email, locale, isActive, lastLoginAt, assignments }) => ({
    id,
    login,
    displayName,
    email,
    locale,
    isActive,
    lastLoginAt,
    roleAssignments: assignments.map(({ role, orgUnit }) => ({
      role,
      orgUnit: refOf(orgUnit),
      orgUnitPath: pathSegments(orgUnit.path).flatMap((unitId) => {
        const unit = units.get(unitId);
        return unit ? [refOf(unit)] : [];
      }),
    })),
  }));
}
