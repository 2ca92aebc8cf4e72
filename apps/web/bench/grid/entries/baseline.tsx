// React and react-dom with the measuring harness and no grid: the floor each
// candidate's bundle size is compared against.
import { benchRows } from "../data.js";
import { measureRender } from "../measure.js";

const rows = benchRows();
measureRender(<p>{rows.length} rows</p>, (root) => root.querySelector("p") !== null);
