import { ApolloProvider } from "@apollo/client/react";
import { createBrowserRouter, Outlet, RouterProvider } from "react-router";
import { NotFoundPage, TableSkeleton } from "../components/PageStates.js";
import { createApolloClient } from "./apollo-client.js";
import { AppLayout } from "./AppLayout.js";
import { ErrorBoundary } from "./ErrorBoundary.js";
import { I18nProvider } from "./i18n/I18nProvider.js";
import { RequireSession } from "./session/RequireSession.js";
import { VIEWER_QUERY } from "./session/session-documents.js";
import { ShellLayout } from "./shell/ShellLayout.js";

const apolloClient = createApolloClient({
  // The session ended under a signed-in page: forget the viewer, and the gate
  // (RequireSession) sends them to sign in and back here afterwards.
  onUnauthenticated: () => apolloClient.writeQuery({ query: VIEWER_QUERY, data: { me: null } }),
});

function PublicLayout() {
  return (
    <AppLayout>
      <ErrorBoundary>
        <Outlet />
      </ErrorBoundary>
    </AppLayout>
  );
}

// Each page is its own chunk, fetched when first visited: the first load
// carries the frame (router, Apollo, i18n, the shell) and not every feature.
const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    hydrateFallbackElement: <TableSkeleton />,
    children: [
      { path: "/login", lazy: async () => ({ Component: (await import("../features/auth/LoginRoute.js")).LoginRoute }) },
      { path: "/status", lazy: async () => ({ Component: (await import("../features/home/routes/HomeRoute.js")).HomeRoute }) },
    ],
  },
  {
    path: "/",
    element: (
      <RequireSession>
        <ErrorBoundary>
          <ShellLayout />
        </ErrorBoundary>
      </RequireSession>
    ),
    hydrateFallbackElement: <TableSkeleton />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import("../features/tasks/MyTasksRoute.js")).MyTasksRoute }) },
      { path: "pyramid", lazy: async () => ({ Component: (await import("../features/org/PyramidRoute.js")).PyramidRoute }) },
      { path: "units/:code", lazy: async () => ({ Component: (await import("../features/org/UnitRoute.js")).UnitRoute }) },
      {
        path: "plans/:code/:year/:tab?",
        lazy: async () => ({ Component: (await import("../features/plan/PlanRoute.js")).PlanRoute }),
      },
      {
        path: "review/:code/:year",
        lazy: async () => ({ Component: (await import("../features/review/ReviewRoute.js")).ReviewRoute }),
      },
      {
        path: "market-info",
        lazy: async () => ({ Component: (await import("../features/market-info/MarketInfoRoute.js")).MarketInfoRoute }),
      },
      {
        path: "finance",
        lazy: async () => ({ Component: (await import("../features/finance/FinanceRoute.js")).FinanceRoute }),
      },
      {
        path: "dashboard",
        lazy: async () => ({ Component: (await import("../features/dashboard/DashboardRoute.js")).DashboardIndexRoute }),
      },
      {
        path: "dashboard/:code/:year",
        lazy: async () => ({ Component: (await import("../features/dashboard/DashboardRoute.js")).DashboardRoute }),
      },
      {
        path: "cycles",
        lazy: async () => ({ Component: (await import("../features/cycles/CyclesRoute.js")).CyclesRoute }),
      },
      {
        path: "imports",
        lazy: async () => ({ Component: (await import("../features/imports/ImportsRoute.js")).ImportsRoute }),
      },
      {
        path: "users",
        lazy: async () => ({ Component: (await import("../features/users/UsersRoute.js")).UsersRoute }),
      },
      {
        path: "users/new",
        lazy: async () => ({ Component: (await import("../features/users/CreateUserRoute.js")).CreateUserRoute }),
      },
      {
        path: "account/password",
        lazy: async () => ({ Component: (await import("../features/users/ChangePasswordRoute.js")).ChangePasswordRoute }),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <I18nProvider>
      <ApolloProvider client={apolloClient}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </I18nProvider>
  );
}
