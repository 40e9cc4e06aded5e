import { parseActivity, type Activity, type DateKey, type MinorUnits, type ParsedActivity } from './activity.js';
import type { PortfolioError } from './errors.js';

/**
 * The snapshot's parse phase: the activities in date order, each parsed only when the forward pass reaches it, into
 * one record overwritten for every activity (nothing keeps a parsed activity once it is applied). A parse error
 * ends the walk: `peek` then answers undefined and `error` holds it.
 */
export class ActivityCursor {
  /** Date-order position of the activity `peek` answers. */
  k = 0;
  error: { ok: false; error: PortfolioError } | undefined;
  private current: ParsedActivity | undefined;
  private scratch: ParsedActivity | undefined;

  constructor(
    private readonly activities: readonly Activity[],
    private readonly dates: readonly DateKey[],
    /** Date order as indices into `activities`, or null when they are in date order already. */
    private readonly order: Int32Array | null,
    private readonly minorUnits: MinorUnits,
    private readonly lean: boolean,
  ) {}

  peek(): ParsedActivity | undefined {
    if (this.current === undefined && this.k < this.activities.length && this.error === undefined) {
      const at = this.order ? this.order[this.k]! : this.k;
      const r = parseActivity(this.activities[at]!, this.minorUnits, this.dates[at], this.scratch, this.lean);
      if (r.ok) this.current = this.scratch = r.data;
      else this.error = r;
    }
    return this.current;
  }

  take(): void {
    this.current = undefined;
    this.k++;
  }
}
