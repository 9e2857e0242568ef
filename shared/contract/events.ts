// Push events: a name -> payload map. Subscribers receive only the payload.
import { z } from 'zod';
import { Id, SeatStatus } from './primitives';

export const events = {
  'seats.changed': z.object({
    showId: Id,
    version: z.int(),
    /** blockReason: a house seat's reason (shows.blockSeats), so open seat maps show it at once. */
    seats: z.array(z.object({ id: Id, status: SeatStatus, blockReason: z.string().optional() })),
  }),
  'shows.changed': z.object({ showId: Id }),
  'bookings.changed': z.object({ bookingId: Id, status: z.enum(['confirmed', 'cancelled', 'exchanged']) }),
  /** A device was paired or revoked (Manager > Counters refreshes; the host closes a revoked device's stream). */
  'devices.changed': z.object({ deviceId: Id, revoked: z.boolean() }),
  /**
   * A desktop counter's link to its box office server went down or came back (sent by the
   * counter's own main process, never by a server): the page shows the banner, and refreshes on return.
   */
  'connection.changed': z.object({ online: z.boolean() }),
  'notifications.changed': z.object({ id: Id, status: z.enum(['pending', 'sending', 'sent', 'dead']) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
