import type { Settings } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { ActivityService } from '../activities/service.js';
import type { CatalogueService } from '../catalogue/service.js';
import type { EventHub } from '../events.js';
import { clearLedger } from '../ledger/clear.js';
import type { Store } from '../store/data-source.js';
import { SAMPLE_INSTRUMENTS, sampleActivities } from './generate.js';
import { sampleRepo } from './repo.js';

export interface SampleDeps {
  store: Store;
  activities: ActivityService;
  catalogue: CatalogueService;
  events: EventHub;
  settings: () => Settings;
  markSample: (sample: boolean) => Promise<unknown>;
  today: () => string;
  now: () => number;
  /** New wallets and instruments are in use (sync and feed plan again). */
  usageChanged: () => void;
}

/**
 * The sample profile (docs/design.md#first-run): made-up activity written through the ledger's bulk path, as an
 * import writes a file, into a profile that has none; and its deletion, which empties the profile's money again in
 * one transaction. The profile is marked as a sample (settings) from the commit that fills it until the one that
 * empties it.
 */
export class SampleService {
  constructor(private readonly d: SampleDeps) {}

  async create(): Promise<{ activities: number; instruments: string[] }> {
    if (this.d.settings().sample) throw new AppError('DUPLICATE', 'This profile already holds the sample.');
    const added: string[] = [];
    for (const ins of SAMPLE_INSTRUMENTS) {
      const known = await this.d.store.writer.read((db) => sampleRepo.hasInstrument(db, ins.symbol));
      if (known) continue;
      await this.d.catalogue.addInstrument({ symbol: ins.symbol, name: ins.name, assetClass: ins.assetClass, quoteCurrency: ins.quoteCurrency });
      added.push(ins.symbol);
    }
    const today = this.d.today();
    const at = new Date(this.d.now()).toISOString();
    const planned = sampleActivities(today);
    const count = await this.d.store.writer.write((db) => {
      if (sampleRepo.hasActivity(db)) {
        throw new AppError('IN_USE', 'The sample goes only into a profile without activity: this one already has some.');
      }
      const bulk = this.d.activities.bulk(db);
      for (const a of planned) {
        bulk.checkDate(a.req.date);
        bulk.apply(bulk.plan(a.req, at, { id: a.id, source: 'manual' }));
      }
      bulk.finish();
      return planned.length;
    });
    await this.d.markSample(true);
    this.d.activities.changed();
    this.d.usageChanged();
    return { activities: count, instruments: added };
  }

  async remove(): Promise<{ activities: number }> {
    if (!this.d.settings().sample) throw new AppError('NOT_FOUND', 'This profile is not a sample.');
    const activities = await this.d.store.writer.write((db) => {
      if (sampleRepo.hasOpenOrder(db)) throw new AppError('IN_USE', 'Cancel the open orders first: the sample is deleted with nothing in flight.');
      return clearLedger(db);
    });
    await this.d.markSample(false);
    this.d.activities.changed();
    return { activities };
  }
}
