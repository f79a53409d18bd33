import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters. Used for session tokens (devices make their own). */
export function randomToken(): string {
	return randomBytes(32).toString('base64url');
}

/** sha256 hex: what the database stores instead of a token or device secret. */
export function sha256Hex(value: string): string {
	return createHash('sha256').update(value, 'utf8').digest('hex');
}
