import { z } from 'zod';
import { Empty } from './common.js';

export const Username = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@ -]+$/u, 'letters, digits, spaces and . _ @ -')
  .refine((s) => s.trim() === s, 'no leading or trailing spaces');
export const Password = z.string().min(8, 'at least 8 characters').max(256);

export const ProfileSummary = z.object({ id: z.string(), username: z.string(), createdAt: z.string() });
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const SessionState = z.object({
  profile: ProfileSummary.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number(),
});
export type SessionState = z.infer<typeof SessionState>;

export const profileChannels = {
  'profile:list': { auth: 'none', request: Empty, response: z.array(ProfileSummary) },
  'profile:create': {
    auth: 'none',
    request: z.strictObject({ username: Username, password: Password }),
    response: SessionState,
  },
  'profile:login': {
    auth: 'none',
    request: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    response: SessionState,
  },
  'profile:logout': { auth: 'none', request: Empty, response: SessionState },
  'session:get': { auth: 'none', request: Empty, response: SessionState },
  'session:touch': { auth: 'session', request: Empty, response: SessionState },
  'session:lock': { auth: 'none', request: Empty, response: SessionState },
  /** Re-keys the profile's encrypted database under the new password (docs/design.md#encryption-at-rest). */
  'profile:change-password': {
    auth: 'session',
    request: z.strictObject({ current: z.string().min(1).max(256), next: Password }),
    response: SessionState,
  },
  'session:unlock': {
    auth: 'none',
    request: z.strictObject({ password: z.string().min(1).max(256) }),
    response: SessionState,
  },
} as const;
