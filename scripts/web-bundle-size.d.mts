// Types of what scripts/web-bundle-size.mjs exports (for its test).
export interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

export function initialChunks(manifest: Readonly<Record<string, ManifestChunk>>): {
  entry: string;
  initial: string[];
  lazy: string[];
};

export function packageOfSource(source: string): string | null;
