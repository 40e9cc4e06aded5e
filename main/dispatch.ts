import { channels, isChannel, type Channel } from '../shared/contract/index.js';
import { AppError, type ErrorInfo, type Result } from '../shared/errors.js';
import type { Handlers } from './handler.js';
import type { SessionService } from './session/service.js';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface Logger {
  error(message: string, err?: unknown): void;
}

/**
 * The single entry point both transports call. Validates the channel and payload with the contract's zod schema
 * before any service runs, checks the session, and turns every failure into data with a stable code. It never throws.
 */
export function createDispatch(handlers: Handlers, session: SessionService, log: Logger): Dispatch {
  return async (channel, payload) => {
    try {
      if (!isChannel(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `There is no channel called ${describe(channel)}.` });
      }
      const def = channels[channel];
      const parsed = def.request.safeParse(payload ?? {});
      if (!parsed.success) {
        return fail({
          code: 'INVALID_INPUT',
          message: parsed.error.issues
            .slice(0, 3)
            .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
            .join('; '),
          details: { issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })) },
        });
      }
      if (def.auth === 'session') session.require();
      const handler = handlers[channel as Channel] as (req: unknown) => unknown;
      const data = await handler(parsed.data);
      return { ok: true, data };
    } catch (err) {
      if (err instanceof AppError) return fail(err.toInfo());
      log.error(`dispatch ${describe(channel)} failed`, err);
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside Bourse. Nothing was changed.' });
    }
  };
}

function fail(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

function describe(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 64)) : typeof channel;
}
