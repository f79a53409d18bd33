import { createPublicKey } from 'node:crypto';
import { AUTH_SECRET_BYTES, decodeBase64Url, P256DH_BYTES } from '../../src/lib/shared/schemas-push';

/*
 * A subscription's p256dh must be a point on P-256: the shared schema checks its form (65 bytes
 * starting 0x04), and here node:crypto imports it, which fails for a point off the curve. A key
 * that does not import can never be encrypted to, so it is refused at subscribe and, if one was
 * stored before this check, the subscription is dropped at send instead of retried.
 */
export function isP256PublicKey(p256dh: string): boolean {
	const point = decodeBase64Url(p256dh);
	if (!point || point.length !== P256DH_BYTES || point[0] !== 0x04) return false;
	try {
		createPublicKey({
			key: {
				kty: 'EC',
				crv: 'P-256',
				x: Buffer.from(point.subarray(1, 33)).toString('base64url'),
				y: Buffer.from(point.subarray(33)).toString('base64url')
			},
			format: 'jwk'
		});
		return true;
	} catch {
		return false;
	}
}

export function isAuthSecret(auth: string): boolean {
	return decodeBase64Url(auth)?.length === AUTH_SECRET_BYTES;
}
