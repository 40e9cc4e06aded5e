import type { ActivityView, SplitProposalView } from '../../shared/contract/index.js';
import { Dec } from '../../shared/decimal/index.js';
import { AppError } from '../../shared/errors.js';
import { LotBook } from '../../shared/lots/index.js';
import { activityRepo } from '../activities/repo.js';
import { activityView } from '../activities/view.js';
import { instrumentBySymbol } from '../catalogue/repo.js';
import { recordCorporateAction } from '../ledger/corporate.js';
import { toLotEvents } from '../ledger/lot-events.js';
import type { SplitEvent } from '../providers/types.js';
import type { Store } from '../store/data-source.js';
import { withIdempotency } from '../store/idempotency.js';
import { newRowId } from '../store/ids.js';
import type { ReadDb } from '../store/writer.js';
import type { PublishedSplitsOf } from './published.js';
import { corporateRepo } from './repo.js';
import { proposalView } from './views.js';

export interface CorporateDeps {
  store: Store;
  today: () => string;
  now: () => number;
  /** Proposals changed: how many are still to decide (the renderer's banner). */
  onProposals: (proposed: number) => void;
  /** A confirmed split was recorded: the portfolio and every window refetch. */
  onActivity: () => void;
}

/**
 * Split proposals (docs/design.md#split-proposals): splits a provider published for an instrument the profile held
 * on the split's date are kept, never applied, until the user confirms one (recorded as a split activity by the
 * ledger, as `activity:record` does) or dismisses it. A split already recorded for that instrument and date, one
 * proposed before (whatever became of it), one dated after today, or one of an instrument not held then is not
 * proposed.
 */
export class CorporateService {
  constructor(private readonly deps: CorporateDeps) {}

  /**
   * Proposes what is new among a provider's splits of `symbol` and keeps the rest that could still become proposable
   * (nothing held on its date yet, or dated after today) in the profile database; answers how many it proposed.
   */
  async propose(symbol: string, provider: string, splits: readonly SplitEvent[]): Promise<number> {
    const at = new Date(this.deps.now()).toISOString();
    const today = this.deps.today();
    const { added, proposed, kept } = await this.deps.store.writer.write((db) => {
      let n = 0;
      for (const s of splits) {
        const fate = this.fate(db, symbol, s, today);
        if (fate === 'keep') corporateRepo.keep(db, { symbol, date: s.date, numerator: s.numerator, denominator: s.denominator, provider }, at);
        if (fate === 'drop') corporateRepo.forget(db, symbol, s.date);
        if (fate !== 'propose') continue;
        if (corporateRepo.insert(db, { id: newRowId(), symbol, date: s.date, numerator: s.numerator, denominator: s.denominator, provider, created_at: at })) n++;
        corporateRepo.forget(db, symbol, s.date);
      }
      return { added: n, proposed: n > 0 ? corporateRepo.proposedCount(db) : 0, kept: corporateRepo.publishedCount(db) };
    });
    this.kept = kept;
    if (added > 0) this.deps.onProposals(proposed);
    return added;
  }

  /**
   * Proposes what providers published earlier and was not proposed then, typically because the holding was recorded
   * after the sync: the splits this profile keeps (main/store/migrations/profile-018-published-splits.ts, so a
   * restart loses none) and those published during this run while another profile was signed in
   * (main/corporate/published.ts), which this profile keeps too when they are of its catalogue. Looks first in a
   * read; writes only when something is new. Calls that come while one runs are folded into one more pass after it.
   */
  recheck(published: () => readonly PublishedSplitsOf[]): Promise<number> {
    if (this.rechecking) {
      this.recheckAgain = true;
      return this.rechecking;
    }
    const run = async (): Promise<number> => {
      let added = 0;
      do {
        this.recheckAgain = false;
        const today = this.deps.today();
        const inRun = published();
        if (inRun.length === 0 && this.kept === 0) break;
        const fresh = await this.deps.store.writer.read((db) => {
          const kept = corporateRepo.published(db);
          this.kept = kept.length;
          // By symbol and date; this run's word over the stored one, which it may repeat (then nothing to keep).
          const all = new Map<string, { symbol: string; provider: string; split: SplitEvent; stored: boolean }>();
          for (const r of kept) all.set(`${r.symbol} ${r.date}`, { symbol: r.symbol, provider: r.provider, split: r, stored: true });
          for (const p of inRun) {
            for (const s of p.splits) {
              const r = all.get(`${p.symbol} ${s.date}`);
              const same = !!r && r.stored && r.provider === p.provider && r.split.numerator === s.numerator && r.split.denominator === s.denominator;
              all.set(`${p.symbol} ${s.date}`, { symbol: p.symbol, provider: p.provider, split: s, stored: same });
            }
          }
          const out = new Map<string, PublishedSplitsOf>();
          for (const e of all.values()) {
            const fate = this.fate(db, e.symbol, e.split, today);
            // Kept by this profile only when new to it and of its catalogue (another profile's sync published it).
            if (fate === 'propose' || (fate === 'keep' && !e.stored && instrumentBySymbol(db, e.symbol))) {
              const group = `${e.symbol} ${e.provider}`;
              if (!out.has(group)) out.set(group, { symbol: e.symbol, provider: e.provider, splits: [] });
              out.get(group)!.splits.push({ date: e.split.date, numerator: e.split.numerator, denominator: e.split.denominator });
            }
          }
          return [...out.values()];
        });
        for (const p of fresh) added += await this.propose(p.symbol, p.provider, p.splits);
      } while (this.recheckAgain);
      return added;
    };
    this.rechecking = run().finally(() => (this.rechecking = null));
    return this.rechecking;
  }

  private rechecking: Promise<number> | null = null;
  private recheckAgain = false;
  /** Published splits this profile keeps; unknown (-1) until the first read, so a sign-in always looks. */
  private kept = -1;

  /**
   * What becomes of a published split with a ratio the ledger takes, never proposed and not recorded by hand:
   * proposed when the profile held the instrument at the start of its date (not after today); else kept for later.
   * Any other is dropped.
   */
  private fate(db: ReadDb, symbol: string, s: SplitEvent, today: string): 'propose' | 'keep' | 'drop' {
    if (!valid(s) || corporateRepo.known(db, symbol, s.date) || corporateRepo.recorded(db, symbol, s.date)) return 'drop';
    if (s.date > today) return 'keep';
    return heldBefore(db, symbol, s.date).isZero() ? 'keep' : 'propose';
  }

  list(all: boolean): Promise<SplitProposalView[]> {
    return this.deps.store.writer.read((db) => corporateRepo.list(db, all).map(proposalView));
  }

  /**
   * Records the proposed split for every account holding the instrument, and marks the proposal confirmed. Refused
   * (DUPLICATE) when a split or stock dividend of the instrument on that date was recorded since it was proposed.
   */
  async confirm(req: { id: string; idempotencyKey: string }): Promise<{ proposal: SplitProposalView; activity: ActivityView }> {
    const at = new Date(this.deps.now()).toISOString();
    const out = await this.deps.store.writer.write((db) =>
      withIdempotency(db, 'corporate:confirm', req, at, () => {
        const p = this.undecided(db, req.id);
        const id = recordCorporateAction(
          db,
          // No note: who published it stays in the proposal (provider, ratio, date, activity_id), which the pages
          // render in the reader's language with the provider's name.
          { type: 'split', symbol: p.symbol, date: p.date, numerator: p.numerator, denominator: p.denominator, idempotencyKey: req.idempotencyKey },
          at,
        );
        corporateRepo.decide(db, p.id, 'confirmed', id, at);
        return { proposal: proposalView(corporateRepo.one(db, p.id)!), activity: activityView(activityRepo.one(db, id)!), proposed: corporateRepo.proposedCount(db) };
      }),
    );
    this.deps.onActivity();
    this.deps.onProposals(out.proposed);
    return { proposal: out.proposal, activity: out.activity };
  }

  /** Sets the proposal aside for good; dismissing it twice answers the same. */
  async dismiss(id: string): Promise<SplitProposalView> {
    const at = new Date(this.deps.now()).toISOString();
    const out = await this.deps.store.writer.write((db) => {
      const p = corporateRepo.one(db, id);
      if (!p) throw new AppError('NOT_FOUND', 'No such split proposal.', { id });
      if (p.state === 'confirmed') throw new AppError('INVALID_INPUT', 'This split was confirmed and recorded: it is no longer a proposal.', { id });
      corporateRepo.decide(db, id, 'dismissed', null, at);
      return { proposal: proposalView(corporateRepo.one(db, id)!), proposed: corporateRepo.proposedCount(db) };
    });
    this.deps.onProposals(out.proposed);
    return out.proposal;
  }

  private undecided(db: ReadDb, id: string) {
    const p = corporateRepo.one(db, id);
    if (!p) throw new AppError('NOT_FOUND', 'No such split proposal.', { id });
    if (p.state !== 'proposed') throw new AppError('INVALID_INPUT', `This split was already ${p.state}.`, { id, state: p.state });
    // Recorded by hand since it was proposed: confirming it would split the holding a second time.
    if (corporateRepo.recorded(db, p.symbol, p.date)) {
      throw new AppError('DUPLICATE', `A split of ${p.symbol} on ${p.date} is already recorded: dismiss this proposal.`, { id, symbol: p.symbol, date: p.date });
    }
    return p;
  }
}

/** A ratio the ledger takes: two positive decimals that differ. */
function valid(s: SplitEvent): boolean {
  const n = Dec.tryOf(s.numerator);
  const d = Dec.tryOf(s.denominator);
  return /^\d{4}-\d{2}-\d{2}$/.test(s.date) && !!n && !!d && n.isPos() && d.isPos() && !n.eq(d);
}

/** Units of `symbol` held across every account at the start of `date` (the lots engine's replay of what came before). */
function heldBefore(db: ReadDb, symbol: string, date: string): Dec {
  const book = new LotBook();
  for (const e of toLotEvents(corporateRepo.eventsBefore(db, symbol, date))) book.apply(e);
  return Dec.sum(book.open({ symbol }).map((l) => l.quantity));
}
