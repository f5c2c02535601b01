// Signing in and out, and a supervisor's single-use approval (grant).
import { z } from 'zod';
import { Id, Timestamp, Pin, RoleSchema, PermissionSchema, AuthUserSchema } from '../schemas';
import type { Feature } from './define';
import { query, mutation, Text } from './define';

const Nothing = z.object({});

export const AUTH_COMMANDS = {
  'auth.login': query({
    input: { username: Text(60), pin: Pin },
    output: z.object({ token: z.string(), user: AuthUserSchema }),
    auth: false,
    permission: null,
    summary: 'Sign in with username and PIN. Five wrong PINs lock the user for five minutes.',
  }),
  'auth.logout': query({ input: {}, output: Nothing, auth: true, permission: null, summary: 'End this sign-in.' }),
  'auth.me': query({
    input: {},
    output: z.object({ user: AuthUserSchema }),
    auth: true,
    permission: null,
    summary: 'The signed-in user.',
  }),
  'auth.users': query({
    input: {},
    output: z.object({ users: z.array(z.object({ username: z.string(), name: z.string(), role: RoleSchema })) }),
    auth: false,
    permission: null,
    summary: 'Active users for the sign-in screen (no secrets).',
  }),
  'auth.verifySupervisor': mutation({
    input: { pin: Pin, permission: PermissionSchema, username: Text(60).optional() },
    output: z.object({ grantId: Id, supervisor: z.object({ id: Id, name: z.string() }), expiresAt: Timestamp }),
    auth: true,
    permission: null,
    summary:
      'A single-use grant of `permission`, valid 2 minutes, from the user whose PIN is given. Only the signed-in user who asked may use it, and never to approve their own action.',
  }),
} as const satisfies Feature<'auth'>;
