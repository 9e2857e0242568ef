// Finding an existing booking (by code, name or phone), its refund quote and its cancellation,
// and paying out the cash a show cancellation left owed on it.
import { create } from 'zustand';
import type { Booking, ChannelOutput } from '../../../shared/contract';
import { ApiError, call, messageOf } from '../api';

type RefundQuote = ChannelOutput<'bookings.refundQuote'>;
type CancelResult = ChannelOutput<'bookings.cancel'>;

interface BookingsState {
  query: string;
  results: Booking[];
  searched: boolean;
  loading: boolean;
  error: string | null;
  selected: Booking | null;
  refundQuote: RefundQuote | null;
  refundError: string | null;
  cancelling: boolean;
  cancelError: string | null;
  cancelCode: string | null;
  lastCancel: CancelResult | null;
  payingOut: boolean;
  payOutError: string | null;
  payOutCode: string | null;
  setQuery(q: string): void;
  search(q?: string): Promise<void>;
  open(b: Booking): Promise<void>;
  close(): void;
  cancel(input: { reason: string; override?: boolean; approval?: { name: string; pin: string }; ticketIds?: string[] }): Promise<boolean>;
  /** The refund of cancelling only these tickets (null: the whole booking). */
  quoteTickets(ticketIds: string[] | null): Promise<void>;
  /** After an exchange: show the new booking. */
  exchanged(r: ChannelOutput<'bookings.exchange'>): void;
  payOut(): Promise<boolean>;
}

const CODE_RE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{6}$/;

export const useBookings = create<BookingsState>((set, get) => ({
  query: '',
  results: [],
  searched: false,
  loading: false,
  error: null,
  selected: null,
  refundQuote: null,
  refundError: null,
  cancelling: false,
  cancelError: null,
  cancelCode: null,
  lastCancel: null,
  payingOut: false,
  payOutError: null,
  payOutCode: null,

  setQuery(q) {
    set({ query: q });
  },

  async search(q) {
    const query = (q ?? get().query).trim();
    set({ loading: true, error: null, query });
    try {
      let results: Booking[] = [];
      const code = query.toUpperCase();
      if (CODE_RE.test(code)) {
        try {
          results = [await call('bookings.get', { code })];
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 'NOT_FOUND')) throw e;
        }
      }
      if (results.length === 0) results = await call('bookings.search', query ? { query } : {});
      set({ results, loading: false, searched: true });
      if (results.length === 1) await get().open(results[0]!);
    } catch (e) {
      set({ loading: false, error: messageOf(e), searched: true });
    }
  },

  async open(b) {
    set({ selected: b, refundQuote: null, refundError: null, cancelError: null, cancelCode: null, lastCancel: null, payOutError: null, payOutCode: null });
    if (b.status !== 'confirmed') return;
    try {
      const q = await call('bookings.refundQuote', { id: b.id });
      if (get().selected?.id === b.id) set({ refundQuote: q });
    } catch (e) {
      if (get().selected?.id === b.id) set({ refundError: messageOf(e) });
    }
  },

  close() {
    set({ selected: null, refundQuote: null, refundError: null, cancelError: null, cancelCode: null });
  },

  async cancel(input) {
    const b = get().selected;
    if (!b || get().cancelling) return false;
    set({ cancelling: true, cancelError: null, cancelCode: null });
    try {
      const r = await call('bookings.cancel', {
        id: b.id,
        reason: input.reason,
        ...(input.override ? { override: true } : {}),
        ...(input.approval ? { approval: input.approval } : {}),
        ...(input.ticketIds ? { ticketIds: input.ticketIds } : {}),
      });
      set((s) => ({
        cancelling: false,
        lastCancel: r,
        selected: r.booking,
        refundQuote: null,
        results: s.results.map((x) => (x.id === r.booking.id ? r.booking : x)),
      }));
      return true;
    } catch (e) {
      set({ cancelling: false, cancelError: messageOf(e), cancelCode: e instanceof ApiError ? e.code : null });
      return false;
    }
  },

  async quoteTickets(ticketIds) {
    const b = get().selected;
    if (!b || b.status !== 'confirmed') return;
    try {
      const q = await call('bookings.refundQuote', ticketIds ? { id: b.id, ticketIds } : { id: b.id });
      if (get().selected?.id === b.id) set({ refundQuote: q, refundError: null });
    } catch (e) {
      if (get().selected?.id === b.id) set({ refundError: messageOf(e) });
    }
  },

  exchanged(r) {
    set((s) => ({
      selected: r.booking,
      lastCancel: null,
      refundQuote: null,
      results: [r.booking, ...s.results.map((x) => (x.id === r.previous.id ? r.previous : x))],
    }));
    void get().open(r.booking);
  },

  async payOut() {
    const b = get().selected;
    if (!b || get().payingOut) return false;
    set({ payingOut: true, payOutError: null, payOutCode: null });
    try {
      const booking = await call('bookings.payOutRefund', { id: b.id });
      set((s) => ({ payingOut: false, selected: booking, results: s.results.map((x) => (x.id === booking.id ? booking : x)) }));
      return true;
    } catch (e) {
      set({ payingOut: false, payOutError: messageOf(e), payOutCode: e instanceof ApiError ? e.code : null });
      return false;
    }
  },
}));
