import type { ReactElement } from 'react';
import { Accounts } from '../pages/Accounts.js';
import { Activity } from '../pages/Activity.js';
import { Catalogue } from '../pages/Catalogue.js';
import { Convert } from '../pages/Convert.js';
import { DataSources } from '../pages/DataSources.js';
import { History } from '../pages/History.js';
import { Markets } from '../pages/Markets.js';
import { Orders } from '../pages/Orders.js';
import { Portfolio } from '../pages/Portfolio.js';
import { Reports } from '../pages/Reports.js';
import { Settings } from '../pages/Settings.js';
import { Sync } from '../pages/Sync.js';
import { Trade } from '../pages/Trade.js';
import { Wallets } from '../pages/Wallets.js';
import { Health } from '../pages/Health.js';
import { Alerts } from '../pages/Alerts.js';
import { t } from '../i18n/index.js';
import type { BadgeId } from './badges.js';
import type { IconName } from './icons.js';

/** Sidebar groups by id; their names are `nav:groups.<id>`. */
export const GROUPS = ['overview', 'money', 'trading', 'records', 'market', 'settings'] as const;
export type Group = (typeof GROUPS)[number];

export type PageId = 'portfolio' | 'wallets' | 'accounts' | 'convert' | 'trade' | 'orders' | 'activity' | 'reports' | 'history' | 'markets' | 'catalogue' | 'sources' | 'sync' | 'alerts' | 'health' | 'settings';

export interface PageEntry {
  /** Also the key of its name, `nav:pages.<id>`. */
  id: PageId;
  group: Group;
  icon: IconName;
  /** The second key of its "G then key" shortcut (listed in the command palette). */
  key: string;
  /** Words the command palette also matches (English; the page's name is matched in the interface language). */
  keywords: string[];
  /** A count the sidebar shows beside the page's name (renderer/src/nav/badges.ts). */
  badge?: BadgeId;
  render: () => ReactElement;
}

/**
 * Every page of the signed-in app, in sidebar order: the sidebar, the command palette, the "G then key" shortcuts
 * and the remembered page all read this one list, so a new page is one entry here.
 */
export const PAGES = [
  { id: 'portfolio', group: 'overview', icon: 'overview', key: 'p', keywords: ['overview', 'holdings', 'returns', 'allocation'], badge: 'proposals', render: () => <Portfolio /> },
  { id: 'wallets', group: 'money', icon: 'wallet', key: 'w', keywords: ['cash', 'deposit', 'withdraw', 'balance'], render: () => <Wallets /> },
  { id: 'accounts', group: 'money', icon: 'accounts', key: 'k', keywords: ['broker', 'bank', 'transfer', 'cost basis', 'fifo'], render: () => <Accounts /> },
  { id: 'convert', group: 'money', icon: 'convert', key: 'c', keywords: ['fx', 'exchange', 'rate', 'currency'], render: () => <Convert /> },
  { id: 'trade', group: 'trading', icon: 'trade', key: 't', keywords: ['buy', 'sell', 'order'], render: () => <Trade /> },
  { id: 'orders', group: 'trading', icon: 'orders', key: 'o', keywords: ['fills', 'open', 'cancel'], render: () => <Orders /> },
  { id: 'activity', group: 'records', icon: 'activity', key: 'a', keywords: ['record', 'dividend', 'broker', 'outside'], render: () => <Activity /> },
  { id: 'reports', group: 'records', icon: 'reports', key: 'r', keywords: ['tax', 'realized', 'gains', 'income', 'pdf', 'lots'], render: () => <Reports /> },
  { id: 'history', group: 'records', icon: 'history', key: 'h', keywords: ['export', 'import', 'csv', 'json', 'ledger'], render: () => <History /> },
  { id: 'markets', group: 'market', icon: 'markets', key: 'm', keywords: ['prices', 'watchlist', 'quotes'], render: () => <Markets /> },
  { id: 'catalogue', group: 'market', icon: 'catalogue', key: 'i', keywords: ['instruments', 'currencies', 'symbols'], render: () => <Catalogue /> },
  { id: 'sources', group: 'market', icon: 'sources', key: 'd', keywords: ['providers', 'api key', 'feed'], render: () => <DataSources /> },
  { id: 'sync', group: 'market', icon: 'sync', key: 'y', keywords: ['history', 'backfill', 'jobs'], render: () => <Sync /> },
  { id: 'alerts', group: 'market', icon: 'alerts', key: 'l', keywords: ['price alert', 'notify', 'above', 'below'], render: () => <Alerts /> },
  { id: 'health', group: 'market', icon: 'health', key: 'x', keywords: ['missing rate', 'no price', 'gaps', 'stale', 'provider'], render: () => <Health /> },
  { id: 'settings', group: 'settings', icon: 'settings', key: 's', keywords: ['preferences', 'theme', 'backup', 'lock'], render: () => <Settings /> },
] as const satisfies readonly PageEntry[];

export type Page = PageId | 'welcome';

/** A page's name in the interface language (the sidebar, the window title, the palette). */
export function pageLabel(id: Page): string {
  return t(`nav:pages.${id}`);
}

export function pageEntry(id: string): PageEntry | undefined {
  return PAGES.find((p) => p.id === id);
}

export function isPage(id: string): id is Page {
  return id === 'welcome' || pageEntry(id) !== undefined;
}
