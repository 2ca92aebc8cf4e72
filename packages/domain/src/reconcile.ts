// Reconciliation (上下对账): a parent compares its need (its own figure or
// HQ's guidance 指导目标) with what its children submitted. The gap can be
// split back down as a PROPOSAL the children see, and the uplift the parent
// would be applying is always stated outright: the seed criticises the habit
// of quietly adding "+20%" before splitting.
import { Dec, Fixed, RATIO_DECIMALS } from "./fixed.js";
import { splitValue, type SplitCell, type SplitMethod, type SplitOptions, type SplitResult } from "./split.js";

export interface ChildSubmission {
  id: string;
  value: Fixed;
}

export interface ReconcileInput {
  /** The parent's own figure or HQ's guidance, at the children's scale. */
  need: Fixed;
  children: readonly ChildSubmission[];
  /**
   * How to split the gap. Default: in proportion to what each child
   * submitted (so each child is asked for the same uplift %).
   */
  gapMethod?: SplitMethod;
  /**
   * Per child id, what else its cell of the gap split carries (held, min,
   * max, a different reference). Each child's cell is keyed by its id and
   * its reference is what it submitted unless given here.
   */
  gapCells?: Readonly<Record<string, Omit<SplitCell, "key">>>;
  gapOptions?: SplitOptions;
}

export interface ReconcileProposal {
  id: string;
  submitted: Fixed;
  /** This child's part of the gap (negative when the children over-shoot the need). */
  gapShare: Fixed;
  /** submitted + gapShare. */
  proposed: Fixed;
}

export interface Reconciliation {
  need: Fixed;
  childrenTotal: Fixed;
  /** need − children's total. */
  gap: Fixed;
  /** need / children's total at RATIO_DECIMALS; null when the children submitted zero. */
  upliftFactor: Dec | null;
  /** (factor − 1) × 100, e.g. 20 for "+20%"; null when the children submitted zero. */
  upliftPercent: Dec | null;
  /** The gap split per child; the proposals sum exactly to the need when the split succeeds. */
  split: SplitResult;
  proposals: ReconcileProposal[] | null;
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const { need, children } = input;
  const scale = need.scale;
  let total = 0n;
  for (const child of children) {
    if (child.value.scale !== scale) throw new RangeError(`child ${child.id} is at scale ${child.value.scale}, need at ${scale}`);
    total += child.value.units;
  }
  const childrenTotal = Fixed.fromUnits(total, scale);
  const gap = need.minus(childrenTotal);
  const upliftFactor = need.ratioTo(childrenTotal, RATIO_DECIMALS);
  const upliftPercent = upliftFactor === null ? null : upliftFactor.minus(1).times(100);
  const method: SplitMethod = input.gapMethod ?? { kind: "PROPORTIONAL", basis: "CURRENT_VALUES" };
  const cells: SplitCell[] = children.map((c) => ({ key: c.id, reference: c.value, ...input.gapCells?.[c.id] }));
  const split = splitValue(gap, cells, method, input.gapOptions);
  const proposals = split.ok
    ? children.map((child, i) => {
        const gapShare = split.parts[i]!;
        return { id: child.id, submitted: child.value, gapShare, proposed: child.value.plus(gapShare) };
      })
    : null;
  return { need, childrenTotal, gap, upliftFactor, upliftPercent, split, proposals };
}
