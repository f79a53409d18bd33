/*
 * A small RFC 5545 (iCalendar) writer for "Add to calendar": made on the device, so it works
 * offline. Times are written in UTC (the 'Z' form), converted from the prison's local time by
 * the caller, so no VTIMEZONE block is needed and every calendar app reads them the same way.
 */

export interface IcsEvent {
	uid: string;
	start: Date;
	end: Date;
	/** When the file was made (DTSTAMP). */
	stamp: Date;
	summary: string;
	location?: string;
	description?: string;
	/**
	 * SEQUENCE (§3.8.7.4): how many times the event was revised. A visit that moves or is cancelled
	 * keeps its UID and gets a higher SEQUENCE, so a calendar app replaces the entry it holds.
	 */
	sequence?: number;
	/** STATUS (§3.8.1.11): a cancelled visit's event says so. */
	status?: 'CONFIRMED' | 'CANCELLED';
}

export interface IcsOptions {
	productId?: string;
	/** METHOD (RFC 5546): PUBLISH for a booked visit, CANCEL for one that was cancelled. */
	method?: 'PUBLISH' | 'CANCEL';
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** 20261128T140000Z */
export function icsDateTime(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped; line breaks as \n. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line into lines of at most 75 octets of UTF-8 (§3.1): each continuation starts
 * with one space. A character is never split across lines.
 */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// Continuation lines begin with a space, which counts towards their 75 octets.
		const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join(`${CRLF} `);
}

export function icsCalendar(events: readonly IcsEvent[], options: IcsOptions = {}): string {
	const { productId = '-//Book a prison visit//EN', method = 'PUBLISH' } = options;
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${productId}`, 'CALSCALE:GREGORIAN', `METHOD:${method}`];
	for (const event of events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${escapeText(event.uid)}`,
			`DTSTAMP:${icsDateTime(event.stamp)}`,
			`DTSTART:${icsDateTime(event.start)}`,
			`DTEND:${icsDateTime(event.end)}`,
			`SUMMARY:${escapeText(event.summary)}`
		);
		if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`);
		if (event.status) lines.push(`STATUS:${event.status}`);
		if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
		if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join(CRLF) + CRLF;
}
