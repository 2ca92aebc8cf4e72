import { createContext, useContext } from "react";
import type { ViewerQuery } from "../../graphql/generated/graphql.js";

export type Viewer = NonNullable<ViewerQuery["me"]>;

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in viewer; only inside RequireSession. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer must be used inside <RequireSession>.");
  return viewer;
}

/** HQ administrators manage users (the server decides; this only chooses what to offer). */
export function isHqAdmin(viewer: Viewer): boolean {
  return viewer.roleAssignments.some((assignment) => assignment.role === "HQ_ADMIN");
}
