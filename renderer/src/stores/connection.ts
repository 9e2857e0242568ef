// Whether the host can be reached: the api client reports failures and recoveries here and the
// banner shows them. "reconnected" lasts a few seconds, then returns to "online".
import { create } from 'zustand';

export type ConnectionStatus = 'online' | 'lost' | 'reconnected';

interface ConnectionState {
  status: ConnectionStatus;
  /** Live events (SSE / IPC) connected. */
  live: boolean;
  /** Bumped on every recovery, so views reload what they may have missed. */
  epoch: number;
  lost(): void;
  /** Back after a loss: a no-op unless lost. */
  recovered(): void;
  /** Back, whether or not a call noticed the loss: events may have been missed, so views reload. */
  resync(): void;
  setLive(live: boolean): void;
}

let settleTimer: ReturnType<typeof setTimeout> | undefined;

export const useConnection = create<ConnectionState>((set, get) => ({
  status: 'online',
  live: false,
  epoch: 0,
  lost() {
    if (settleTimer) clearTimeout(settleTimer);
    if (get().status !== 'lost') set({ status: 'lost' });
  },
  recovered() {
    if (get().status === 'lost') get().resync();
  },
  resync() {
    set((s) => ({ status: 'reconnected', epoch: s.epoch + 1 }));
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      if (get().status === 'reconnected') set({ status: 'online' });
    }, 4000);
  },
  setLive(live) {
    if (get().live !== live) set({ live });
  },
}));
