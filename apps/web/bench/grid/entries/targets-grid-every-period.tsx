// TargetsGrid on 2,000 rows with every period's Y-1, Y-2 and growth beside its
// target: 76 value columns, virtualised like the rows.
import { createTargetsGridBench } from "../targets-bench.js";

createTargetsGridBench("EVERY_PERIOD");
