// The import history of the chosen unit and kind: batches, status, who, when;
// an applied batch can be reverted. (Waiting for the server's importBatches.)
import type { ImportKind } from "./imports-api.js";

export interface ImportHistoryProps {
  readonly scopeCode: string;
  readonly kind: ImportKind;
  /** Bumped after an import, to fetch the list again. */
  readonly version: number;
}

export function ImportHistory(_props: ImportHistoryProps) {
  return null;
}
