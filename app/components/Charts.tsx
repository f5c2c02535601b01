// Hand-made SVG charts (no chart library): horizontal bars for the tender mix, columns for sales by hour.
// Both scale to their container's width and print in black and white.

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
  /** Written above a column (ColumnChart), when the column is not empty. */
  readonly top?: string;
  /** A second figure of the same column drawn inside it in red on the same scale (refunds against sales). */
  readonly sub?: number;
}

const COLORS = ['#0f766e', '#f59e0b', '#2563eb', '#9333ea', '#dc2626', '#0891b2', '#65a30d', '#c2410c', '#475569'];

export function HBarChart({ bars, testid, empty }: { readonly bars: readonly Bar[]; readonly testid: string; readonly empty: string }) {
  const shown = bars.filter((b) => b.value > 0);
  if (shown.length === 0) return <p className="muted chart-empty" data-testid={testid}>{empty}</p>;
  const total = shown.reduce((s, b) => s + b.value, 0);
  const max = Math.max(...shown.map((b) => b.value));
  const rowH = 30;
  const labelW = 130;
  const textW = 150;
  const width = 600;
  const barW = width - labelW - textW;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${shown.length * rowH + 4}`} role="img" data-testid={testid} preserveAspectRatio="xMinYMin meet">
      {shown.map((b, i) => {
        const w = Math.max(2, Math.round((b.value / max) * barW));
        const pct = Math.round((b.value / total) * 1000) / 10;
        const y = i * rowH + 4;
        return (
          <g key={b.label} data-label={b.label} data-value={b.value}>
            <text x={0} y={y + 16} className="chart-label">
              {b.label}
            </text>
            <rect x={labelW} y={y} width={w} height={rowH - 10} rx={4} fill={COLORS[i % COLORS.length]} />
            <text x={labelW + w + 8} y={y + 16} className="chart-value">
              {b.text} · {pct}%
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ColumnChart({ bars, testid, empty }: { readonly bars: readonly Bar[]; readonly testid: string; readonly empty: string }) {
  if (bars.length === 0 || bars.every((b) => b.value === 0)) return <p className="muted chart-empty" data-testid={testid}>{empty}</p>;
  const max = Math.max(...bars.map((b) => Math.max(b.value, b.sub ?? 0)));
  const width = 600;
  const height = 180;
  const base = height - 22;
  const step = width / bars.length;
  const w = Math.max(4, step - 6);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" data-testid={testid} preserveAspectRatio="xMinYMin meet">
      <line x1={0} x2={width} y1={base} y2={base} stroke="#cbd5e1" />
      {bars.map((b, i) => {
        const h = max === 0 ? 0 : Math.round((b.value / max) * (base - 26));
        const x = i * step + (step - w) / 2;
        return (
          <g key={b.label} data-label={b.label} data-value={b.value}>
            <title>{`${b.label}: ${b.text}`}</title>
            <rect x={x} y={base - h} width={w} height={h} rx={3} fill="#0f766e" />
            {b.sub !== undefined && b.sub > 0 && max > 0 && (
              <rect x={x + w * 0.55} y={base - Math.max(2, Math.round((b.sub / max) * (base - 26)))} width={w * 0.35} height={Math.max(2, Math.round((b.sub / max) * (base - 26)))} rx={2} fill="#dc2626" className="chart-sub" />
            )}
            {b.top !== undefined && b.value > 0 && (
              <text x={x + w / 2} y={base - h - 5} textAnchor="middle" className="chart-top">
                {b.top}
              </text>
            )}
            <text x={x + w / 2} y={height - 6} textAnchor="middle" className="chart-axis">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
