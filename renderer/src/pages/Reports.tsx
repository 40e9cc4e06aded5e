import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomeReport, RealizedReport } from '../../../shared/contract/index.js';
import { AccountPicker } from '../components/AccountPicker.js';
import { Alert, Status } from '../components/Alert.js';
import { formatMoney } from '../format/money.js';
import { formatQuantity } from '../format/quantity.js';
import { useAccounts } from '../stores/accounts.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useReports } from '../stores/reports.js';
import { useSettings } from '../stores/settings.js';

const YEARS_BACK = 15;

/** The tax year: realized gains (every closed lot) and income, for the accounts chosen; saved as CSV or PDF. */
export function Reports() {
  const { t } = useTranslation('reports');
  const id = useId();
  const { year, accountIds, realized, income, loading, error, file, saving } = useReports();
  const locale = useSettings((s) => s.settings.locale);
  const base = useSettings((s) => s.settings.baseCurrency);
  const accounts = useAccounts((s) => s.accounts);
  useEffect(() => {
    void useReports.getState().load();
    if (!useAccounts.getState().loaded) void useAccounts.getState().load();
  }, []);
  const nameOf = (accountId: string) => accounts.find((a) => a.id === accountId)?.name ?? accountId;
  const money = (amount: string | null, currency: string) => (amount === null ? '—' : formatMoney(amount, currency, minorUnitOf(currency), locale));
  const now = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK }, (_, i) => now - i);

  return (
    <>
      <div className="page-head">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <div className="report-controls">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('year')}</label>
          <select id={`${id}-year`} value={year} onChange={(e) => useReports.getState().choose({ year: Number(e.target.value) })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <AccountPicker value={accountIds} onChange={(ids) => useReports.getState().choose({ accountIds: ids })} />
      {error && <Alert>{error.message}</Alert>}
      {loading && !realized && <p className="muted">{t('loading')}</p>}
      <div className="stack-lg">
      {realized && <Realized report={realized} year={year} base={base} nameOf={nameOf} money={money} locale={locale} />}
      {income && <Income report={income} year={year} base={base} nameOf={nameOf} money={money} />}
      </div>
      <Status>
        {file?.state === 'done' && file.path ? t('savedTo', { path: file.path }) : saving ? t('saving') : null}
      </Status>
      {file?.state === 'done' && file.downloadUrl && (
        <p className="export-done">
          <a href={file.downloadUrl} download={file.fileName}>
            {file.fileName}
          </a>
        </p>
      )}
    </>
  );
}

interface Shared {
  year: number;
  base: string;
  nameOf(id: string): string;
  money(amount: string | null, currency: string): string;
}

function FileButtons({ report }: { report: 'realized' | 'income' }) {
  const { t } = useTranslation('reports');
  const saving = useReports((s) => s.saving);
  return (
    <div className="report-files">
      <button type="button" className="secondary" disabled={saving} onClick={() => void useReports.getState().save(report, 'csv')}>
        {t('csv')}
      </button>
      <button type="button" className="secondary" disabled={saving} onClick={() => void useReports.getState().save(report, 'pdf')}>
        {t('pdf')}
      </button>
    </div>
  );
}

function Missing({ list }: { list: { currency: string; date: string }[] }) {
  const { t } = useTranslation('reports');
  if (list.length === 0) return null;
  return <Alert>{t('missingFx', { list: list.map((m) => `${m.currency} ${m.date}`).join(', ') })}</Alert>;
}

function Realized({ report, year, base, nameOf, money, locale }: Shared & { report: RealizedReport; locale: string }) {
  const { t } = useTranslation('reports');
  const id = useId();
  const totals: [string, string][] = [
    [t('totals.proceeds'), report.totals.proceeds],
    [t('totals.cost'), report.totals.cost],
    [t('totals.fees'), report.totals.fees],
    [t('totals.shortTermGain'), report.totals.shortTermGain],
    [t('totals.longTermGain'), report.totals.longTermGain],
    [t('totals.gain'), report.totals.gain],
  ];
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="account-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('realized')} {year}
        </h2>
        <FileButtons report="realized" />
      </div>
      {report.rows.length === 0 ? (
        <p className="muted">{t('noLots', { year })}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid">
            <caption className="visually-hidden">{t('realized')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.account')}</th>
                <th scope="col">{t('col.instrument')}</th>
                <th scope="col" className="num">{t('col.quantity')}</th>
                <th scope="col">{t('col.acquired')}</th>
                <th scope="col">{t('col.sold')}</th>
                <th scope="col">{t('col.term')}</th>
                <th scope="col" className="num">{t('col.proceeds')}</th>
                <th scope="col" className="num">{t('col.cost')}</th>
                <th scope="col" className="num">{t('col.fees')}</th>
                <th scope="col" className="num">{t('col.baseGain', { base })}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r, i) => (
                <tr key={i}>
                  <td>{nameOf(r.accountId)}</td>
                  <td>{r.symbol}</td>
                  <td className="num">{formatQuantity(r.quantity, locale)}</td>
                  <td>{r.acquired}</td>
                  <td>{r.sold}</td>
                  <td>{t(`terms.${r.term}`)}</td>
                  <td className="num">{money(r.proceeds, r.currency)}</td>
                  <td className="num">{money(r.cost, r.currency)}</td>
                  <td className="num">{money(r.fees, r.currency)}</td>
                  <td className="num">{money(r.baseGain, base)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="report-totals">
        {totals.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{money(value, base)}</dd>
          </div>
        ))}
      </dl>
      <Missing list={report.missingFx} />
    </section>
  );
}

function Income({ report, year, base, nameOf, money }: Shared & { report: IncomeReport }) {
  const { t } = useTranslation('reports');
  const id = useId();
  const totals: [string, string][] = [
    [t('totals.dividends'), report.totals.dividends],
    [t('totals.interest'), report.totals.interest],
    [t('totals.fees'), report.totals.fees],
    [t('totals.net'), report.totals.net],
  ];
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="account-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('income')} {year}
        </h2>
        <FileButtons report="income" />
      </div>
      {report.rows.length === 0 ? (
        <p className="muted">{t('noIncome', { year })}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid">
            <caption className="visually-hidden">{t('income')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.date')}</th>
                <th scope="col">{t('col.account')}</th>
                <th scope="col">{t('col.type')}</th>
                <th scope="col">{t('col.instrument')}</th>
                <th scope="col" className="num">{t('col.amount')}</th>
                <th scope="col" className="num">{t('col.baseAmount', { base })}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r, i) => (
                <tr key={i}>
                  <td>{r.date}</td>
                  <td>{nameOf(r.accountId)}</td>
                  <td>{t(`types.${r.type}`)}</td>
                  <td>{r.symbol ?? '—'}</td>
                  <td className="num">{money(r.amount, r.currency)}</td>
                  <td className="num">{money(r.baseAmount, base)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="report-totals">
        {totals.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{money(value, base)}</dd>
          </div>
        ))}
      </dl>
      <Missing list={report.missingFx} />
    </section>
  );
}
