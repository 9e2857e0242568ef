// The host's push-event fan-out over Server-Sent Events. Each engine event is JSON-encoded once;
// the frames of one tick are written to each stream in one write. A stream may watch some shows
// only (GET /api/events?show=<id>&show=<id>): then it gets seats.changed for those shows and every
// other event; without a filter it gets everything (v1 behaviour). A stream whose client does not
// read (its unsent backlog passes a cap) is closed: the browser reconnects and reloads what it
// missed, and the host's memory stays bounded.
import type { ServerResponse } from 'node:http';
import type { AnyEvent } from '../../shared/contract';
import type { CallerSession, Logger } from '../engine/context';

/** Unsent bytes a stream may queue before it is cut (a few hundred seat-map events). */
export const MAX_STREAM_BACKLOG = 256 * 1024;
/** Shows one stream may name in its filter. */
export const MAX_WATCHED_SHOWS = 100;

export interface EventStream {
  res: ServerResponse;
  /** null: every show. */
  shows: ReadonlySet<string> | null;
  /** Who opened it (its address; a paired device), so a revocation can find its streams. */
  caller: CallerSession;
  /** Ends the stream (heartbeat timers, listeners); idempotent. */
  close(): void;
}

interface Frame {
  text: string;
  /** The show a seats.changed frame is about; null for events every stream gets. */
  showId: string | null;
}

/** The shows named by `?show=` (repeated or comma-separated), or null when none are named. */
export function watchedShows(search: URLSearchParams): Set<string> | null {
  const ids = search.getAll('show').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (ids.length === 0) return null;
  return new Set(ids.slice(0, MAX_WATCHED_SHOWS).map((id) => id.slice(0, 128)));
}

export class EventFanout {
  readonly streams = new Set<EventStream>();
  private pending: Frame[] = [];
  private scheduled = false;

  constructor(
    private readonly log: Logger,
    private readonly maxBacklog = MAX_STREAM_BACKLOG,
  ) {}

  /** Queues an engine event for every stream that watches it; written on the next tick. */
  publish(event: AnyEvent): void {
    if (this.streams.size === 0) return;
    const showId = event.name === 'seats.changed' ? event.payload.showId : null;
    this.pending.push({ text: `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`, showId });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes to one stream, cutting it when its client has fallen too far behind. */
  write(stream: EventStream, text: string): void {
    const { res } = stream;
    if (res.destroyed || res.writableEnded) return;
    res.write(text);
    if (res.writableLength > this.maxBacklog) {
      this.log.warn('event stream closed: its client is not reading', { backlog: res.writableLength });
      stream.close();
      res.destroy();
    }
  }

  private flush(): void {
    this.scheduled = false;
    const frames = this.pending;
    this.pending = [];
    if (frames.length === 0) return;
    const everything = frames.map((f) => f.text).join('');
    for (const stream of this.streams) {
      const text = stream.shows === null ? everything : frames.filter((f) => f.showId === null || stream.shows!.has(f.showId)).map((f) => f.text).join('');
      if (text) this.write(stream, text);
    }
  }
}
