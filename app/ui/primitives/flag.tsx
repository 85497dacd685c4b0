/**
 * A country's flag drawn as inline SVG, so it prints without an emoji font or a fetched image:
 * China and Japan drawn to their specifications (3:2), any other country a plain box with its
 * ISO 3166-1 alpha-2 code.
 */

// GB 12982: a 30 × 20 grid; the large star (radius 3) centred at (5, 5), the small ones
// (radius 1) at (10, 2), (12, 4), (12, 7), (10, 9), each with a point towards the large star's centre.
const SMALL_STARS: readonly [number, number][] = [
  [10, 2],
  [12, 4],
  [12, 7],
  [10, 9],
]

function starPoints(cx: number, cy: number, radius: number, pointing: number): string {
  const inner = radius * 0.381966
  const points: string[] = []
  for (let i = 0; i < 10; i++) {
    const angle = pointing + (i * Math.PI) / 5
    const r = i % 2 === 0 ? radius : inner
    points.push(`${(cx + r * Math.cos(angle)).toFixed(3)},${(cy + r * Math.sin(angle)).toFixed(3)}`)
  }
  return points.join(' ')
}

function China() {
  return (
    <>
      <rect width="30" height="20" fill="#ee1c25" />
      <polygon points={starPoints(5, 5, 3, -Math.PI / 2)} fill="#ffff00" />
      {SMALL_STARS.map(([x, y]) => (
        <polygon key={`${x}-${y}`} points={starPoints(x, y, 1, Math.atan2(5 - y, 5 - x))} fill="#ffff00" />
      ))}
    </>
  )
}

function Japan() {
  // The disc's diameter is three fifths of the height, centred.
  return (
    <>
      <rect width="30" height="20" fill="#ffffff" />
      <circle cx="15" cy="10" r="6" fill="#bc002d" />
    </>
  )
}

function CodeBox({ code }: { code: string }) {
  return (
    <>
      <rect width="30" height="20" fill="#ffffff" />
      <text
        x="15"
        y="10"
        textAnchor="middle"
        dominantBaseline="central"
        fontSize="9"
        fontWeight="700"
        fontFamily="sans-serif"
        fill="#000000"
      >
        {code}
      </text>
    </>
  )
}

/** The flag of `country` (ISO-2, any case); `label` names it for screen readers (default: the code). */
export function Flag({ country, label, className }: { country: string; label?: string; className?: string }) {
  const code = country.trim().toUpperCase().slice(0, 3) || '?'
  return (
    <svg
      className={['flag', className].filter(Boolean).join(' ')}
      viewBox="0 0 30 20"
      role="img"
      aria-label={label ?? code}
      data-country={code}
    >
      <title>{label ?? code}</title>
      {code === 'CN' ? <China /> : code === 'JP' ? <Japan /> : <CodeBox code={code} />}
      <rect width="30" height="20" fill="none" stroke="#000000" strokeWidth="0.4" />
    </svg>
  )
}
