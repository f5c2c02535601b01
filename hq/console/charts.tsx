// Small charts drawn as inline SVG (no chart library: a few bars keep the console's JS small). Values are minor units
// or counts; labels are formatted by the caller. Each chart carries a text equivalent (role="img" + aria-label, and
// every bar a <title>), so it reads without sight.

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** What a bar says when pointed at or read aloud. */
  readonly title: string;
}

/** Vertical bars in order (hours of the day, dates): heights relative to the largest |value|; negatives drawn red. */
export function Columns({ bars, label, testId }: { readonly bars: readonly Bar[]; readonly label: string; readonly testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  const w = 24;
  const h = 140;
  return (
    <svg className="chart" viewBox={`0 0 ${bars.length * w + 8} ${h + 20}`} role="img" aria-label={label} data-testid={testId}>
      {bars.map((b, i) => {
        const bh = Math.round((Math.abs(b.value) / max) * h);
        return (
          <g key={i}>
            <rect x={4 + i * w + 3} y={h - bh} width={w - 6} height={Math.max(bh, b.value === 0 ? 0 : 1)} className={b.value < 0 ? 'bar bar-neg' : 'bar'}>
              <title>{b.title}</title>
            </rect>
            <text x={4 + i * w + w / 2} y={h + 14} className="chart-label" textAnchor="middle">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars with their labels and values (tender mix, branches, cashiers). */
export function Rows({ bars, label, testId, valueText }: { readonly bars: readonly Bar[]; readonly label: string; readonly testId?: string; readonly valueText: (v: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  return (
    <div className="hbars" role="img" aria-label={label} data-testid={testId}>
      {bars.map((b, i) => (
        <div key={i} className="hbar" title={b.title}>
          <span className="hbar-label">{b.label}</span>
          <span className="hbar-track">
            <span className={b.value < 0 ? 'hbar-fill bar-neg' : 'hbar-fill'} style={{ width: `${(Math.abs(b.value) / max) * 100}%` }} />
          </span>
          <span className="hbar-value num">{valueText(b.value)}</span>
        </div>
      ))}
    </div>
  );
}
