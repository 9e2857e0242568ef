// First start and pairing: the desktop app's chooser (a new box office here, or a counter of one
// on the network), joining a server (address, the certificate fingerprint to compare with the
// server's screen, the manager's pairing code), and a browser counter's pairing page (/pair).
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { useSession } from '../../stores/session';

export function Chooser({ onJoin }: { onJoin(): void }) {
  const init = useSession((s) => s.init);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startHere = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('install.choose', { mode: 'standalone' });
      await init();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <section className="card" aria-label="How this computer runs">
        <h1>Welcome to Box Office</h1>
        <p className="muted">Is this the theater's first computer, or a counter of a box office already running on this network?</p>
        <button type="button" className="primary wide" disabled={busy} onClick={() => void startHere()}>
          Start a new box office on this computer
        </button>
        <p className="muted small">Its own database of shows, seats and sales. Other counters can pair with it later.</p>
        <button type="button" className="wide" disabled={busy} onClick={onJoin}>
          Join a box office on this network
        </button>
        <p className="muted small">This computer becomes a counter: it sells from the box office server's database and keeps none of its own.</p>
        {error && <p className="state state--error" role="alert">{error}</p>}
      </section>
    </main>
  );
}

type Probe = ChannelOutput<'install.probe'>;

/** Desktop counter: find the server by its address, compare its fingerprint, pair with the code. */
export function JoinServer({ onBack }: { onBack?: () => void }) {
  const init = useSession((s) => s.init);
  const [address, setAddress] = useState('');
  const [probe, setProbe] = useState<Probe | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const find = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setProbe(await call('install.probe', { address }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const join = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!probe) return;
    setBusy(true);
    setError(null);
    try {
      await call('install.join', { url: probe.url, fingerprint: probe.fingerprint, code, name });
      await init();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      {!probe ? (
        <form className="card" onSubmit={find} aria-label="Find the box office server">
          <h1>Join a box office</h1>
          <p className="muted">Type the address the box office server shows (for example 192.168.1.20 or backoffice.local:4174).</p>
          <label className="field"><span>Server address</span><input value={address} onChange={(e) => setAddress(e.target.value)} required autoFocus /></label>
          {error && <p className="state state--error" role="alert">{error}</p>}
          <button type="submit" className="primary wide" disabled={busy || !address.trim()}>{busy ? 'Looking…' : 'Find the server'}</button>
          {onBack && <button type="button" className="link" onClick={onBack}>Back</button>}
        </form>
      ) : (
        <form className="card" onSubmit={join} aria-label="Pair this counter">
          <h1>Pair this counter</h1>
          <p>
            Box office server at <strong>{probe.url}</strong>{probe.theater && <> ({probe.theater})</>}.
          </p>
          <div className="fingerprint" aria-label="Server certificate fingerprint">
            <p className="muted small">Compare this fingerprint with the one on the server (its screen or Manager &gt; Counters). Pair only if they are the same.</p>
            <code>{probe.fingerprint}</code>
          </div>
          <label className="field"><span>Pairing code (from the manager)</span><input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" placeholder="1234-5678" required autoFocus /></label>
          <label className="field"><span>Name of this counter</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder="Till 2" required maxLength={60} /></label>
          {error && <p className="state state--error" role="alert">{error}</p>}
          <button type="submit" className="primary wide" disabled={busy || !code.trim() || !name.trim()}>{busy ? 'Pairing…' : 'The fingerprints match: pair'}</button>
          <button type="button" className="link" onClick={() => setProbe(null)}>Another address</button>
        </form>
      )}
    </main>
  );
}

/** A browser counter of a LAN server: pair with the manager's code; the server sets the device cookie. */
export function BrowserPair() {
  const init = useSession((s) => s.init);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pair = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('devices.pair', { code, name });
      if (location.pathname === '/pair') history.replaceState(null, '', '/');
      await init();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <form className="card" onSubmit={pair} aria-label="Pair this browser">
        <h1>Pair this browser as a counter</h1>
        <p className="muted">
          This box office sells only at paired counters. Ask the manager for a pairing code (Manager &gt; Counters, or the
          server's start-up lines), and check that the certificate your browser shows for this page has the fingerprint printed there.
        </p>
        <label className="field"><span>Pairing code</span><input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" placeholder="1234-5678" required autoFocus /></label>
        <label className="field"><span>Name of this counter</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder="Door tablet" required maxLength={60} /></label>
        {error && <p className="state state--error" role="alert">{error}</p>}
        <button type="submit" className="primary wide" disabled={busy || !code.trim() || !name.trim()}>{busy ? 'Pairing…' : 'Pair'}</button>
      </form>
    </main>
  );
}
