import { useImport } from '../../stores/import.js';

/** Saved mappings: pick one, save the current one by name, delete the chosen one. */
export function PresetRow({ id }: { id: string }) {
  const { presets, presetName, chosenPreset, applyPreset, setPresetName, savePreset, deletePreset } = useImport();
  return (
    <div className="preset-row">
      <div className="field">
        <label htmlFor={`${id}-preset`}>Preset</label>
        <select id={`${id}-preset`} value={chosenPreset} onChange={(e) => applyPreset(e.target.value)}>
          <option value="">{presets.length ? 'Choose a saved mapping…' : 'No saved mappings yet'}</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-preset-name`}>Preset name</label>
        <input id={`${id}-preset-name`} value={presetName} maxLength={60} onChange={(e) => setPresetName(e.target.value)} placeholder="My broker" />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void savePreset()} disabled={!presetName.trim()}>
          Save preset
        </button>
        {chosenPreset && (
          <button type="button" className="ghost" onClick={() => void deletePreset()}>
            Delete preset
          </button>
        )}
      </div>
    </div>
  );
}
