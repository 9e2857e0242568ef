// First start and pairing: the desktop app's chooser (a new box office here, or a counter of one
// on the network), joining a server (address, the certificate fingerprint to compare with the
// server's screen, the manager's pairing code), and a browser counter's pairing page (/pair).
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { useSession } from '../../stores/session';

/** One action at a time with its error: `run(fn)` sets busy, clears the error, shows a failure. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? <p className="state state--error" role="alert">{error}</p> : null;
}

/** The pairing code and this counter's name, typed on both pairing screens. */
function CodeAndName(p: { code: string; setCode(v: string): void; name: string; setName(v: string): void; codeLabel: string; placeholder: string }) {
  return (
    <>
      <label className="field"><span>{p.codeLabel}</span><input value={p.code} onChange={(e) => p.setCode(e.target.value)} inputMode="numeric" placeholder="1234-5678" required autoFocus /></label>
      <label className="field"><span>Name of this counter</span><input value={p.name} onChange={(e) => p.setName(e.target.value)} placeholder={p.placeholder} required maxLength={60} /></label>
    </>
  );
}

export function Chooser({ onJoin }: { onJoin(): void }) {
  const init = useSession((s) => s.init);
  const { busy, error, run } = useAction();
  const startHere = () =>
    run(async () => {
      await call('install.choose', { mode: 'standalone' });
      await init();
    });
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
        <ErrorLine error={error} />
      </section>
    </main>
  );
}

type Probe = ChannelOutput<'install.probe'>;
type Found = ChannelOutput<'install.discover'>['servers'];

/** Servers that answered on the network (DNS-SD); typing the address works as well. */
function useDiscovered(): Found | null {
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    let live = true;
    call('install.discover', {}).then(
      (r) => live && setFound(r.servers),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return found;
}

/** Desktop counter: find the server by its address, compare its fingerprint, pair with the code. */
export function JoinServer({ onBack }: { onBack?: () => void }) {
  const init = useSession((s) => s.init);
  const [address, setAddress] = useState('');
  const [probe, setProbe] = useState<Probe | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const found = useDiscovered();

  const probeAt = (at: string) => run(async () => setProbe(await call('install.probe', { address: at })));
  const find = (e: React.FormEvent) => {
    e.preventDefault();
    void probeAt(address);
  };
  const join = (e: React.FormEvent) => {
    e.preventDefault();
    if (!probe) return;
    void run(async () => {
      await call('install.join', { url: probe.url, fingerprint: probe.fingerprint, code, name });
      await init();
    });
  };

  return (
    <main className="signin">
      {!probe ? (
        <form className="card" onSubmit={find} aria-label="Find the box office server">
          <h1>Join a box office</h1>
          {found === null ? (
            <p className="muted small" role="status">Looking for box office servers on this network…</p>
          ) : found.length > 0 ? (
            <div aria-label="Box office servers found on this network">
              <p className="muted small">Found on this network:</p>
              {found.map((s) => (
                <button type="button" key={s.url} className="wide" disabled={busy} onClick={() => { setAddress(s.url); void probeAt(s.url); }}>
                  {s.name} <span className="muted">({s.url})</span>
                </button>
              ))}
            </div>
          ) : (
            <p className="muted small" role="status">No server answered on this network; type its address instead.</p>
          )}
          <p className="muted">Type the address the box office server shows (for example 192.168.1.20 or backoffice.local:4174).</p>
          <label className="field"><span>Server address</span><input value={address} onChange={(e) => setAddress(e.target.value)} required autoFocus /></label>
          <ErrorLine error={error} />
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
          <CodeAndName code={code} setCode={setCode} name={name} setName={setName} codeLabel="Pairing code (from the manager)" placeholder="Till 2" />
          <ErrorLine error={error} />
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
  const { busy, error, run } = useAction();
  const pair = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('devices.pair', { code, name });
      if (location.pathname === '/pair') history.replaceState(null, '', '/');
      await init();
    });
  };
  return (
    <main className="signin">
      <form className="card" onSubmit={pair} aria-label="Pair this browser">
        <h1>Pair this browser as a counter</h1>
        <p className="muted">
          This box office sells only at paired counters. Ask the manager for a pairing code (Manager &gt; Counters, or the
          server's start-up lines), and check that the certificate your browser shows for this page has the fingerprint printed there.
        </p>
        <CodeAndName code={code} setCode={setCode} name={name} setName={setName} codeLabel="Pairing code" placeholder="Door tablet" />
        <ErrorLine error={error} />
        <button type="submit" className="primary wide" disabled={busy || !code.trim() || !name.trim()}>{busy ? 'Pairing…' : 'Pair'}</button>
      </form>
    </main>
  );
}
