// Signing in at the counter (name + PIN, with an on-screen keypad) and the first-run setup.
import { useEffect, useRef, useState } from 'react';
import { useNow } from '../../lib/hooks';
import { Keypad } from '../../lib/Keypad';
import { useSession } from '../../stores/session';

const PIN_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', '⌫'];

export function SignIn() {
  const login = useSession((s) => s.login);
  const busy = useSession((s) => s.busy);
  const error = useSession((s) => s.error);
  const errorCode = useSession((s) => s.errorCode);
  const lockedUntil = useSession((s) => s.lockedUntil);
  const theater = useSession((s) => s.theater);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const now = useNow(!!lockedUntil, 500);
  const lockLeft = lockedUntil ? Math.max(0, Math.ceil((lockedUntil - now) / 1000)) : 0;

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (!name.trim() || pin.length < 4 || busy) return;
    const ok = await login(name, pin);
    if (!ok) {
      setPin('');
      pinRef.current?.focus();
    }
  };

  const onKey = (k: string) => {
    if (k === 'C') setPin('');
    else if (k === '⌫') setPin((p) => p.slice(0, -1));
    else setPin((p) => (p.length < 8 ? p + k : p));
    pinRef.current?.focus();
  };

  return (
    <main className="signin">
      <form className="card" onSubmit={submit} aria-label="Sign in">
        <h1>Box Office</h1>
        {theater && <p className="muted">{theater.name}, {theater.city}</p>}
        <label className="field">
          <span>Name</span>
          <input ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required />
        </label>
        <label className="field">
          <span>PIN</span>
          <input
            ref={pinRef}
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
            pattern="\d{4,8}"
            required
          />
        </label>
        <Keypad keys={PIN_KEYS} label="PIN keypad" clearLabel="Clear PIN" onKey={onKey} disabled={busy} skipInTabOrder />
        {errorCode === 'LOCKED_OUT' ? (
          <p className="state state--error" role="alert">
            Too many wrong PINs for this name. {lockLeft > 0 ? `Try again in ${lockLeft} seconds.` : 'You may try again now.'}
          </p>
        ) : (
          error && (
            <p className="state state--error" role="alert">
              {error}
            </p>
          )
        )}
        <button type="submit" className="primary wide" disabled={busy || !name.trim() || pin.length < 4 || lockLeft > 0}>
          {busy ? 'Signing in…' : 'Sign in'} <kbd>Enter</kbd>
        </button>
        <p className="muted small">Type your name, Tab, your PIN (or use the keypad), Enter.</p>
      </form>
    </main>
  );
}

export function Setup() {
  const setup = useSession((s) => s.setup);
  const busy = useSession((s) => s.busy);
  const error = useSession((s) => s.error);
  const guessTz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York';
  const [f, setF] = useState({ theater: '', city: '', timezone: guessTz, currency: 'USD', manager: '', pin: '', pin2: '' });
  const [local, setLocal] = useState<string | null>(null);
  const upd = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setLocal(null);
    if (!/^\d{4,8}$/.test(f.pin)) return setLocal('The PIN is 4 to 8 digits.');
    if (f.pin !== f.pin2) return setLocal('The two PINs differ.');
    await setup({
      theater: { name: f.theater, city: f.city, timezone: f.timezone, currency: f.currency.toUpperCase() },
      manager: { name: f.manager, pin: f.pin },
    });
  };

  return (
    <main className="signin">
      <form className="card" onSubmit={submit} aria-label="First-run setup">
        <h1>Set up this box office</h1>
        <p className="muted">No staff exists yet. Name the theater and create the first manager.</p>
        <label className="field"><span>Theater name</span><input value={f.theater} onChange={upd('theater')} required autoFocus /></label>
        <label className="field"><span>City</span><input value={f.city} onChange={upd('city')} required /></label>
        <label className="field"><span>Time zone (IANA)</span><input value={f.timezone} onChange={upd('timezone')} required /></label>
        <label className="field"><span>Currency (ISO code)</span><input value={f.currency} onChange={upd('currency')} required pattern="[A-Za-z]{3}" /></label>
        <label className="field"><span>Manager name</span><input value={f.manager} onChange={upd('manager')} required /></label>
        <label className="field"><span>Manager PIN (4–8 digits)</span><input type="password" inputMode="numeric" value={f.pin} onChange={upd('pin')} required /></label>
        <label className="field"><span>PIN again</span><input type="password" inputMode="numeric" value={f.pin2} onChange={upd('pin2')} required /></label>
        {(local || error) && <p className="state state--error" role="alert">{local ?? error}</p>}
        <button type="submit" className="primary wide" disabled={busy}>{busy ? 'Setting up…' : 'Create and sign in'}</button>
      </form>
    </main>
  );
}
