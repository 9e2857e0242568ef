// The cashier's cash shift: opened with a float, closed with the counted cash. Loaded at sign-in:
// the payment panel asks for it before taking cash (the engine refuses cash without one).
import { create } from 'zustand';
import type { ChannelOutput, Shift } from '../../../shared/contract';
import { ApiError, call, messageOf } from '../api';

type CloseResult = ChannelOutput<'shifts.close'>;

interface ShiftState {
  shift: Shift | null;
  loaded: boolean;
  loading: boolean;
  busy: boolean;
  error: string | null;
  closed: CloseResult | null;
  load(): Promise<void>;
  open(float: number): Promise<boolean>;
  close(countedCash: number): Promise<boolean>;
  /** Forgets the shift (sign-out): the next cashier at this window loads their own. */
  reset(): void;
}

export const useShift = create<ShiftState>((set, get) => ({
  shift: null,
  loaded: false,
  loading: false,
  busy: false,
  error: null,
  closed: null,

  async load() {
    set({ loading: true, error: null });
    try {
      const shift = await call('shifts.current', {});
      set({ shift, loading: false, loaded: true });
    } catch (e) {
      // Not "loaded": an unknown shift must not read as "no shift" (the payment panel would ask
      // for a float the cashier may already have counted).
      set({ loading: false, error: messageOf(e) });
    }
  },

  async open(float) {
    if (get().busy) return false;
    set({ busy: true, error: null, closed: null });
    try {
      const shift = await call('shifts.open', { float });
      set({ shift, busy: false });
      return true;
    } catch (e) {
      set({ busy: false, error: messageOf(e) });
      // Already open (from another window): take that shift instead of asking again.
      if (e instanceof ApiError && e.code === 'CONFLICT') await get().load();
      return false;
    }
  },

  reset() {
    set({ shift: null, loaded: false, loading: false, busy: false, error: null, closed: null });
  },

  async close(countedCash) {
    if (get().busy) return false;
    set({ busy: true, error: null });
    try {
      const r = await call('shifts.close', { countedCash });
      set({ shift: null, closed: r, busy: false });
      return true;
    } catch (e) {
      set({ busy: false, error: messageOf(e) });
      return false;
    }
  },
}));
