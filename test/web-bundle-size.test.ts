// The pure parts of scripts/web-bundle-size.mjs, on a manifest written by hand
// in the shape Vite writes (keys, `file`, `isEntry`, `imports`, `dynamicImports`).
import { describe, expect, it } from "vitest";
import { initialChunks, packageOfSource } from "../scripts/web-bundle-size.mjs";

const manifest = {
  "index.html": {
    file: "assets/index-a.js",
    isEntry: true,
    imports: ["_vendor-b.js", "_runtime-c.js"],
    dynamicImports: ["src/Pyramid.tsx", "src/Charts.tsx"],
  },
  "_vendor-b.js": { file: "assets/vendor-b.js", imports: ["_runtime-c.js"] },
  "_runtime-c.js": { file: "assets/runtime-c.js" },
  "src/Pyramid.tsx": { file: "assets/Pyramid-d.js", imports: ["_vendor-b.js", "_cells-e.js", "index.html"] },
  "_cells-e.js": { file: "assets/cells-e.js" },
  "_cells-e.css": { file: "assets/cells-e.css" },
  "src/Charts.tsx": { file: "assets/Charts-f.js", imports: ["_recharts-g.js"] },
  "_recharts-g.js": { file: "assets/recharts-g.js" },
};

describe("initialChunks", () => {
  it("is the entry and what it imports statically, each once; dynamic imports and their chunks load later", () => {
    expect(initialChunks(manifest)).toEqual({
      entry: "index.html",
      initial: ["index.html", "_vendor-b.js", "_runtime-c.js"],
      lazy: ["src/Pyramid.tsx", "_cells-e.js", "src/Charts.tsx", "_recharts-g.js"],
    });
  });

  it("refuses a manifest without exactly one entry, or naming a chunk it does not list", () => {
    expect(() => initialChunks({ a: { file: "a.js" } })).toThrow(/one entry/);
    expect(() => initialChunks({ a: { file: "a.js", isEntry: true, imports: ["gone"] } })).toThrow(/gone/);
  });
});

describe("packageOfSource", () => {
  it("names the package of a dependency's source, scoped or not, and nothing for our own", () => {
    expect(packageOfSource("../../node_modules/.pnpm/react-dom@19.3.1/node_modules/react-dom/cjs/x.js")).toBe("react-dom");
    expect(packageOfSource("../../node_modules/.pnpm/@apollo+client@4.3.8/node_modules/@apollo/client/core/a.js")).toBe(
      "@apollo/client",
    );
    expect(packageOfSource("../../src/app/App.tsx")).toBeNull();
  });
});
