// The app shell: sign-in or setup until there is a session, then the counter's screens with a
// top bar (navigation with shortcuts, connection state, who is signed in).
import { lazy, Suspense, useEffect, useState } from 'react';
import { BookingsScreen } from './features/bookings/BookingsScreen';
import { DoorScreen } from './features/door/DoorScreen';
import { CustomerDisplay } from './features/customer/CustomerDisplay';
import { startCustomerBroadcast } from './features/customer/broadcast';
import { ConnectionBanner } from './features/layout/ConnectionBanner';
import { SellScreen } from './features/sale/SellScreen';
import { ShiftScreen } from './features/shift/ShiftScreen';
import { VouchersScreen } from './features/vouchers/VouchersScreen';
import { Setup, SignIn } from './features/signin/SignIn';
import { BrowserPair, Chooser, JoinServer } from './features/pairing/Pairing';
import { subscribe } from './api';
import { useConnection } from './stores/connection';
import { startLive } from './stores/live';
import { useSeatMap } from './stores/seatMap';
import { useShift } from './stores/shift';
import { useSession } from './stores/session';
import { useShows } from './stores/shows';
import { Loading } from './lib/states';

type Screen = 'sell' | 'bookings' | 'shift' | 'door' | 'vouchers' | 'manager';

// The manager's screens (renderer/src/manager) load on demand, for managers only.
const ManagerScreen = lazy(() => import('./manager/ManagerScreen').then((m) => ({ default: m.ManagerScreen })));

// keyHint: false keeps the top bar (and the shortcut footer) on one line at 1440 px; the
// button's tooltip gives the shortcut instead.
const NAV: { id: Screen; label: string; key: string; keyHint?: false }[] = [
  { id: 'sell', label: 'Sell', key: 'F2' },
  { id: 'bookings', label: 'Bookings', key: 'F3' },
  { id: 'shift', label: 'Shift', key: 'F4' },
  { id: 'door', label: 'Door', key: 'F7' },
  { id: 'vouchers', label: 'Vouchers', key: 'F8', keyHint: false },
];

function useHash(): string {
  const [hash, setHash] = useState(() => (typeof location !== 'undefined' ? location.hash : ''));
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function Shell() {
  const staff = useSession((s) => s.staff)!;
  const theater = useSession((s) => s.theater);
  const logout = useSession((s) => s.logout);
  const live = useConnection((s) => s.live);
  const [screen, setScreen] = useState<Screen>('sell');
  const isManager = staff.role === 'manager';

  useEffect(() => startLive(), []);
  // The cash drawer's state is needed before the first cash sale, not only on the Shift screen.
  useEffect(() => {
    void useShift.getState().load();
    return () => useShift.getState().reset();
  }, []);
  useEffect(
    () =>
      startCustomerBroadcast(() => {
        const id = useSeatMap.getState().showId;
        return useShows.getState().shows.find((s) => s.id === id)?.movieTitle ?? null;
      }),
    [],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = NAV.find((n) => n.key === e.key);
      if (hit && !(hit.id === 'sell' && e.key === 'F2' && screen === 'sell')) {
        e.preventDefault();
        setScreen(hit.id);
      } else if (e.key === 'F6' && isManager) {
        e.preventDefault();
        setScreen('manager');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screen, isManager]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <strong>Box Office</strong>
          {theater && <span className="muted"> · {theater.name}</span>}
        </div>
        <nav aria-label="Screens" className="nav">
          {NAV.map((n) => (
            <button type="button" key={n.id} className={screen === n.id ? 'is-selected' : ''} aria-current={screen === n.id ? 'page' : undefined} onClick={() => setScreen(n.id)} title={`${n.label} (${n.key})`}>
              {n.label}{n.keyHint === false ? null : <> <kbd>{n.key}</kbd></>}
            </button>
          ))}
          {/* Only managers see the manager screens; the engine's router refuses them to others anyway. */}
          {isManager && (
            <button
              type="button"
              title="Movies, halls, schedule, prices, staff, reports, backups"
              className={screen === 'manager' ? 'is-selected' : ''}
              aria-current={screen === 'manager' ? 'page' : undefined}
              onClick={() => setScreen('manager')}
            >
              Manager <kbd>F6</kbd>
            </button>
          )}
        </nav>
        <div className="who">
          <span className={`live-dot${live ? ' is-live' : ''}`} title={live ? 'Live updates on' : 'Live updates off'} aria-label={live ? 'Live updates on' : 'Live updates off'} />
          <a href="#/customer" target="_blank" rel="noopener" className="link">
            Customer display ↗
          </a>
          <span>
            {staff.name} <span className="muted">({staff.role})</span>
          </span>
          <button type="button" onClick={() => void logout()}>
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <main className="content">
        {screen === 'sell' && <SellScreen />}
        {screen === 'bookings' && <BookingsScreen />}
        {screen === 'shift' && <ShiftScreen />}
        {screen === 'door' && <DoorScreen />}
        {screen === 'vouchers' && <VouchersScreen />}
        {screen === 'manager' && isManager && (
          <Suspense fallback={<Loading what="Loading the manager's screens" />}>
            <ManagerScreen />
          </Suspense>
        )}
      </main>
      <footer className="shortcuts" aria-label="Keyboard shortcuts">
        <span><kbd>←</kbd>/<kbd>→</kbd> day</span>
        <span><kbd>↑</kbd>/<kbd>↓</kbd> shows, <kbd>Enter</kbd> open</span>
        <span><kbd>/</kbd> search</span>
        <span><kbd>S</kbd> shows · <kbd>G</kbd> seats (arrows move)</span>
        <span><kbd>Enter</kbd>/<kbd>Space</kbd> hold seat</span>
        <span><kbd>1</kbd>–<kbd>9</kbd> best N seats</span>
        <span><kbd>Esc</kbd> release</span>
        <span><kbd>F9</kbd> pay</span>
        <span><kbd>F2</kbd> sell · <kbd>F3</kbd> bookings · <kbd>F4</kbd> shift · <kbd>F7</kbd> door</span>
      </footer>
    </div>
  );
}

export function App() {
  const hash = useHash();
  const status = useSession((s) => s.status);
  const error = useSession((s) => s.error);
  const init = useSession((s) => s.init);

  const [joining, setJoining] = useState(false);
  useEffect(() => {
    if (hash !== '#/customer') void init();
  }, [init, hash === '#/customer']);
  // A desktop counter's main process says when its server goes away and comes back.
  useEffect(
    () =>
      subscribe('connection.changed', (p) => {
        const conn = useConnection.getState();
        if (p.online) conn.resync();
        else conn.lost();
      }),
    [],
  );

  if (hash === '#/customer') return <CustomerDisplay />;
  return (
    <>
      {status !== 'signedIn' && <ConnectionBanner />}
      {status === 'loading' && <p className="state state--center">Starting…</p>}
      {status === 'error' && (
        <div className="state state--center state--error" role="alert">
          <p>The box office could not start: {error}</p>
          <button type="button" onClick={() => void init()}>
            Retry
          </button>
        </div>
      )}
      {status === 'choose' && !joining && <Chooser onJoin={() => setJoining(true)} />}
      {status === 'choose' && joining && <JoinServer onBack={() => setJoining(false)} />}
      {status === 'join' && <JoinServer />}
      {status === 'pair' && <BrowserPair />}
      {status === 'setup' && <Setup />}
      {status === 'signedOut' && <SignIn />}
      {status === 'signedIn' && <Shell />}
    </>
  );
}
