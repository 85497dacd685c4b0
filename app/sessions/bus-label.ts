/**
 * How a bus is named on screen: a bare number or code ("1", "A2") reads through the language's
 * pattern ("1 号车", "Bus 1", "1号車"); a label an organizer wrote in words ("1号车", "VIP bus")
 * is shown as written, never "1号车 号车".
 */
export function isBareBusLabel(label: string): boolean {
  return /^[0-9A-Za-z]{1,4}$/.test(label.trim())
}
