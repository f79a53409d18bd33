import { describe, expect, it } from 'vitest';
import { contactChannels } from '../../../server/messages/notices';
import { maskEmail, maskPhone } from '../../../server/messages/mask';
import { classifyNotifyError } from '../../../server/messages/gov-notify';
import { callbackTokenMatches } from '../../../server/messages/record';
import { defaultChannels } from '../../../src/lib/client/message-channels';
import { VisitRequestInput } from '../../../src/lib/shared/schemas';

describe('addresses as a record shows them', () => {
	it('keep the last three digits of a number and the first letter and domain of an email', () => {
		expect(maskPhone('07700 900789')).toBe('•••• 789');
		expect(maskPhone('+447700900789')).toBe('•••• 789');
		expect(maskEmail('jane@example.org')).toBe('j•••@example.org');
		expect(maskEmail('not-an-address')).toBe('••••');
	});
});

describe("Notify's answers", () => {
	const answer = (status: number, errors?: { error: string; message: string }[]) => ({
		response: { status, data: errors ? { errors, status_code: status } : undefined, headers: {} }
	});
	it('400 and 403 are not retried, and the reason is Notify’s error', () => {
		expect(classifyNotifyError(answer(400, [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }]))).toEqual({
			permanent: true,
			reason: 'notify 400: ValidationError phone_number Not a UK mobile number'
		});
		expect(classifyNotifyError(answer(403, [{ error: 'AuthError', message: 'Invalid token' }])).permanent).toBe(true);
	});
	it('429, 5xx and no answer at all are retried', () => {
		expect(classifyNotifyError(answer(429, [{ error: 'RateLimitError', message: 'Exceeded rate limit' }])).permanent).toBe(false);
		expect(classifyNotifyError(answer(500)).permanent).toBe(false);
		expect(classifyNotifyError(answer(503)).permanent).toBe(false);
		expect(classifyNotifyError({ code: 'ECONNREFUSED' })).toEqual({ permanent: false, reason: 'notify ECONNREFUSED' });
	});
});

describe('the channels a family is told on', () => {
	const lead = { email: 'jane@example.org', phone: '07700900789' };
	it('follow their choice, the service and the addresses they gave', () => {
		const all = { email: true, sms: true };
		expect(contactChannels(all, null, lead)).toEqual({ email: true, sms: true });
		expect(contactChannels(all, new Set(['sms'] as const), lead)).toEqual({ email: false, sms: true });
		expect(contactChannels({ email: true, sms: false }, new Set(['sms', 'email'] as const), lead)).toEqual({ email: true, sms: false });
		expect(contactChannels(all, null, { email: null, phone: '01632960001' })).toEqual({ email: false, sms: false });
	});
	it('on the check page default to what was offered and has an address', () => {
		expect(defaultChannels(['push', 'email', 'sms'], { email: '', phone: '07700 900789' })).toEqual(['push', 'sms']);
		expect(defaultChannels([], { email: 'a@b.c', phone: '' })).toEqual([]);
	});
	it('texts need a UK mobile and email an address, named by field', () => {
		const body = {
			id: '2b03a38e-ab82-4d2f-a863-40446be55e30',
			prisonId: '5486a1d9-2164-4585-8f6e-a6ae0d3e21e5',
			prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
			visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', phone: '01632 960 001' }],
			slots: [{ date: '2027-01-09', start: '14:00' }],
			channels: ['sms', 'email']
		};
		const result = VisitRequestInput.safeParse(body);
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['visitors.0.email', 'visitors.0.phone']);
		expect(VisitRequestInput.safeParse({ ...body, channels: ['push'] }).success).toBe(true);
	});
});

describe('the receipt callback token', () => {
	it('matches only the configured token, and nothing when none is configured', () => {
		expect(callbackTokenMatches('a-long-secret-token', 'a-long-secret-token')).toBe(true);
		expect(callbackTokenMatches('a-long-secret-token', 'a-long-secret-tokeN')).toBe(false);
		expect(callbackTokenMatches('a-long-secret-token', undefined)).toBe(false);
		expect(callbackTokenMatches(undefined, 'anything')).toBe(false);
	});
});
