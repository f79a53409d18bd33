import { LIMITS } from '../../src/lib/shared/domain';

/**
 * Whether to send to an address the visitor typed: the request's own check already passed, this
 * is the last guard before SMTP (no header injection, no display-name tricks, one address only).
 */
export function isDeliverableAddress(address: string): boolean {
	if (address.length > LIMITS.emailMax || /[\s,;<>"()[\]\\]/.test(address)) return false;
	return /^[^@]+@[^@]+\.[^@]+$/.test(address);
}
