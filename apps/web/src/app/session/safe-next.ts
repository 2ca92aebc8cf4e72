// Where to go after signing in: only a path of this app, never another site
// (a `next` of "//evil.example" or "https://…" would leave it).
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/login" || next.startsWith("/login?")) return "/";
  return next;
}

/** The login page's address that comes back to `path` afterwards. */
export function loginPath(path: string, reason?: "expired" | "signedOut"): string {
  const params = new URLSearchParams();
  if (path !== "/") params.set("next", path);
  if (reason) params.set("reason", reason);
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}
