import { useState } from 'react';
import { useNav } from '../stores/nav.js';
import { useSample } from '../stores/sample.js';
import { useSettings } from '../stores/settings.js';
import { Alert } from './Alert.js';

/** On every page of a sample profile: says the figures are made up, and deletes them in one step (after a confirm). */
export function SampleBanner() {
  const sample = useSettings((s) => s.settings.sample);
  const { busy, error } = useSample();
  const [asking, setAsking] = useState(false);
  if (!sample) return null;

  async function remove() {
    if (await useSample.getState().remove()) {
      setAsking(false);
      useNav.getState().show('welcome');
    }
  }

  return (
    <div className="sample-banner" role="region" aria-label="Sample profile">
      <p>
        <strong>Sample profile.</strong> Every deposit, trade and dividend here is made up, to look around with.
      </p>
      {asking ? (
        <div className="sample-confirm">
          <span>Delete all the sample’s activity, wallets and orders?</span>
          <button type="button" className="danger" onClick={() => void remove()} disabled={busy !== null} autoFocus>
            {busy === 'deleting' ? 'Deleting…' : 'Delete the sample'}
          </button>
          <button type="button" className="ghost" onClick={() => setAsking(false)} disabled={busy !== null}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          Delete the sample…
        </button>
      )}
      <Alert>{error?.message}</Alert>
    </div>
  );
}
