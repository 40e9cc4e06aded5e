import { randomUUID } from 'node:crypto';
import { beyondLimit, feeFor, fillAt, type FeeSchedule, type Side } from '../../shared/orders/index.js';

/** One execution at a venue, for the whole quantity asked (the paper venue never fills partially). */
export interface VenueFill {
  venueOrderId: string;
  quantity: string;
  /** Execution price per unit (10 fraction digits). */
  price: string;
  gross: string;
  fee: string;
}

export interface VenueRequest {
  symbol: string;
  side: Side;
  quantity: string;
  /** The live mid price the venue executes against. */
  mid: string;
  /** Minor unit of the quote currency. */
  minorUnit: number;
  /** A limit the execution price must not be worse than. */
  limit?: string;
}

export type VenueResult = { ok: true; fill: VenueFill } | { ok: false; reason: string };

/**
 * Where orders are settled (docs/design.md#orders). Synchronous on purpose: the paper venue answers at once, so an
 * order is created, reserved, filled and booked in ONE SQLite transaction (one commit per market order; see
 * bench/orders.ts). A networked venue would need the two-phase path (the order committed as `pending`, then settled
 * when the venue answers); orders found `pending` at start-up are failed and released by OrderService.recover().
 */
export interface Venue {
  readonly id: string;
  execute(req: VenueRequest): VenueResult;
  /** Fee on a gross value, so an aggregated order's fee can be split back to its members. */
  feeFor(gross: string, minorUnit: number): string;
}

export interface PaperVenueConfig {
  spreadBps: string;
  fee: FeeSchedule;
}

/** Fills at the live price ± half the configured spread, with the configured fee. */
export class PaperVenue implements Venue {
  readonly id = 'paper';
  constructor(private readonly config: () => PaperVenueConfig) {}

  execute(req: VenueRequest): VenueResult {
    const { spreadBps, fee } = this.config();
    const fill = fillAt({ side: req.side, mid: req.mid, spreadBps, fee, minorUnit: req.minorUnit, quantity: req.quantity });
    const price = fill.price.toFixed();
    if (req.limit !== undefined && beyondLimit(req.side, fill.price, req.limit)) return { ok: false, reason: `the price ${price} is beyond the limit ${req.limit}` };
    return { ok: true, fill: { venueOrderId: `paper-${randomUUID()}`, quantity: req.quantity, price, gross: fill.gross, fee: fill.fee } };
  }

  feeFor(gross: string, minorUnit: number): string {
    return feeFor(gross, this.config().fee, minorUnit).toFixed(minorUnit);
  }
}
