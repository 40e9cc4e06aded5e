import type { ActivityRecordRequest, ActivityView } from '../../shared/contract/index.js';
import type { Store } from '../store/data-source.js';
import { withIdempotency } from '../store/idempotency.js';
import type { WriteDb } from '../store/writer.js';
import { BulkRecorder } from '../ledger/bulk.js';
import { checkActivityDate, planActivity, type RecordOptions } from '../ledger/plan.js';
import { record } from '../ledger/record.js';
import { isCorporateRequest, recordCorporateAction } from '../ledger/corporate.js';
import { openAccount } from '../accounts/service.js';
import { activityRepo } from './repo.js';
import { activityView } from './view.js';

export type { RecordOptions } from '../ledger/plan.js';

/**
 * Outside activity of a real portfolio (docs/design.md#outside-activity): trades, cash movements and FX exchanges
 * done elsewhere, recorded at their own date and price. The ledger writes each with the wallet and unit moves it names in one transaction, so wallets,
 * positions and the portfolio's replay always agree. A recorded buy needs the cash to be there (record the deposit
 * first): nothing is allowed to go negative.
 */
export class ActivityService {
  constructor(
    private readonly store: Store,
    private readonly today: () => string,
    private readonly now: () => number = Date.now,
    private readonly onActivity: () => void = () => undefined,
  ) {}

  async record(req: ActivityRecordRequest): Promise<ActivityView> {
    const at = new Date(this.now()).toISOString();
    this.checkDate(req.date);
    const view = await this.store.writer.write((db) => withIdempotency(db, 'activity:record', req, at, () => this.recordIn(db, req, at)));
    this.onActivity();
    return view;
  }

  checkDate(date: string): void {
    checkActivityDate(date, this.today());
  }

  /** A recorder of many activities in the caller's open transaction (the import), each as `recordIn` records it. */
  bulk(db: WriteDb): BulkRecorder {
    return new BulkRecorder(db, this.today(), activityRepo.lookups(db));
  }

  /** Tells the portfolio (and whoever listens) that activities changed outside `record` (an import). */
  changed(): void {
    this.onActivity();
  }

  list(q: { symbol?: string; limit?: number; before?: string }): Promise<ActivityView[]> {
    return this.store.writer.read((db) => activityRepo.list(db, q).map(activityView));
  }

  /**
   * Records one request inside the caller's transaction: the ledger's plan, then its row and moves. Throws before
   * anything is written when the request is refused by the plan; a refusal of a move (not enough cash) comes after
   * the activity row, so callers that go on after a refusal wrap each call in a savepoint. The date is the caller's
   * to check (checkDate).
   */
  recordIn(db: WriteDb, req: ActivityRecordRequest, at: string, options: RecordOptions = {}): ActivityView {
    if (isCorporateRequest(req)) {
      return activityView(activityRepo.one(db, recordCorporateAction(db, req, at, options.id))!);
    }
    const plan = planActivity(activityRepo.lookups(db), req, at, options);
    const { id } = record(db, { ...plan, accountId: openAccount(db, req.accountId).id });
    return activityView(activityRepo.one(db, id)!);
  }
}
