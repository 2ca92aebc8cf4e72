// "加载更多 / Load more" under a paged list: shown while the server says there is a next page,
// disabled while a page is on its way. A failed fetch is left to the query's own error state.

export interface LoadMoreButtonProps {
  /** The page's `nextCursor`: no button without one. */
  readonly nextCursor: string | null | undefined;
  readonly loading: boolean;
  readonly label: string;
  /** Fetches the page after `after` and appends it (Apollo's `fetchMore` with `appendPage`). */
  readonly onMore: (after: string) => Promise<unknown>;
}

export function LoadMoreButton({ nextCursor, loading, label, onMore }: LoadMoreButtonProps) {
  if (!nextCursor) return null;
  return (
    <button type="button" className="button" disabled={loading} onClick={() => void onMore(nextCursor).catch(() => undefined)}>
      {label}
    </button>
  );
}

/** A connection's next page appended to the one already shown (for `fetchMore`'s `updateQuery`). */
export function appendPage<Page extends { readonly nodes: readonly unknown[] }>(previous: Page, next: Page): Page {
  return { ...next, nodes: [...previous.nodes, ...next.nodes] };
}
