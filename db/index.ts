export * from './open';
export * as schema from './schema';
export * from './repos/sessions';
export * from './repos/counters';
export * from './repos/prepared';
export * from './repos/catalog';
export * from './repos/sales';
