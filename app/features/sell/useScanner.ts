// The sell screen's scanner detector, one per mount (the logic is createScanner in scanner.ts, tested without a DOM).
import { useState } from 'react';
import type { Scanner } from './scanner';
import { createScanner } from './scanner';

/** A Scanner that lives as long as the component, timing keys with performance.now(). */
export function useScanner(): Scanner {
  const [scanner] = useState(() => createScanner(() => performance.now()));
  return scanner;
}
