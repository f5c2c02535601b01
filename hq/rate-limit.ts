// A token bucket per API key: each delivery takes a token, tokens come back at a steady rate up to the burst. It bounds
// what one key (a stolen one included) can make HQ read, verify and keep. Invariant: memory stays bounded (buckets
// that have refilled completely are forgotten); the clock is injected and monotonic.

export interface RateLimit {
  /** Deliveries a key may make at once (a register back online after days sends its queue). */
  readonly burst: number;
  /** Tokens returned per second. */
  readonly perSecond: number;
}

/** Generous for a register (one session per close, a backlog drains at `perSecond`), tight for a flood. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 5 };

export class KeyRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: 0 when allowed, else the whole seconds until a token is back (for Retry-After). */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    const tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      return Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    if (this.buckets.size > 10_000) this.forgetFull(t);
    return 0;
  }

  private forgetFull(t: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
