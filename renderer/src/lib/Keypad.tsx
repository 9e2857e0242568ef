// The on-screen keypad (the PIN at sign-in, cash tendered at payment): one component, so both
// read the same to a screen reader and behave the same on a touch screen.
const KEY_NAMES: Record<string, string> = { '⌫': 'Delete last digit' };

export function Keypad({
  keys,
  label,
  clearLabel,
  onKey,
  disabled,
  className,
  skipInTabOrder,
}: {
  /** The keys in reading order; 'C' clears and '⌫' deletes the last character. */
  keys: readonly string[];
  label: string;
  /** What 'C' clears, for its accessible name ("Clear PIN"). */
  clearLabel: string;
  onKey(k: string): void;
  disabled?: boolean;
  className?: string;
  /** Keep the keys out of the Tab order (the PIN field is typed into; the pad is for the mouse or touch). */
  skipInTabOrder?: boolean;
}) {
  return (
    <div className={className ? `keypad ${className}` : 'keypad'} aria-label={label}>
      {keys.map((k) => (
        <button
          type="button"
          key={k}
          onClick={() => onKey(k)}
          disabled={disabled}
          aria-label={k === 'C' ? clearLabel : KEY_NAMES[k]}
          tabIndex={skipInTabOrder ? -1 : undefined}
        >
          {k}
        </button>
      ))}
    </div>
  );
}
