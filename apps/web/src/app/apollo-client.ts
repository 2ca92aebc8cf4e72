// The app's one Apollo Client. /graphql is same-origin: the server serves
// both, and in development Vite proxies it to the server (vite.config.ts).
// The session is the HTTP-only cookie the server sets; the browser sends it.
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { POSSIBLE_TYPES } from "../graphql/possible-types.js";

export interface ApolloClientOptions {
  readonly uri?: string;
  /** Called when an operation other than sign-in is refused for want of a session (it expired or was revoked). */
  readonly onUnauthenticated?: () => void;
}

/** True when the server refused the operation because nobody is signed in. */
export function isUnauthenticated(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((item) => item.extensions?.["code"] === "UNAUTHENTICATED");
}

export function createApolloClient({ uri = "/graphql", onUnauthenticated }: ApolloClientOptions = {}): ApolloClient {
  const sessionLink = new ErrorLink(({ error, operation }) => {
    // A wrong password is UNAUTHENTICATED too: that is the login form's own error.
    if (operation.operationName !== "Login" && isUnauthenticated(error)) onUnauthenticated?.();
  });
  return new ApolloClient({
    link: ApolloLink.from([sessionLink, new HttpLink({ uri })]),
    cache: new InMemoryCache({
      possibleTypes: POSSIBLE_TYPES,
      typePolicies: {
        // A unit's node carries its plan, progress and figures in one cycle: the same
        // unit id in another cycle is other data, so nodes stay inside each answer.
        OrgTreeNode: { keyFields: false },
      },
    }),
  });
}
