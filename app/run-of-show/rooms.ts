/** A room is named by its sessions' room fields; its key is the first name given, folded. */
export function roomKey(room: { room_zh: string; room_en: string; room_ja: string }): string | null {
  const name = [room.room_zh, room.room_en, room.room_ja].find((n) => n.trim() !== '')
  return name ? name.normalize('NFKC').toLowerCase().replace(/\s+/g, '') : null
}
