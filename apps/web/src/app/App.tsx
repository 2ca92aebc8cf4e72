import { ApolloProvider } from "@apollo/client/react";
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Outlet, RouterProvider } from "react-router";
import { LoginRoute } from "../features/auth/LoginRoute.js";
import { HomeRoute } from "../features/home/routes/HomeRoute.js";
import { PyramidRoute } from "../features/org/PyramidRoute.js";
import { UnitRoute } from "../features/org/UnitRoute.js";
import { MyTasksRoute } from "../features/tasks/MyTasksRoute.js";
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

// The users pages are loaded when first opened: most people never see them.
const UsersRoute = lazy(() => import("../features/users/UsersRoute.js").then((module) => ({ default: module.UsersRoute })));
const CreateUserRoute = lazy(() =>
  import("../features/users/CreateUserRoute.js").then((module) => ({ default: module.CreateUserRoute })),
);
const ChangePasswordRoute = lazy(() =>
  import("../features/users/ChangePasswordRoute.js").then((module) => ({ default: module.ChangePasswordRoute })),
);

function Lazy({ children }: { readonly children: ReactNode }) {
  return <Suspense fallback={<TableSkeleton />}>{children}</Suspense>;
}

function PublicLayout() {
  return (
    <AppLayout>
      <ErrorBoundary>
        <Outlet />
      </ErrorBoundary>
    </AppLayout>
  );
}

const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: "/login", element: <LoginRoute /> },
      { path: "/status", element: <HomeRoute /> },
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
    children: [
      { index: true, element: <MyTasksRoute /> },
      { path: "pyramid", element: <PyramidRoute /> },
      { path: "units/:code", element: <UnitRoute /> },
      {
        path: "users",
        element: (
          <Lazy>
            <UsersRoute />
          </Lazy>
        ),
      },
      {
        path: "users/new",
        element: (
          <Lazy>
            <CreateUserRoute />
          </Lazy>
        ),
      },
      {
        path: "account/password",
        element: (
          <Lazy>
            <ChangePasswordRoute />
          </Lazy>
        ),
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
