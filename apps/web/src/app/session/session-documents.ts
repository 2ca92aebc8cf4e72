// The signed-in viewer: who they are, their roles and units, their language.
import { graphql } from "../../graphql/generated/index.js";

/** What the app knows of the signed-in viewer: the one selection the Viewer query and the Login answer share. */
export const VIEWER_FIELDS = graphql(`
  fragment ViewerFields on User {
    id
    login
    displayName
    locale
    roleAssignments {
      role
      orgUnit {
        id
        code
        nameZh
        nameEn
        level
      }
      orgUnitPath {
        id
        code
        nameZh
        nameEn
        level
      }
    }
  }
`);

export const VIEWER_QUERY = graphql(`
  query Viewer {
    me {
      ...ViewerFields
    }
  }
`);

export const LOGIN_MUTATION = graphql(`
  mutation Login($login: String!, $password: String!) {
    login(login: $login, password: $password) {
      me {
        ...ViewerFields
      }
    }
  }
`);

export const LOGOUT_MUTATION = graphql(`
  mutation Logout {
    logout {
      signedOut
    }
  }
`);

export const SET_MY_LOCALE_MUTATION = graphql(`
  mutation SetMyLocale($input: SetMyLocaleInput!) {
    setMyLocale(input: $input) {
      me {
        id
        locale
      }
    }
  }
`);
