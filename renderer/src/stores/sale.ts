// One sale at the counter: my hold and its expiry, a ticket type per seat, the quote, the payments
// being taken, and the attempt's idempotency key (kept when retrying the same attempt after a
// lost connection, renewed when the cart changes or the attempt definitely failed).
import { create } from 'zustand';
import type { Booking, ChannelInput, Hold, PaymentMethod, Quote } from '../../../shared/contract';
import { ApiError, call, messageOf, newAttemptKey, seatIdsOf } from '../api';
import { formatMoney, parseMoney, roundUpTo } from '../lib/format';
import { seatLabelOf, useSeatMap } from './seatMap';
import { currencyOf, useSession } from './session';
import { useShift } from './shift';

export interface PaymentDraft {
  method: PaymentMethod;
  amount: number;
  tendered?: number;
  reference?: string;
}

export interface PaymentEntry {
  method: PaymentMethod;
  /** What was typed: the tendered cash, or the amount for card/UPI/wallet (empty = the rest due). */
  text: string;
  reference: string;
}

export type SaleStep = 'seats' | 'payment' | 'receipt';

/** Optional contact for the receipt by email or SMS (sent later by the outbox, never blocking the sale). */
export interface CustomerDraft {
  name: string;
  email: string;
  phone: string;
}
const EMPTY_CUSTOMER: CustomerDraft = { name: '', email: '', phone: '' };

/** A customer block for bookings.confirm, or undefined when nothing was typed. */
export function customerInput(c: CustomerDraft): { name?: string; email?: string; phone?: string } | undefined {
  const out: { name?: string; email?: string; phone?: string } = {};
  if (c.name.trim()) out.name = c.name.trim();
  if (c.email.trim()) out.email = c.email.trim();
  if (c.phone.trim()) out.phone = c.phone.trim();
  return Object.keys(out).length ? out : undefined;
}

/** A quick check before sending; the engine validates again. */
export function customerError(c: CustomerDraft): string | null {
  const email = c.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'That email address does not look right.';
  if (c.phone.trim() && !/^[+0-9 ()-]{6,32}$/.test(c.phone.trim())) return 'A phone number is digits, spaces, + ( ) -.';
  return null;
}
/** A party of types asked for together (seats.bestAvailable's `mix`). */
export type Mix = NonNullable<ChannelInput<'seats.bestAvailable'>['mix']>;
/** A wheelchair place and the companion seat beside it: offered next to "best N" at the counter. */
export const WHEELCHAIR_WITH_COMPANION: Mix = [
  { type: 'wheelchair', count: 1 },
  { type: 'companion', count: 1 },
];

/** The party in words, for the cashier's notices. */
function partyText(party: number | Mix): string {
  if (typeof party === 'number') return `${party} seat${party > 1 ? 's' : ''}`;
  if (party === WHEELCHAIR_WITH_COMPANION) return 'a wheelchair place with its companion seat';
  return party.map((m) => `${m.count} ${m.type}`).join(' + ');
}

export interface Notice {
  kind: 'error' | 'info' | 'warning';
  text: string;
  code?: string;
}

interface SaleState {
  showId: string | null;
  hold: Hold | null;
  /** Seats whose hold is on its way: shown as this counter's at once, before the answer. */
  pending: string[];
  tickets: Record<string, string>;
  ticketTypes: string[];
  quote: Quote | null;
  quoting: boolean;
  payments: PaymentDraft[];
  entry: PaymentEntry;
  attemptKey: string | null;
  busy: 'hold' | 'release' | 'confirm' | null;
  notice: Notice | null;
  step: SaleStep;
  booking: Booking | null;
  customer: CustomerDraft;
  /** The promo code applied to this sale's quote (issue 13), or null. */
  promoCode: string | null;

  /** Prices the sale with a promo code; PROMO_INVALID leaves the sale without it and says why. */
  applyPromo(code: string): Promise<boolean>;
  clearPromo(): void;
  setCustomer(patch: Partial<CustomerDraft>): void;
  loadTicketTypes(): Promise<void>;
  startShow(showId: string): Promise<void>;
  /** Takes back this counter's own live hold (after a page reload) when no sale is under way. */
  adoptHold(hold: Hold): void;
  toggleSeat(seatId: string): Promise<void>;
  holdSeats(seatIds: string[], opts?: { replace?: boolean }): Promise<boolean>;
  releaseSeats(seatIds?: string[]): Promise<void>;
  /**
   * Holds the best seats side by side: `party` of them, or a mix of types (WHEELCHAIR_WITH_COMPANION);
   * when no row can seat them together, the closest group, saying plainly that they are apart.
   */
  best(party: number | Mix): Promise<void>;
  setTicketType(seatId: string, type: string): void;
  requote(): Promise<void>;
  expire(): void;
  goToPayment(): void;
  backToSeats(): void;
  setEntry(patch: Partial<PaymentEntry>): void;
  addEntryAsPayment(): boolean;
  removePayment(index: number): void;
  confirm(): Promise<Booking | null>;
  dismissNotice(): void;
  newSale(): void;
}

const EMPTY_ENTRY: PaymentEntry = { method: 'cash', text: '', reference: '' };

function labelsOf(ids: string[]): string {
  return ids.map(seatLabelOf).join(', ');
}

let quoteSeq = 0;
/** Seat clicks, one after the other (each waits for the previous one's answer). */
let toggles: Promise<void> = Promise.resolve();

export const useSale = create<SaleState>((set, get) => ({
  showId: null,
  hold: null,
  pending: [],
  tickets: {},
  ticketTypes: ['adult', 'child', 'senior', 'student'],
  quote: null,
  quoting: false,
  payments: [],
  entry: EMPTY_ENTRY,
  attemptKey: null,
  busy: null,
  notice: null,
  step: 'seats',
  booking: null,
  customer: EMPTY_CUSTOMER,
  promoCode: null,

  async applyPromo(code) {
    const s = get();
    const ids = s.hold?.seatIds ?? [];
    const promoCode = code.trim().toUpperCase();
    if (!s.showId || !ids.length || !promoCode) return false;
    try {
      const quote = await call('pricing.quote', { showId: s.showId, tickets: ids.map((seatId) => ({ seatId, ticketType: s.tickets[seatId] ?? 'adult' })), promoCode });
      // A requote still in flight (started before the promo) must not overwrite the discounted price.
      quoteSeq++;
      set({ promoCode, quote, attemptKey: null, payments: [], notice: { kind: 'info', text: `Promo ${promoCode} applied: ${formatMoney(quote.promo?.discount ?? 0, currencyOf(useSession.getState()))} off.` } });
      return true;
    } catch (e) {
      set({ notice: { kind: 'error', text: promoMessage(e), ...(e instanceof ApiError ? { code: e.code } : {}) } });
      return false;
    }
  },

  clearPromo() {
    if (get().promoCode === null) return;
    set({ promoCode: null, attemptKey: null, payments: [] });
    void get().requote();
  },

  setCustomer(patch) {
    set({ customer: { ...get().customer, ...patch } });
  },

  async loadTicketTypes() {
    try {
      const rules = await call('pricing.get', {});
      const types = Object.keys(rules.ticketTypes);
      if (types.length) set({ ticketTypes: types.includes('adult') ? ['adult', ...types.filter((t) => t !== 'adult')] : types });
    } catch {
      /* keep the defaults */
    }
  },

  async startShow(showId) {
    const s = get();
    if (s.showId === showId && s.step !== 'receipt') return;
    if (s.hold && s.hold.showId !== showId) await get().releaseSeats();
    set({ showId, hold: null, pending: [], tickets: {}, quote: null, payments: [], entry: EMPTY_ENTRY, attemptKey: null, notice: null, step: 'seats', booking: null, customer: EMPTY_CUSTOMER, promoCode: null });
  },

  adoptHold(hold) {
    const s = get();
    if (s.showId !== hold.showId || s.hold || s.step !== 'seats' || s.busy) return;
    if (Date.parse(hold.expiresAt) <= Date.now()) return;
    set({ hold, tickets: Object.fromEntries(hold.seatIds.map((id) => [id, 'adult'])), notice: { kind: 'info', text: 'Your seats from before are still held for you.' } });
    void get().requote();
  },

  toggleSeat(seatId) {
    const s = get();
    if (s.busy === 'confirm' || s.step !== 'seats') return Promise.resolve();
    // A seat that is not mine shows as mine at once, even when it has to wait for an earlier
    // click's answer: clicks are taken in order, none is dropped because the last one is in flight.
    if (!s.hold?.seatIds.includes(seatId) && !s.pending.includes(seatId)) set({ pending: [...s.pending, seatId] });
    const run = toggles.then(async () => {
      const now = get();
      if (now.step !== 'seats' || now.showId !== s.showId) {
        set({ pending: get().pending.filter((id) => id !== seatId) });
        return;
      }
      if (now.hold?.seatIds.includes(seatId)) await get().releaseSeats([seatId]);
      else await get().holdSeats([seatId]);
    });
    toggles = run.catch(() => undefined);
    return run;
  },

  async holdSeats(seatIds, opts) {
    const s = get();
    if (!s.showId || seatIds.length === 0) return false;
    // Optimistic: the seats show as this counter's at once, and stay so when another counter's
    // view of the same change (the push event) arrives before this call's own answer.
    const addPending = seatIds.filter((id) => !get().pending.includes(id));
    set({ busy: 'hold', notice: null, pending: [...get().pending, ...addPending] });
    const settled = () => get().pending.filter((id) => !seatIds.includes(id));
    const extend = s.hold && !opts?.replace ? s.hold.id : undefined;
    try {
      // The answer carries the quote for the whole hold: no second round trip before the price shows.
      const { quote, ...hold } = await call('seats.hold', {
        showId: s.showId,
        seatIds,
        ...(extend ? { holdId: extend } : {}),
        ticketTypes: extend ? { ...get().tickets } : {},
      });
      const tickets: Record<string, string> = {};
      for (const id of hold.seatIds) tickets[id] = get().tickets[id] ?? 'adult';
      useSeatMap.getState().setLocal(seatIds, 'held');
      set({ hold, pending: settled(), tickets, busy: null, attemptKey: null, payments: [], entry: EMPTY_ENTRY });
      // The quote priced the types as they were sent; a type changed meanwhile needs a new one.
      // A promo code applied to this sale is not in the hold's quote: price again with it.
      if (quote && !get().promoCode && hold.seatIds.every((id) => quote.lines.some((l) => l.seatId === id && l.ticketType === tickets[id]))) {
        quoteSeq++;
        set({ quote, quoting: false });
      } else void get().requote();
      return true;
    } catch (e) {
      set({ busy: null, pending: settled() });
      if (e instanceof ApiError && e.code === 'SEATS_UNAVAILABLE') {
        const taken = seatIdsOf(e);
        set({
          notice: {
            kind: 'warning',
            code: e.code,
            text: `${taken.length ? `Seat${taken.length > 1 ? 's' : ''} ${labelsOf(taken)}` : 'Those seats'} just became unavailable (taken at another counter or blocked). Nothing new was held; the map has been refreshed.`,
          },
        });
        void useSeatMap.getState().refresh();
      } else if (e instanceof ApiError && (e.code === 'HOLD_EXPIRED' || e.code === 'NOT_FOUND') && extend) {
        get().expire();
      } else {
        set({ notice: { kind: 'error', text: messageOf(e), ...(e instanceof ApiError ? { code: e.code } : {}) } });
      }
      return false;
    }
  },

  async releaseSeats(seatIds) {
    // Releasing everything waits for the clicks still on their way: their seats are part of it.
    if (!seatIds) await toggles;
    const s = get();
    if (!s.hold) return;
    set({ busy: 'release', notice: null });
    try {
      const rest = await call('seats.release', { holdId: s.hold.id, ...(seatIds ? { seatIds } : {}) });
      // Known free now: they must not show as another counter's until their event arrives.
      useSeatMap.getState().setLocal(s.hold.seatIds.filter((id) => !rest?.seatIds.includes(id)), 'available');
      const tickets: Record<string, string> = {};
      for (const id of rest?.seatIds ?? []) tickets[id] = get().tickets[id] ?? 'adult';
      set({ hold: rest, tickets, busy: null, attemptKey: null, payments: [], quote: rest ? get().quote : null, step: rest ? get().step : 'seats' });
      if (rest) void get().requote();
    } catch (e) {
      set({ busy: null });
      if (e instanceof ApiError && (e.code === 'HOLD_EXPIRED' || e.code === 'NOT_FOUND')) get().expire();
      else set({ notice: { kind: 'error', text: messageOf(e), ...(e instanceof ApiError ? { code: e.code } : {}) } });
    }
  },

  async best(party) {
    const s = get();
    if (!s.showId || s.busy || s.step !== 'seats') return;
    const ask = typeof party === 'number' ? { count: party } : { mix: party };
    set({ busy: 'hold', notice: null });
    try {
      if (s.hold) {
        const released = await call('seats.release', { holdId: s.hold.id }).then(() => true, () => false);
        if (released) useSeatMap.getState().setLocal(s.hold.seatIds, 'available');
        set({ hold: null, tickets: {}, quote: null });
      }
      const { seatIds, split } = await call('seats.bestAvailable', { showId: s.showId, ...ask });
      set({ busy: null });
      const held = await get().holdSeats(seatIds, { replace: true });
      // Apart: said plainly, with the seats, so the customer can say no before paying.
      if (held && split) {
        set({ notice: { kind: 'warning', code: 'SPLIT', text: `Seats apart: no row has ${partyText(party)} side by side, so these are not together (${labelsOf(seatIds)}). Check with the customer.` } });
      }
    } catch (e) {
      set({ busy: null });
      const text =
        e instanceof ApiError && e.code === 'SEATS_UNAVAILABLE' ? `Not enough free seats for ${partyText(party)} in this show.` : messageOf(e);
      set({ notice: { kind: 'warning', text, ...(e instanceof ApiError ? { code: e.code } : {}) } });
    }
  },

  setTicketType(seatId, type) {
    set((s) => ({ tickets: { ...s.tickets, [seatId]: type }, attemptKey: null }));
    void get().requote();
  },

  async requote() {
    const s = get();
    const ids = s.hold?.seatIds ?? [];
    if (!s.showId || ids.length === 0) {
      set({ quote: null, quoting: false });
      return;
    }
    const mine = ++quoteSeq;
    set({ quoting: true });
    try {
      const quote = await call('pricing.quote', {
        showId: s.showId, tickets: ids.map((seatId) => ({ seatId, ticketType: s.tickets[seatId] ?? 'adult' })), ...(s.promoCode ? { promoCode: s.promoCode } : {}),
      });
      if (mine === quoteSeq) set({ quote, quoting: false });
    } catch (e) {
      if (mine !== quoteSeq) return;
      if (e instanceof ApiError && e.code === 'PROMO_INVALID') {
        // The code stopped applying (used up meanwhile): price without it, and say so.
        set({ quoting: false, promoCode: null, notice: { kind: 'warning', code: e.code, text: promoMessage(e) } });
        void get().requote();
      } else set({ quoting: false, notice: { kind: 'error', text: `Could not price the tickets: ${messageOf(e)}` } });
    }
  },

  expire() {
    if (!get().hold) return;
    set({
      hold: null,
      tickets: {},
      quote: null,
      payments: [],
      entry: EMPTY_ENTRY,
      attemptKey: null,
      step: 'seats',
      notice: { kind: 'warning', code: 'HOLD_EXPIRED', text: 'The hold expired: its seats were released and may be sold to others. Choose the seats again.' },
    });
    void useSeatMap.getState().refresh();
  },

  goToPayment() {
    const s = get();
    if (!s.hold || !s.quote || s.busy) return;
    set({ step: 'payment', notice: null, entry: { ...EMPTY_ENTRY, text: '' }, payments: [] });
  },

  backToSeats() {
    if (get().step === 'payment' && get().busy !== 'confirm') set({ step: 'seats', payments: [], entry: EMPTY_ENTRY, attemptKey: null });
  },

  setEntry(patch) {
    set((s) => ({ entry: { ...s.entry, ...patch }, attemptKey: null }));
  },

  addEntryAsPayment() {
    const s = get();
    const sum = paymentSummary(s.quote?.total ?? 0, s.payments, s.entry, currencyOf(useSession.getState()));
    if (!sum.entryPayment || sum.entryError) return false;
    set({ payments: [...s.payments, sum.entryPayment], entry: { ...EMPTY_ENTRY, method: s.entry.method }, attemptKey: null });
    return true;
  },

  removePayment(index) {
    set((s) => ({ payments: s.payments.filter((_, i) => i !== index), attemptKey: null }));
  },

  async confirm() {
    const s = get();
    if (s.busy || !s.hold || !s.quote) return null;
    const sum = paymentSummary(s.quote.total, s.payments, s.entry, currencyOf(useSession.getState()));
    if (!sum.canConfirm) {
      set({ notice: { kind: 'error', code: 'PAYMENT_MISMATCH', text: sum.reason ?? 'The payments do not add up to the total.' } });
      return null;
    }
    const contactError = customerError(s.customer);
    if (contactError) {
      set({ notice: { kind: 'error', code: 'VALIDATION', text: contactError } });
      return null;
    }
    const key = s.attemptKey ?? newAttemptKey();
    set({ busy: 'confirm', attemptKey: key, notice: null });
    try {
      const booking = await call('bookings.confirm', {
        holdId: s.hold.id,
        tickets: s.hold.seatIds.map((seatId) => ({ seatId, ticketType: s.tickets[seatId] ?? 'adult' })),
        payments: sum.finalPayments.map((p) => ({
          method: p.method,
          amount: p.amount,
          ...(p.tendered !== undefined ? { tendered: p.tendered } : {}),
          ...(p.reference ? { reference: p.reference } : {}),
        })),
        ...(customerInput(s.customer) ? { customer: customerInput(s.customer) } : {}),
        ...(s.promoCode ? { promoCode: s.promoCode } : {}),
        idempotencyKey: key,
      });
      useSeatMap.getState().setLocal(s.hold.seatIds, 'sold');
      set({ busy: null, booking, hold: null, step: 'receipt', attemptKey: null, payments: [], entry: EMPTY_ENTRY, notice: null });
      return booking;
    } catch (e) {
      const code = e instanceof ApiError ? e.code : undefined;
      set({ busy: null });
      if (code === 'NETWORK' || code === 'INTERNAL') {
        // Same attempt: keep the key so a retry cannot charge twice.
        set({ notice: { kind: 'error', code, text: `${messageOf(e)} Press Confirm again to retry: the same sale will not be charged twice.` } });
      } else if (code === 'PROMO_INVALID') {
        // The seats stay held: the sale goes on at the price without the code.
        set({ attemptKey: null, payments: [], promoCode: null, notice: { kind: 'warning', code, text: `${promoMessage(e)} The price without it is shown; take the payment again.` } });
        void get().requote();
      } else if (code === 'PAYMENT_DECLINED') {
        set({
          attemptKey: null,
          payments: [],
          entry: { ...EMPTY_ENTRY, method: 'cash' },
          notice: { kind: 'error', code, text: 'The payment was declined. The seats are still held for this customer: take the payment another way.' },
        });
      } else if (code === 'HOLD_EXPIRED') {
        const refunded = /refund/i.test(messageOf(e)) ? ` ${messageOf(e)}` : '';
        get().expire();
        set({ notice: { kind: 'warning', code, text: `The hold expired before the sale completed: nothing was sold and nothing was charged.${refunded} Choose the seats again.` } });
      } else if (code === 'SHIFT_REQUIRED') {
        // The drawer was closed (perhaps from another window): the panel now asks to open it.
        set({ attemptKey: null, notice: { kind: 'error', code, text: messageOf(e) } });
        void useShift.getState().load();
      } else if (code === 'PAYMENT_MISMATCH') {
        set({ attemptKey: null, notice: { kind: 'error', code, text: `${messageOf(e)} The total has been recalculated.` } });
        void get().requote();
      } else {
        set({ attemptKey: null, notice: { kind: 'error', text: messageOf(e), ...(code ? { code } : {}) } });
      }
      return null;
    }
  },

  dismissNotice() {
    set({ notice: null });
  },

  newSale() {
    set({ hold: null, pending: [], tickets: {}, quote: null, payments: [], entry: EMPTY_ENTRY, attemptKey: null, busy: null, notice: null, step: 'seats', booking: null, customer: EMPTY_CUSTOMER, promoCode: null });
  },
}));

// The seat map shows this counter's seats (its hold, and seats being held) from the sale's state.
useSale.subscribe((s, prev) => {
  if (s.hold !== prev.hold || s.pending !== prev.pending) useSeatMap.getState().setMine([...(s.hold?.seatIds ?? []), ...s.pending]);
});

const PROMO_REASONS: Record<string, string> = {
  unknown: 'There is no such promo code.',
  expired: 'This promo code has expired.',
  not_yet: 'This promo code is not valid yet.',
  used_up: 'This promo code has been used up.',
  not_for_show: 'This promo code does not apply to this film.',
  inactive: 'This promo code is switched off.',
};

/** PROMO_INVALID in words a customer can be told; other errors as they are. */
export function promoMessage(e: unknown): string {
  const reason = e instanceof ApiError ? (e.details as { reason?: string } | undefined)?.reason : undefined;
  return (reason && PROMO_REASONS[reason]) || messageOf(e);
}

export interface PaymentSummary {
  total: number;
  paid: number;
  remaining: number;
  entryPayment: PaymentDraft | null;
  entryError: string | null;
  finalPayments: PaymentDraft[];
  change: number;
  canConfirm: boolean;
  reason: string | null;
}

/** What the payments so far plus the one being typed come to; Confirm is only possible when they match the total exactly. */
export function paymentSummary(total: number, payments: PaymentDraft[], entry: PaymentEntry, currency = 'USD'): PaymentSummary {
  const paid = payments.reduce((a, p) => a + p.amount, 0);
  const remaining = Math.max(0, total - paid);
  let entryPayment: PaymentDraft | null = null;
  let entryError: string | null = null;
  const text = entry.text.trim();
  if (entry.method === 'cash') {
    if (text) {
      const tendered = parseMoney(text, currency);
      if (tendered === null) entryError = 'Type an amount such as 20 or 12.50.';
      else if (tendered > 0 && remaining > 0) entryPayment = { method: 'cash', amount: Math.min(tendered, remaining), tendered };
    }
  } else {
    const amount = text ? parseMoney(text, currency) : remaining;
    if (amount === null) entryError = 'Type an amount such as 20 or 12.50.';
    else if (amount > remaining) entryError = 'More than the amount due.';
    else if (amount > 0) {
      entryPayment = { method: entry.method, amount };
      const ref = entry.reference.trim();
      if (ref) entryPayment.reference = ref;
    }
  }
  const finalPayments = entryPayment && !entryError ? [...payments, entryPayment] : payments;
  const covered = finalPayments.reduce((a, p) => a + p.amount, 0);
  const change = finalPayments.reduce((a, p) => a + (p.method === 'cash' && p.tendered !== undefined ? p.tendered - p.amount : 0), 0);
  let reason: string | null = null;
  // A total of 0 (a 100 % promo) is confirmed with no payment at all.
  if (total <= 0) reason = finalPayments.length ? 'Nothing is due: remove the payments.' : null;
  else if (entryError) reason = entryError;
  else if (covered < total) reason = 'The payments do not cover the total yet.';
  else if (covered > total) reason = 'The payments are more than the total.';
  return { total, paid, remaining, entryPayment, entryError, finalPayments, change, canConfirm: reason === null, reason };
}

/** Quick cash notes for an amount due: exact, then the next multiple of 5, 10, 20 and 50 (major units), without repeats. */
export function quickNotes(due: number, currency = 'USD'): number[] {
  const out = [due];
  for (const step of [5, 10, 20, 50]) {
    const v = roundUpTo(due, step, currency);
    if (v > 0 && !out.includes(v)) out.push(v);
  }
  return out;
}
