// Sign-in tokens: only their SHA-256 is stored, so a copy of the database never holds a usable token.
import { createHash, randomBytes } from 'node:crypto';

/** The stored form of a bearer token: lowercase hex SHA-256 of its text. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new bearer token: 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');
