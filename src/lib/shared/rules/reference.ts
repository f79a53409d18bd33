/**
 * Booking references people read out over the phone: 8 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), shown as two groups: `K7PQ-XHDW`.
 * 25^8 ≈ 1.5e11 references, so a collision is rare and the database's unique index catches it.
 */
export const REFERENCE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const REFERENCE_PATTERN = new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);

export function makeReference(randomBytes: (size: number) => Uint8Array): string {
	const alphabet = REFERENCE_ALPHABET;
	const chars: string[] = [];
	// Rejection sampling keeps every character equally likely.
	const limit = 256 - (256 % alphabet.length);
	while (chars.length < 8) {
		for (const byte of randomBytes(16)) {
			if (byte < limit && chars.length < 8) chars.push(alphabet[byte % alphabet.length] as string);
		}
	}
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** "k7pq xhdw", "K7PQXHDW" and "K7PQ-XHDW" are one reference, as typed at the gate or read out. */
export function normaliseReference(typed: string): string {
	const letters = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}
