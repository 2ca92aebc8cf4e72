// Folding everything pending, batch by batch, each batch its own transaction. The server
// repeats it in the background (apps/server main.ts); reads are exact either way (they add
// the pending deltas), folding only keeps them few.
import type { DataAccess } from "../repositories/data-access.js";

/** Folds until fewer than `batch` were pending; returns how many deltas were folded. */
export async function foldPendingSummary(dataAccess: DataAccess, batch = 20_000): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await dataAccess.inTransaction((repositories) => repositories.targetSummary.fold(batch));
    total += folded;
    if (folded < batch) return total;
  }
}
