export interface SegmentOption<T extends string> {
  value: T;
  label: string;
  /** Extra class of this segment's label (e.g. the buy and sell colours). */
  className?: string;
}

interface Props<T extends string> {
  legend: string;
  /** The radio group's name, unique on the page. */
  name: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange(value: T): void;
  disabled?: boolean;
  className?: string;
}

/** A choice of a few options shown as joined buttons: radio inputs in a fieldset, so keyboards and readers know it. */
export function Segmented<T extends string>({ legend, name, options, value, onChange, disabled, className }: Props<T>) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className={className ? `segmented ${className}` : 'segmented'}>
        {options.map((o) => (
          <label key={o.value} className={o.className ? `segment ${o.className}` : 'segment'}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} disabled={disabled} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
