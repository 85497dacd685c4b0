/** Seats and capacity, pure. A capacity of null means unlimited. */

export type CapacityChange = { ok: true } | { ok: false; reason: 'below_taken'; taken: number }

/** A capacity may not drop below the seats already taken. */
export function checkCapacityChange(newCapacity: number | null, taken: number): CapacityChange {
  if (newCapacity === null || newCapacity >= taken) return { ok: true }
  return { ok: false, reason: 'below_taken', taken }
}

/**
 * A site visit's capacity with its buses: the seats they carry when no capacity is given, and
 * refused when the capacity is more than they carry (nobody rides on the roof).
 */
export function visitCapacity(
  capacity: number | null,
  buses: readonly { seats: number }[],
): { ok: true; capacity: number | null } | { ok: false; reason: 'over_bus_seats'; seats: number } {
  const seats = busSeats(buses)
  if (seats === null) return { ok: true, capacity }
  if (capacity !== null && capacity > seats) return { ok: false, reason: 'over_bus_seats', seats }
  return { ok: true, capacity: capacity ?? seats }
}

/** Seats the buses of a site visit carry, or null when it has none. */
export function busSeats(buses: readonly { seats: number }[]): number | null {
  return buses.length === 0 ? null : buses.reduce((sum, bus) => sum + bus.seats, 0)
}
