import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** Sign-ins. Only the SHA-256 of a token is stored, so a copied database holds no usable token. */
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('auth_tokens_user').on(t.userId)],
);
