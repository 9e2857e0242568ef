// Who is signed in at this counter, and the theater (time zone, currency) the screens format for.
import { create } from 'zustand';
import type { ChannelInput, ChannelOutput, Staff } from '../../../shared/contract';
import { call, closeEvents, isDesktop, messageOf, onUnauthenticated, onUnpaired, reconnectEvents, ApiError } from '../api';

export type TheaterInfo = NonNullable<ChannelOutput<'auth.status'>['theater']>;
/**
 * `choose`: a new desktop install asks how it runs; `join`: a desktop counter pairs with a server;
 * `pair`: a browser counter of a LAN server pairs (the /pair page).
 */
export type AuthStatus = 'loading' | 'choose' | 'join' | 'pair' | 'setup' | 'signedOut' | 'signedIn' | 'error';

interface SessionState {
  status: AuthStatus;
  staff: Staff | null;
  theater: TheaterInfo | null;
  error: string | null;
  errorCode: string | null;
  /** When LOCKED_OUT: the moment (ms) the name may try again. */
  lockedUntil: number | null;
  busy: boolean;
  init(): Promise<void>;
  login(name: string, pin: string): Promise<boolean>;
  setup(input: ChannelInput<'auth.setup'>): Promise<boolean>;
  logout(): Promise<void>;
  expired(): void;
  /** This counter is not (or no longer) paired with its server. */
  unpaired(): void;
}

/** The theater's currency, which every amount at the counter is shown and typed in ('USD' until it is known). */
export function currencyOf(s: Pick<SessionState, 'theater'>): string {
  return s.theater?.currency ?? 'USD';
}

function lockSeconds(e: ApiError): number {
  const d = e.details as { retryAfterSeconds?: unknown; seconds?: unknown; retryAfter?: unknown } | undefined;
  for (const v of [d?.retryAfterSeconds, d?.seconds, d?.retryAfter]) if (typeof v === 'number' && v > 0) return Math.ceil(v);
  const m = /(\d+)\s*s/.exec(e.message);
  return m ? Number(m[1]) : 60;
}

export const useSession = create<SessionState>((set, get) => {
  /** Signed in (by login or first-run setup, whose answer carries the theater): reconnect live events. */
  const enter = (r: ChannelOutput<'auth.login'>) => {
    set({ status: 'signedIn', staff: r.staff, theater: r.theater ?? get().theater, busy: false });
    reconnectEvents();
  };
  return {
    status: 'loading',
    staff: null,
    theater: null,
    error: null,
    errorCode: null,
    lockedUntil: null,
    busy: false,

    async init() {
      set({ status: 'loading', error: null, errorCode: null });
      try {
        if (isDesktop()) {
          const install = await call('install.status', {});
          if (install.mode === null) return set({ status: 'choose' });
          if (install.mode === 'counter' && !install.server) return set({ status: 'join' });
        }
        const s = await call('auth.status', {});
        // A browser on a LAN server's page without a paired device cookie: pair first.
        if (!isDesktop() && s.mode === 'server' && !s.device) set({ status: 'pair', staff: null, theater: s.theater });
        else if (s.setupRequired) set({ status: 'setup', staff: null, theater: s.theater });
        else if (s.staff) {
          set({ status: 'signedIn', staff: s.staff, theater: s.theater });
          reconnectEvents();
        } else set({ status: 'signedOut', staff: null, theater: s.theater });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'DEVICE_UNPAIRED') return get().unpaired();
        set({ status: 'error', error: messageOf(e), errorCode: e instanceof ApiError ? e.code : null });
      }
    },

    async login(name, pin) {
      if (get().busy) return false;
      set({ busy: true, error: null, errorCode: null, lockedUntil: null });
      try {
        const r = await call('auth.login', { name: name.trim(), pin });
        enter(r);
        return true;
      } catch (e) {
        const code = e instanceof ApiError ? e.code : null;
        set({
          busy: false,
          error: messageOf(e),
          errorCode: code,
          lockedUntil: code === 'LOCKED_OUT' ? Date.now() + lockSeconds(e as ApiError) * 1000 : null,
        });
        return false;
      }
    },

    async setup(input) {
      if (get().busy) return false;
      set({ busy: true, error: null, errorCode: null });
      try {
        const r = await call('auth.setup', input);
        enter(r);
        return true;
      } catch (e) {
        set({ busy: false, error: messageOf(e), errorCode: e instanceof ApiError ? e.code : null });
        return false;
      }
    },

    async logout() {
      try {
        await call('auth.logout', {});
      } catch {
        /* signed out locally either way */
      }
      closeEvents();
      set({ status: 'signedOut', staff: null, error: null, errorCode: null, lockedUntil: null });
    },

    unpaired() {
      closeEvents();
      set({ status: isDesktop() ? 'join' : 'pair', staff: null, busy: false });
    },

    expired() {
      if (get().status !== 'signedIn') return;
      closeEvents();
      set({ status: 'signedOut', staff: null, error: 'Your session ended. Please sign in again.', errorCode: 'UNAUTHENTICATED' });
    },
  };
});

onUnauthenticated(() => useSession.getState().expired());
onUnpaired(() => useSession.getState().unpaired());
