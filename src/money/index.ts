export * from './currencies';
export * from './money';
export * from './ceilings';
export * from './rounding';
export * from './quick-cash';
