/*
 * Addresses as staff and families see them in a message's record: enough to recognise, never
 * enough to use. Records store only this form (deliveries.to_masked); the address itself is read
 * from the request when sending and never stored twice or logged.
 */

const HIDDEN = '••••';

/** `07700 900789` → `•••• 789`. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	return `${HIDDEN} ${digits.slice(-3)}`;
}

/** `jane@example.org` → `j•••@example.org`. */
export function maskEmail(address: string): string {
	const at = address.lastIndexOf('@');
	if (at <= 0) return HIDDEN;
	return `${address.slice(0, 1)}•••${address.slice(at)}`;
}
