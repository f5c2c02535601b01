export * from './currencies';
export * from './money';
export * from './quick-cash';
