import { useTranslation } from 'react-i18next';
import { useImport } from '../../stores/import.js';

/** Saved mappings: pick one, save the current one by name, delete the chosen one. */
export function PresetRow({ id }: { id: string }) {
  const { t } = useTranslation('imports');
  const { presets, presetName, chosenPreset, applyPreset, setPresetName, savePreset, deletePreset } = useImport();
  return (
    <div className="preset-row">
      <div className="field">
        <label htmlFor={`${id}-preset`}>{t('preset')}</label>
        <select id={`${id}-preset`} value={chosenPreset} onChange={(e) => applyPreset(e.target.value)}>
          <option value="">{presets.length ? t('choosePreset') : t('noPresets')}</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-preset-name`}>{t('presetName')}</label>
        <input id={`${id}-preset-name`} value={presetName} maxLength={60} onChange={(e) => setPresetName(e.target.value)} placeholder={t('presetPlaceholder')} />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void savePreset()} disabled={!presetName.trim()}>
          {t('savePreset')}
        </button>
        {chosenPreset && (
          <button type="button" className="ghost" onClick={() => void deletePreset()}>
            {t('deletePreset')}
          </button>
        )}
      </div>
    </div>
  );
}
