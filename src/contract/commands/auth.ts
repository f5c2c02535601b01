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
    summary:
      'Sign in with username and PIN. Every PIN check on this machine passes a rate limit (PIN_RATE_LIMITED). With nobody signed in, wrong PINs count against the named user: three in a minute make her next sign-in wait the minute, fifteen in thirty minutes lock her sign-in for fifteen. Sent with a token (the lock screen), they count against that signed-in requester instead.',
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
    input: { username: Text(60), pin: Pin, permission: PermissionSchema },
    output: z.object({ grantId: Id, supervisor: z.object({ id: Id, username: z.string(), name: z.string() }), expiresAt: Timestamp }),
    auth: true,
    permission: null,
    summary:
      'A single-use grant of `permission`, valid 2 minutes, from the approver named by `username` (chosen before the PIN, so a PIN two users share never approves as the other). Only the signed-in user who asked may use it, and never to approve their own action. A user who may not approve it: NOT_PERMITTED_TO_APPROVE, before any PIN is checked. Wrong PINs count against the requester (five in five minutes lock her out of every approval) and against the approver (ten in fifteen minutes, from anyone, stop her approving; never her sign-in).',
  }),
} as const satisfies Feature<'auth'>;
