import { ApolloProvider } from "@apollo/client/react";
import { HomeRoute } from "../features/home/routes/HomeRoute.js";
import { createApolloClient } from "./apollo-client.js";
import { AppLayout } from "./AppLayout.js";
import { ErrorBoundary } from "./ErrorBoundary.js";
import { I18nProvider } from "./i18n/I18nProvider.js";

const apolloClient = createApolloClient();

export function App() {
  return (
    <I18nProvider>
      <ApolloProvider client={apolloClient}>
        <AppLayout>
          <ErrorBoundary>
            {/* One page for now; the router arrives with the second feature. */}
            <HomeRoute />
          </ErrorBoundary>
        </AppLayout>
      </ApolloProvider>
    </I18nProvider>
  );
}
