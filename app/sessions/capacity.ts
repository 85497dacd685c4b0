/** Seats and capacity, pure. A capacity of null means unlimited. */

export type CapacityChange = { ok: true } | { ok: false; reason: 'below_taken'; taken: number }

/** A capacity may not drop below the seats already taken. */
export function checkCapacityChange(newCapacity: number | null, taken: number): CapacityChange {
  if (newCapacity === null || newCapacity >= taken) return { ok: true }
  return { ok: false, reason: 'below_taken', taken }
}

/** Seats the buses of a site visit carry, or null when it has none. */
export function busSeats(buses: readonly { seats: number }[]): number | null {
  return buses.length === 0 ? null : buses.reduce((sum, bus) => sum + bus.seats, 0)
}
