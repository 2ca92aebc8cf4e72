// The workbench's 评论 / Comments tab: every thread of the plan (the grid's own panel,
// anchored to the selected cell, is CommentsPanel with an anchor).
import { useQuery } from "@apollo/client/react";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { PLAN_ID_QUERY } from "./comments-documents.js";
import { CommentsPanel } from "./CommentsPanel.js";

export function CommentsTab({ unitCode, year }: { readonly unitCode: string; readonly year: number }) {
  const { data, error, refetch } = useQuery(PLAN_ID_QUERY, { variables: { unitCode, year } });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!data) return <TableSkeleton />;
  return <CommentsPanel planId={data.plan.id} />;
}
