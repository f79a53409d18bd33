import { isRealDate, isTimeOfDay } from '../rules/dates';
import { REFERENCE_PATTERN } from '../rules/reference';

/*
 * The visit pass's QR code: what the server signs and what the gate's tablet checks offline.
 * Pure (WebCrypto only), so the server, the visitor's phone and the staff tablet share it.
 *
 * The code is one line of text: `BAPV1|requestId|reference|prisonId|date|start|signature`.
 * The signature is ECDSA P-256 with SHA-256 over the UTF-8 bytes of everything before the last
 * `|`, in WebCrypto's raw form (r ‖ s, 64 bytes), base64url. Each prison has its own key pair;
 * the tablet has the prison's public key (a JWK) from the day's list.
 */

export const PASS_VERSION = 'BAPV1';
export const PASS_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const PASS_SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** What the pass says: the visit it is for. */
export interface PassClaims {
	requestId: string;
	reference: string;
	prisonId: string;
	date: string;
	start: string;
}

export interface DecodedPass {
	claims: PassClaims;
	/** Exactly the bytes that were signed. */
	message: string;
	signature: Uint8Array;
}

/** A public key as the tablet keeps it (the JWK fields of a P-256 key). */
export interface PassPublicKey {
	kty: 'EC';
	crv: 'P-256';
	x: string;
	y: string;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;
/** 64 bytes in unpadded base64url. */
const SIGNATURE_LENGTH = 86;

export function passMessage(claims: PassClaims): string {
	return [PASS_VERSION, claims.requestId, claims.reference, claims.prisonId, claims.date, claims.start].join('|');
}

export function encodePass(claims: PassClaims, signature: Uint8Array): string {
	return `${passMessage(claims)}|${toBase64Url(signature)}`;
}

/** Reads a scanned code; null for anything that is not a well-formed pass (a shop's QR, a URL, noise). */
export function decodePass(text: string): DecodedPass | null {
	if (typeof text !== 'string' || text.length > 400) return null;
	const parts = text.trim().split('|');
	if (parts.length !== 7) return null;
	const [version, requestId, reference, prisonId, date, start, signature] = parts as [
		string,
		string,
		string,
		string,
		string,
		string,
		string
	];
	if (version !== PASS_VERSION) return null;
	if (!UUID_PATTERN.test(requestId) || !UUID_PATTERN.test(prisonId)) return null;
	if (!REFERENCE_PATTERN.test(reference) || !isRealDate(date) || !isTimeOfDay(start)) return null;
	if (signature.length !== SIGNATURE_LENGTH || !BASE64URL_PATTERN.test(signature)) return null;
	const claims = { requestId, reference, prisonId, date, start };
	return { claims, message: passMessage(claims), signature: fromBase64Url(signature) };
}

export async function signPass(
	claims: PassClaims,
	privateKey: CryptoKey,
	subtle: SubtleCrypto = globalThis.crypto.subtle
): Promise<string> {
	const signature = await subtle.sign(PASS_SIGN_ALGORITHM, privateKey, new TextEncoder().encode(passMessage(claims)));
	return encodePass(claims, new Uint8Array(signature));
}

export function importPassPublicKey(key: PassPublicKey, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
	return subtle.importKey('jwk', { kty: key.kty, crv: key.crv, x: key.x, y: key.y, ext: true }, PASS_KEY_ALGORITHM, false, ['verify']);
}

/** True only when the prison's key signed exactly these claims. A malformed key is a failed check, not an error. */
export async function verifyPass(
	pass: DecodedPass,
	publicKey: PassPublicKey | CryptoKey,
	subtle: SubtleCrypto = globalThis.crypto.subtle
): Promise<boolean> {
	try {
		const key = isCryptoKey(publicKey) ? publicKey : await importPassPublicKey(publicKey, subtle);
		return await subtle.verify(PASS_SIGN_ALGORITHM, key, toArrayBuffer(pass.signature), new TextEncoder().encode(pass.message));
	} catch {
		return false;
	}
}

function isCryptoKey(key: PassPublicKey | CryptoKey): key is CryptoKey {
	return typeof (key as CryptoKey).algorithm === 'object' && typeof (key as CryptoKey).usages === 'object';
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
	const copy = new Uint8Array(bytes.byteLength);
	copy.set(bytes);
	return copy.buffer;
}

export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
	const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	const binary = atob(base64);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
