import { z } from 'zod';
import { Empty } from './common.js';

export const SampleCreated = z.object({ activities: z.number().int(), instruments: z.array(z.string()) });
export const SampleDeleted = z.object({ activities: z.number().int() });

/**
 * The sample profile: a few years of made-up activity written into a profile that has none, marked as a sample on
 * every page (`settings.sample`), and deleted again in one step.
 */
export const sampleChannels = {
  'sample:create': { auth: 'session', request: Empty, response: SampleCreated },
  'sample:delete': { auth: 'session', request: Empty, response: SampleDeleted },
} as const;
