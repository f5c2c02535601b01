// The users of the store and their roles.
import { z } from 'zod';
import { Id, Pin, RoleSchema, UserSchema } from '../schemas';
import type { Feature } from './define';
import { query, mutation, Name } from './define';

export const USERS_COMMANDS = {
  'users.create': mutation({
    input: { username: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/), name: Name, role: RoleSchema, pin: Pin },
    output: z.object({ user: UserSchema }),
    auth: true,
    permission: 'users:manage',
    summary: 'Create a user. A role above your own cannot be assigned.',
  }),
  'users.list': query({
    input: {},
    output: z.object({ users: z.array(UserSchema) }),
    auth: true,
    permission: null,
    summary: 'All users.',
  }),
  'users.update': mutation({
    input: { id: Id, name: Name.optional(), role: RoleSchema.optional(), pin: Pin.optional(), active: z.boolean().optional() },
    output: z.object({ user: UserSchema }),
    auth: true,
    permission: 'users:manage',
    summary: 'Change name, role, PIN (clears a lock-out) or active flag.',
  }),
} as const satisfies Feature<'users'>;
