import type { z } from 'zod';
import type { Channel, Channels, Response } from '../shared/contract/index.js';

/** What a domain answers on one channel; dispatch has already validated the request and the session. */
export type Handler<C extends Channel> = (req: z.infer<Channels[C]['request']>) => Promise<Response<C>> | Response<C>;

/** One handler per channel of the contract. */
export type Handlers = { [C in Channel]: Handler<C> };

/** A domain's share of the channels (its own `handlers.ts`). */
export type HandlerSlice<K extends Channel> = { [C in K]: Handler<C> };
