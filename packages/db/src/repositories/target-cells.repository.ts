// Target cells: the batch save with per-cell optimistic concurrency (the rule and its SQL
// live in ../summary/save-target-cells.ts, beside the summary it keeps true).
import { saveTargetCells, type SavedTargetCell, type SaveTargetCellsInput } from "../summary/save-target-cells.js";
import type { DbClient } from "./db-client.js";

export interface TargetCellRepository {
  /**
   * Saves a batch: every change or none (TargetCellSaveRefused). Use a transaction's
   * repositories: the cells, their audit rows and the summary deltas commit together.
   */
  save(input: SaveTargetCellsInput): Promise<SavedTargetCell[]>;
}

export function createTargetCellRepository(client: DbClient): TargetCellRepository {
  return { save: (input) => saveTargetCells(client, input) };
}
