// No virtualisation: all 2,000 × 30 cells as a plain <table>, the cost the
// virtualising candidates avoid.
import { benchRows, VALUE_COLUMNS } from "../data.js";
import { measureRender } from "../measure.js";

const data = benchRows();

measureRender(
  <div style={{ height: 700, overflow: "auto" }}>
    <table>
      <tbody>
        {data.map((row) => (
          <tr key={row.id}>
            <th>{row.label}</th>
            {VALUE_COLUMNS.map((c) => (
              <td key={c}>{row[c]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>,
  (root) => root.querySelector("td") !== null,
);
