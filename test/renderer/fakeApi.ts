// A fake BoxOfficeApi for renderer tests: per-channel handlers, recorded calls, emitted events.
import type { BoxOfficeApi, Channel, ChannelInput, ChannelOutput, Envelope, EventName, EventPayload, MapSeat, SeatClaims, SeatMap } from '../../shared/contract';

type Handler<C extends Channel> = (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export class FakeError {
  constructor(
    readonly code: string,
    readonly message = code,
    readonly details?: unknown,
  ) {}
}

export interface FakeApi extends BoxOfficeApi {
  calls: { channel: Channel; input: unknown }[];
  handle<C extends Channel>(channel: C, h: Handler<C>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsTo(channel: Channel): unknown[];
}

export function fakeApi(): FakeApi {
  const handlers = new Map<Channel, Handler<Channel>>();
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: { channel: Channel; input: unknown }[] = [];
  return {
    calls,
    handle(channel, h) {
      handlers.set(channel, h as unknown as Handler<Channel>);
    },
    callsTo(channel) {
      return calls.filter((c) => c.channel === channel).map((c) => c.input);
    },
    async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
      calls.push({ channel, input });
      const h = handlers.get(channel);
      if (!h) return { ok: false, error: { code: 'NOT_SUPPORTED', message: `no fake for ${channel}` } };
      try {
        return { ok: true, data: (await h(input as never)) as ChannelOutput<C> };
      } catch (e) {
        if (e instanceof FakeError) return { ok: false, error: { code: e.code as never, message: e.message, details: e.details } };
        throw e;
      }
    },
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb as (p: unknown) => void);
      return () => set.delete(cb as (p: unknown) => void);
    },
    emit(event, payload) {
      for (const cb of listeners.get(event) ?? []) cb(payload);
    },
  };
}

/** Rows A-C of 6 seats with an aisle after seat 3; row A vip. */
export function makeSeats(rows = ['A', 'B', 'C'], perRow = 6): MapSeat[] {
  const out: MapSeat[] = [];
  for (const r of rows)
    for (let n = 1; n <= perRow; n++)
      out.push({ id: `s_${r}${n}`, label: `${r}${n}`, row: r, number: n, column: n + (n > perRow / 2 ? 1 : 0), width: 1, type: r === 'A' ? 'vip' : 'regular', status: 'available' });
  return out;
}

export function makeMap(seats: MapSeat[], version = 1): SeatMap {
  return {
    show: { id: 'show_1', movieId: 'mv_1', hallId: 'hall_1', startsAt: '2030-01-01T19:00:00.000Z', endsAt: '2030-01-01T21:43:00.000Z', basePrice: 1000, format: '2D', status: 'scheduled' },
    hall: { id: 'hall_1', name: 'Hall 1', theaterId: 'th_1', capacity: seats.length, rows: [...new Set(seats.map((s) => s.row))] },
    version,
    seats,
    myHold: null,
  };
}

/** The same show as seats.claims answers it: the layout (unless the caller has it) and the claims. */
export function makeClaims(seats: MapSeat[], version = 1, input?: ChannelInput<'seats.claims'>, layoutVersion = 1): SeatClaims {
  const { seats: _seats, hall, ...rest } = makeMap(seats, version);
  const current = input?.layout?.hallId === hall.id && input.layout.version === layoutVersion;
  return {
    ...rest,
    hall: { ...hall, layoutVersion },
    ...(current
      ? {}
      : { layout: seats.map((s) => ({ id: s.id, label: s.label, row: s.row, number: s.number, column: s.column, width: s.width, type: s.type, blocked: s.status === 'blocked' && !s.blockReason })) }),
    sold: seats.filter((s) => s.status === 'sold').map((s) => s.id),
    held: seats.filter((s) => s.status === 'held').map((s) => s.id),
    blocked: seats.filter((s) => s.status === 'blocked' && s.blockReason).map((s) => ({ id: s.id, reason: s.blockReason! })),
  };
}
