// The users feature's operations: each route's query beside it, the row's fragment here.
import { graphql } from "../../graphql/generated/index.js";

export const USER_ROW_FIELDS = graphql(`
  fragment UserRowFields on User {
    id
    login
    displayName
    email
    locale
    isActive
    lastLoginAt
    roleAssignments {
      role
      orgUnit {
        id
        code
        nameZh
        nameEn
        level
      }
    }
  }
`);

export const USERS_QUERY = graphql(`
  query Users($search: String, $orgUnitCode: String, $first: Int, $after: String) {
    users(search: $search, orgUnitCode: $orgUnitCode, first: $first, after: $after) {
      nodes {
        ...UserRowFields
      }
      totalCount
      nextCursor
    }
  }
`);

export const ASSIGNABLE_UNITS_QUERY = graphql(`
  query AssignableOrgUnits($search: String, $first: Int) {
    assignableOrgUnits(search: $search, first: $first) {
      id
      code
      nameZh
      nameEn
      level
    }
  }
`);

export const CREATE_USER_MUTATION = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        ...UserRowFields
      }
    }
  }
`);

export const DEACTIVATE_USER_MUTATION = graphql(`
  mutation DeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) {
      user {
        id
        isActive
      }
    }
  }
`);

export const RESET_PASSWORD_MUTATION = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      user {
        id
      }
    }
  }
`);

export const CHANGE_PASSWORD_MUTATION = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      me {
        id
      }
    }
  }
`);
