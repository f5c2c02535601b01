export * from './open';
export * as schema from './schema';
export * from './repos/sessions';
export * from './repos/counters';
export * from './repos/prepared';
export * from './repos/products';
export * from './repos/sales';
export * from './repos/settings';
export * from './repos/outbox';
export * from './errors';
export * from './repos/agents';
export * from './repos/registers';
export * from './repos/users';
// Repositories of users, registers, products, grants, outbox, settings, idempotency and sign-in tokens.
export * from './repos/idempotency';
export * from './repos/tokens';
export * from './repos/grants';
