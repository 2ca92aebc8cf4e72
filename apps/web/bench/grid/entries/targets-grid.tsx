// The project's TargetsGrid on 2,000 rows (20 product lines × 100 spec ×
// channel rows) in its default view: 19 period columns and the year's Y-1,
// Y-2 and growth (22 value columns + the labels), every total computed from
// 24,000 stored cells. Then: typing one digit over a cell (the editor opens and
// every total is recomputed) and pasting a 3 × 4 block.
import { createTargetsGridBench } from "../targets-bench.js";

createTargetsGridBench("YEAR");
