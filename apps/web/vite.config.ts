import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API runs on its own port in development (pnpm dev); the browser still
// calls same-origin /graphql, as it does when the server serves the build.
const API_ORIGIN = process.env.API_ORIGIN ?? "http://localhost:4000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/graphql": { target: API_ORIGIN, changeOrigin: true },
      "/exports": { target: API_ORIGIN, changeOrigin: true },
      // The actuals upload, its templates and error reports; the page /imports itself stays Vite's.
      "/imports": {
        target: API_ORIGIN,
        changeOrigin: true,
        bypass: (req) => (req.method === "GET" && req.headers.accept?.includes("text/html") ? "/index.html" : undefined),
      },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks the first page loads (scripts/web-bundle-size.mjs reads it).
    manifest: true,
  },
});
