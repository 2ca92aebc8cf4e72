// The app's one Apollo Client. /graphql is same-origin: the server serves
// both, and in development Vite proxies it to the server (vite.config.ts).
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

export function createApolloClient(uri = "/graphql"): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache(),
  });
}
