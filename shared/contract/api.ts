// The client-side shape every transport implements: the preload's window.boxOffice, the
// browser's HTTP client and test clients. Typed from the channel and event maps.
import type { Channel, ChannelInput, ChannelOutput } from './channels';
import type { Envelope } from './errors';
import type { EventName, EventPayload } from './events';

export interface BoxOfficeApi {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}
